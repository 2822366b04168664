package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"clustersim/plots"
	"clustersim/scenarios"
	"clustersim/seeds"
	"clustersim/sim"
	"clustersim/sim/ensemble"
	"clustersim/sim/output"
	"clustersim/sim/spread"
)

// jobOptions are the settings of `clustersim run`.
type jobOptions struct {
	Scenario string  // a built-in scenario name or a path
	Seed     uint64  // the master seed
	Out      string  // the directory that receives <scenario-name>/
	Scale    float64 // share of the county simulated, in (0, 1]
	Runs     int     // runs (seeds) of an ensemble, at least 1; 1 is a single run
	Workers  int     // runs simulated at once; 0 uses every core
	// Firms chooses the runs whose firm snapshots are written: "none",
	// "first" (run 0, the default) or "all" (with a run column).
	Firms       string
	FirmsFormat string       // "csv" (firms.csv, the default) or "parquet" (firms.parquet)
	Set         []string     // PATH=VALUE parameter overrides (run --set), applied in order
	Force       bool         // replace an existing Out/<scenario>
	Quiet       bool         // print nothing on success: no fit table, no progress bar
	JSON        bool         // print the fit table as JSON
	State       stateOptions // --stop-at/--state, --from-state

	Stdout   io.Writer    // the fit table and where the outputs are
	Stderr   io.Writer    // the progress bar
	Terminal bool         // Stderr is a terminal, so the progress bar is drawn
	Log      *slog.Logger // what is read, staged and written; nil logs nothing

	// Progress, if not nil, is called after each simulated month, besides
	// the progress bar.
	Progress func(done, total int)
}

// Files a run writes into its directory, beside the figures.
const (
	seriesFile   = "series.csv"
	codebookFile = "series_codebook.csv" // series,unit,meaning of every series of series.csv
	productsFile = "products.csv"
	firmsFile    = "firms.csv" // or firms.parquet with --firms-format parquet
	runFile      = "run.json"
	fitFile      = "fit.csv"
	figuresDir   = "figures"

	// With --runs N > 1, besides the files above (series.csv then holds
	// the median across runs; products.csv and firms.csv are run 0's):
	quantilesFile = "series_quantiles.csv" // year,series,p05,p50,p95,min,max
	runsFile      = "series_runs.csv"      // scenario,seed,run,year,series,value: every run's series
)

// errInterrupted is the error of a job stopped by its context (SIGINT or
// SIGTERM); the command exits with 130.
var errInterrupted = errors.New("interrupted")

// check reports options that make no sense, before anything is done.
func (o *jobOptions) check() error {
	if math.IsNaN(o.Scale) || o.Scale <= 0 || o.Scale > 1 {
		return fmt.Errorf("--scale %v is not in (0, 1]", o.Scale)
	}
	if o.Out == "" {
		return errors.New("--out must not be empty")
	}
	if o.Runs < 1 {
		return fmt.Errorf("--runs %d: want at least 1 run", o.Runs)
	}
	if o.Workers < 0 {
		return fmt.Errorf("--workers %d must not be negative", o.Workers)
	}
	if !slices.Contains(firmsChoices, o.Firms) {
		return fmt.Errorf("--firms %q: want one of %s", o.Firms, strings.Join(firmsChoices, ", "))
	}
	if !slices.Contains(firmsFormats, o.FirmsFormat) {
		return fmt.Errorf("--firms-format %q: want one of %s", o.FirmsFormat, strings.Join(firmsFormats, ", "))
	}
	_, err := parseOverrides(o.Set)
	return err
}

// The values of --firms and --firms-format; the first is the default.
var (
	firmsChoices = []string{"first", "none", "all"}
	firmsFormats = []string{"csv", "parquet"}
)

// defaultJob returns the options of `clustersim run` with no flags.
func defaultJob() jobOptions {
	return jobOptions{Scenario: "yongkang", Seed: 1, Out: "out", Scale: 1, Runs: 1,
		Firms: firmsChoices[0], FirmsFormat: firmsFormats[0]}
}

