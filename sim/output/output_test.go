package output

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"clustersim/scenarios"
	"clustersim/sim"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// results is a small hand-built run: out of order where the writers must
// sort, with a NaN, extreme magnitudes and text that needs quoting.
func results() *sim.Results {
	return &sim.Results{
		Scenario: "tiny", Seed: 7, Scale: 0.5,
		Years: []int{1980, 1981, 1982},
		Series: []sim.Series{
			{Name: "firms_total", Values: []float64{10, 12.5, 1e21}},
			{Name: "employment", Values: []float64{100, math.NaN(), 123456789.0123}},
			{Name: "doors_national_share", Values: []float64{0, 1e-7, 1.0 / 3}},
		},
		Products: []sim.ProductYear{
			{Year: 1981, Product: "locks", Sector: "hardware", Producers: 3, OutputYuan: 1500.25, Price: 1.5, NationalShare: 0.01},
			{Year: 1980, Product: "scales, small", Sector: `the "scale" trade`, Producers: 2, OutputYuan: 200, Price: 1, NationalShare: 0},
			{Year: 1980, Product: "hoes", Sector: "farm_tools", Producers: 40, OutputYuan: 2e6, Price: 0.98, NationalShare: math.NaN()},
		},
		Firms: []sim.FirmSnapshot{
			{Year: 1980, FirmID: 2, Form: 0, Product: 1, Location: 1, Employees: 1, OutputYuan: 0, AgeMonths: 1},
			{Year: 1980, FirmID: 9, Form: 2, Product: 0, Location: 0, Employees: 12, OutputYuan: 20000, AgeMonths: 24},
			{Year: 1981, FirmID: 2, Form: 1, Product: 2, Location: 0, Employees: 3, OutputYuan: 1500.25, AgeMonths: 13},
		},
		FormNames:      []string{"underground", "getihu", "village"},
		ProductNames:   []string{"hoes", "scales, small", "locks"},
		ProductSectors: []string{"farm_tools", `the "scale" trade`, "hardware"},
		LocationNames:  []string{"village", " estate"},
		Stats:          sim.Stats{Households: 90, HouseholdsEver: 100, FirmsEver: 12, FirmsAlive: 9, HouseholdMonths: 3600, FirmMonths: 300},
	}
}

// config is a small config; its params are the zero values, which the
// run.json golden file leaves out (see maskParams).
func config() *sim.Config {
	return &sim.Config{
		Name: "tiny", Description: "A <small> & \"quoted\" test\nover two lines.",
		Start: sim.NewMonth(1978, 1), End: sim.NewMonth(1982, 12), ReportFrom: 1980,
		Households: 100, Collectives: 2, TownshipCollectiveShare: 0.5,
		Ladder:  []sim.Rung{{Name: "hoes", Sector: "farm_tools", Available: 1978, Complexity: 0, Products: 2, Market: 3.75e7, Growth: 0.04, Capital: 300, Tradition: 1}},
		Estates: []sim.Estate{{Name: "east", Open: sim.NewMonth(1980, 6), Capacity: 1e6}},
		Regimes: []sim.Regime{{Name: "collective", Start: sim.NewMonth(1978, 1), Governance: sim.Governance{CommuneFee: 0.05, Tolerance: 1}}},
		Events: []sim.Event{
			{Date: sim.NewMonth(1979, 3), Kind: sim.GetihuLegal, Note: "no end"},
			{Date: sim.NewMonth(1980, 1), End: sim.NewMonth(1981, 12), Kind: sim.RedHatRepression},
		},
	}
}

// info describes a run of config(), whose canonical form the caller of
// WriteRunJSON makes with scenarios.Canonical.
func info(t *testing.T) RunInfo {
	t.Helper()
	canonical, err := scenarios.Canonical(config())
	if err != nil {
		t.Fatal(err)
	}
	return RunInfo{
		Build:    Build{Version: "v1.2.3", Revision: "0123456789abcdef", Modified: true, GoVersion: "go1.26.0"},
		Scenario: "tiny", ScenarioFile: "tiny.yaml", ScenarioHash: "feedface",
		Seed: 7, Runs: 1, Scale: 0.5, Rescaled: true,
		Overrides: []Override{{"params.households.entry_rate", 0.02}, {"ladder[0:4].market", 1.5}},
		Stats:     results().Stats,
		Config:    canonical,
	}
}

// maskParams replaces the params object of run.json, whose keys belong to
// package agents and change with it, by a placeholder. TestConfigJSON
// checks the params against the canonical YAML instead.
func maskParams(t *testing.T, b []byte) []byte {
	t.Helper()
	const open, close = "\n    \"params\": {", "\n    }\n  }\n}\n"
	i := bytes.Index(b, []byte(open))
	j := bytes.LastIndex(b, []byte(close))
	if i < 0 || j < i {
		t.Fatalf("no params object at the end of the config in\n%s", b)
	}
	return append(append(b[:i:i], "\n    \"params\": \"(masked)\""...), b[j+len("\n    }"):]...)
}

