package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// tinySpec is a calibration of one parameter, one run at scale 0.01.
const tinySpec = `scenario: yongkang
scale: 0.01
runs: 1
seed: 2
profile_points: 0
parameters:
  - {path: params.households.entry_rate, low: 0.02, high: 0.4, transform: log}
`

// cancelOnEval is a stdout that cancels a context when the calibration logs
// its n-th evaluation.
type cancelOnEval struct {
	bytes.Buffer
	n      int
	cancel context.CancelFunc
}

func (w *cancelOnEval) Write(p []byte) (int, error) {
	if bytes.HasPrefix(p, []byte("eval ")) {
		if w.n--; w.n == 0 {
			w.cancel()
		}
	}
	return w.Buffer.Write(p)
}

// folderFiles reads every file of dir, by name.
func folderFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	for _, name := range entries(t, dir) {
		files[name] = readFile(t, filepath.Join(dir, name))
	}
	return files
}

func TestCalibrateFolderAndInterrupts(t *testing.T) {
	spec := filepath.Join(t.TempDir(), "tiny.yaml")
	if err := os.WriteFile(spec, []byte(tinySpec), 0o644); err != nil {
		t.Fatal(err)
	}
	parent := t.TempDir()
	out := filepath.Join(parent, "cal")
	args := []string{"calibrate", "--spec", spec, "--budget", "3", "--out", out, "--workers", "1"}

	// Interrupted before the first evaluation: exit 130, nothing written.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	code, _, stderr := run(ctx, args...)
	if code != exitInterrupted || !strings.Contains(stderr, "clustersim: interrupted before the first evaluation: nothing was written") {
		t.Errorf("cancelled: exit %d, stderr %q; want %d", code, stderr, exitInterrupted)
	}
	if got := entries(t, parent); got != nil {
		t.Errorf("an interrupted calibration left %v", got)
	}

	// Interrupted after an evaluation (as by Ctrl-C): exit 130, the trace kept.
	ctx, cancel = context.WithCancel(context.Background())
	stdout := &cancelOnEval{n: 1, cancel: cancel}
	var errOut bytes.Buffer
	code = execute(ctx, args, stdout, &errOut)
	cancel()
	if code != exitInterrupted || !strings.Contains(errOut.String(), "interrupted: the trace of 1 evaluations and the best point") ||
		!strings.Contains(errOut.String(), "continue with --resume") {
		t.Errorf("interrupted: exit %d, stderr %q; want %d", code, errOut.String(), exitInterrupted)
	}

	// A rerun is refused with exit 2 and changes nothing.
	before := folderFiles(t, out)
	code, _, stderr = run(context.Background(), args...)
	if code != exitUsage || !strings.Contains(stderr, "--resume continues it, --force replaces it") {
		t.Errorf("rerun: exit %d, stderr %q; want %d", code, stderr, exitUsage)
	}
	if code, _, stderr = run(context.Background(), append(args, "--resume", "--force")...); code != exitUsage {
		t.Errorf("--resume --force: exit %d, stderr %q; want %d", code, stderr, exitUsage)
	}
	if code, _, stderr = run(context.Background(), append(args, "--resume", "--budget", "0")...); code != exitUsage ||
		!strings.Contains(stderr, "--budget 0: want at least 1 evaluation") {
		t.Errorf("--budget 0: exit %d, stderr %q; want %d", code, stderr, exitUsage)
	}
	if after := folderFiles(t, out); len(after) != len(before) {
		t.Errorf("refused reruns changed the folder: %v, was %v", entries(t, out), before)
	} else {
		for name, text := range before {
			if after[name] != text {
				t.Errorf("refused reruns changed %s", name)
			}
		}
	}

	// --resume finishes it.
	code, _, stderr = run(context.Background(), "calibrate", "--spec", spec, "--out", out, "--resume")
	if code != exitOK || stderr != "" {
		t.Fatalf("resume: exit %d, stderr %q", code, stderr)
	}
	if n := strings.Count(readFile(t, filepath.Join(out, "trace.csv")), "\n"); n != 4 {
		t.Errorf("resumed trace has %d lines, want a header and 3 evaluations", n)
	}
}
