package sim_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"clustersim/scenarios"
	"clustersim/sim"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// summaryYears and summarySeries choose what the golden summary shows: the
// calibration years and the series most of the model feeds into.
var (
	summaryYears  = []int{1982, 1985, 1986, 1995, 2004, 2006, 2010}
	summarySeries = []string{
		"firms_township", "firms_village", "firms_getihu", "firms_red_hat", "firms_private_registered",
		"firms_total", "employment", "migrants", "population", "exporters", "specialised_villages",
		"mantang_workshops_per_183", "sectors_structuring", "land_price", "businessmen_posts_share",
	}
)

// summary formats a run's key series as a small table.
func summary(r *sim.Results) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "%-28s", "series")
	for _, y := range summaryYears {
		fmt.Fprintf(&b, " %12d", y)
	}
	b.WriteByte('\n')
	for _, name := range summarySeries {
		fmt.Fprintf(&b, "%-28s", name)
		for _, y := range summaryYears {
			v, _ := r.Value(name, y)
			fmt.Fprintf(&b, " %12.6g", v)
		}
		b.WriteByte('\n')
	}
	fmt.Fprintf(&b, "households ever %d, firms ever %d, household-months %d, firm-months %d\n",
		r.Stats.HouseholdsEver, r.Stats.FirmsEver, r.Stats.HouseholdMonths, r.Stats.FirmMonths)
	return b.Bytes()
}

// TestGoldenSummary runs the baseline at scale 0.05 and compares its key
// series with testdata/summary.golden. A change of the model that moves
// them shows here; rewrite the file with go test -run GoldenSummary -update
// when the change is meant.
func TestGoldenSummary(t *testing.T) {
	got := summary(runBuiltin(t, "yongkang", 1, 0.05))
	path := filepath.Join("testdata", "summary.golden")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run GoldenSummary -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("summary differs from %s (go test -run GoldenSummary -update if the change is meant)\ngot:\n%s\nwant:\n%s", path, got, want)
	}
}

// runBuiltin runs a built-in scenario with a seed at a scale.
func runBuiltin(t *testing.T, name string, seed uint64, scale float64) *sim.Results {
	t.Helper()
	sc, err := scenarios.Builtin(name)
	if err != nil {
		t.Fatal(err)
	}
	res, err := sim.Run(&sc.Config, sim.Options{Seed: seed, Scale: scale})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestRunIsDeterministic runs the same scenario and seed twice, the second
// time on GOMAXPROCS 1, and wants identical results; a different seed must
// differ.
func TestRunIsDeterministic(t *testing.T) {
	a := runBuiltin(t, "yongkang", 7, 0.03)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	b := runBuiltin(t, "yongkang", 7, 0.03)
	if !bytes.Equal(summary(a), summary(b)) || len(a.Firms) != len(b.Firms) {
		t.Fatal("two runs with the same seed differ")
	}
	for i := range a.Firms {
		if a.Firms[i] != b.Firms[i] {
			t.Fatalf("firm snapshot %d differs: %+v vs %+v", i, a.Firms[i], b.Firms[i])
		}
	}
	c := runBuiltin(t, "yongkang", 8, 0.03)
	if bytes.Equal(summary(a), summary(c)) {
		t.Error("seeds 7 and 8 give the same results: the seed is not used")
	}
}

// TestBuiltinScenariosRun runs every built-in scenario — the baseline and
// the counterfactuals a teacher would show — at a small scale, and checks
// that each produces the county's firms and people.
func TestBuiltinScenariosRun(t *testing.T) {
	for _, name := range scenarios.List() {
		t.Run(name, func(t *testing.T) {
			res := runBuiltin(t, name, 1, 0.02)
			for _, s := range []string{"firms_total", "population", "employment"} {
				if v, ok := res.Value(s, 2006); !ok || !(v > 0) {
					t.Errorf("%s in 2006 = %v, %v; want a positive value", s, v, ok)
				}
			}
		})
	}
}
