package output

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"

	"clustersim/sim"
)

// writeFirmRuns writes results() as runs 0 and 2 with fw.
func writeFirmRuns(fw FirmsWriter) error {
	r := results()
	if err := fw.Write(r); err != nil {
		return err
	}
	r.Run = 2
	r.Firms = r.Firms[1:]
	if err := fw.Write(r); err != nil {
		return err
	}
	return fw.Close()
}

func TestFirmsCSVWithRuns(t *testing.T) {
	var buf bytes.Buffer
	if err := writeFirmRuns(NewFirmsCSV(&buf, true)); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "firms_runs.csv.golden")
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("firms of two runs differ from %s:\ngot:\n%s\nwant:\n%s", golden, buf.Bytes(), want)
	}
	// Without the run column, each run's rows are those of WriteFirms.
	var one, all bytes.Buffer
	if err := WriteFirms(&one, results()); err != nil {
		t.Fatal(err)
	}
	c := NewFirmsCSV(&all, false)
	if err := c.Write(results()); err != nil || c.Close() != nil {
		t.Fatal(err)
	}
	if one.String() != all.String() {
		t.Error("NewFirmsCSV without runs differs from WriteFirms")
	}
	// A file of no run still has its header.
	var empty bytes.Buffer
	if err := NewFirmsCSV(&empty, true).Close(); err != nil || empty.String() != FirmsRunHeader+"\n" {
		t.Errorf("empty file %q, %v; want only the header", empty.String(), err)
	}
}

// TestFirmsParquet reads the Parquet file back: the columns of firms.csv,
// with the same values, run by run; and the same rows give the same bytes.
func TestFirmsParquet(t *testing.T) {
	var a, b bytes.Buffer
	for _, buf := range []*bytes.Buffer{&a, &b} {
		if err := writeFirmRuns(NewFirmsParquet(buf, true)); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two writes of the same rows differ")
	}
	f, err := parquet.OpenFile(bytes.NewReader(a.Bytes()), int64(a.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var cols []string
	for _, c := range f.Schema().Fields() {
		cols = append(cols, c.Name())
	}
	if got := strings.Join(cols, ","); got != FirmsRunHeader {
		t.Errorf("columns %s, want %s", got, FirmsRunHeader)
	}
	if n := len(f.RowGroups()); n != 2 {
		t.Errorf("%d row groups, want one per run", n)
	}
	rows, err := parquet.Read[FirmRunRow](bytes.NewReader(a.Bytes()), int64(a.Len()))
	if err != nil {
		t.Fatal(err)
	}
	r := results()
	var want []FirmRunRow
	for _, part := range []struct {
		run   int32
		firms []sim.FirmSnapshot
	}{{0, r.Firms}, {2, r.Firms[1:]}} {
		for i := range part.firms {
			s := &part.firms[i]
			form, product, sector, location := r.FirmNames(s)
			want = append(want, FirmRunRow{Run: part.run, FirmRow: FirmRow{int32(s.Year), s.FirmID, form, product, sector, location, s.Employees, s.OutputYuan, s.AgeYears()}})
		}
	}
	if len(rows) != len(want) {
		t.Fatalf("%d rows, want %d", len(rows), len(want))
	}
	for i := range want {
		if rows[i] != want[i] {
			t.Errorf("row %d = %+v, want %+v", i, rows[i], want[i])
		}
	}

	// Without runs: the columns of firms.csv exactly.
	var c bytes.Buffer
	fw := NewFirmsParquet(&c, false)
	if err := fw.Write(r); err != nil || fw.Close() != nil {
		t.Fatal(err)
	}
	plain, err := parquet.Read[FirmRow](bytes.NewReader(c.Bytes()), int64(c.Len()))
	if err != nil || len(plain) != len(r.Firms) || plain[1] != want[1].FirmRow {
		t.Errorf("rows without runs = %+v, %v", plain, err)
	}
	if err := NewFirmsParquet(io.Discard, false).Close(); err != nil {
		t.Errorf("a file of no run: %v", err)
	}
}
