// Package calibration fits the free parameters of a scenario to the
// article's figures by the simulated method of moments, and reports how
// well each parameter is identified.
//
// A Spec (calibration/spec.yaml is the default) names the scenario, the
// ensemble each candidate is run with (scale, runs, seed) and the free
// parameters with their bounds and transforms. The loss of a candidate
// (see Loss) is the mean squared distance, in half-widths of the tolerance
// band, between the ensemble means of the simulated moments and the targets
// of seeds/targets.yaml whose role is calibrate. Every candidate is run on
// the same seeds (common random numbers), so the loss is a deterministic
// function of the parameters.
//
// The search (Run) works in the unbounded space of the transformed
// parameters (see Transform), so every candidate lies within its bounds:
//
//  1. start and screen, 40% of the budget: the scenario's own values, then
//     a Latin hypercube (gonum stat/samplemv) over the unit cube of the
//     parameters' positions between their bounds;
//  2. CMA-ES (gonum optimize.CmaEsChol), 50%, from the best point so far,
//     its initial spread fitted, parameter by parameter, to the best points
//     of the screen; restarted with half the spread if it converges early;
//  3. Nelder–Mead (gonum optimize.NelderMead) polish with the rest,
//     restarted from the best point with a shrinking simplex.
//
// Parallelism is inside each batch of model runs: the runs of one candidate
// (and, in the screen and the profiles, of several candidates) share a pool
// of workers (ensemble.RunBatch). Candidates are recorded one after another
// in a fixed order, so the trace, the point where the budget stops the
// search and the result are the same whatever the number of workers or the
// timing of the runs: a calibration is deterministic for a given spec and
// budget.
//
// The output folder is never left mixing two calibrations (see Run): a new
// calibration replaces an earlier one only once its first evaluation is
// recorded, and from then on it appends a row to trace.csv and rewrites
// best.yaml after every evaluation. Options.Resume continues a calibration
// after checking, in trace.yaml, that it was made with the same spec,
// scenario and targets. Since every evaluation is deterministic, resuming
// replays the search from the start, taking each evaluation's loss from the
// trace instead of running the model, until it passes the end of the trace:
// an interrupted and resumed calibration ends with the same trace and best
// point as an uninterrupted one.
package calibration

import (
	"cmp"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize"
	"gonum.org/v1/gonum/stat/distmv"
	"gonum.org/v1/gonum/stat/samplemv"

	"clustersim/scenarios"
	"clustersim/seeds"
	"clustersim/sim"
	"clustersim/sim/ensemble"
	"clustersim/sim/output"
)

// Options are the settings of Run.
type Options struct {
	Spec *Spec // nil: DefaultSpec()
	// Budget is the number of model evaluations of the search (each an
	// ensemble of Spec.Runs runs); 0: DefaultBudget, or with Resume the
	// budget the calibration was last run with.
	Budget int
	// Resume continues the calibration in OutDir (see Run). With Resume,
	// the phases of the search keep the sizes the calibration's first
	// budget gave them: a larger Budget lengthens the Nelder–Mead polish.
	Resume bool
	// Force replaces a calibration in OutDir with a new one. Without
	// Resume or Force, Run refuses a folder that holds a calibration.
	Force   bool
	OutDir  string // "": DefaultOutDir
	Workers int    // runs simulated at once; 0: runtime.GOMAXPROCS(0)
	// Base is the scenario to calibrate; nil: the spec's scenario, loaded
	// with scenarios.Resolve. calibrated.yaml names the spec's scenario as
	// its base either way.
	Base *sim.Config
	// Targets are the figures to fit (role calibrate) and to report
	// (validate); nil: seeds.Load().
	Targets []seeds.Target
	// Log receives a line per evaluation and the final report; nil: none.
	Log io.Writer
}

// Defaults of Options.
const (
	DefaultBudget = 2000
	DefaultOutDir = "out/calibration"
)

// Shares of the budget given to the first two phases; Nelder–Mead has the
// rest.
const (
	ScreenShare = 0.4
	CMAESShare  = 0.5
)

// Phases of the search, as written in trace.csv.
const (
	PhaseStart  = "start" // the scenario's own values
	PhaseScreen = "screen"
	PhaseCMAES  = "cmaes"
	PhaseNM     = "nelder-mead"
)

// FailedLoss is the loss of a candidate whose runs fail (the engine
// rejects the configuration).
const FailedLoss = 1e6

