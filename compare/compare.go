// Package compare pairs a baseline and counterfactuals run on common
// random numbers and summarises, for every county series and year, the
// differences the scenario makes.
//
// Run i of every scenario of a comparison is sim.Run with sim.Options{Seed,
// Run: i}: the random streams are keyed by (seed, run, purpose, agent,
// month), so run i of a counterfactual meets the same draws as run i of
// the baseline wherever the two worlds still hold the same agents, and the
// paired difference cf_i − base_i removes most of the run-to-run noise. A
// difference is reported by its median over the N pairs and the 5–95%
// range of the paired differences ("clears zero" when that range does not
// hold 0).
package compare

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"

	"clustersim/sim"
	"clustersim/sim/ensemble"
	"clustersim/sim/spread"
)

// Options are the settings of a comparison.
type Options struct {
	Runs    int     // pairs of runs; at least 2
	Seed    uint64  // the master seed shared by every scenario
	Scale   float64 // share of the county simulated, in (0, 1]
	Workers int     // runs simulated at once; 0 uses every core
	// FromYear, if not 0, starts every counterfactual from the baseline's
	// saved state at the start of that year (Branch): the baseline runs to
	// December of the year before, its state is saved, and each run of a
	// counterfactual continues it. A counterfactual that changes the run
	// before then is refused (sim.FirstChange).
	FromYear int
	Progress func(done, total int)
}

// Row is the paired difference of one series in one year.
type Row struct {
	Series   string
	Year     int
	BaseP50  float64 // median of the baseline's runs
	CFP50    float64 // median of the counterfactual's runs
	DiffP50  float64 // median of the paired differences cf_i − base_i
	DiffLow  float64 // their 5th percentile
	DiffHigh float64 // their 95th percentile
	Runs     int     // pairs with a value in both
}

// ClearsZero reports whether the 5–95% range of the paired differences
// leaves zero out.
func (r Row) ClearsZero() bool { return r.DiffLow > 0 || r.DiffHigh < 0 }

// Differences are a counterfactual's paired differences from the
// baseline, ordered by series, then year.
type Differences struct {
	Name string // the counterfactual's scenario name
	Rows []Row
}

// Lookup returns the row of a series in a year.
func (d *Differences) Lookup(series string, year int) (Row, bool) {
	i, ok := slices.BinarySearchFunc(d.Rows, Row{Series: series, Year: year}, rowOrder)
	if !ok {
		return Row{}, false
	}
	return d.Rows[i], true
}

// rowOrder orders rows by series, then year.
func rowOrder(a, b Row) int {
	return cmp.Or(cmp.Compare(a.Series, b.Series), cmp.Compare(a.Year, b.Year))
}

// Comparison is a baseline and its counterfactuals on the same seeds.
type Comparison struct {
	Base         *ensemble.Ensemble
	Counterfacts []*ensemble.Ensemble // in the order given
	Differences  []Differences        // one per counterfactual, named after it
	Runs         int
	Seed         uint64
	Scale        float64
	BaseName     string
}

// Run simulates base and every counterfactual under opt.Runs common seeds
// (one pool of workers for all) and pairs each counterfactual with the
// baseline run by run.
func Run(ctx context.Context, base *sim.Config, cfs []*sim.Config, opt Options) (*Comparison, error) {
	if opt.Runs < 2 {
		return nil, fmt.Errorf("compare: %d runs: a paired interval needs at least 2", opt.Runs)
	}
	if len(cfs) == 0 {
		return nil, fmt.Errorf("compare: no counterfactual to compare with %s", base.Name)
	}
	var es []*ensemble.Ensemble
	var err error
	if opt.FromYear != 0 {
		if err := CheckBranch(base, cfs, opt.FromYear); err != nil {
			return nil, err
		}
		es, err = runBranched(ctx, base, cfs, opt)
	} else {
		cfgs := append([]*sim.Config{base}, cfs...)
		es, err = ensemble.RunBatch(ctx, cfgs, ensemble.Options{
			Runs: opt.Runs, Seed: opt.Seed, Scale: opt.Scale, Workers: opt.Workers, Progress: opt.Progress,
			FirmSnapshots: func(int, int) bool { return false },
		})
	}
	if err != nil {
		return nil, err
	}
	c := &Comparison{Base: es[0], Counterfacts: es[1:], Runs: opt.Runs, Seed: opt.Seed, Scale: opt.Scale, BaseName: base.Name}
	for i, cf := range cfs {
		c.Differences = append(c.Differences, Pair(cf.Name, es[0].Runs, es[i+1].Runs))
	}
	return c, nil
}

// Pair computes the paired differences of the counterfactual's runs cf
// from the baseline's runs base (run i with run i), for every series and
// year of the baseline's first run that the counterfactual also reports.
// A pair where either value is missing or NaN is left out of that row.
func Pair(name string, base, cf []*sim.Results) Differences {
	d := Differences{Name: name}
	if len(base) == 0 || base[0] == nil {
		return d
	}
	n := min(len(base), len(cf))
	bs, cs, ds := make([]float64, 0, n), make([]float64, 0, n), make([]float64, 0, n)
	for _, s := range base[0].Series {
		for _, y := range base[0].Years {
			bs, cs, ds = bs[:0], cs[:0], ds[:0]
			for i := range n {
				b, okb := base[i].Value(s.Name, y)
				c, okc := cf[i].Value(s.Name, y)
				if !okb || !okc || math.IsNaN(b) || math.IsNaN(c) {
					continue
				}
				bs, cs, ds = append(bs, b), append(cs, c), append(ds, c-b)
			}
			if len(ds) == 0 {
				continue
			}
			_, bm, _, _, _ := spread.Summarise(bs)
			_, cm, _, _, _ := spread.Summarise(cs)
			lo, dm, hi, _, _ := spread.Summarise(ds)
			d.Rows = append(d.Rows, Row{Series: s.Name, Year: y, BaseP50: bm, CFP50: cm,
				DiffP50: dm, DiffLow: lo, DiffHigh: hi, Runs: len(ds)})
		}
	}
	return d // in rowOrder: a run's series are sorted by name, its years ascending
}