func TestGolden(t *testing.T) {
	for _, tc := range []struct {
		file  string
		write func(io.Writer) error
		mask  bool
	}{
		{"series.csv", func(w io.Writer) error { return WriteSeries(w, results()) }, false},
		{"series_runs.csv", writeTwoRuns, false},
		{"products.csv", func(w io.Writer) error { return WriteProducts(w, results()) }, false},
		{"firms.csv", func(w io.Writer) error { return WriteFirms(w, results()) }, false},
		{"run.json", func(w io.Writer) error { return WriteRunJSON(w, info(t)) }, true},
	} {
		t.Run(tc.file, func(t *testing.T) {
			var buf bytes.Buffer
			if err := tc.write(&buf); err != nil {
				t.Fatal(err)
			}
			got := buf.Bytes()
			if tc.mask {
				if !json.Valid(got) {
					t.Fatalf("not valid JSON:\n%s", got)
				}
				got = maskParams(t, got)
			}
			golden := filepath.Join("testdata", tc.file+".golden")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from %s (run go test -update if the change is meant)\ngot:\n%s\nwant:\n%s", tc.file, golden, got, want)
			}
			// Writing again gives the same bytes.
			var again bytes.Buffer
			if err := tc.write(&again); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(again.Bytes(), buf.Bytes()) {
				t.Error("a second write differs from the first")
			}
		})
	}
}

// writeTwoRuns writes series_runs.csv for results() as runs 0 and 3.
func writeTwoRuns(w io.Writer) error {
	if _, err := io.WriteString(w, SeriesRunsHeader+"\n"); err != nil {
		return err
	}
	r := results()
	if err := WriteSeriesRuns(w, r); err != nil {
		return err
	}
	r.Run, r.Scenario = 3, "tiny, run 3"
	return WriteSeriesRuns(w, r)
}

func TestWriteSeriesMismatch(t *testing.T) {
	r := results()
	r.Series[1].Values = r.Series[1].Values[:2]
	if err := WriteSeries(io.Discard, r); err == nil || !strings.Contains(err.Error(), "employment") {
		t.Errorf("error = %v, want one naming the short series", err)
	}
}

func TestEmptyResults(t *testing.T) {
	for _, tc := range []struct {
		header string
		write  func(io.Writer, *sim.Results) error
	}{
		{SeriesHeader, WriteSeries},
		{ProductsHeader, WriteProducts},
		{FirmsHeader, WriteFirms},
	} {
		var buf bytes.Buffer
		if err := tc.write(&buf, &sim.Results{}); err != nil {
			t.Fatal(err)
		}
		if got := buf.String(); got != tc.header+"\n" {
			t.Errorf("got %q, want only the header %q", got, tc.header)
		}
	}
}

type failWriter struct{ n int }

func (w *failWriter) Write(p []byte) (int, error) {
	if w.n -= len(p); w.n < 0 {
		return 0, errors.New("disk full")
	}
	return len(p), nil
}

func TestWriteErrors(t *testing.T) {
	big := results()
	for i := range 20000 {
		big.Firms = append(big.Firms, sim.FirmSnapshot{Year: 1982, FirmID: int32(i), Form: 1})
	}
	for name, write := range map[string]func(io.Writer) error{
		"series":   func(w io.Writer) error { return WriteSeries(w, big) },
		"runs":     func(w io.Writer) error { return WriteSeriesRuns(w, big) },
		"products": func(w io.Writer) error { return WriteProducts(w, big) },
		"firms":    func(w io.Writer) error { return WriteFirms(w, big) },
		"run.json": func(w io.Writer) error { return WriteRunJSON(w, info(t)) },
	} {
		if err := write(&failWriter{n: 10}); err == nil {
			t.Errorf("%s: no error from a failing writer", name)
		}
	}
}

func TestRunJSONNeedsConfig(t *testing.T) {
	for _, config := range []string{"", "name: [unclosed", "a: 1\n---\nb: 2\n"} {
		in := info(t)
		in.Config = []byte(config)
		var buf bytes.Buffer
		if err := WriteRunJSON(&buf, in); err == nil || buf.Len() > 0 {
			t.Errorf("config %q: err %v, wrote %d bytes; want an error and nothing written", config, err, buf.Len())
		}
	}
	in := info(t)
	in.Overrides[1].Value = math.Inf(1)
	if err := WriteRunJSON(io.Discard, in); err == nil || !strings.Contains(err.Error(), "ladder[0:4].market") {
		t.Errorf("error = %v for an infinite override; want one naming it", err)
	}
	// Without overrides the key is there, an empty list.
	in = info(t)
	in.Overrides = nil
	var buf bytes.Buffer
	if err := WriteRunJSON(&buf, in); err != nil || !strings.Contains(buf.String(), `"overrides": [],`) {
		t.Errorf("run.json without overrides:\n%s\n%v", buf.String(), err)
	}
}

