package output

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"clustersim/sim"
)

func TestWriteCodebook(t *testing.T) {
	r := &sim.Results{Years: []int{1980}, Series: []sim.Series{
		{Name: "output_sector.steel"}, {Name: "large_firms.steel"}, {Name: "firms_sector.steel"}, {Name: "firms_private_registered"}, {Name: "entries"},
	}}
	var buf bytes.Buffer
	if err := WriteCodebook(&buf, r); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(rows[0], ","); got != CodebookHeader {
		t.Errorf("header %q, want %q", got, CodebookHeader)
	}
	want := [][]string{
		{"entries", "firms/year", "firms founded during the year"},
		{"firms_private_registered", "firms", catalogueDoc(t, "firms_private_registered")}, // has commas: quoted
		{"firms_sector.steel", "firms", familyDoc(t, "firms_sector.<sector>") + ": steel"},
		{"large_firms.steel", "firms", familyDoc(t, "large_firms.<sector>") + ": steel"},
		{"output_sector.steel", "yuan (current)", familyDoc(t, "output_sector.<sector>") + ": steel"},
	}
	if len(rows) != len(want)+1 {
		t.Fatalf("%d rows, want %d: %q", len(rows)-1, len(want), rows)
	}
	for i, w := range want {
		if strings.Join(rows[i+1], "|") != strings.Join(w, "|") {
			t.Errorf("row %d = %q, want %q", i+1, rows[i+1], w)
		}
	}
	for _, bad := range []string{"no_such_series", "firms_sector.", "large_firms."} {
		r := &sim.Results{Series: []sim.Series{{Name: bad}}}
		if err := WriteCodebook(&buf, r); err == nil || !strings.Contains(err.Error(), bad) {
			t.Errorf("%q: error = %v, want one naming the undocumented series", bad, err)
		}
	}
}

func catalogueDoc(t *testing.T, name string) string {
	t.Helper()
	return docIn(t, sim.Catalogue, name)
}

func familyDoc(t *testing.T, name string) string {
	t.Helper()
	return docIn(t, sim.Families, name)
}

func docIn(t *testing.T, docs []sim.SeriesDoc, name string) string {
	t.Helper()
	for _, d := range docs {
		if d.Name == name {
			return d.Doc
		}
	}
	t.Fatalf("%s is not documented", name)
	return ""
}
