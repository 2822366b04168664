package compare

import (
	"bytes"
	"context"
	"flag"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"clustersim/scenarios"
	"clustersim/sim"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/")

// results builds a run with one series "x" over 2000–2001.
func results(run int, x2000, x2001 float64) *sim.Results {
	return &sim.Results{Run: run, Years: []int{2000, 2001},
		Series: []sim.Series{{Name: "x", Values: []float64{x2000, x2001}}}}
}

func TestPair(t *testing.T) {
	base := []*sim.Results{results(0, 10, 20), results(1, 12, 22), results(2, 14, 24)}
	cf := []*sim.Results{results(0, 11, 21), results(1, 14, 20), results(2, 17, 26)}
	d := Pair("cf", base, cf)
	if len(d.Rows) != 2 {
		t.Fatalf("%d rows, want 2 (one series, two years)", len(d.Rows))
	}
	r, ok := d.Lookup("x", 2000)
	if !ok {
		t.Fatal("no row for x in 2000")
	}
	// Paired differences 1, 2, 3: the median is 2, the 5–95% range
	// 1.1 to 2.9 (type 7), and it clears zero.
	if r.BaseP50 != 12 || r.CFP50 != 14 || r.DiffP50 != 2 || r.Runs != 3 || !r.ClearsZero() {
		t.Errorf("2000: %+v; want base 12, cf 14, diff 2, 3 runs, clearing zero", r)
	}
	if r.DiffLow < 1.09 || r.DiffLow > 1.11 || r.DiffHigh < 2.89 || r.DiffHigh > 2.91 {
		t.Errorf("2000: range %g to %g, want 1.1 to 2.9", r.DiffLow, r.DiffHigh)
	}
	// Paired differences +1, −2, +2: the median +1 is not the difference
	// of the medians (21 − 22 = −1), and the range holds 0.
	r, _ = d.Lookup("x", 2001)
	if r.DiffP50 != 1 || r.CFP50-r.BaseP50 != -1 || r.ClearsZero() {
		t.Errorf("2001: %+v; want diff +1, medians 22 and 21, range holding 0", r)
	}
	if _, ok := d.Lookup("y", 2000); ok {
		t.Error("Lookup found a series that is not there")
	}
}

func TestPairIsPaired(t *testing.T) {
	// The baseline's runs spread widely, the counterfactual adds exactly 1
	// to each: the paired range is 1 to 1, though the two ensembles
	// overlap almost entirely.
	var base, cf []*sim.Results
	for i := range 10 {
		v := float64(100 * i)
		base = append(base, results(i, v, v))
		cf = append(cf, results(i, v+1, v+1))
	}
	d := Pair("cf", base, cf)
	r, _ := d.Lookup("x", 2000)
	if r.DiffLow != 1 || r.DiffHigh != 1 || !r.ClearsZero() {
		t.Errorf("paired range %g to %g, want 1 to 1", r.DiffLow, r.DiffHigh)
	}
}

func TestHuman(t *testing.T) {
	for _, c := range []struct {
		v    float64
		want string
	}{{1234567, "1,234,567"}, {-12500, "−12,500"}, {120, "120"}, {12.34, "12.3"}, {0.694, "0.694"}} {
		if got := human(c.v); got != c.want {
			t.Errorf("human(%g) = %q, want %q", c.v, got, c.want)
		}
	}
	if got := signed(-0.5); got != "−0.5" {
		t.Errorf("signed(−0.5) = %q", got)
	}
}

// TestCompareGolden runs a small comparison of the baseline with
// no_ranking on the same seeds and checks its differences.csv and
// differences.md against testdata/ (go test ./compare -update rewrites
// them). Before 1995, the ranking's first year, the two scenarios are the
// same world on the same draws, so every difference is 0.
func TestCompareGolden(t *testing.T) {
	base, cf := resolve(t, "yongkang"), resolve(t, "no_ranking")
	c, err := Run(context.Background(), &base.Config, []*sim.Config{&cf.Config}, Options{Runs: 3, Seed: 1, Scale: 0.02})
	if err != nil {
		t.Fatal(err)
	}
	d := &c.Differences[0]
	for _, r := range d.Rows {
		if r.Year < 1995 && (r.DiffLow != 0 || r.DiffHigh != 0) {
			t.Fatalf("%s %d: paired differences %g to %g before the ranking exists; want 0 (common random numbers)", r.Series, r.Year, r.DiffLow, r.DiffHigh)
		}
	}
	var csv, md bytes.Buffer
	if err := d.WriteCSV(&csv); err != nil {
		t.Fatal(err)
	}
	heads := append(StandardHeadlines, Headline{Series: "largest_firm_employees", Year: 2006, Expect: -1})
	if err := d.WriteMarkdown(&md, c, "No ranking", "What if?", heads); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.String(), "| largest_firm_employees | 2006 |") {
		t.Errorf("differences.md has no look_at row:\n%s", md.String())
	}
	golden(t, "no_ranking_differences.csv", csv.Bytes())
	golden(t, "no_ranking_differences.md", md.Bytes())
}

