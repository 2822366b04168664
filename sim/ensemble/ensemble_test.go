package ensemble

import (
	"bytes"
	"context"
	"errors"
	"math"
	"reflect"
	"strings"
	"sync"
	"testing"

	"clustersim/scenarios"
	"clustersim/seeds"
	"clustersim/sim"
	"clustersim/sim/spread"
)

// smallConfig is the built-in Yongkang scenario cut to end in 1984, to keep
// the tests quick.
func smallConfig(t testing.TB) *sim.Config {
	t.Helper()
	sc, err := scenarios.Builtin("yongkang")
	if err != nil {
		t.Fatal(err)
	}
	cfg := sc.Config
	cfg.End = sim.NewMonth(1984, 12)
	return &cfg
}

func TestWorkersDoNotChangeResults(t *testing.T) {
	cfg := smallConfig(t)
	opt := Options{Runs: 3, Seed: 7, Scale: 0.02}
	var got [2]*Ensemble
	for i, workers := range []int{1, 2} {
		opt.Workers = workers
		e, err := Run(context.Background(), cfg, opt)
		if err != nil {
			t.Fatal(err)
		}
		got[i] = e
	}
	a, b := got[0], got[1]
	if len(a.Quantiles) == 0 {
		t.Fatal("no quantiles")
	}
	// Compare bit for bit: NaN == NaN here.
	if !reflect.DeepEqual(bitsOf(a.Quantiles), bitsOf(b.Quantiles)) {
		t.Error("quantiles differ between 1 and 2 workers")
	}
	for i := range a.Runs {
		if a.Runs[i].Run != i || b.Runs[i].Run != i {
			t.Errorf("run %d stored at the wrong index", i)
		}
		if !reflect.DeepEqual(bitsOfSeries(a.Runs[i].Series), bitsOfSeries(b.Runs[i].Series)) {
			t.Errorf("run %d: series differ between 1 and 2 workers", i)
		}
	}
	var ca, cb bytes.Buffer
	if err := a.WriteQuantilesCSV(&ca); err != nil {
		t.Fatal(err)
	}
	if err := b.WriteQuantilesCSV(&cb); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(ca.Bytes(), cb.Bytes()) {
		t.Error("series_quantiles.csv differs between 1 and 2 workers")
	}
	// Runs differ from one another: the seeds are really distinct.
	if reflect.DeepEqual(bitsOfSeries(a.Runs[0].Series), bitsOfSeries(a.Runs[1].Series)) {
		t.Error("runs 0 and 1 are identical")
	}
}

func bitsOf(qs []spread.Band) any {
	type q struct {
		S                       string
		Y                       []int
		P05, P50, P95, Min, Max []uint64
	}
	var out []q
	for _, x := range qs {
		out = append(out, q{x.Series, x.Years, bits(x.P05), bits(x.P50), bits(x.P95), bits(x.Min), bits(x.Max)})
	}
	return out
}

func bitsOfSeries(ss []sim.Series) map[string][]uint64 {
	m := map[string][]uint64{}
	for _, s := range ss {
		m[s.Name] = bits(s.Values)
	}
	return m
}

func bits(v []float64) []uint64 {
	out := make([]uint64, len(v))
	for i, x := range v {
		out[i] = math.Float64bits(x)
	}
	return out
}

// fakeRun makes a result with the series "a" (1, 2) and "x" over two years.
func fakeRun(run int, x1980, x1981 float64) *sim.Results {
	return &sim.Results{Run: run, Years: []int{1980, 1981},
		Series: []sim.Series{{Name: "a", Values: []float64{1, 2}}, {Name: "x", Values: []float64{x1980, x1981}}}}
}