// Result is the outcome of Run.
type Result struct {
	Spec        *Spec
	Names       []string
	Values      []float64 // the best point, one value per parameter (a multiplier's factor)
	X           []float64 // the same in the search space
	Loss        float64
	BestEval    int         // the evaluation that found it (1-based)
	Evaluations int         // model evaluations in the trace
	Interrupted bool        // the context was cancelled; the outputs that need runs were not written
	Config      *sim.Config // the base with the best values applied
	Terms       []Term      // the loss at the best point, target by target
	Fit         []seeds.FitRow
	// Identification has one entry per parameter when profiles were made.
	Identification []Identification
	Files          []string // the files written, relative to OutDir
}

// Run calibrates. It writes into opt.OutDir:
//
//	trace.csv           eval,phase,loss,best_loss,<parameter names>: one row per evaluation
//	trace.yaml          what the trace was made with, which Resume checks: the
//	                    hashes of the spec, the scenario and the targets, and the budgets
//	best.yaml           the best point so far
//	trace.png, .svg, .pdf loss and best loss by evaluation (log scale)
//	calibrated.yaml     a scenario file: base: <scenario>, with the calibrated values
//	fit.csv             every target beside the ensemble at the best point
//	                    (simulated = the mean of the runs, the moment the loss
//	                    fits; sim_p05, sim_p95 their spread), calibrate rows first
//	moments.csv         the loss at the best point, target by target
//	series_quantiles.csv the ensemble at the best point
//	profiles/<name>.png, .svg, .pdf, profiles.csv, identification.csv
//	                    the loss along each parameter around the optimum
//
// and prints the fit table, calibrate and validate apart, and the
// identification verdicts to opt.Log. The profiles' evaluations come on
// top of the budget (ProfilePoints+2 per parameter), as does one last
// ensemble at the best point.
//
// The folder opt.OutDir:
//
//   - missing or empty (or, with Force, holding a calibration): a new
//     calibration is written into a staging directory beside it, which
//     replaces the folder once the first evaluation is recorded (see
//     sim/output.Stage). An interrupt or error before then leaves the folder
//     as it was; the folder never mixes files of two calibrations.
//   - holding a calibration, with Resume: trace.yaml must record the hashes
//     of this spec (its settings and parameters; comments, notes and
//     profile_points aside), this scenario and these calibrate targets.
//     The search then starts again from the beginning, taking the loss of
//     each point the trace holds from the trace, in order, and checking that
//     it is the point the search asks for; past the end of the trace it runs
//     the model and appends. Nothing in the folder changes until the first
//     new evaluation, which removes the outputs of the earlier session
//     (calibrated.yaml, the figures, the fit and the profiles) that no longer
//     match the trace.
//   - anything else (a calibration without Resume or Force, a folder that
//     is not empty and holds no calibration, a trace made with another spec,
//     scenario or targets): Run returns a *RefusedError and changes nothing.
//
// When ctx is cancelled Run abandons the evaluation in progress, keeps
// trace.csv and best.yaml as they were after the last completed one, writes
// calibrated.yaml and the trace figure from the best point so far, and
// returns the Result with Interrupted set and ctx's error (before the first
// evaluation, nothing is written).
func Run(ctx context.Context, opt Options) (*Result, error) {
	c, err := newCalibrator(ctx, opt)
	if err != nil {
		return nil, err
	}
	defer c.close()
	if err := c.open(); err != nil {
		return nil, err
	}
	searchErr := c.search()
	if searchErr != nil && !isCancel(searchErr) {
		return nil, searchErr
	}
	if c.best == nil {
		if searchErr != nil {
			if c.stage != nil {
				c.logf("interrupted before the first evaluation: nothing written to %s\n", c.out)
			}
			return &Result{Spec: c.spec, Names: c.spec.Names(), Interrupted: true}, searchErr
		}
		return nil, errors.New("calibration: no evaluation was made (budget 0?)")
	}
	res := c.result()
	if searchErr != nil {
		res.Interrupted = true
		c.logf("interrupted after %d evaluations; best loss %s (evaluation %d). Continue with --resume.\n",
			c.evals, fmtLoss(c.best.loss), c.best.eval)
		for _, w := range []func(*Result) error{c.writeCalibrated, c.writeTracePlot} {
			if err := w(res); err != nil {
				return res, errors.Join(searchErr, err)
			}
		}
		return res, searchErr
	}
	if err := c.finish(res); err != nil {
		if isCancel(err) {
			res.Interrupted = true
		}
		return res, err
	}
	return res, nil
}

