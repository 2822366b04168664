package calibration

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"clustersim/seeds"
	"clustersim/sim"
	"clustersim/sim/ensemble"
)

// The twin experiment: targets made by the model itself, with known
// parameters, must be recovered by the calibrator.
//
// The scenario is the built-in Yongkang cut to end in 1990, at scale 0.1.
// Two parameters are set to known values: workshop_start_capital 1.16 and
// owner_quit_rate 0.35 (the scenario's own values are the wrong start the
// search begins from). The pseudo-targets are the ensemble means of
// thirteen counts of 1984-1990 (getihu and red-hat firms, exits and
// entries), each with a
// band of ±10%, made on the seeds the calibrator uses (4 runs; common random
// numbers), so the true point has loss 0. Made on other seeds they would
// not do: the spread of these counts between seeds is far wider than ±10%
// at such scales. The calibrator, with a budget of 100 evaluations, must
// find both parameters within twinTolerance in log space:
// |ln(found / true)| < 0.2, about ±20%.
//
// On the engine of the third calibration step (the scenario's capital
// 1.161) the errors were -0.025 (capital, to the truth 1.6) and +0.021
// (quit rate). A truth of 2.2 from 1.161 was missed (1.77, -0.22), as 2.8
// from 1.6 was before. From the fourth step (the scenario's capital 1.602,
// after kin's loans and the villages' land development) the truth is 1.16,
// the same distance in log space, downwards: the errors were +0.031
// (capital) and -0.094 (quit rate). After the product life cycles and
// learning by doing (markets without a price floor, margins that grow with
// experience), the six counts of getihu and red hats no longer told a
// lower start-up capital from a higher quit rate (found 1.05 and 0.58, a
// ridge): the exits of 1986-1990, which read the quit rate directly, were
// added, and the errors were +0.022 (capital) and -0.003 (quit rate). From
// the fifth step (the scenario's capital 1.608, entry_rate 0.039) the
// quit rate drifted again (0.45, +0.26): the entries of 1984-1988, which
// read the start-up capital directly, were added, and the errors are
// -0.019 (capital) and +0.052 (quit rate). The search starts at the scenario's
// values and the budget is small. The compromise's contact_rate and the
// encouragement_boost, tried first, are not identified by such counts at
// this scale: one village's story decides the red hats, and entry
// saturates under encouragement (errors of 1.2 and 0.2-0.24). If a change of the engine breaks this test, look at the loss
// along the parameters (the profiles of a calibration) before the search.
const (
	twinBudget    = 100
	twinTolerance = 0.2
)

var twinTruth = map[string]float64{"workshop_start_capital": 1.16, "owner_quit_rate": 0.35}

var twinMoments = []struct {
	series string
	year   int
}{
	{"firms_getihu", 1984}, {"firms_getihu", 1986}, {"firms_getihu", 1988},
	{"firms_red_hat", 1986}, {"firms_red_hat", 1988}, {"firms_red_hat", 1990},
	{"exits", 1984}, {"exits", 1986}, {"exits", 1988}, {"exits", 1990},
	{"entries", 1984}, {"entries", 1986}, {"entries", 1988},
}

const twinSpec = `scenario: yongkang
scale: 0.1
runs: 4
seed: 5
profile_points: 0
parameters:
  - {path: params.households.workshop_start_capital, low: 0.3, high: 5, transform: log}
  - {path: params.firms.owner_quit_rate, low: 0.05, high: 0.95, transform: logit}
`

// twinSetup returns the spec, the base scenario and the pseudo-targets.
func twinSetup(t *testing.T, specText string) (*Spec, *sim.Config, []seeds.Target) {
	t.Helper()
	spec, err := ParseSpec("twin.yaml", []byte(specText))
	if err != nil {
		t.Fatal(err)
	}
	base := CloneConfig(yongkang(t))
	base.End = sim.NewMonth(1990, 12)
	truth := CloneConfig(base)
	for _, p := range spec.Parameters {
		if err := p.ParsedPath().Apply(truth, twinTruth[p.Name]); err != nil {
			t.Fatal(err)
		}
	}
	e, err := ensemble.Run(context.Background(), truth, ensemble.Options{Runs: spec.Runs, Seed: spec.Seed, Scale: spec.Scale})
	if err != nil {
		t.Fatal(err)
	}
	var targets []seeds.Target
	for _, m := range twinMoments {
		v, ok := e.Mean(m.series, m.year)
		if !ok || v <= 0 {
			t.Fatalf("the model gives no positive %s in %d (%v): choose other moments", m.series, m.year, v)
		}
		targets = append(targets, seeds.Target{
			ID: fmt.Sprintf("%s_%d", m.series, m.year), Series: m.series, Year: m.year,
			Observed: v, Low: 0.9 * v, High: 1.1 * v, Role: seeds.Calibrate,
		})
	}
	// A validate target is reported, never fitted.
	targets = append(targets, seeds.Target{ID: "employment_check", Series: "employment", Year: 1990,
		Observed: 1, Low: 0, High: 2, Role: seeds.Validate})
	return spec, base, targets
}

