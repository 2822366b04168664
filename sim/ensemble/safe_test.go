package ensemble

import (
	"context"
	"errors"
	"strings"
	"testing"

	"clustersim/sim"
)

// TestPanicBecomesError makes the engine panic, by a config the loader
// would refuse (more products than an int16 indexes), and checks that a
// single run and every worker of an ensemble return a *PanicError that
// points into the engine (package sim or the rules of package agents).
func TestPanicBecomesError(t *testing.T) {
	cfg := *smallConfig(t)
	cfg.Ladder = append([]sim.Rung(nil), cfg.Ladder...)
	cfg.Ladder[0].Products = 40000
	check := func(name string, err error) {
		t.Helper()
		var pe *PanicError
		if !errors.As(err, &pe) || !strings.Contains(err.Error(), "index out of range") || !inEngine(pe.Where) {
			t.Errorf("%s: error = %v, want a *PanicError in the engine", name, err)
		}
	}
	res, err := SafeRun(&cfg, sim.Options{Seed: 1, Scale: 0.01})
	if res != nil {
		t.Error("results with the error")
	}
	check("SafeRun", err)
	for _, workers := range []int{1, 2} {
		e, err := Run(context.Background(), &cfg, Options{Runs: 3, Seed: 1, Scale: 0.01, Workers: workers})
		if e != nil {
			t.Error("an ensemble with the error")
		}
		check("Run", err)
	}
}

// TestPanicInProgress: a panic in the Progress callback, which runs in the
// workers, is an error too, and does not leave the others waiting.
func TestPanicInProgress(t *testing.T) {
	opt := Options{Runs: 4, Seed: 1, Scale: 0.005, Workers: 2, Progress: func(done, _ int) {
		if done == 30 {
			panic("boom")
		}
	}}
	_, err := Run(context.Background(), smallConfig(t), opt)
	var pe *PanicError
	if !errors.As(err, &pe) || pe.Value != "boom" {
		t.Errorf("error = %v", err)
	}
}

// inEngine reports whether a function named by PanicError.Where is the
// engine's: package sim's or one of the agents' rules.
func inEngine(where string) bool {
	return strings.HasPrefix(where, "clustersim/sim.") || strings.HasPrefix(where, "clustersim/agents.")
}