func TestQuantilesHandMade(t *testing.T) {
	// 1980: the values 1..5 in scrambled run order; 1981: four values and a NaN.
	runs := []*sim.Results{
		fakeRun(0, 4, 10), fakeRun(1, 2, math.NaN()), fakeRun(2, 5, 40),
		fakeRun(3, 1, 30), fakeRun(4, 3, 20),
	}
	e := New(runs)
	if got := []string{e.Quantiles[0].Series, e.Quantiles[1].Series}; got[0] != "a" || got[1] != "x" {
		t.Fatalf("series order %v, want [a x]", got)
	}
	q, ok := e.Lookup("x")
	if !ok {
		t.Fatal("no series x")
	}
	// Type 7 on n sorted values: h = (n−1)p, interpolate x(⌊h⌋+1), x(⌊h⌋+2).
	// n = 5, values 1..5: p = 0.05 → h = 0.2 → 1.2; p = 0.5 → h = 2 → x(3)
	// = 3; p = 0.95 → h = 3.8 → 4.8. n = 4, values 10..40: p = 0.05 →
	// h = 0.15 → 11.5; p = 0.5 → h = 1.5 → 25 (the mean of the middle
	// two); p = 0.95 → h = 2.85 → 38.5.
	want := spread.Band{Series: "x", Years: []int{1980, 1981},
		P05: []float64{1.2, 11.5}, P50: []float64{3, 25}, P95: []float64{4.8, 38.5},
		Min: []float64{1, 10}, Max: []float64{5, 40}}
	for _, c := range []struct {
		name      string
		got, want []float64
	}{{"P05", q.P05, want.P05}, {"P50", q.P50, want.P50}, {"P95", q.P95, want.P95}, {"Min", q.Min, want.Min}, {"Max", q.Max, want.Max}} {
		for i := range c.want {
			if math.Abs(c.got[i]-c.want[i]) > 1e-12 {
				t.Errorf("%s[%d] = %v, want %v", c.name, i, c.got[i], c.want[i])
			}
		}
	}
	// The run values were not reordered by the summary.
	if v, _ := runs[0].Value("x", 1980); v != 4 {
		t.Error("New changed a run's values")
	}

	if v, ok := e.Value("x", 1980); !ok || v != 3 {
		t.Errorf("Value = %v, %v; want the median 3", v, ok)
	}
	if lo, hi, ok := e.Band("x", 1981); !ok || math.Abs(lo-11.5) > 1e-12 || math.Abs(hi-38.5) > 1e-12 {
		t.Errorf("Band = %v, %v, %v; want 11.5, 38.5", lo, hi, ok)
	}
	if m, ok := e.Mean("x", 1981); !ok || m != 25 {
		t.Errorf("Mean 1981 = %v, %v; want 25 (NaN left out)", m, ok)
	}
	if m, ok := e.Mean("x", 1980); !ok || m != 3 {
		t.Errorf("Mean 1980 = %v, %v; want 3", m, ok)
	}
	if _, ok := e.Value("x", 1979); ok {
		t.Error("Value of a year not simulated")
	}
	if _, ok := e.Value("nope", 1980); ok {
		t.Error("Value of an unknown series")
	}
	if _, _, ok := e.Band("nope", 1980); ok {
		t.Error("Band of an unknown series")
	}

	var buf bytes.Buffer
	if err := e.WriteQuantilesCSV(&buf); err != nil {
		t.Fatal(err)
	}
	wantCSV := "year,series,p05,p50,p95,min,max\n" +
		"1980,a,1,1,1,1,1\n" +
		"1980,x,1.2,3,4.8,1,5\n" +
		"1981,a,2,2,2,2,2\n" +
		"1981,x,11.5,25,38.5,10,40\n"
	if buf.String() != wantCSV {
		t.Errorf("quantiles CSV:\n%s\nwant:\n%s", buf.String(), wantCSV)
	}

	years, med := e.Median()
	if !reflect.DeepEqual(years, []int{1980, 1981}) || len(med) != 2 || med[1].Name != "x" ||
		!reflect.DeepEqual(med[1].Values, []float64{3, 25}) || !reflect.DeepEqual(med[0].Values, []float64{1, 2}) {
		t.Errorf("Median = %v, %+v; want the medians of a and x", years, med)
	}
}

func TestAllNaN(t *testing.T) {
	e := New([]*sim.Results{fakeRun(0, math.NaN(), 1)})
	if _, ok := e.Value("x", 1980); ok {
		t.Error("a median of no values")
	}
	if _, _, ok := e.Band("x", 1980); ok {
		t.Error("a band of no values")
	}
	if _, ok := e.Mean("x", 1980); ok {
		t.Error("a mean of no values")
	}
	var buf bytes.Buffer
	if err := e.WriteQuantilesCSV(&buf); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "1980,x,NaN,NaN,NaN,NaN,NaN\n") {
		t.Errorf("CSV:\n%s", buf.String())
	}
}