// runJob runs a scenario and writes its outputs to o.Out/<scenario name>:
// the CSVs, run.json, fit.csv and the figures. It writes into a staging
// directory renamed into place only when everything is written, so on any
// error or interrupt nothing appears (and a previous output of the same
// scenario is left as it was). A bad scenario, or an existing output
// without o.Force, is reported before anything is created. A panic of the
// engine is returned as an error (an *ensemble.PanicError), with nothing
// written.
func runJob(ctx context.Context, o jobOptions) error {
	if err := o.check(); err != nil {
		return err
	}
	if o.Stdout == nil || o.Quiet {
		o.Stdout = io.Discard
	}
	log := o.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	began := time.Now()
	var saved *savedState
	if o.State.FromState != "" {
		var err error
		if saved, err = readState(o.State.FromState); err != nil {
			return err
		}
		o.Seed, o.Scale = saved.info.Seed, saved.info.Scale // the state's own
		if o.Scenario == "" {
			o.Scenario = saved.info.Scenario
		}
		log.Info("state read", "file", saved.path, "scenario", saved.info.Scenario, "month", saved.info.Month.String())
	}
	sc, err := scenarios.Resolve(o.Scenario)
	if err != nil {
		return err
	}
	ovs, err := parseOverrides(o.Set)
	if err != nil {
		return usageError{err}
	}
	sc, overrides, err := applyOverrides(sc, ovs)
	if err != nil {
		return usageError{err}
	}
	log.Info("scenario read", "name", sc.Name, "file", sc.File, "hash", sc.Hash, "overrides", len(overrides), "elapsed", time.Since(began))
	if err := scenarios.CheckScale(&sc.Config, o.Scale); err != nil {
		return usageError{fmt.Errorf("--scale: %w", err)}
	}
	if o.State.StopAt != "" {
		return saveStateJob(ctx, sc, o, o.Progress)
	}
	if err := refuseExisting(filepath.Join(o.Out, sc.Name), o.Force); err != nil {
		return err
	}
	targets, err := seeds.Load()
	if err != nil {
		return err
	}
	st, err := output.Stage(o.Out, sc.Name)
	if err != nil {
		return err
	}
	defer st.Abort() // nothing once committed
	log.Info("staging", "dir", st.Dir())

	var bar *progress
	if !o.Quiet && o.Terminal && o.Stderr != nil {
		bar = newProgress(o.Stderr, sc.Name, o.Runs)
	}
	progress := func(done, total int) {
		if bar != nil {
			bar.Update(done, total)
		}
		if o.Progress != nil {
			o.Progress(done, total)
		}
	}
	note := o.Stderr
	if o.Quiet {
		note = nil
	}
	o.Workers = capWorkers(o.Workers, note)
	simStart := time.Now()
	s, err := simulate(ctx, sc, o, saved, st.Dir(), progress)
	if bar != nil {
		bar.Finish()
	}
	log.Info("simulated", "runs", max(o.Runs, 1), "seed", o.Seed, "scale", o.Scale, "elapsed", time.Since(simStart))
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		return stopped(ctx, st, err)
	}

	rows := seeds.Evaluate(targets, s.Ensemble)
	if err := writeRun(ctx, st.Dir(), sc, overrides, o, s, targets, rows, log); err != nil {
		return stopped(ctx, st, err)
	}
	if err := ctx.Err(); err != nil {
		return stopped(ctx, st, err)
	}
	if err := st.Commit(); err != nil {
		return err
	}
	log.Info("committed", "dir", st.Path(), "elapsed", time.Since(began))

	if o.JSON {
		return writeJSON(o.Stdout, runJSON{Scenario: sc.Name, Outputs: st.Path(), Seed: o.Seed,
			Runs: s.Runs, Scale: o.Scale, Fit: seeds.FitRowsJSON(rows)})
	}
	if err := seeds.FormatFitTable(o.Stdout, rows); err != nil {
		return err
	}
	_, err = fmt.Fprintf(o.Stdout, "\noutputs in %s\n", st.Path())
	return err
}

// runJSON is what run -o json prints.
type runJSON struct {
	Scenario string          `json:"scenario"`
	Outputs  string          `json:"outputs"` // the directory written
	Seed     uint64          `json:"seed"`
	Runs     int             `json:"runs"`
	Scale    float64         `json:"scale"`
	Fit      []seeds.FitJSON `json:"fit"` // the fit table's rows, as in fit.csv
}

// refuseExisting returns a usage error if dir exists and force is not set:
// an earlier output is replaced only on request. (A dir that cannot be
// looked at is left for the staging to report.)
func refuseExisting(dir string, force bool) error {
	if _, err := os.Lstat(dir); err == nil && !force {
		return usageError{fmt.Errorf("%s already exists: pass --force to replace it, or choose another --out", dir)}
	}
	return nil
}

