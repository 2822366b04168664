// Package sim is the engine of clustersim: it builds the world of a
// scenario (villages, households, collectives, products, estates), steps it
// month by month from the scenario's start to its end through a fixed
// schedule of sub-steps (schedule.go), and records county, product and firm
// series every December through its observers. An Engine can be stepped,
// observed, saved and restored (engine.go, snapshot.go). It knows nothing
// of plotting, files or the command line.
package sim

import "context"

// Options are the per-run settings that are not part of the scenario.
type Options struct {
	Seed  uint64  // the master seed; draws derive from (Seed, Run, purpose, ...)
	Run   int     // the run index within an ensemble
	Scale float64 // share of households, villages and firms simulated; 0 or 1 is full scale
	// NoFirmSnapshots leaves Results.Firms empty: the yearly snapshot of
	// every firm is not kept (it is most of a run's memory).
	NoFirmSnapshots bool
	// Progress, if not nil, is called after each simulated month with the
	// months simulated and the scenario's total.
	Progress func(done, total int)
	// Context, if not nil, stops Run early with its error.
	Context context.Context
}

// Run simulates the scenario from its start to its end and returns its
// results. It is safe to call concurrently: a run shares nothing with
// another.
func Run(cfg *Config, opt Options) (*Results, error) {
	e, err := New(cfg, opt)
	if err != nil {
		return nil, err
	}
	if err := e.RunUntil(opt.Context, cfg.End); err != nil {
		return nil, err
	}
	return e.Results(), nil
}