func TestTwinExperiment(t *testing.T) {
	spec, base, targets := twinSetup(t, twinSpec)
	run := func(dir string, workers int) *Result {
		res, err := Run(context.Background(), Options{
			Spec: spec, Base: base, Targets: targets, Budget: twinBudget, OutDir: dir, Workers: workers,
		})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	dirA, dirB := t.TempDir(), t.TempDir()
	a := run(dirA, 2)
	for i, name := range a.Names {
		want := twinTruth[name]
		if d := math.Log(a.Values[i] / want); math.Abs(d) > twinTolerance {
			t.Errorf("%s = %.4g, true %.4g: off by %.2f in log space (tolerance %.2f)", name, a.Values[i], want, d, twinTolerance)
		} else {
			t.Logf("%s = %.4g, true %.4g (log error %+.3f)", name, a.Values[i], want, d)
		}
	}
	if a.Evaluations != twinBudget {
		t.Errorf("%d evaluations, budget %d", a.Evaluations, twinBudget)
	}
	t.Logf("loss %.4g at evaluation %d", a.Loss, a.BestEval)
	if len(a.Fit) != len(targets) || a.Fit[len(a.Fit)-1].Target.Role != seeds.Validate {
		t.Errorf("fit rows: %d, want %d with the validate row last", len(a.Fit), len(targets))
	}

	// Calibrating again gives the same trace, bit for bit, and so the same
	// result; with one worker as with two.
	b := run(dirB, 1)
	if !equalFiles(t, filepath.Join(dirA, "trace.csv"), filepath.Join(dirB, "trace.csv")) {
		t.Error("two calibrations with the same seed wrote different traces")
	}
	if fmt.Sprint(a.Values) != fmt.Sprint(b.Values) || a.Loss != b.Loss {
		t.Errorf("two calibrations differ: %v (%v) and %v (%v)", a.Values, a.Loss, b.Values, b.Loss)
	}
}

func equalFiles(t *testing.T, a, b string) bool {
	t.Helper()
	x, err := os.ReadFile(a)
	if err != nil {
		t.Fatal(err)
	}
	y, err := os.ReadFile(b)
	if err != nil {
		t.Fatal(err)
	}
	return bytes.Equal(x, y)
}

// cancelAfter is a log that cancels a context at the n-th evaluation line.
type cancelAfter struct {
	n      int32
	seen   atomic.Int32
	cancel context.CancelFunc
}

func (c *cancelAfter) Write(p []byte) (int, error) {
	if bytes.HasPrefix(p, []byte("eval ")) && c.seen.Add(1) == c.n {
		c.cancel()
	}
	return len(p), nil
}

// A light spec of the twin experiment for the interrupt tests: 1 run at
// scale 0.02.
var lightTwinSpec = strings.Replace(strings.Replace(twinSpec, "scale: 0.1", "scale: 0.02", 1), "runs: 4", "runs: 1", 1)

// TestInterruptAndResume interrupts a calibration in each phase and
// resumes it: the trace, the best point and the outputs are those of an
// uninterrupted calibration, byte for byte.
func TestInterruptAndResume(t *testing.T) {
	spec, base, targets := twinSetup(t, lightTwinSpec)
	const budget = 24 // screen 1-10, CMA-ES 11-22, Nelder–Mead 23-24
	opts := Options{Spec: spec, Base: base, Targets: targets, Budget: budget, Workers: 1}

	// Uninterrupted, for reference (on two workers: the trace does not
	// depend on them).
	ref := opts
	ref.OutDir, ref.Workers = t.TempDir(), 2
	want, err := Run(context.Background(), ref)
	if err != nil {
		t.Fatal(err)
	}
	if want.Evaluations != budget {
		t.Fatalf("%d evaluations, want %d", want.Evaluations, budget)
	}
	phases := map[int]string{}
	for _, r := range readCSV(t, filepath.Join(ref.OutDir, "trace.csv"))[1:] {
		n, _ := strconv.Atoi(r[0])
		phases[n] = r[1]
	}

	for _, tc := range []struct {
		stopAt int
		phase  string
	}{{4, PhaseScreen}, {14, PhaseCMAES}, {23, PhaseNM}} {
		if phases[tc.stopAt+1] != tc.phase {
			t.Fatalf("evaluation %d is in the phase %s, not %s: adjust the test to the phases", tc.stopAt+1, phases[tc.stopAt+1], tc.phase)
		}
		dir := t.TempDir()
		ctx, cancel := context.WithCancel(context.Background())
		o := opts
		o.OutDir = dir
		o.Log = &cancelAfter{n: int32(tc.stopAt), cancel: cancel}
		res, err := Run(ctx, o)
		cancel()
		if !errors.Is(err, context.Canceled) || res == nil || !res.Interrupted {
			t.Fatalf("stop at %d: err = %v, res = %+v", tc.stopAt, err, res)
		}
		if res.Evaluations != tc.stopAt {
			t.Errorf("stop at %d: %d evaluations", tc.stopAt, res.Evaluations)
		}
		for _, f := range []string{"trace.csv", "trace.yaml", "best.yaml", "calibrated.yaml", "trace.png"} {
			if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
				t.Errorf("stop at %d: %v", tc.stopAt, err)
			}
		}

		o.Log = nil
		o.Resume = true
		o.Budget = 0 // the calibration's own
		got, err := Run(context.Background(), o)
		if err != nil {
			t.Fatal(err)
		}
		if got.Evaluations != budget || got.BestEval != want.BestEval || got.Loss != want.Loss ||
			fmt.Sprint(got.X) != fmt.Sprint(want.X) {
			t.Errorf("stop at %d (%s): resumed to %d evaluations, best %v (loss %v, evaluation %d); uninterrupted %d, best %v (loss %v, evaluation %d)",
				tc.stopAt, tc.phase, got.Evaluations, got.Values, got.Loss, got.BestEval, want.Evaluations, want.Values, want.Loss, want.BestEval)
		}
		for _, f := range []string{"trace.csv", "best.yaml", "calibrated.yaml", "fit.csv", "moments.csv"} {
			if !equalFiles(t, filepath.Join(dir, f), filepath.Join(ref.OutDir, f)) {
				t.Errorf("stop at %d (%s): %s differs from the uninterrupted calibration's", tc.stopAt, tc.phase, f)
			}
		}
	}
}