// resolve loads a built-in scenario.
func resolve(t *testing.T, name string) *scenarios.Scenario {
	t.Helper()
	s, err := scenarios.Resolve(name)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./compare -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test ./compare -update rewrites it after a model change)", name)
	}
}

// TestLibraryMovesWhatItSays runs every built-in counterfactual against the
// baseline on 8 common seeds (at a quarter of the county, for time) and
// checks each of its look_at rows: the 5–95% range of the paired
// differences clears zero, on the side the file says. A counterfactual
// whose look_at the model does not bear out fails here, so a lesson never
// promises what the model does not show.
func TestLibraryMovesWhatItSays(t *testing.T) {
	if testing.Short() {
		t.Skip("runs every counterfactual: not in -short")
	}
	base := resolve(t, "yongkang")
	var cfs []*scenarios.Scenario
	var cfgs []*sim.Config
	for _, name := range scenarios.List() {
		s, err := scenarios.Resolve(name)
		if err != nil {
			t.Fatal(err)
		}
		if s.Base == "" {
			continue
		}
		if len(s.Lesson.LookAt) == 0 || s.Lesson.Title == "" || s.Lesson.Question == "" || s.Lesson.Passage == "" {
			t.Errorf("%s: a counterfactual of the library needs a title, a question, a passage and look_at", name)
			continue
		}
		cfs, cfgs = append(cfs, s), append(cfgs, &s.Config)
	}
	// The baseline keeps its states at the start of the year each
	// counterfactual first changes the run in, and each continues from its
	// own (Baseline; the same runs as from the start, TestBaselineBranches).
	var years []int
	for _, cfg := range cfgs {
		if ch, changed := sim.FirstChange(&base.Config, cfg); changed {
			years = append(years, ch.Month.Year())
		}
	}
	b, err := NewBaseline(context.Background(), &base.Config, years, Options{Runs: 8, Seed: 1, Scale: 1})
	if err != nil {
		t.Fatal(err)
	}
	c := &Comparison{}
	for _, cfg := range cfgs {
		runs, err := b.Counterfactual(context.Background(), cfg, nil)
		if err != nil {
			t.Fatal(err)
		}
		c.Differences = append(c.Differences, Pair(cfg.Name, b.Runs, runs))
	}
	for i, cf := range cfs {
		d := &c.Differences[i]
		for _, la := range cf.Lesson.LookAt {
			r, ok := d.Lookup(la.Series, la.Year)
			if !ok {
				t.Errorf("%s: no %s in %d", cf.Name, la.Series, la.Year)
				continue
			}
			t.Logf("%s: %s %d %s: %+.4g (%.4g to %.4g), base %.4g", cf.Name, la.Series, la.Year, la.Direction, r.DiffP50, r.DiffLow, r.DiffHigh, r.BaseP50)
			if !r.ClearsZero() || (r.DiffP50 > 0) != (la.Sign() > 0) {
				t.Errorf("%s: %s in %d should be %s than the baseline's; the paired difference is %+.4g, range %.4g to %.4g",
					cf.Name, la.Series, la.Year, la.Direction, r.DiffP50, r.DiffLow, r.DiffHigh)
			}
		}
	}
}