// stopped aborts the staging directory and returns the error, as
// errInterrupted if the context was cancelled.
func stopped(ctx context.Context, st *output.Staging, err error) error {
	if aerr := st.Abort(); aerr != nil {
		err = errors.Join(err, aerr)
	}
	if ctx.Err() != nil {
		return fmt.Errorf("%w: nothing was written to %s", errInterrupted, st.Path())
	}
	return err
}

// capWorkers returns workers, or the number of cores if it is more, with
// a note on stderr: runs beyond the cores only wait for one another, and
// each holds a whole county in memory.
func capWorkers(workers int, stderr io.Writer) int {
	n := runtime.NumCPU()
	if workers <= n {
		return workers
	}
	if stderr != nil {
		fmt.Fprintf(stderr, "clustersim: note: --workers %d is more than the %d cores of this machine; using %d\n", workers, n, n)
	}
	return n
}

// simulation is what a job writes out once its runs are done.
type simulation struct {
	// Median holds the years and, for each series, its median across the
	// runs (a single run's own values): series.csv and the figures.
	Median *sim.Results
	// Ensemble keeps every run's series; its median is what fit.csv
	// compares with the article, and its bands are drawn when Runs > 1.
	Ensemble *ensemble.Ensemble
	Runs     int
}

// simulate runs o.Runs seeds of the scenario in parallel (one run for
// --runs 1), identical whatever the number of workers; a panic of a run is
// an error (ensemble.SafeRun). As each run is done, in run order, its own
// files are written into dir (see runStreams), and only its series are
// kept. Runs whose firm snapshots are not written do not record them. With
// saved, the one run continues that state.
func simulate(ctx context.Context, sc *scenarios.Scenario, o jobOptions, saved *savedState, dir string, progress func(done, total int)) (s *simulation, err error) {
	runs := o.Runs
	streams, err := openStreams(dir, runs, o)
	if err != nil {
		return nil, err
	}
	defer func() {
		if cerr := streams.close(); err == nil && cerr != nil {
			s, err = nil, cerr
		}
	}()
	var e *ensemble.Ensemble
	if saved != nil {
		r, err := runFromState(ctx, saved, sc, progress)
		if err != nil {
			return nil, err
		}
		if err := streams.write(r); err != nil {
			return nil, err
		}
		e = ensemble.New([]*sim.Results{r})
	} else {
		e, err = ensemble.Run(ctx, &sc.Config, ensemble.Options{
			Runs: runs, Seed: o.Seed, Scale: o.Scale, Workers: o.Workers, Progress: progress,
			Each:          func(_ int, r *sim.Results) error { return streams.write(r) },
			FirmSnapshots: func(_, run int) bool { return streams.wantsFirms(run) },
		})
		if err != nil {
			return nil, err
		}
	}
	first := e.Runs[0]
	median := &sim.Results{Scenario: first.Scenario, Seed: first.Seed, Scale: first.Scale, Stats: first.Stats}
	median.Years, median.Series = e.Median()
	return &simulation{Median: median, Ensemble: e, Runs: runs}, nil
}

// runStreams writes the files that come from the runs themselves as the
// ensemble passes each run on, so that no run's firm snapshots are kept:
// products.csv from run 0, the firm snapshots of the runs --firms chooses,
// and with several runs series_runs.csv, a run after another.
type runStreams struct {
	dir       string
	allFirms  bool // every run's firms, not only run 0's
	firms     output.FirmsWriter
	firmsFile *os.File // nil for --firms none
	runs      *os.File // series_runs.csv; nil for a single run
}

func openStreams(dir string, runs int, o jobOptions) (s *runStreams, err error) {
	s = &runStreams{dir: dir, allFirms: o.Firms == "all"}
	defer func() {
		if err != nil {
			s.close()
		}
	}()
	if o.Firms != "none" {
		name := firmsName(o.FirmsFormat)
		if s.firmsFile, err = os.Create(filepath.Join(dir, name)); err != nil {
			return nil, err
		}
		if o.FirmsFormat == "parquet" {
			s.firms = output.NewFirmsParquet(s.firmsFile, s.allFirms)
		} else {
			s.firms = output.NewFirmsCSV(s.firmsFile, s.allFirms)
		}
	}
	if runs > 1 {
		if s.runs, err = os.Create(filepath.Join(dir, runsFile)); err != nil {
			return nil, err
		}
		if _, err := io.WriteString(s.runs, output.SeriesRunsHeader+"\n"); err != nil {
			return nil, fmt.Errorf("writing %s: %w", runsFile, err)
		}
	}
	return s, nil
}

