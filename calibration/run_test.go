package calibration

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"clustersim/scenarios"
	"clustersim/sim/output"
)

// TestRunWritesOutputs runs a tiny calibration of the built-in scenario
// against the article's targets and checks every output.
func TestRunWritesOutputs(t *testing.T) {
	spec, err := ParseSpec("tiny.yaml", []byte(`scenario: yongkang
scale: 0.01
runs: 2
seed: 3
profile_points: 3
parameters:
  - {path: params.households.entry_rate, low: 0.005, high: 0.4, transform: log}
  - {name: traditional_markets, path: "ladder[0:4].market", low: 0.5, high: 2, transform: log}
  - {path: township_collective_share, low: 0.1, high: 0.6}
`))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var log bytes.Buffer
	res, err := Run(context.Background(), Options{Spec: spec, Budget: 6, OutDir: dir, Log: &log})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"trace.csv", "best.yaml", "trace.png", "trace.svg", "trace.pdf", "calibrated.yaml", "fit.csv",
		"moments.csv", "series_quantiles.csv", "profiles.csv", "identification.csv",
		"profiles/entry_rate.png", "profiles/entry_rate.svg", "profiles/traditional_markets.png",
		"profiles/township_collective_share.svg"} {
		if st, err := os.Stat(filepath.Join(dir, f)); err != nil || st.Size() == 0 {
			t.Errorf("%s: %v", f, err)
		}
	}

	trace := readCSV(t, filepath.Join(dir, "trace.csv"))
	if got := strings.Join(trace[0], ","); got != "eval,phase,loss,best_loss,entry_rate,traditional_markets,township_collective_share" {
		t.Errorf("trace header %s", got)
	}
	if len(trace) != 7 || trace[1][1] != PhaseStart || trace[2][1] != PhaseScreen {
		t.Errorf("trace: %v", trace)
	}
	// The start row holds the scenario's own values.
	base := yongkang(t)
	for j, want := range []float64{base.Params.Households.EntryRate, 1, base.TownshipCollectiveShare} {
		got, err := strconv.ParseFloat(trace[1][4+j], 64)
		if err != nil || math.Abs(got-want) > 1e-12*math.Abs(want) {
			t.Errorf("start row %v: column %d = %v; want the scenario's %v", trace[1], 4+j, got, want)
		}
	}

	// calibrated.yaml is a counterfactual of yongkang that loads back to
	// the calibrated config.
	sc, err := scenarios.Load(filepath.Join(dir, "calibrated.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if sc.Base != "yongkang" || sc.Config.Params.Households.EntryRate != res.Values[0] ||
		sc.Config.TownshipCollectiveShare != res.Values[2] {
		t.Errorf("calibrated.yaml: base %q, entry_rate %v, share %v; want %v", sc.Base,
			sc.Config.Params.Households.EntryRate, sc.Config.TownshipCollectiveShare, res.Values)
	}
	if got, want := sc.Config.Ladder[0].Market, base.Ladder[0].Market*res.Values[1]; got != want {
		t.Errorf("rung 0 market %v, want %v", got, want)
	}
	if sc.Config.Ladder[5].Market != base.Ladder[5].Market {
		t.Error("a rung outside the multiplier changed")
	}
	text, _ := os.ReadFile(filepath.Join(dir, "calibrated.yaml"))
	if strings.Contains(string(text), "imitation_weight") {
		t.Error("calibrated.yaml holds parameters that were not calibrated")
	}

	fit := readCSV(t, filepath.Join(dir, "fit.csv"))
	if got := strings.Join(fit[0], ","); got != "target,role,year,observed,low,high,simulated,within,sim_p05,sim_p95" {
		t.Errorf("fit header %s", got)
	}
	if fit[1][1] != "calibrate" {
		t.Errorf("first fit row %v: want a calibrate target", fit[1])
	}
	ids := readCSV(t, filepath.Join(dir, "identification.csv"))
	if len(ids) != 4 || ids[0][12] != "verdict" {
		t.Fatalf("identification.csv: %v", ids)
	}
	for _, r := range ids[1:] {
		if v := r[12]; v != "pinned" && v != "weak" && v != "free" {
			t.Errorf("verdict %q", v)
		}
	}
	if len(res.Identification) != 3 || len(res.Identification[0].Points) != 3 {
		t.Errorf("identification %+v", res.Identification)
	}
	if len(readCSV(t, filepath.Join(dir, "profiles.csv"))) != 1+3*(3+2) {
		t.Error("profiles.csv: want 5 rows per parameter")
	}
	for _, s := range []string{"calibrate  target", "validate  target", "within band", "identification"} {
		if !strings.Contains(log.String(), s) {
			t.Errorf("the log lacks %q", s)
		}
	}

	// Resuming a finished calibration with a larger budget continues it.
	res2, err := Run(context.Background(), Options{Spec: spec, Budget: 8, OutDir: dir, Resume: true})
	if err != nil {
		t.Fatal(err)
	}
	if res2.Evaluations != 8 || res2.Loss > res.Loss {
		t.Errorf("resumed: %d evaluations, loss %v (was %v)", res2.Evaluations, res2.Loss, res.Loss)
	}
	trace2 := readCSV(t, filepath.Join(dir, "trace.csv"))
	if len(trace2) != 9 || strings.Join(trace2[6], ",") != strings.Join(trace[6], ",") {
		t.Errorf("resumed trace does not extend the first")
	}

	// A trace of other parameters is not resumed.
	other := *spec
	other.Parameters = spec.Parameters[:2]
	var refused *RefusedError
	if _, err := Run(context.Background(), Options{Spec: &other, Budget: 8, OutDir: dir, Resume: true}); !errors.As(err, &refused) ||
		!strings.Contains(err.Error(), `"parameter township_collective_share: township_collective_share in [0.1, 0.6], logit" in the trace, "(nothing)" now`) {
		t.Errorf("err = %v; want a refusal naming the parameter dropped", err)
	}
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// TestRunRefusesALockedDir: a calibration into a directory another writer
// holds is refused, naming the holder's pid, before it writes anything.
func TestRunRefusesALockedDir(t *testing.T) {
	spec, err := DefaultSpec()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	lk, err := output.LockDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer lk.Unlock()
	_, err = Run(context.Background(), Options{Spec: spec, Budget: 1, OutDir: dir})
	var busy *output.BusyError
	if !errors.As(err, &busy) || busy.PID != os.Getpid() {
		t.Fatalf("err = %v; want a *output.BusyError naming this process", err)
	}
	if es, _ := os.ReadDir(dir); len(es) != 0 {
		t.Errorf("a refused calibration wrote %v", es)
	}
}
