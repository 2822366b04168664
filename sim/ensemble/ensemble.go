// Package ensemble runs a scenario under several seeds in parallel and
// summarises the spread of every county series across the runs.
//
// Run i of an ensemble is sim.Run with sim.Options{Seed: opt.Seed, Run: i},
// so its random streams derive from (seed, run, purpose) alone. Results are
// stored by run index, never in the order the runs finish, and every summary
// is computed from them in that order: an ensemble is identical, bit for bit,
// whatever the number of workers.
//
// For each series and year the ensemble keeps the median, the 5th and 95th
// percentiles, and the minimum and maximum across runs (a spread.Band). An
// *Ensemble is a seeds.ValueSource (its Value is the median) and a
// seeds.BandSource (its Band is the 5–95% band), so seeds.Evaluate reads it
// directly; its Quantiles are what the figures draw as bands.
package ensemble

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"sync"

	"clustersim/seeds"
	"clustersim/sim"
	"clustersim/sim/spread"
)

// Options are the settings of an ensemble.
type Options struct {
	Runs    int     // number of runs (seeds); at least 1
	Seed    uint64  // the master seed shared by every run
	Scale   float64 // passed to sim.Options.Scale
	Workers int     // runs simulated at once; 0 means runtime.GOMAXPROCS(0)
	// Progress, if not nil, is called after each simulated month of any run
	// with the months simulated so far across all runs and their total
	// (Runs × months of the scenario). Calls never overlap; done increases
	// by one at each call.
	Progress func(done, total int)
}

// Ensemble is the outcome of Run: every run's results, by run index, and
// the quantiles of each series across them.
type Ensemble struct {
	Runs []*sim.Results // Runs[i] is run i
	// Quantiles holds the spread of each series across the runs, sorted by
	// Series; percentiles are of type 7 (spread.Quantile).
	Quantiles []spread.Band
}

// Run simulates cfg under opt.Runs seeds on opt.Workers goroutines and
// summarises the runs. The first error of a run (for instance ctx's, when
// it is cancelled) stops the others and is returned.
func Run(ctx context.Context, cfg *sim.Config, opt Options) (*Ensemble, error) {
	es, err := RunBatch(ctx, []*sim.Config{cfg}, opt)
	if err != nil {
		return nil, err
	}
	return es[0], nil
}

// RunBatch runs the ensemble of opt for each of cfgs, sharing one pool of
// opt.Workers goroutines among all runs of all configs, and returns the
// ensembles in the order of cfgs. It keeps the workers busy when
// opt.Runs is not a multiple of opt.Workers. Progress, if set, counts the
// months of all runs of all configs.
func RunBatch(ctx context.Context, cfgs []*sim.Config, opt Options) ([]*Ensemble, error) {
	if opt.Runs < 1 {
		return nil, fmt.Errorf("ensemble: %d runs: want at least 1", opt.Runs)
	}
	if ctx == nil {
		ctx = context.Background()
	}
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	jobs := len(cfgs) * opt.Runs
	workers = min(workers, jobs)

	total := 0
	for _, cfg := range cfgs {
		total += opt.Runs * max(0, int(cfg.End-cfg.Start)+1)
	}
	var mu sync.Mutex
	done := 0
	var progress func(int, int)
	if opt.Progress != nil {
		progress = func(int, int) {
			mu.Lock()
			defer mu.Unlock() // also if Progress panics (SafeRun recovers it)
			done++
			opt.Progress(done, total)
		}
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	results := make([]*sim.Results, jobs) // job j is config j/Runs, run j%Runs
	errs := make([]error, jobs)
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range next {
				if ctx.Err() != nil {
					errs[j] = ctx.Err()
					continue
				}
				res, err := SafeRun(cfgs[j/opt.Runs], sim.Options{
					Seed: opt.Seed, Run: j % opt.Runs, Scale: opt.Scale,
					Progress: progress, Context: ctx,
				})
				if err != nil {
					errs[j] = err
					cancel()
					continue
				}
				results[j] = res
			}
		}()
	}
	for j := range jobs {
		next <- j
	}
	close(next)
	wg.Wait()
	if err := firstError(errs); err != nil {
		return nil, err
	}
	out := make([]*Ensemble, len(cfgs))
	for c := range cfgs {
		out[c] = New(results[c*opt.Runs : (c+1)*opt.Runs])
	}
	return out, nil
}

// firstError returns the error of the lowest-numbered failed job, preferring
// an error of the run itself to the cancellation it caused in the others.
func firstError(errs []error) error {
	var cancelled error
	for _, err := range errs {
		switch {
		case err == nil:
		case errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded):
			if cancelled == nil {
				cancelled = err
			}
		default:
			return err
		}
	}
	return cancelled
}

