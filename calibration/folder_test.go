package calibration

import (
	"context"
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// snapshot reads every file under dir, by path.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		rel, _ := filepath.Rel(dir, path)
		files[rel] = string(b)
		return err
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
	return files
}

// calibrated makes a calibration of 3 evaluations of the light twin
// experiment in parent/calibration and returns its options.
func calibrated(t *testing.T) (opts Options, parent string) {
	t.Helper()
	spec, base, targets := twinSetup(t, lightTwinSpec)
	parent = t.TempDir()
	opts = Options{Spec: spec, Base: base, Targets: targets, Budget: 3, OutDir: filepath.Join(parent, "calibration"), Workers: 1}
	if _, err := Run(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	return opts, parent
}

// TestFolderRefusals: a folder Run will not use is left as it was, with a
// message that says why and what to do.
func TestFolderRefusals(t *testing.T) {
	opts, parent := calibrated(t)
	spec, base, targets := opts.Spec, opts.Base, opts.Targets
	before := snapshot(t, parent)

	otherSpec := *spec
	otherSpec.Seed++
	otherBase := CloneConfig(base)
	otherBase.Params.Villages.ContactRate *= 1.01
	otherTargets := slices.Clone(targets)
	otherTargets[0].High *= 1.01
	notCalibration := t.TempDir()
	if err := os.WriteFile(filepath.Join(notCalibration, "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		edit func(*Options)
		want string // in the error
	}{
		{"neither resume nor force", func(*Options) {}, "holds a calibration (3 evaluations in trace.csv): --resume continues it, --force replaces it"},
		{"resume and force", func(o *Options) { o.Resume, o.Force = true, true }, "resume and force exclude each other"},
		{"another spec", func(o *Options) { o.Resume, o.Spec = true, &otherSpec }, `another spec (twin.yaml); twin.yaml differs: "seed: 5" in the trace, "seed: 6" now`},
		{"another scenario", func(o *Options) { o.Resume, o.Base = true, otherBase }, "the scenario yongkang differs from the one the trace was made with"},
		{"other targets", func(o *Options) { o.Resume, o.Targets = true, otherTargets }, "the calibrate targets differ"},
		{"budget below the trace", func(o *Options) { o.Resume, o.Budget = true, 2 }, "the trace holds 3 evaluations, more than the budget of 2"},
		{"not a calibration", func(o *Options) { o.OutDir = notCalibration }, "not empty and holds no calibration"},
		{"not a calibration, forced", func(o *Options) { o.OutDir, o.Force = notCalibration, true }, "not empty and holds no calibration"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := opts
			tc.edit(&o)
			keep := snapshot(t, o.OutDir)
			_, err := Run(context.Background(), o)
			var refused *RefusedError
			if !errors.As(err, &refused) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v; want a refusal with %q", err, tc.want)
			}
			if !maps.Equal(snapshot(t, o.OutDir), keep) {
				t.Error("the folder changed")
			}
		})
	}
	if !maps.Equal(snapshot(t, parent), before) {
		t.Error("the refusals changed the calibration or left files beside it")
	}
}

