package ensemble

import (
	"context"
	"fmt"
	"runtime"
	"strings"

	"clustersim/sim"
)

// PanicError is the error of a run in which the engine panicked: a bug of
// the engine, or a scenario the loader should have refused.
type PanicError struct {
	Run   int    // the run index
	Seed  uint64 // the master seed
	Value any    // what the engine panicked with
	Where string // the function and line that panicked, e.g. "clustersim/agents.UnitPrice (product_markets.go:44)"
}

func (e *PanicError) Error() string {
	return fmt.Sprintf("the engine failed in run %d of seed %d: %v, in %s (a bug: please report it with the scenario)",
		e.Run, e.Seed, e.Value, e.Where)
}

// SafeRun is sim.Run with a panic of the engine turned into a
// *PanicError, so that a failing run returns an error like any other (and
// the caller can leave nothing half written) rather than ending the
// program. Every run of Run and RunBatch goes through it.
func SafeRun(cfg *sim.Config, opt sim.Options) (res *sim.Results, err error) {
	defer func() {
		if v := recover(); v != nil {
			res, err = nil, &PanicError{Run: opt.Run, Seed: opt.Seed, Value: v, Where: panicked()}
		}
	}()
	return sim.Run(cfg, opt)
}

// SafeEngine steps an engine through month last (or to the end of its
// scenario) with a panic turned into a *PanicError, as SafeRun does, and
// returns what it has recorded. It stops early with ctx's error.
func SafeEngine(ctx context.Context, e *sim.Engine, last sim.Month) (res *sim.Results, err error) {
	defer func() {
		if v := recover(); v != nil {
			opt := e.Options()
			res, err = nil, &PanicError{Run: opt.Run, Seed: opt.Seed, Value: v, Where: panicked()}
		}
	}()
	if err := e.RunUntil(ctx, last); err != nil {
		return nil, err
	}
	return e.Results(), nil
}

// panicked returns the first frame below the deferred function of
// SafeRun that is not the runtime's: the code that panicked.
func panicked() string {
	pcs := make([]uintptr, 32)
	frames := runtime.CallersFrames(pcs[:runtime.Callers(3, pcs)])
	for {
		f, more := frames.Next()
		if !strings.HasPrefix(f.Function, "runtime.") {
			file := f.File[strings.LastIndexByte(f.File, '/')+1:]
			return fmt.Sprintf("%s (%s:%d)", f.Function, file, f.Line)
		}
		if !more {
			return "an unknown place"
		}
	}
}
