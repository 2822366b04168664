// Package sim is the engine of clustersim: it builds the world of a
// scenario (villages, households, collectives, products, estates), steps it
// month by month from the scenario's start to its end through a fixed
// schedule of sub-steps, and records county, product and firm series every
// December through its observers. It knows nothing of plotting, files or
// the command line. The agents' rules are in package agents; sim keeps the
// world, builds what each rule sees, calls the rules in the schedule's
// order and applies what they decide.
//
// What is where:
//   - the world: world.go (building it; village counts), state.go (what
//     changes), view.go (what observers see);
//   - the schedule: schedule.go (the lists of sub-steps of ODD §3), and the
//     sub-steps that walk the agents and apply their decisions:
//     households.go (3), governments.go (4), firms.go (5), land.go (7 and
//     December's land), yearly.go (the other December sub-steps);
//   - the markets: markets.go (prices, sub-step 2; labour, sub-step 6) and
//     the land queue in land.go;
//   - the timeline: policy.go (events, regimes, the rules of the month);
//   - the draws: draws.go (a key per purpose, month and agent);
//   - recording: record.go, results.go;
//   - the engine's API: engine.go, run.go, snapshot.go; the scenario:
//     config.go, catalogue.go.
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