func isCancel(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

// point is one evaluated candidate.
type point struct {
	x     []float64
	loss  float64
	eval  int
	phase string
}

type calibrator struct {
	ctx     context.Context
	opt     Options
	spec    *Spec
	base    *sim.Config
	targets []seeds.Target
	out     string // the output folder
	dir     string // where the files are written: out, or the staging directory until the first evaluation
	stage   *output.Staging
	ens     ensemble.Options
	workers int
	budget  int // evaluations of the search
	screen  int // of which the start and screen phases
	cmaEnd  int // the evaluation CMA-ES stops at

	meta     traceMeta // trace.yaml
	trace    *os.File  // trace.csv, open for appending; nil while only replaying
	replay   []traceRow
	next     int   // rows of replay consumed by the search
	size     int64 // bytes of trace.csv that hold whole rows, when resumed
	resumed  bool  // continuing a calibration in place
	extended bool  // a resumed calibration has recorded a new evaluation

	lock    *output.Lock // of the folder, from the stage's commit or the resume on
	evals   int
	best    *point
	history []point            // every evaluation: x and loss
	cache   map[string]float64 // the losses of the points of history, by key(x)
	started time.Time
	session int // evaluations made by this process
}

func newCalibrator(ctx context.Context, opt Options) (*calibrator, error) {
	c := &calibrator{ctx: ctx, opt: opt, spec: opt.Spec, out: opt.OutDir, cache: map[string]float64{}}
	if c.spec == nil {
		s, err := DefaultSpec()
		if err != nil {
			return nil, err
		}
		c.spec = s
	}
	if c.out == "" {
		c.out = DefaultOutDir
	}
	c.out = filepath.Clean(c.out)
	c.dir = c.out
	switch {
	case opt.Budget < 0:
		return nil, fmt.Errorf("calibration: budget %d: want at least 1 evaluation", opt.Budget)
	case opt.Budget > 0:
		c.budget = opt.Budget
	case !opt.Resume:
		c.budget = DefaultBudget
	} // with Resume and no budget: the trace's (see open)
	c.base = opt.Base
	if c.base == nil {
		sc, err := scenarios.Resolve(c.spec.Scenario)
		if err != nil {
			return nil, fmt.Errorf("calibration: %s: scenario: %w", c.spec.File, err)
		}
		c.base = &sc.Config
	}
	if err := c.spec.Check(c.base); err != nil {
		return nil, err
	}
	c.targets = opt.Targets
	if c.targets == nil {
		t, err := seeds.Load()
		if err != nil {
			return nil, err
		}
		c.targets = t
	}
	n := 0
	for _, t := range c.targets {
		if t.Role == seeds.Calibrate {
			n++
		}
	}
	if n == 0 {
		return nil, errors.New("calibration: no target has the role calibrate")
	}
	c.workers = opt.Workers
	if c.workers <= 0 {
		c.workers = runtime.GOMAXPROCS(0)
	}
	c.ens = ensemble.Options{Runs: c.spec.Runs, Seed: c.spec.Seed, Scale: c.spec.Scale, Workers: c.workers}
	c.started = time.Now()
	return c, nil
}

// setPhases sizes the phases of the search for a budget: the start and
// screen take ScreenShare of it, CMA-ES CMAESShare.
func (c *calibrator) setPhases(budget int) {
	c.screen = min(budget, max(1, int(math.Round(ScreenShare*float64(budget)))))
	c.cmaEnd = min(budget, c.screen+int(math.Round(CMAESShare*float64(budget))))
}

// close closes the trace and removes a staging directory that was never
// put in place.
func (c *calibrator) close() {
	if c.trace != nil {
		c.trace.Close()
	}
	if c.stage != nil {
		c.stage.Abort()
	}
	if c.lock != nil {
		c.lock.Unlock()
	}
}

func (c *calibrator) logf(format string, args ...any) {
	if c.opt.Log != nil {
		fmt.Fprintf(c.opt.Log, format, args...)
	}
}

// config returns the base with the parameters at x applied.
func (c *calibrator) config(x []float64) (*sim.Config, error) {
	cfg := CloneConfig(c.base)
	for i := range c.spec.Parameters {
		p := &c.spec.Parameters[i]
		if err := p.path.Apply(cfg, p.FromX(x[i])); err != nil {
			return nil, err
		}
	}
	return cfg, nil
}

// values maps x to the parameters' values.
func (c *calibrator) values(x []float64) []float64 {
	v := make([]float64, len(x))
	for i := range x {
		v[i] = c.spec.Parameters[i].FromX(x[i])
	}
	return v
}

// startX is the scenario's own point: each parameter at its value in the
// base (a multiplier at 1), clamped into the bounds.
func (c *calibrator) startX() []float64 {
	x := make([]float64, len(c.spec.Parameters))
	for i := range c.spec.Parameters {
		p := &c.spec.Parameters[i]
		v := 1.0
		if !p.path.Multiplier() {
			if vals, err := p.path.Values(c.base); err == nil && len(vals) > 0 {
				v = vals[0]
			}
		}
		x[i] = p.ToX(v)
	}
	return x
}

// evaluate runs the ensembles of the candidates xs on the shared pool of
// workers and returns their losses, in the order of xs.
func (c *calibrator) evaluate(xs [][]float64) ([]float64, []*ensemble.Ensemble, error) {
	cfgs := make([]*sim.Config, len(xs))
	for i, x := range xs {
		cfg, err := c.config(x)
		if err != nil {
			return nil, nil, fmt.Errorf("calibration: %w", err)
		}
		cfgs[i] = cfg
	}
	ens, err := ensemble.RunBatch(c.ctx, cfgs, c.ens)
	if err != nil && !isCancel(err) && len(cfgs) > 1 {
		// One candidate's runs failed: evaluate them one by one.
		ens = make([]*ensemble.Ensemble, len(cfgs))
		for i, cfg := range cfgs {
			e, err := ensemble.Run(c.ctx, cfg, c.ens)
			if isCancel(err) {
				return nil, nil, err
			}
			ens[i] = e
		}
		err = nil
	}
	if err != nil {
		if isCancel(err) {
			return nil, nil, err
		}
		c.logf("candidate failed: %v\n", err)
		return []float64{FailedLoss}, []*ensemble.Ensemble{nil}, nil
	}
	losses := make([]float64, len(xs))
	for i, e := range ens {
		if e == nil {
			losses[i] = FailedLoss
			continue
		}
		losses[i], _ = LossFor(c.spec.Loss)(c.targets, e)
	}
	return losses, ens, nil
}

// assess returns the losses of the candidates xs, in order, and records
// each as an evaluation of its phase: from the trace being replayed while
// it lasts, then by running the model (the new candidates on the shared
// pool of workers).
func (c *calibrator) assess(phases []string, xs [][]float64) ([]float64, error) {
	losses := make([]float64, len(xs))
	i := 0
	for ; i < len(xs) && c.next < len(c.replay); i++ {
		r := c.replay[c.next]
		if got := key(c.values(xs[i])); r.phase != phases[i] || r.key != got {
			// Nothing is written before the trace is replayed.
			return nil, &RefusedError{c.out, fmt.Sprintf("evaluation %d of %s is a %s point, %v, but the search asks for a %s point, %v: "+
				"the trace was made by another version of clustersim, or edited; --force starts afresh",
				c.next+1, traceFile, r.phase, r.values, phases[i], c.values(xs[i]))}
		}
		c.next++
		losses[i] = r.loss
		c.record(phases[i], xs[i], r.loss)
		if c.next == len(c.replay) {
			c.logf("replayed the %d evaluations of the trace; best loss %s (evaluation %d)\n", c.evals, fmtLoss(c.best.loss), c.best.eval)
		}
	}
	if i == len(xs) {
		return losses, nil
	}
	ls, _, err := c.evaluate(xs[i:])
	if err != nil {
		return nil, err
	}
	for k, l := range ls {
		losses[i+k] = l
		c.record(phases[i+k], xs[i+k], l)
		if err := c.appendRow(phases[i+k], xs[i+k], l); err != nil {
			return nil, err
		}
	}
	return losses, nil
}

// record adds an evaluation to the history and the best point.
func (c *calibrator) record(phase string, x []float64, loss float64) {
	c.evals++
	c.cache[key(x)] = loss
	c.history = append(c.history, point{x: slices.Clone(x), loss: loss, eval: c.evals, phase: phase})
	if c.best == nil || loss < c.best.loss {
		c.best = &point{x: slices.Clone(x), loss: loss, eval: c.evals, phase: phase}
	}
}

// appendRow appends the new evaluation just recorded to trace.csv and rewrites
// best.yaml; the first puts a new calibration's folder in place, or
// clears a resumed one of the outputs that no longer match its trace.
func (c *calibrator) appendRow(phase string, x []float64, loss float64) error {
	c.session++
	if err := c.extend(); err != nil {
		return err
	}
	row := make([]string, 0, 4+len(x))
	row = append(row, strconv.Itoa(c.evals), phase, fexact(loss), fexact(c.best.loss))
	for _, v := range c.values(x) {
		row = append(row, fexact(v))
	}
	if _, err := io.WriteString(c.trace, csvLine(row)); err != nil {
		return err
	}
	if err := c.writeCheckpoint(); err != nil {
		return err
	}
	if c.stage != nil {
		if err := c.commit(); err != nil {
			return err
		}
	}
	el := time.Since(c.started)
	per := el / time.Duration(c.session)
	eta := per * time.Duration(max(0, c.budget-c.evals))
	c.logf("eval %*d/%d  %-11s loss %-12s best %-12s (eval %d)  %.2fs/eval  ETA %s\n",
		len(strconv.Itoa(c.budget)), c.evals, c.budget, phase, fmtLoss(loss), fmtLoss(c.best.loss), c.best.eval,
		per.Seconds(), eta.Round(time.Second))
	return nil
}

func key(x []float64) string {
	var b strings.Builder
	for _, v := range x {
		b.WriteString(strconv.FormatUint(math.Float64bits(v), 16))
		b.WriteByte(',')
	}
	return b.String()
}

// fexact formats a number so that it reads back to the same bits.
func fexact(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

func fmtLoss(v float64) string { return strconv.FormatFloat(v, 'g', 6, 64) }

func csvLine(rec []string) string {
	var b strings.Builder
	w := csv.NewWriter(&b)
	w.Write(rec)
	w.Flush()
	return b.String()
}

// errBudget stops a gonum method when the phase's evaluations are spent.
var errBudget = errors.New("calibration: budget spent")

// search runs the three phases up to the budget.
func (c *calibrator) search() error {
	if err := c.runScreen(); err != nil {
		return err
	}
	step := 1.0
	for c.evals < c.cmaEnd {
		before := c.evals
		cma := &optimize.CmaEsChol{
			InitStepSize: step,
			InitCholesky: c.initialSpread(),
			Src:          rand.NewPCG(c.spec.Seed, streamCMAES^uint64(c.evals)),
		}
		if err := c.minimize(cma, PhaseCMAES, c.cmaEnd, nil, optimize.NeverTerminate{}); err != nil {
			return err
		}
		if c.evals == before {
			break
		}
		step /= 2
	}
	size, stale := 0.4, 0
	for c.evals < c.budget && stale < 5 {
		before := c.evals
		nm := &optimize.NelderMead{SimplexSize: size}
		conv := &optimize.FunctionConverge{Absolute: 1e-9, Relative: 1e-6, Iterations: 10 * len(c.spec.Parameters)}
		f0 := c.best.loss
		if err := c.minimize(nm, PhaseNM, c.budget, &f0, conv); err != nil {
			return err
		}
		if c.evals == before {
			stale++
		}
		if size /= 2; size < 0.01 {
			size = 0.4
		}
	}
	if c.next < len(c.replay) {
		return &RefusedError{c.out, fmt.Sprintf("the search ended after %d evaluations, but %s holds %d: "+
			"it was made by another version of clustersim, or edited; --force starts afresh",
			c.evals, traceFile, len(c.replay))}
	}
	return nil
}

// initialSpread is the Cholesky factor of the covariance CMA-ES starts
// with: diagonal, each parameter's standard deviation the root mean square
// distance, in the search space, between the best point and the best
// evaluations so far (the best max(10, 2·dim), or 10% of the evaluations
// if more), kept within [0.05, 1.5]. So the search starts as wide as the
// region of good points the screen found, direction by direction.
func (c *calibrator) initialSpread() *mat.Cholesky {
	dim := len(c.spec.Parameters)
	k := max(10, 2*dim, len(c.history)/10)
	top := slices.Clone(c.history)
	slices.SortStableFunc(top, func(a, b point) int { return cmp.Compare(a.loss, b.loss) })
	top = top[:min(k, len(top))]
	diag := mat.NewDiagDense(dim, nil)
	for j := range dim {
		ss := 0.0
		for _, p := range top {
			d := p.x[j] - c.best.x[j]
			ss += d * d
		}
		sd := 1.0
		if len(top) > 1 {
			sd = math.Sqrt(ss / float64(len(top)-1))
		}
		sd = clamp(sd, 0.05, 1.5)
		diag.SetDiag(j, sd*sd)
	}
	var chol mat.Cholesky
	if !chol.Factorize(diag) {
		return nil
	}
	return &chol
}

// Streams of the search's random numbers, mixed with the spec's seed.
const (
	streamScreen = 0x5c2ee7a11c0ffee1
	streamCMAES  = 0xc3a3e5c0ffee0002
)

// screenPoints are the start point and the Latin hypercube, c.screen in all.
func (c *calibrator) screenPoints() [][]float64 {
	dim := len(c.spec.Parameters)
	pts := [][]float64{c.startX()}
	if n := c.screen - 1; n > 0 {
		src := rand.NewPCG(c.spec.Seed, streamScreen)
		batch := mat.NewDense(n, dim, nil)
		samplemv.LatinHypercube{Q: distmv.NewUnitUniform(dim, src), Src: src}.Sample(batch)
		for i := range n {
			x := make([]float64, dim)
			for j := range dim {
				x[j] = c.spec.Parameters[j].unitToX(batch.At(i, j))
			}
			pts = append(pts, x)
		}
	}
	return pts
}

// runScreen evaluates the start and screen points, a batch of Workers
// candidates at a time.
func (c *calibrator) runScreen() error {
	pts := c.screenPoints()
	phases := make([]string, len(pts))
	for i := range phases {
		phases[i] = PhaseScreen
	}
	phases[0] = PhaseStart
	for i := 0; i < len(pts); i += c.workers {
		j := min(len(pts), i+c.workers)
		if _, err := c.assess(phases[i:j], pts[i:j]); err != nil {
			return err
		}
	}
	return nil
}

// stopRecorder stops a gonum optimisation when stop returns an error.
type stopRecorder struct{ stop func() error }

func (stopRecorder) Init() error { return nil }
func (r stopRecorder) Record(*optimize.Location, optimize.Operation, *optimize.Stats) error {
	return r.stop()
}

// minimize runs a gonum method from the best point until it converges or
// the trace reaches limit evaluations. f0, when not nil, is the loss at the
// start, so the method does not evaluate it again. Points already
// evaluated are taken from the cache and not counted again.
func (c *calibrator) minimize(method optimize.Method, phase string, limit int, f0 *float64, conv optimize.Converger) error {
	var stopErr error
	stop := func() error {
		if stopErr != nil {
			return stopErr
		}
		if c.evals >= limit {
			return errBudget
		}
		return nil
	}
	prob := optimize.Problem{Func: func(x []float64) float64 {
		if l, ok := c.cache[key(x)]; ok {
			return l
		}
		if err := stop(); err != nil {
			return math.NaN()
		}
		losses, err := c.assess([]string{phase}, [][]float64{x})
		if err != nil {
			stopErr = err
			return math.NaN()
		}
		return losses[0]
	}}
	settings := &optimize.Settings{Converger: conv, Recorder: stopRecorder{stop}}
	if f0 != nil {
		settings.InitValues = &optimize.Location{F: *f0}
	}
	x0 := append([]float64(nil), c.best.x...)
	_, err := optimize.Minimize(prob, x0, settings, method)
	if stopErr != nil {
		return stopErr
	}
	if err != nil && !errors.Is(err, errBudget) {
		// A method's own failure (for instance a singular CMA-ES
		// covariance) ends the phase, not the calibration.
		c.logf("%s stopped: %v\n", phase, err)
	}
	return nil
}

// result assembles the Result of the best point.
func (c *calibrator) result() *Result {
	cfg, _ := c.config(c.best.x)
	return &Result{
		Spec: c.spec, Names: c.spec.Names(), Values: c.values(c.best.x),
		X: append([]float64(nil), c.best.x...), Loss: c.best.loss, BestEval: c.best.eval,
		Evaluations: c.evals, Config: cfg,
	}
}