func TestNeedsQuotes(t *testing.T) {
	for s, want := range map[string]bool{
		"": false, "plain": false, "a_b.c-d": false, "a,b": true, `a"b`: true,
		"a\nb": true, "a\rb": true, " lead": true, "\tlead": true, `\.`: true, "trail ": false,
	} {
		if got := needsQuotes(s); got != want {
			t.Errorf("needsQuotes(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestConfigJSON checks that the config in run.json holds exactly the
// canonical YAML of the baseline scenario: the same keys in the same order
// and the same values.
func TestConfigJSON(t *testing.T) {
	sc, err := scenarios.Builtin("yongkang")
	if err != nil {
		t.Fatal(err)
	}
	y, err := scenarios.Canonical(&sc.Config)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := ConfigJSON(y)
	if err != nil {
		t.Fatal(err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(y, &doc); err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	compareNode(t, "config", doc.Content[0], dec)
	if _, err := dec.Token(); err != io.EOF {
		t.Errorf("trailing JSON after the config: %v", err)
	}
	for _, key := range []string{`"params":{`, `"households":`, `"ladder":[`, `"events":[`} {
		if !bytes.Contains(raw, []byte(key)) {
			t.Errorf("config JSON lacks %s", key)
		}
	}
}

// compareNode reads the JSON value of n from dec and compares them.
func compareNode(t *testing.T, path string, n *yaml.Node, dec *json.Decoder) {
	t.Helper()
	tok, err := dec.Token()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	switch n.Kind {
	case yaml.MappingNode:
		if tok != json.Delim('{') {
			t.Fatalf("%s: got %v, want an object", path, tok)
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, err := dec.Token()
			if err != nil || k != n.Content[i].Value {
				t.Fatalf("%s: key %v (%v), want %q", path, k, err, n.Content[i].Value)
			}
			compareNode(t, path+"."+n.Content[i].Value, n.Content[i+1], dec)
		}
		if tok, _ := dec.Token(); tok != json.Delim('}') {
			t.Fatalf("%s: got %v, want the end of the object", path, tok)
		}
	case yaml.SequenceNode:
		if tok != json.Delim('[') {
			t.Fatalf("%s: got %v, want an array", path, tok)
		}
		for i, c := range n.Content {
			compareNode(t, path+"["+strconv.Itoa(i)+"]", c, dec)
		}
		if tok, _ := dec.Token(); tok != json.Delim(']') {
			t.Fatalf("%s: got %v, want the end of the array", path, tok)
		}
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!str":
			if tok != n.Value {
				t.Errorf("%s: got %v, want %q", path, tok, n.Value)
			}
		case "!!bool":
			if tok != (n.Value == "true") {
				t.Errorf("%s: got %v, want %s", path, tok, n.Value)
			}
		case "!!int", "!!float":
			num, ok := tok.(json.Number)
			var want float64
			if err := n.Decode(&want); err != nil {
				t.Fatal(err)
			}
			if got, err := num.Float64(); !ok || err != nil || got != want {
				t.Errorf("%s: got %v, want %v", path, tok, want)
			}
		default:
			t.Errorf("%s: unexpected tag %s", path, n.ShortTag())
		}
	}
}

func TestCurrentBuild(t *testing.T) {
	b := CurrentBuild()
	if b.Version == "" || !strings.HasPrefix(b.GoVersion, "go") {
		t.Errorf("CurrentBuild() = %+v", b)
	}
	if s := b.String(); !strings.Contains(s, b.Version) || !strings.Contains(s, b.GoVersion) {
		t.Errorf("String() = %q", s)
	}
}

func BenchmarkWriteFirms(b *testing.B) {
	r := &sim.Results{FormNames: []string{"private"}, ProductNames: []string{"electric_tools_012"},
		ProductSectors: []string{"electric_tools"}, LocationNames: []string{"estate"}}
	for i := range 600_000 {
		r.Firms = append(r.Firms, sim.FirmSnapshot{
			Year: int16(1980 + i/20000), FirmID: int32(i % 20000), Employees: 37,
			OutputYuan: 1234567.891 * float64(i%7), AgeMonths: int32(i % 120),
		})
	}
	b.ResetTimer()
	for b.Loop() {
		if err := WriteFirms(io.Discard, r); err != nil {
			b.Fatal(err)
		}
	}
}
