package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"clustersim/scenarios"
	"clustersim/sim"
	"clustersim/sim/ensemble"
	"clustersim/sim/output"
)

// stateOptions are the flags of `clustersim run` that save or continue
// from a run's state.
type stateOptions struct {
	StopAt    string // --stop-at YYYY-MM: stop at the end of that month
	StateFile string // --state FILE: where --stop-at writes the state
	FromState string // --from-state FILE: continue a saved state to the end
}

// check reports flags that make no sense together; runs is --runs.
func (s *stateOptions) check(runs int) error {
	switch {
	case s.StopAt != "" && s.StateFile == "":
		return errors.New("--stop-at needs --state FILE, where the state is written")
	case s.StopAt == "" && s.StateFile != "":
		return errors.New("--state needs --stop-at YYYY-MM, the month after which the state is saved")
	case s.StopAt != "" && s.FromState != "":
		return errors.New("--stop-at and --from-state exclude each other: continue a state to the end, or save one")
	case (s.StopAt != "" || s.FromState != "") && runs > 1:
		return errors.New("--stop-at and --from-state are for one run: drop --runs")
	}
	if s.StopAt != "" {
		if _, err := sim.ParseMonth(s.StopAt); err != nil {
			return fmt.Errorf("--stop-at: %w", err)
		}
	}
	return nil
}

// savedState is a state file read into memory, with what it describes.
type savedState struct {
	path string
	data []byte
	info sim.SnapshotInfo
}

// readState reads and checks a state file (magic, version, checksum). A
// file that is not a usable state is bad input (exit 2).
func readState(path string) (*savedState, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, usageError{fmt.Errorf("--from-state: %w", err)}
	}
	info, err := sim.ReadSnapshotInfo(bytes.NewReader(data))
	if err != nil {
		return nil, usageError{fmt.Errorf("%s: %w", path, err)}
	}
	return &savedState{path: path, data: data, info: info}, nil
}

// restore continues the saved state of sc; a state saved from another
// scenario (or from this one as it was before an edit) is bad input.
func (s *savedState) restore(sc *scenarios.Scenario, progress func(done, total int)) (*sim.Engine, error) {
	e, err := sim.Restore(bytes.NewReader(s.data), &sc.Config, sim.Options{Progress: progress})
	if err != nil {
		return nil, usageError{fmt.Errorf("%s: %w", s.path, err)}
	}
	return e, nil
}

// runFromState continues a saved state to the end of its scenario.
func runFromState(ctx context.Context, st *savedState, sc *scenarios.Scenario, progress func(done, total int)) (*sim.Results, error) {
	e, err := st.restore(sc, progress)
	if err != nil {
		return nil, err
	}
	return ensemble.SafeEngine(ctx, e, sc.Config.End)
}

// saveStateJob runs one run of sc to the end of the month --stop-at and
// writes its state to --state, atomically: the file is complete, or not
// there (an earlier file of that name is kept).
func saveStateJob(ctx context.Context, sc *scenarios.Scenario, o jobOptions, progress func(done, total int)) error {
	stop, _ := sim.ParseMonth(o.State.StopAt)
	if stop < sc.Config.Start || stop >= sc.Config.End {
		return usageError{fmt.Errorf("--stop-at %s is not a month of the run before its last (%s–%s)", stop, sc.Config.Start, sc.Config.End-1)}
	}
	e, err := sim.New(&sc.Config, sim.Options{Seed: o.Seed, Scale: o.Scale, Progress: progress})
	if err != nil {
		return err
	}
	if _, err := ensemble.SafeEngine(ctx, e, stop); err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("%w: no state was written", errInterrupted)
		}
		return err
	}
	var b bytes.Buffer
	if err := e.Snapshot(&b); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("%w: no state was written", errInterrupted)
	}
	if dir := filepath.Dir(o.State.StateFile); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	if err := output.WriteFileAtomic(o.State.StateFile, b.Bytes()); err != nil {
		return fmt.Errorf("--state: %w", err)
	}
	switch {
	case o.Quiet:
	case o.JSON:
		err = writeJSON(o.Stdout, stateJSON{Scenario: sc.Name, Seed: o.Seed, Scale: o.Scale, Month: stop.String(),
			State: o.State.StateFile, Bytes: b.Len()})
	default:
		_, err = fmt.Fprintf(o.Stdout, "state of %s (seed %d, scale %g) at the end of %s written to %s (%d bytes)\n",
			sc.Name, o.Seed, o.Scale, stop, o.State.StateFile, b.Len())
	}
	return err
}

// stateJSON is what run --stop-at -o json prints.
type stateJSON struct {
	Scenario string  `json:"scenario"`
	Seed     uint64  `json:"seed"`
	Scale    float64 `json:"scale"`
	Month    string  `json:"month"` // the last month simulated
	State    string  `json:"state"` // the file written
	Bytes    int     `json:"bytes"`
}