// TestBranchedCompare: no_crisis compared from the baseline's state of
// 2005 gives the same paired differences as no_crisis run from the start,
// row for row; no_ranking, which changes the run in 1995, is refused from
// 2005 with the change named.
func TestBranchedCompare(t *testing.T) {
	base, cf := resolve(t, "yongkang"), resolve(t, "no_crisis")
	opt := Options{Runs: 2, Seed: 1, Scale: 0.02}
	full, err := Run(context.Background(), &base.Config, []*sim.Config{&cf.Config}, opt)
	if err != nil {
		t.Fatal(err)
	}
	opt.FromYear = 2005
	branched, err := Run(context.Background(), &base.Config, []*sim.Config{&cf.Config}, opt)
	if err != nil {
		t.Fatal(err)
	}
	var a, b bytes.Buffer
	if err := full.Differences[0].WriteCSV(&a); err != nil {
		t.Fatal(err)
	}
	if err := branched.Differences[0].WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) || a.Len() < 1000 {
		t.Errorf("differences.csv of no_crisis from 2005 (%d bytes) differs from the run from the start (%d bytes)", b.Len(), a.Len())
	}
	nr := resolve(t, "no_ranking")
	_, err = Run(context.Background(), &base.Config, []*sim.Config{&nr.Config}, opt)
	if err == nil || !strings.Contains(err.Error(), "no_ranking cannot start from yongkang's state of 2005: its event tax_ranking of 1995-01 removed changes the run in 1995-01") {
		t.Errorf("no_ranking from 2005: err = %v", err)
	}
	if err := CheckBranch(&base.Config, nil, 1978); err == nil {
		t.Error("--from-year at the scenario's first year: want it refused (there is nothing to branch from)")
	}
}

// TestBaselineBranches: a counterfactual run against a Baseline continues
// the latest checkpoint before its first change and gives the runs it
// gives from the start; one that changes nothing is the baseline.
func TestBaselineBranches(t *testing.T) {
	base := resolve(t, "yongkang")
	opt := Options{Runs: 2, Seed: 1, Scale: 0.02}
	b, err := NewBaseline(context.Background(), &base.Config, []int{2007, 1996, 1970, 1996, 2030}, opt)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(b.Years, []int{1996, 2007}) || b.Bytes == 0 {
		t.Fatalf("checkpoints %v (%d bytes), want [1996 2007]: sorted, once each, inside the run", b.Years, b.Bytes)
	}
	for _, tc := range []struct {
		name string
		from int
	}{{"no_crisis", 2007}, {"no_specialist_market", 1996}, {"no_compromise", 0}} {
		cf := resolve(t, tc.name)
		if y := b.BranchYear(&cf.Config); y != tc.from {
			t.Errorf("%s: branches from %d, want %d", tc.name, y, tc.from)
		}
		got, err := b.Counterfactual(context.Background(), &cf.Config, nil)
		if err != nil {
			t.Fatal(err)
		}
		full, err := Run(context.Background(), &base.Config, []*sim.Config{&cf.Config}, opt)
		if err != nil {
			t.Fatal(err)
		}
		for i, r := range full.Counterfacts[0].Runs {
			if !sameSeries(r.Series, got[i].Series) {
				t.Errorf("%s run %d: the branched series differ from the run from the start", tc.name, i)
			}
		}
	}
	same, err := b.Counterfactual(context.Background(), &base.Config, nil)
	if err != nil || &same[0] != &b.Runs[0] {
		t.Errorf("the baseline against itself should be its own runs (err %v)", err)
	}
}

// sameSeries compares series bit for bit (so a NaN, an empty year, equals
// itself, as reflect.DeepEqual would not have it).
func sameSeries(a, b []sim.Series) bool {
	return slices.EqualFunc(a, b, func(x, y sim.Series) bool {
		return x.Name == y.Name && slices.EqualFunc(x.Values, y.Values, func(u, v float64) bool { return math.Float64bits(u) == math.Float64bits(v) })
	})
}