// New summarises runs that were made elsewhere. runs[i] must be run i; the
// series of runs[0] (and their years) are the ones summarised.
func New(runs []*sim.Results) *Ensemble {
	e := &Ensemble{Runs: slices.Clone(runs)}
	if len(runs) == 0 || runs[0] == nil {
		return e
	}
	first := runs[0]
	vals := make([]float64, 0, len(runs))
	for _, s := range first.Series {
		q := spread.Band{
			Series: s.Name, Years: slices.Clone(first.Years),
			P05: make([]float64, len(first.Years)), P50: make([]float64, len(first.Years)),
			P95: make([]float64, len(first.Years)), Min: make([]float64, len(first.Years)),
			Max: make([]float64, len(first.Years)),
		}
		for i, y := range first.Years {
			vals = vals[:0]
			for _, r := range runs {
				if v, ok := r.Value(s.Name, y); ok && !math.IsNaN(v) {
					vals = append(vals, v)
				}
			}
			q.P05[i], q.P50[i], q.P95[i], q.Min[i], q.Max[i] = spread.Summarise(vals)
		}
		e.Quantiles = append(e.Quantiles, q)
	}
	sort.Slice(e.Quantiles, func(i, j int) bool { return e.Quantiles[i].Series < e.Quantiles[j].Series })
	return e
}

// Lookup returns the quantiles of the named series.
func (e *Ensemble) Lookup(series string) (*spread.Band, bool) {
	i := sort.Search(len(e.Quantiles), func(i int) bool { return e.Quantiles[i].Series >= series })
	if i < len(e.Quantiles) && e.Quantiles[i].Series == series {
		return &e.Quantiles[i], true
	}
	return nil, false
}

// at returns the chosen column of a series in a year, when it is not NaN.
func (e *Ensemble) at(series string, year int, col func(*spread.Band) []float64) (float64, bool) {
	q, ok := e.Lookup(series)
	if !ok {
		return 0, false
	}
	i, ok := q.Index(year)
	if !ok {
		return 0, false
	}
	v := col(q)[i]
	return v, !math.IsNaN(v)
}

// Value returns the median of a series in a year across the runs. With it
// an *Ensemble is a seeds.ValueSource.
func (e *Ensemble) Value(series string, year int) (float64, bool) {
	return e.at(series, year, func(q *spread.Band) []float64 { return q.P50 })
}

// Band returns the 5th and 95th percentiles of a series in a year. With it
// an *Ensemble is a seeds.BandSource.
func (e *Ensemble) Band(series string, year int) (p05, p95 float64, ok bool) {
	q, found := e.Lookup(series)
	if !found {
		return 0, 0, false
	}
	i, found := q.Index(year)
	if !found || math.IsNaN(q.P05[i]) {
		return 0, 0, false
	}
	return q.P05[i], q.P95[i], true
}

// Mean returns the mean of a series in a year over the runs that have a
// value for it that is not NaN, summed in run order.
func (e *Ensemble) Mean(series string, year int) (float64, bool) {
	sum, n := 0.0, 0
	for _, r := range e.Runs {
		if r == nil {
			continue
		}
		if v, ok := r.Value(series, year); ok && !math.IsNaN(v) {
			sum += v
			n++
		}
	}
	if n == 0 {
		return 0, false
	}
	return sum / float64(n), true
}

// formatFloat is the number format of the CSV files: ten significant
// digits, so the text does not move with the last bits of a sum.
func formatFloat(v float64) string { return strconv.FormatFloat(v, 'g', 10, 64) }

// WriteQuantilesCSV writes the quantiles with the header
//
//	year,series,p05,p50,p95,min,max
//
// ordered by year, then series. NaN (no run had a value) is written "NaN".
func (e *Ensemble) WriteQuantilesCSV(w io.Writer) error {
	type row struct {
		year int
		q    *spread.Band
		i    int
	}
	var rows []row
	for k := range e.Quantiles {
		q := &e.Quantiles[k]
		for i, y := range q.Years {
			rows = append(rows, row{y, q, i})
		}
	}
	sort.SliceStable(rows, func(a, b int) bool { return rows[a].year < rows[b].year })
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"year", "series", "p05", "p50", "p95", "min", "max"}); err != nil {
		return err
	}
	for _, r := range rows {
		q, i := r.q, r.i
		if err := cw.Write([]string{strconv.Itoa(r.year), q.Series,
			formatFloat(q.P05[i]), formatFloat(q.P50[i]), formatFloat(q.P95[i]),
			formatFloat(q.Min[i]), formatFloat(q.Max[i])}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteRunsCSV writes every run's county series in long form with the
// header
//
//	run,year,series,value
//
// ordered by run, year and series.
func (e *Ensemble) WriteRunsCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"run", "year", "series", "value"}); err != nil {
		return err
	}
	for _, r := range e.Runs {
		if r == nil {
			continue
		}
		run := strconv.Itoa(r.Run)
		for i, y := range r.Years {
			year := strconv.Itoa(y)
			for _, s := range r.Series {
				if i >= len(s.Values) {
					continue
				}
				if err := cw.Write([]string{run, year, s.Name, formatFloat(s.Values[i])}); err != nil {
					return err
				}
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// The interfaces of package seeds that an *Ensemble satisfies.
var (
	_ seeds.ValueSource = (*Ensemble)(nil)
	_ seeds.BandSource  = (*Ensemble)(nil)
)