func TestEvaluateReadsEnsemble(t *testing.T) {
	e := New([]*sim.Results{fakeRun(0, 1, 10), fakeRun(1, 3, 30)})
	targets := []seeds.Target{{ID: "x_1981", Year: 1981, Observed: 20, Low: 15, High: 25, Role: seeds.Calibrate, Series: "x"}}
	rows := seeds.Evaluate(targets, e)
	// Two runs, 10 and 30: the median is their mean, 20; the band 11 to 29.
	if !rows[0].Has || !rows[0].HasBand || rows[0].Simulated != 20 || math.Abs(rows[0].P05-11) > 1e-9 || math.Abs(rows[0].P95-29) > 1e-9 {
		t.Errorf("row = %+v", rows[0])
	}
}

func TestProgressAndErrors(t *testing.T) {
	cfg := smallConfig(t)
	cfg.End = sim.NewMonth(1979, 12)
	var mu sync.Mutex
	var calls, last, total int
	_, err := Run(context.Background(), cfg, Options{Runs: 3, Seed: 1, Scale: 0.01, Workers: 2,
		Progress: func(d, n int) {
			mu.Lock()
			defer mu.Unlock()
			calls++
			if d != last+1 {
				t.Errorf("progress %d after %d", d, last)
			}
			last, total = d, n
		}})
	if err != nil {
		t.Fatal(err)
	}
	if months := int(cfg.End-cfg.Start) + 1; total != 3*months || last != total || calls != total {
		t.Errorf("progress ended at %d/%d after %d calls; want %d", last, total, calls, 3*months)
	}

	if _, err := Run(context.Background(), cfg, Options{Runs: 0}); err == nil {
		t.Error("no error for 0 runs")
	}
	bad := *cfg
	bad.End = bad.Start
	if _, err := Run(context.Background(), &bad, Options{Runs: 2, Seed: 1, Scale: 0.01}); err == nil || errors.Is(err, context.Canceled) {
		t.Errorf("err = %v; want the engine's error", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Run(ctx, cfg, Options{Runs: 2, Seed: 1, Scale: 0.01}); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v; want context.Canceled", err)
	}
}

func TestRunBatchMatchesRun(t *testing.T) {
	cfg := smallConfig(t)
	cfg.End = sim.NewMonth(1981, 12)
	other := *cfg
	other.Params.Households.EntryRate *= 2
	opt := Options{Runs: 3, Seed: 3, Scale: 0.01, Workers: 2}
	batch, err := RunBatch(context.Background(), []*sim.Config{cfg, &other}, opt)
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range []*sim.Config{cfg, &other} {
		one, err := Run(context.Background(), c, opt)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(bitsOf(one.Quantiles), bitsOf(batch[i].Quantiles)) {
			t.Errorf("config %d: RunBatch differs from Run", i)
		}
	}
}

// BenchmarkEnsembleWorkers runs the same ensemble (built-in Yongkang, scale
// 0.05, 4 runs) on 1 and on 2 workers. The ratio of the two times is the
// parallel speed-up.
func BenchmarkEnsembleWorkers(b *testing.B) {
	sc, err := scenarios.Builtin("yongkang")
	if err != nil {
		b.Fatal(err)
	}
	for _, workers := range []int{1, 2} {
		b.Run("workers="+string(rune('0'+workers)), func(b *testing.B) {
			for b.Loop() {
				if _, err := Run(context.Background(), &sc.Config, Options{Runs: 4, Seed: 1, Scale: 0.05, Workers: workers}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestEachInRunOrder checks that Each sees every run's full results once,
// in run order, config by config, whatever order the runs finish in, and
// that the ensemble keeps their series but not their firms.
func TestEachInRunOrder(t *testing.T) {
	cfg := smallConfig(t)
	cfg.End = sim.NewMonth(1981, 12)
	other := *cfg
	other.Params.Households.EntryRate *= 2
	type seen struct{ config, run int }
	var got []seen
	series := map[seen]any{}
	opt := Options{Runs: 4, Seed: 5, Scale: 0.01, Workers: 2, Each: func(c int, r *sim.Results) error {
		if len(r.Firms) == 0 || len(r.Products) == 0 {
			t.Errorf("config %d run %d: Each was given results without firms or products", c, r.Run)
		}
		got = append(got, seen{c, r.Run})
		series[seen{c, r.Run}] = bitsOfSeries(r.Series)
		return nil
	}}
	es, err := RunBatch(context.Background(), []*sim.Config{cfg, &other}, opt)
	if err != nil {
		t.Fatal(err)
	}
	var want []seen
	for c := range 2 {
		for run := range opt.Runs {
			want = append(want, seen{c, run})
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Each saw %v, want %v", got, want)
	}
	for c, e := range es {
		for i, r := range e.Runs {
			if r.Run != i || r.Firms != nil || r.Products != nil {
				t.Errorf("config %d: run %d kept as run %d with %d firm snapshots", c, i, r.Run, len(r.Firms))
			}
			if !reflect.DeepEqual(bitsOfSeries(r.Series), series[seen{c, i}]) {
				t.Errorf("config %d run %d: the series kept differ from those given to Each", c, i)
			}
		}
	}

	// An error of Each stops the ensemble and is returned.
	stop := errors.New("disk full")
	calls := 0
	opt.Each = func(int, *sim.Results) error { calls++; return stop }
	if _, err := Run(context.Background(), cfg, opt); !errors.Is(err, stop) || calls != 1 {
		t.Errorf("err = %v after %d calls; want %v after 1", err, calls, stop)
	}
}

// TestFirmSnapshotsOnlyWhereAsked checks that FirmSnapshots chooses the
// runs that record their firm snapshots, and that the others' series are
// those of runs that record them.
func TestFirmSnapshotsOnlyWhereAsked(t *testing.T) {
	cfg := smallConfig(t)
	cfg.End = sim.NewMonth(1981, 12)
	opt := Options{Runs: 3, Seed: 5, Scale: 0.01, Workers: 2}
	all, err := Run(context.Background(), cfg, opt)
	if err != nil {
		t.Fatal(err)
	}
	opt.FirmSnapshots = func(c, run int) bool { return run == 1 }
	opt.Each = func(c int, r *sim.Results) error {
		if got := len(r.Firms) > 0; got != (r.Run == 1) {
			t.Errorf("run %d: %d firm snapshots, want them only for run 1", r.Run, len(r.Firms))
		}
		if len(r.Products) == 0 {
			t.Errorf("run %d: no products", r.Run)
		}
		return nil
	}
	some, err := Run(context.Background(), cfg, opt)
	if err != nil {
		t.Fatal(err)
	}
	for i := range opt.Runs {
		if !reflect.DeepEqual(bitsOfSeries(some.Runs[i].Series), bitsOfSeries(all.Runs[i].Series)) {
			t.Errorf("run %d: the series change without firm snapshots", i)
		}
	}
}

// TestInOrderHoldsFewRuns finishes jobs out of order: a job finished early
// waits for the earlier ones, and no job can start while the window of
// held and running jobs is full.
func TestInOrderHoldsFewRuns(t *testing.T) {
	var passed []int
	o := newInOrder(5, 1, func(j int, _ *sim.Results) error { passed = append(passed, j); return nil })
	take := func() bool {
		select {
		case o.slots <- struct{}{}:
			return true
		default:
			return false
		}
	}
	if !take() || !take() {
		t.Fatal("jobs 0 and 1 could not start")
	}
	if take() {
		t.Fatal("a third job started on one worker while two were held")
	}
	if err := o.done(1, fakeRun(1, 1, 2)); err != nil || len(passed) != 0 {
		t.Fatalf("job 1 passed on before job 0: %v, %v", passed, err)
	}
	if take() {
		t.Fatal("a job started while job 1 waited for job 0")
	}
	if err := o.done(0, fakeRun(0, 1, 2)); err != nil || !reflect.DeepEqual(passed, []int{0, 1}) {
		t.Fatalf("passed %v, %v; want [0 1]", passed, err)
	}
	if !take() || !take() {
		t.Error("jobs 2 and 3 could not start once 0 and 1 were passed on")
	}
	if o.pending[0] != nil || o.pending[1] != nil || o.kept[1] == nil {
		t.Error("the results of jobs passed on are still held in full, or their series were not kept")
	}
}
