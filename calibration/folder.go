package calibration

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"clustersim/scenarios"
	"clustersim/seeds"
	"clustersim/sim/output"
)

// The files that hold a calibration's search: a folder with one of them
// holds a calibration.
const (
	traceFile = "trace.csv"
	metaFile  = "trace.yaml"
	bestFile  = "best.yaml"
)

// derivedFiles are the outputs made from the trace at the end of a
// session; a resumed calibration removes them when it extends its trace.
var derivedFiles = []string{"calibrated.yaml", "trace.png", "trace.svg", "trace.pdf", "fit.csv", "moments.csv",
	"series_quantiles.csv", "profiles.csv", "identification.csv", "profiles"}

// RefusedError is Run's refusal of its output folder, before anything is
// run or written: the folder is left as it was.
type RefusedError struct {
	Dir    string
	Reason string
}

func (e *RefusedError) Error() string { return "calibration: " + e.Dir + ": " + e.Reason }

// traceMeta is trace.yaml: what the trace was made with.
type traceMeta struct {
	SpecFile     string   `yaml:"spec_file"`
	Spec         []string `yaml:"spec"` // Spec.identity
	SpecHash     string   `yaml:"spec_hash"`
	Scenario     string   `yaml:"scenario"`
	ScenarioHash string   `yaml:"scenario_hash"` // of the scenario in canonical form
	TargetsHash  string   `yaml:"targets_hash"`  // of the calibrate targets
	PhaseBudget  int      `yaml:"phase_budget"`  // the first budget, which sized the phases
	Budget       int      `yaml:"budget"`        // the budget of the latest session
}

// traceRow is an evaluation read back from trace.csv.
type traceRow struct {
	phase  string
	values []float64
	key    string // key(values)
	loss   float64
}

// identity lists what a spec fixes of a calibration's trace, a line per
// setting and per parameter: its notes, comments and profile points aside.
func (s *Spec) identity() []string {
	lines := []string{
		"scenario: " + s.Scenario,
		"scale: " + fexact(s.Scale),
		"runs: " + strconv.Itoa(s.Runs),
		"seed: " + strconv.FormatUint(s.Seed, 10),
		"loss: " + s.Loss,
	}
	for _, p := range s.Parameters {
		lines = append(lines, fmt.Sprintf("parameter %s: %s in [%s, %s], %s", p.Name, p.Path, fexact(p.Low), fexact(p.High), p.Transform))
	}
	return lines
}

func hashOf(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// identity is the trace.yaml of a new calibration.
func (c *calibrator) identity() (traceMeta, error) {
	canon, err := scenarios.Canonical(c.base)
	if err != nil {
		return traceMeta{}, err
	}
	var t strings.Builder
	for _, tg := range c.targets {
		if tg.Role == seeds.Calibrate {
			fmt.Fprintf(&t, "%s %s %d %s %s %s\n", tg.ID, tg.Series, tg.Year, fexact(tg.Observed), fexact(tg.Low), fexact(tg.High))
		}
	}
	spec := c.spec.identity()
	return traceMeta{
		SpecFile: c.spec.File, Spec: spec, SpecHash: hashOf([]byte(strings.Join(spec, "\n"))),
		Scenario: c.base.Name, ScenarioHash: hashOf(canon), TargetsHash: hashOf([]byte(t.String())),
		PhaseBudget: c.budget, Budget: c.budget,
	}, nil
}

// open decides what the session does with the output folder (see Run).
func (c *calibrator) open() error {
	entries, err := os.ReadDir(c.out)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("calibration: %w", err)
	}
	holds := false
	for _, e := range entries {
		switch e.Name() {
		case traceFile, metaFile, bestFile:
			holds = true
		}
	}
	switch {
	case c.opt.Resume && c.opt.Force:
		return &RefusedError{c.out, "resume and force exclude each other"}
	case len(entries) > 0 && !holds:
		return &RefusedError{c.out, "the folder is not empty and holds no calibration (no " + traceFile + "): choose another output folder"}
	case holds && c.opt.Resume:
		return c.resume()
	case holds && !c.opt.Force:
		return &RefusedError{c.out, "holds a calibration" + c.describe() +
			": --resume continues it, --force replaces it (or choose another output folder)"}
	}
	if c.opt.Resume {
		c.logf("nothing to resume in %s: starting afresh\n", c.out)
	}
	return c.start()
}

