package sim

import (
	"context"
	"errors"
	"fmt"

	"clustersim/agents"
)

// Engine is one run of a scenario that can be stepped, observed, saved and
// restored. Build it with New (or Restore), then Step or RunUntil; Results
// gives what has been recorded so far. An Engine is not safe for
// concurrent use; separate Engines share nothing.
type Engine struct {
	w         *world
	view      View
	observers []Observer
	opt       Options
}

// Point is a moment of the schedule at which observers are called.
type Point uint8

const (
	// AfterMonth comes after every simulated month; View.Month is then
	// the next month to simulate.
	AfterMonth Point = iota
	// YearRecord is the record sub-step of December (from the scenario's
	// report_from year), after the land and election sub-steps and before
	// the tax ranking: the county's accounts of the year are complete.
	YearRecord
)

// Observer watches a run. Observe is called at each Point with a
// read-only view of the state; it must not modify it.
type Observer interface {
	Observe(at Point, v *View)
}

// ObserverFunc adapts a function to an Observer.
type ObserverFunc func(at Point, v *View)

// Observe calls f.
func (f ObserverFunc) Observe(at Point, v *View) { f(at, v) }

// ErrDone is returned by Step when the run has reached the scenario's end.
var ErrDone = errors.New("sim: the run is at the end of its scenario")

// New builds the world of cfg for the run of opt, ready to simulate its
// first month. The county and product series and, unless
// opt.NoFirmSnapshots, the firm snapshots are recorded by the engine's own
// observers, whose history a Snapshot keeps.
func New(cfg *Config, opt Options) (*Engine, error) {
	if err := checkConfig(cfg); err != nil {
		return nil, err
	}
	w, err := newWorld(cfg, opt)
	if err != nil {
		return nil, err
	}
	w.updateHotProducts()
	return newEngine(w, opt), nil
}

func checkConfig(cfg *Config) error {
	if cfg.End <= cfg.Start {
		return fmt.Errorf("sim: end %s is not after start %s", cfg.End, cfg.Start)
	}
	if len(cfg.Ladder) == 0 {
		return fmt.Errorf("sim: the ladder of products is empty")
	}
	return nil
}

func newEngine(w *world, opt Options) *Engine {
	e := &Engine{w: w, opt: opt}
	e.view = View{State: &w.State, w: w}
	e.observers = append(e.observers, &w.rec)
	if !opt.NoFirmSnapshots {
		e.observers = append(e.observers, firmRecorder{&w.rec.RecordState})
	}
	if opt.Progress != nil {
		progress := opt.Progress
		e.Attach(ObserverFunc(func(at Point, v *View) {
			if at == AfterMonth {
				progress(v.MonthsDone(), v.MonthsTotal())
			}
		}))
	}
	w.notify = e.notify
	return e
}

// Options are the run's options (after Restore, the snapshot's seed, run
// and scale).
func (e *Engine) Options() Options { return e.opt }

// Attach adds an observer, called after those already attached.
func (e *Engine) Attach(o Observer) { e.observers = append(e.observers, o) }

func (e *Engine) notify(at Point) {
	for _, o := range e.observers {
		o.Observe(at, &e.view)
	}
}

// View is the read-only view of the run that observers get.
func (e *Engine) View() *View { return &e.view }

// Month is the next month to simulate.
func (e *Engine) Month() Month { return e.w.Month }

// Done reports whether the run has simulated the scenario's last month.
func (e *Engine) Done() bool { return e.w.Month > e.w.cfg.End }

// Step simulates one month. It returns ctx's error, without stepping, if
// ctx is done, and ErrDone at the end of the scenario.
func (e *Engine) Step(ctx context.Context) error {
	if e.Done() {
		return ErrDone
	}
	if ctx != nil {
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	w := e.w
	w.step()
	w.Stats.HouseholdMonths += int64(len(w.Households))
	w.Stats.FirmMonths += int64(len(w.Firms) - w.closed)
	w.Month++
	e.notify(AfterMonth)
	return nil
}

// RunUntil simulates the months up to and including last, or to the end
// of the scenario if that comes first. It stops early with ctx's error.
func (e *Engine) RunUntil(ctx context.Context, last Month) error {
	for !e.Done() && e.w.Month <= last {
		if err := e.Step(ctx); err != nil {
			return err
		}
	}
	return nil
}

// Results returns what the run has recorded so far (everything, once
// Done). The Results share no memory with the engine's later steps.
func (e *Engine) Results() *Results {
	w := e.w
	stats := w.Stats
	stats.HouseholdsEver = len(w.Households)
	stats.FirmsEver = int(w.NextFirmID)
	stats.FirmsAlive = len(w.Firms) - w.closed
	stats.Households = 0
	for i := range w.Households {
		if w.Households[i].Activity != agents.Left {
			stats.Households++
		}
	}
	rec := &w.rec
	res := &Results{
		Scenario: w.cfg.Name, Seed: e.opt.Seed, Run: e.opt.Run, Scale: w.scale,
		Years: rec.Years, Series: rec.results(), Products: rec.Products, Firms: rec.Firms,
		Stats: stats, LocationNames: w.locationNames(),
	}
	if !e.Done() {
		// The engine goes on recording: the Results get copies of the history.
		res.Years, res.Products, res.Firms = clone(rec.Years), clone(rec.Products), clone(rec.Firms)
	}
	for f := range agents.NumForms {
		res.FormNames = append(res.FormNames, agents.LegalForm(f).String())
	}
	for _, p := range w.Products {
		res.ProductNames = append(res.ProductNames, p.Name)
		res.ProductSectors = append(res.ProductSectors, w.sectors[p.Sector])
	}
	return res
}

func clone[T any](s []T) []T { return append([]T(nil), s...) }
