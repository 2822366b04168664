package compare

import (
	"bytes"
	"context"
	"fmt"

	"clustersim/sim"
	"clustersim/sim/ensemble"
)

// CheckBranch reports, for the first counterfactual that changes the run
// before January of year, which change it is: such a counterfactual
// cannot start from the baseline's state of that year.
func CheckBranch(base *sim.Config, cfs []*sim.Config, year int) error {
	at, err := sim.ParseMonth(fmt.Sprintf("%04d-01", year))
	if err != nil {
		return fmt.Errorf("--from-year %d: %w", year, err)
	}
	if at <= base.Start || at > base.End {
		return fmt.Errorf("--from-year %d: want a year after %s's first (%d) and not after its last (%d)", year, base.Name, base.Start.Year(), base.End.Year())
	}
	for _, cf := range cfs {
		if c, changed := sim.FirstChange(base, cf); changed && c.Month < at {
			return fmt.Errorf("--from-year %d: %s cannot start from %s's state of %d: its %s changes the run in %s", year, cf.Name, base.Name, year, c.What, c.Month)
		}
	}
	return nil
}

// runBranched runs, for each run index, the baseline to the end of the
// year before opt.FromYear, saves its state, and continues it under the
// baseline and under each counterfactual (sim.Branch). Runs are spread
// over opt.Workers goroutines and kept by index.
func runBranched(ctx context.Context, base *sim.Config, cfs []*sim.Config, opt Options) ([]*ensemble.Ensemble, error) {
	stop, err := sim.ParseMonth(fmt.Sprintf("%04d-12", opt.FromYear-1))
	if err != nil {
		return nil, err
	}
	runs := make([][]*sim.Results, len(cfs)+1) // [config][run]
	for i := range runs {
		runs[i] = make([]*sim.Results, opt.Runs)
	}
	err = parallel(ctx, opt.Runs, opt.Workers, func(ctx context.Context, i int) error {
		return branchRun(ctx, base, cfs, opt, stop, i, runs)
	})
	if err != nil {
		return nil, err
	}
	out := make([]*ensemble.Ensemble, len(runs))
	for i, rs := range runs {
		out[i] = ensemble.New(rs)
	}
	return out, nil
}

// branchRun is run i of a branched comparison.
func branchRun(ctx context.Context, base *sim.Config, cfs []*sim.Config, opt Options, stop sim.Month, i int, runs [][]*sim.Results) error {
	e, err := sim.New(base, sim.Options{Seed: opt.Seed, Run: i, Scale: opt.Scale, NoFirmSnapshots: true})
	if err != nil {
		return err
	}
	if err := e.RunUntil(ctx, stop); err != nil {
		return err
	}
	var state bytes.Buffer
	if err := e.Snapshot(&state); err != nil {
		return err
	}
	if err := e.RunUntil(ctx, base.End); err != nil {
		return err
	}
	runs[0][i] = e.Results()
	for j, cf := range cfs {
		b, err := sim.Branch(bytes.NewReader(state.Bytes()), base, cf, sim.Options{})
		if err != nil {
			return err
		}
		if err := b.RunUntil(ctx, cf.End); err != nil {
			return err
		}
		runs[j+1][i] = b.Results()
	}
	return nil
}