// describe says how far the calibration in the folder went.
func (c *calibrator) describe() string {
	b, err := os.ReadFile(filepath.Join(c.out, traceFile))
	if err != nil {
		return ""
	}
	n := max(0, bytes.Count(b, []byte("\n"))-1)
	return fmt.Sprintf(" (%d evaluations in %s)", n, traceFile)
}

// start begins a new calibration in a staging directory beside the folder.
func (c *calibrator) start() error {
	if c.budget == 0 {
		c.budget = DefaultBudget
	}
	c.setPhases(c.budget)
	meta, err := c.identity()
	if err != nil {
		return err
	}
	c.meta = meta
	st, err := output.Stage(filepath.Dir(c.out), filepath.Base(c.out))
	if err != nil {
		return fmt.Errorf("calibration: %w", err)
	}
	c.stage, c.dir = st, st.Dir()
	if err := c.writeMeta(); err != nil {
		return err
	}
	f, err := os.OpenFile(filepath.Join(c.dir, traceFile), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	c.trace = f
	_, err = io.WriteString(f, csvLine(c.traceHeader()))
	return err
}

// commit puts a new calibration's staging directory in place of the
// folder, replacing what was there.
func (c *calibrator) commit() error {
	if err := c.trace.Close(); err != nil {
		return err
	}
	c.trace = nil
	lk, err := c.stage.CommitHolding()
	if err != nil {
		return fmt.Errorf("calibration: %w", err)
	}
	c.lock = lk // held until the calibration ends
	c.stage, c.dir = nil, c.out
	return c.openTrace()
}

func (c *calibrator) openTrace() error {
	f, err := os.OpenFile(filepath.Join(c.dir, traceFile), os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return err
	}
	c.trace = f
	return nil
}

// extend readies a resumed calibration for its first new evaluation: it
// removes the outputs made from the shorter trace and records the budget.
func (c *calibrator) extend() error {
	if !c.resumed || c.extended {
		return nil
	}
	c.extended = true
	for _, name := range derivedFiles {
		if err := os.RemoveAll(filepath.Join(c.dir, name)); err != nil {
			return err
		}
	}
	c.meta.Budget = c.budget
	if err := c.writeMeta(); err != nil {
		return err
	}
	if err := os.Truncate(filepath.Join(c.dir, traceFile), c.size); err != nil {
		return err
	}
	return c.openTrace()
}

func (c *calibrator) writeMeta() error {
	b, err := yaml.Marshal(&c.meta)
	if err != nil {
		return err
	}
	head := "# What trace.csv was made with: `clustersim calibrate --resume` continues the\n" +
		"# trace only with a spec, scenario and targets of the same hashes.\n"
	return output.WriteFileAtomic(filepath.Join(c.dir, metaFile), append([]byte(head), b...))
}

// resume checks trace.yaml against the spec, the scenario and the targets,
// and reads the trace to replay. It changes nothing in the folder.
func (c *calibrator) resume() error {
	// A second calibration into the same folder would interleave its
	// trace with this one's: it is refused while this one holds the lock.
	lk, err := output.LockDir(c.out)
	if err != nil {
		return fmt.Errorf("calibration: %w", err)
	}
	c.lock = lk
	refuse := func(format string, args ...any) error {
		return &RefusedError{c.out, fmt.Sprintf(format, args...) + "; --force starts afresh (or choose another output folder)"}
	}
	b, err := os.ReadFile(filepath.Join(c.out, metaFile))
	if errors.Is(err, os.ErrNotExist) {
		return refuse("no %s, so the trace cannot be checked against the spec (made by an older clustersim?)", metaFile)
	}
	if err != nil {
		return err
	}
	var meta traceMeta
	if err := yaml.Unmarshal(b, &meta); err != nil {
		return refuse("%s: %v", metaFile, err)
	}
	now, err := c.identity()
	if err != nil {
		return err
	}
	switch {
	case meta.SpecHash != now.SpecHash:
		return refuse("the trace was made with another spec (%s); %s differs: %s",
			meta.SpecFile, c.spec.File, lineDiff(meta.Spec, now.Spec))
	case meta.ScenarioHash != now.ScenarioHash:
		return refuse("the scenario %s differs from the one the trace was made with (%s, hash %.12s; now %s, hash %.12s)",
			c.spec.Scenario, meta.Scenario, meta.ScenarioHash, now.Scenario, now.ScenarioHash)
	case meta.TargetsHash != now.TargetsHash:
		return refuse("the calibrate targets differ from those the trace was made with (hash %.12s; now %.12s)",
			meta.TargetsHash, now.TargetsHash)
	case meta.PhaseBudget < 1:
		return refuse("%s: phase_budget %d: want at least 1", metaFile, meta.PhaseBudget)
	}
	if c.budget == 0 {
		c.budget = max(meta.Budget, meta.PhaseBudget)
	}
	c.meta = meta
	c.setPhases(meta.PhaseBudget)
	rows, err := c.readTrace()
	if err != nil {
		return err
	}
	if len(rows) > c.budget {
		return &RefusedError{c.out, fmt.Sprintf("the trace holds %d evaluations, more than the budget of %d", len(rows), c.budget)}
	}
	c.replay, c.resumed = rows, true
	c.logf("resuming %s: replaying its %d evaluations, then up to %d\n", c.out, len(rows), c.budget)
	return nil
}

// readTrace reads trace.csv, without a last line cut short by a crash
// (which extend cuts off the file).
func (c *calibrator) readTrace() ([]traceRow, error) {
	path := filepath.Join(c.out, traceFile)
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	data = data[:bytes.LastIndexByte(data, '\n')+1]
	c.size = int64(len(data))
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("calibration: resume: %s: %w", path, err)
	}
	want := c.traceHeader()
	if len(recs) == 0 || strings.Join(recs[0], ",") != strings.Join(want, ",") {
		got := ""
		if len(recs) > 0 {
			got = strings.Join(recs[0], ",")
		}
		return nil, fmt.Errorf("calibration: resume: %s has the columns %q; the spec's parameters give %q",
			path, got, strings.Join(want, ","))
	}
	rows := make([]traceRow, 0, len(recs)-1)
	for i, r := range recs[1:] {
		n, err1 := strconv.Atoi(r[0])
		loss, err2 := strconv.ParseFloat(r[2], 64)
		if err1 != nil || err2 != nil || n != i+1 {
			return nil, fmt.Errorf("calibration: resume: %s: row %d is not evaluation %d", path, i+2, i+1)
		}
		row := traceRow{phase: r[1], loss: loss, values: make([]float64, len(r)-4)}
		for j := range row.values {
			v, err := strconv.ParseFloat(r[4+j], 64)
			if err != nil {
				return nil, fmt.Errorf("calibration: resume: %s: row %d: %w", path, i+2, err)
			}
			row.values[j] = v
		}
		row.key = key(row.values)
		rows = append(rows, row)
	}
	return rows, nil
}

