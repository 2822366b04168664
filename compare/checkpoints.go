package compare

import (
	"bytes"
	"context"
	"errors"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"clustersim/sim"
	"clustersim/sim/ensemble"
)

// Baseline is a baseline's runs with, for each checkpoint year, each run's
// saved state at the end of the December before: a counterfactual that
// changes nothing before a checkpoint continues those states (sim.Branch)
// instead of simulating again the years it shares with the baseline, and
// gives the same runs as from the start. The classroom server and the
// library's test keep one and run many counterfactuals against it.
type Baseline struct {
	Config *sim.Config
	Runs   []*sim.Results // run i on the comparison's seed
	Years  []int          // checkpoint years, ascending
	Bytes  int64          // size of the saved states
	opt    Options
	states [][][]byte // [checkpoint][run]
}

// NewBaseline simulates opt.Runs runs of cfg, saving each run's state at
// every checkpoint year after the first of the run and not after its
// last, and calls opt.Progress after each run.
func NewBaseline(ctx context.Context, cfg *sim.Config, years []int, opt Options) (*Baseline, error) {
	b := &Baseline{Config: cfg, opt: opt}
	b.Years = slices.Clone(years)
	slices.Sort(b.Years)
	b.Years = slices.Compact(b.Years)
	b.Years = slices.DeleteFunc(b.Years, func(y int) bool { return y <= cfg.Start.Year() || y > cfg.End.Year() })
	b.Runs = make([]*sim.Results, opt.Runs)
	b.states = make([][][]byte, len(b.Years))
	for k := range b.states {
		b.states[k] = make([][]byte, opt.Runs)
	}
	var done atomic.Int64
	err := parallel(ctx, opt.Runs, opt.Workers, func(ctx context.Context, i int) error {
		e, err := sim.New(cfg, sim.Options{Seed: opt.Seed, Run: i, Scale: opt.Scale, NoFirmSnapshots: true})
		if err != nil {
			return err
		}
		for k, y := range b.Years {
			if _, err := ensemble.SafeEngine(ctx, e, sim.NewMonth(y-1, 12)); err != nil {
				return err
			}
			var buf bytes.Buffer
			if err := e.Snapshot(&buf); err != nil {
				return err
			}
			b.states[k][i] = buf.Bytes()
		}
		res, err := ensemble.SafeEngine(ctx, e, cfg.End)
		if err != nil {
			return err
		}
		b.Runs[i] = res
		if opt.Progress != nil {
			opt.Progress(int(done.Add(1)), opt.Runs)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, st := range b.states {
		for _, s := range st {
			b.Bytes += int64(len(s))
		}
	}
	return b, nil
}

// BranchYear is the latest checkpoint from which cfg may continue the
// baseline (it changes nothing before it), or 0: from the start.
func (b *Baseline) BranchYear(cfg *sim.Config) int {
	y, _ := b.branch(cfg)
	return y
}

func (b *Baseline) branch(cfg *sim.Config) (int, int) {
	for k := len(b.Years) - 1; k >= 0; k-- {
		if CheckBranch(b.Config, []*sim.Config{cfg}, b.Years[k]) == nil {
			return b.Years[k], k
		}
	}
	return 0, -1
}

// Counterfactual runs cfg on the baseline's seeds, continuing the saved
// states of the latest checkpoint it may (BranchYear), and calls progress
// after each run. A cfg that runs the same model as the baseline
// (sim.FirstChange) is answered with the baseline's runs.
func (b *Baseline) Counterfactual(ctx context.Context, cfg *sim.Config, progress func(done, total int)) ([]*sim.Results, error) {
	if _, changed := sim.FirstChange(b.Config, cfg); !changed {
		return b.Runs, nil
	}
	_, k := b.branch(cfg)
	opt := b.opt
	runs := make([]*sim.Results, opt.Runs)
	var done atomic.Int64
	err := parallel(ctx, opt.Runs, opt.Workers, func(ctx context.Context, i int) error {
		var e *sim.Engine
		var err error
		if k >= 0 {
			e, err = sim.Branch(bytes.NewReader(b.states[k][i]), b.Config, cfg, sim.Options{})
		} else {
			e, err = sim.New(cfg, sim.Options{Seed: opt.Seed, Run: i, Scale: opt.Scale, NoFirmSnapshots: true})
		}
		if err != nil {
			return err
		}
		res, err := ensemble.SafeEngine(ctx, e, cfg.End)
		if err != nil {
			return err
		}
		runs[i] = res
		if progress != nil {
			progress(int(done.Add(1)), opt.Runs)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return runs, nil
}

// parallel calls run(i) for i in [0, n) on up to workers goroutines (0:
// every core) and returns the first error that is not a cancellation it
// caused; the first error cancels the rest.
func parallel(ctx context.Context, n, workers int, run func(context.Context, int) error) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	errs := make([]error, n)
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range min(workers, n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				if ctx.Err() != nil {
					errs[i] = ctx.Err()
					continue
				}
				if err := run(ctx, i); err != nil {
					errs[i] = err
					cancel()
				}
			}
		}()
	}
	for i := range n {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	var first error
	for _, err := range errs {
		if err != nil && (first == nil || errors.Is(first, context.Canceled) && !errors.Is(err, context.Canceled)) {
			first = err
		}
	}
	return first
}