// TestForceReplacesWhole: --force replaces the old calibration only once
// the new one has an evaluation, and never mixes the two.
func TestForceReplacesWhole(t *testing.T) {
	opts, parent := calibrated(t)
	dir, targets := opts.OutDir, opts.Targets
	if err := os.WriteFile(filepath.Join(dir, "stale.txt"), []byte("of the old calibration"), 0o644); err != nil {
		t.Fatal(err)
	}
	old := snapshot(t, parent)

	// Interrupted before the first evaluation: nothing changes.
	o := opts
	o.Force = true
	o.Targets = slices.Clone(targets)
	o.Targets[0].Observed *= 1.05 // a calibration of other figures
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if res, err := Run(ctx, o); !errors.Is(err, context.Canceled) || res == nil || !res.Interrupted || res.Evaluations != 0 {
		t.Fatalf("err = %v, res = %+v; want interrupted before any evaluation", err, res)
	}
	if !maps.Equal(snapshot(t, parent), old) {
		t.Error("a forced calibration interrupted before its first evaluation changed the folder")
	}

	// Interrupted after two: the folder holds the new calibration only.
	ctx, cancel = context.WithCancel(context.Background())
	o.Log = &cancelAfter{n: 2, cancel: cancel}
	res, err := Run(ctx, o)
	cancel()
	if !errors.Is(err, context.Canceled) || res == nil || res.Evaluations != 2 {
		t.Fatalf("err = %v, res = %+v; want interrupted after 2 evaluations", err, res)
	}
	names := slices.Sorted(maps.Keys(snapshot(t, parent)))
	want := []string{"calibration/best.yaml", "calibration/calibrated.yaml", "calibration/trace.csv",
		"calibration/trace.pdf", "calibration/trace.png", "calibration/trace.svg", "calibration/trace.yaml"}
	if !slices.Equal(names, want) {
		t.Errorf("files %v, want %v", names, want)
	}
	if rows := readCSV(t, filepath.Join(dir, "trace.csv")); len(rows) != 3 {
		t.Errorf("trace of %d rows, want a header and 2 evaluations", len(rows))
	}
	// And it is the one that resumes.
	o.Force, o.Resume, o.Log = false, true, nil
	if res, err := Run(context.Background(), o); err != nil || res.Evaluations != 3 {
		t.Errorf("resume: err = %v, res = %+v", err, res)
	}
}

// TestResumeClearsOutdatedOutputs: resuming a complete calibration with a
// larger budget removes, at the first new evaluation, the outputs the
// longer trace outdates, and records the budget.
func TestResumeClearsOutdatedOutputs(t *testing.T) {
	opts, _ := calibrated(t)
	dir := opts.OutDir
	if _, err := os.Stat(filepath.Join(dir, "fit.csv")); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	o := opts
	o.Resume, o.Budget = true, 5
	o.Log = &cancelAfter{n: 1, cancel: cancel}
	res, err := Run(ctx, o)
	cancel()
	if !errors.Is(err, context.Canceled) || res == nil || res.Evaluations != 4 {
		t.Fatalf("err = %v, res = %+v; want interrupted after 4 evaluations", err, res)
	}
	for _, f := range []string{"fit.csv", "moments.csv", "series_quantiles.csv"} {
		if _, err := os.Stat(filepath.Join(dir, f)); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s of the 3-evaluation calibration is still there: %v", f, err)
		}
	}
	var meta traceMeta
	if b, err := os.ReadFile(filepath.Join(dir, metaFile)); err != nil || yaml.Unmarshal(b, &meta) != nil ||
		meta.Budget != 5 || meta.PhaseBudget != 3 {
		t.Errorf("trace.yaml: %+v (%v); want budget 5, phase_budget 3", meta, err)
	}
	// Resumed without a budget, it goes on to 5.
	o.Budget, o.Log = 0, nil
	if res, err := Run(context.Background(), o); err != nil || res.Evaluations != 5 {
		t.Errorf("resume: err = %v, res = %+v", err, res)
	}
}

// TestResumeRefusesEditedTrace: a trace whose points are not those the
// search asks for is not resumed.
func TestResumeRefusesEditedTrace(t *testing.T) {
	opts, _ := calibrated(t)
	path := filepath.Join(opts.OutDir, traceFile)
	rows := readCSV(t, path)
	rows[2][4] = "0.123" // the second evaluation's first parameter
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(csvLine(r))
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	keep := snapshot(t, opts.OutDir)
	opts.Resume = true
	_, err := Run(context.Background(), opts)
	var refused *RefusedError
	if !errors.As(err, &refused) || !strings.Contains(err.Error(), "evaluation 2 of trace.csv is a cmaes point, [0.123 ") {
		t.Errorf("err = %v; want a refusal naming evaluation 2", err)
	}
	if !maps.Equal(snapshot(t, opts.OutDir), keep) {
		t.Error("the folder changed")
	}
}