// firmsName is the name of the firms file in a format of --firms-format.
func firmsName(format string) string {
	return strings.TrimSuffix(firmsFile, ".csv") + "." + format
}

// wantsFirms reports whether the firm snapshots of run are written.
func (s *runStreams) wantsFirms(run int) bool {
	return s.firms != nil && (run == 0 || s.allFirms)
}

// write writes run r's share of the files.
func (s *runStreams) write(r *sim.Results) error {
	if r.Run == 0 {
		if err := writeFile(filepath.Join(s.dir, productsFile), func(w io.Writer) error { return output.WriteProducts(w, r) }); err != nil {
			return err
		}
	}
	if s.wantsFirms(r.Run) {
		if err := s.firms.Write(r); err != nil {
			return fmt.Errorf("writing %s: %w", filepath.Base(s.firmsFile.Name()), err)
		}
	}
	if s.runs != nil {
		if err := output.WriteSeriesRuns(s.runs, r); err != nil {
			return fmt.Errorf("writing %s: %w", runsFile, err)
		}
	}
	return nil
}

// close finishes and closes the files still open.
func (s *runStreams) close() error {
	var errs []error
	if s.firms != nil {
		errs = append(errs, s.firms.Close())
		s.firms = nil
	}
	for _, f := range []**os.File{&s.firmsFile, &s.runs} {
		if *f != nil {
			if err := (*f).Close(); err != nil {
				errs = append(errs, fmt.Errorf("writing %s: %w", filepath.Base((*f).Name()), err))
			}
			*f = nil
		}
	}
	return errors.Join(errs...)
}

// writeRun writes the outputs of the job that summarise its runs into dir.
func writeRun(ctx context.Context, dir string, sc *scenarios.Scenario, overrides []output.Override, o jobOptions, s *simulation, targets []seeds.Target, rows []seeds.FitRow, log *slog.Logger) error {
	r := s.Median
	rescaled := o.Scale < 1
	canonical, err := scenarios.Canonical(&sc.Config)
	if err != nil {
		return fmt.Errorf("%s: %w", runFile, err)
	}
	info := output.RunInfo{
		Build:    output.CurrentBuild(),
		Scenario: sc.Name, ScenarioFile: sc.File, ScenarioHash: sc.Hash,
		Seed: o.Seed, Runs: s.Runs, Scale: r.Scale, Rescaled: rescaled,
		Overrides: overrides, Stats: r.Stats, Config: canonical,
	}
	files := []outputFile{
		{seriesFile, func(w io.Writer) error { return output.WriteSeries(w, r) }},
		{codebookFile, func(w io.Writer) error { return output.WriteCodebook(w, r) }},
		{runFile, func(w io.Writer) error { return output.WriteRunJSON(w, info) }},
		{fitFile, func(w io.Writer) error { return seeds.WriteFitCSV(w, rows, s.Runs > 1) }},
	}
	var bands []spread.Band
	if s.Runs > 1 {
		files = append(files, outputFile{quantilesFile, s.Ensemble.WriteQuantilesCSV})
		bands = s.Ensemble.Quantiles
	}
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		began := time.Now()
		if err := writeFile(filepath.Join(dir, f.name), f.write); err != nil {
			return err
		}
		log.Debug("wrote", "file", f.name, "elapsed", time.Since(began))
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	began := time.Now()
	_, err = plots.WriteAll(filepath.Join(dir, figuresDir), plots.Input{
		Results: r, Targets: targets, Bands: bands,
		Regimes: sc.Config.Regimes, Events: sc.Config.Events,
		Title:    title(sc.Name, o.Seed, s.Runs),
		Rescaled: rescaled, Scale: r.Scale,
	})
	log.Debug("wrote", "file", figuresDir, "elapsed", time.Since(began))
	return err
}

// title is the figures' title: the scenario, and the seed or the ensemble.
func title(name string, seed uint64, runs int) string {
	switch {
	case runs >= 20:
		return fmt.Sprintf("%s, median and 5–95%% band of %d runs from seed %d", name, runs, seed)
	case runs > 1: // the 5th and 95th percentiles of fewer than 20 runs are close to the extremes
		return fmt.Sprintf("%s, median and range of %d runs from seed %d", name, runs, seed)
	}
	return fmt.Sprintf("%s, seed %d", name, seed)
}

// outputFile is a file of a run's directory and the function that writes it.
type outputFile struct {
	name  string
	write func(io.Writer) error
}

// writeFile creates path and writes it with write.
func writeFile(path string, write func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	err = write(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", filepath.Base(path), err)
	}
	return nil
}