// lineDiff names the lines that differ between was and now.
func lineDiff(was, now []string) string {
	var d []string
	for i := range max(len(was), len(now)) {
		w, n := "(nothing)", "(nothing)"
		if i < len(was) {
			w = was[i]
		}
		if i < len(now) {
			n = now[i]
		}
		if w != n {
			d = append(d, fmt.Sprintf("%q in the trace, %q now", w, n))
		}
	}
	if len(d) > 3 {
		d = append(d[:3], "…")
	}
	return strings.Join(d, "; ")
}

// ---------------------------------------------------------------- best.yaml

// checkpoint is best.yaml.
type checkpoint struct {
	Evaluations int       `yaml:"evaluations"` // rows of trace.csv when it was written
	Eval        int       `yaml:"eval"`        // the evaluation that found the best point
	Phase       string    `yaml:"phase"`
	Loss        float64   `yaml:"loss"`
	Parameters  []cpParam `yaml:"parameters"`
}

type cpParam struct {
	Name  string  `yaml:"name"`
	Value float64 `yaml:"value"`
	X     float64 `yaml:"x"` // in the search space
}

func (c *calibrator) writeCheckpoint() error {
	cp := checkpoint{Evaluations: c.evals, Eval: c.best.eval, Phase: c.best.phase, Loss: c.best.loss}
	vals := c.values(c.best.x)
	for i, p := range c.spec.Parameters {
		cp.Parameters = append(cp.Parameters, cpParam{Name: p.Name, Value: vals[i], X: c.best.x[i]})
	}
	b, err := yaml.Marshal(&cp)
	if err != nil {
		return err
	}
	head := "# The best point of `clustersim calibrate` so far, rewritten after every\n" +
		"# evaluation.\n"
	return output.WriteFileAtomic(filepath.Join(c.dir, bestFile), append([]byte(head), b...))
}

// traceHeader is the first row of trace.csv.
func (c *calibrator) traceHeader() []string {
	return append([]string{"eval", "phase", "loss", "best_loss"}, c.spec.Names()...)
}
