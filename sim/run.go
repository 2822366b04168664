// Package sim is the engine of clustersim: it builds the world of a
// scenario (villages, households, collectives, products, estates), steps it
// month by month from the scenario's start to its end through a fixed order
// of sub-steps, and records county, product and firm series every
// December. It knows nothing of plotting, files or the command line.
package sim

import (
	"context"
	"fmt"

	"clustersim/agents"
)

// Options are the per-run settings that are not part of the scenario.
type Options struct {
	Seed  uint64  // the master seed; streams derive from (Seed, Run, purpose)
	Run   int     // the run index within an ensemble
	Scale float64 // share of households, villages and firms simulated; 0 or 1 is full scale
	// Progress, if not nil, is called after each simulated month.
	Progress func(done, total int)
	// Context, if not nil, stops the run early with its error.
	Context context.Context
}

// Run simulates the scenario and returns its results. It is safe to call
// concurrently: a run shares nothing with another.
func Run(cfg *Config, opt Options) (*Results, error) {
	if cfg.End <= cfg.Start {
		return nil, fmt.Errorf("sim: end %s is not after start %s", cfg.End, cfg.Start)
	}
	if len(cfg.Ladder) == 0 {
		return nil, fmt.Errorf("sim: the ladder of products is empty")
	}
	w, err := newWorld(cfg, opt)
	if err != nil {
		return nil, err
	}
	w.updateHotProducts()
	total := int(cfg.End-cfg.Start) + 1
	var stats Stats
	for done := 0; w.month <= cfg.End; done++ {
		if opt.Context != nil {
			if err := opt.Context.Err(); err != nil {
				return nil, err
			}
		}
		w.step()
		stats.HouseholdMonths += int64(len(w.households))
		stats.FirmMonths += int64(len(w.active))
		w.month++
		if opt.Progress != nil {
			opt.Progress(done+1, total)
		}
	}
	stats.HouseholdsEver = len(w.households)
	stats.FirmsEver = len(w.firms)
	stats.FirmsAlive = len(w.active)
	for i := range w.households {
		if w.households[i].Activity != agents.Left {
			stats.Households++
		}
	}
	res := &Results{
		Scenario: cfg.Name, Seed: opt.Seed, Run: opt.Run, Scale: w.scale,
		Years: w.rec.years, Series: w.rec.results(), Products: w.rec.products, Firms: w.rec.firms,
		Stats: stats, LocationNames: w.locationNames(),
	}
	for f := range agents.NumForms {
		res.FormNames = append(res.FormNames, agents.LegalForm(f).String())
	}
	for _, p := range w.products {
		res.ProductNames = append(res.ProductNames, p.Name)
		res.ProductSectors = append(res.ProductSectors, w.sectors[p.Sector])
	}
	return res, nil
}
