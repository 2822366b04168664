package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"

	"clustersim/plots"
	"clustersim/scenarios"
	"clustersim/seeds"
	"clustersim/sim"
	"clustersim/sim/ensemble"
	"clustersim/sim/output"
)

// jobOptions are the settings of `clustersim run`.
type jobOptions struct {
	Scenario string  // a built-in scenario name or a path
	Seed     uint64  // the master seed
	Out      string  // the directory that receives <scenario-name>/
	Scale    float64 // share of the county simulated, in (0, 1]
	Runs     int     // runs (seeds) of an ensemble; 0 or 1 is a single run
	Workers  int     // runs simulated at once; 0 uses every core
	Quiet    bool    // no fit table, no progress bar

	Stdout   io.Writer // the fit table and where the outputs are
	Stderr   io.Writer // the progress bar
	Terminal bool      // Stderr is a terminal, so the progress bar is drawn

	// Progress, if not nil, is called after each simulated month, besides
	// the progress bar.
	Progress func(done, total int)
}

// Files a run writes into its directory, beside the figures.
const (
	seriesFile   = "series.csv"
	codebookFile = "series_codebook.csv" // series,unit,meaning of every series of series.csv
	productsFile = "products.csv"
	firmsFile    = "firms.csv"
	runFile      = "run.json"
	fitFile      = "fit.csv"
	figuresDir   = "figures"

	// With --runs N > 1, besides the files above (written from run 0):
	quantilesFile = "series_quantiles.csv" // year,series,p05,p50,p95,min,max
	runsFile      = "series_runs.csv"      // run,year,series,value: every run's series
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
	if o.Runs < 0 || o.Workers < 0 {
		return fmt.Errorf("--runs %d and --workers %d must not be negative", o.Runs, o.Workers)
	}
	return nil
}

// runJob runs a scenario and writes its outputs to o.Out/<scenario name>:
// the CSVs, run.json, fit.csv and the figures. It writes into a staging
// directory renamed into place only when everything is written, so on any
// error or interrupt nothing appears (and a previous output of the same
// scenario is left as it was). A bad scenario is reported before anything
// is created.
func runJob(ctx context.Context, o jobOptions) error {
	if err := o.check(); err != nil {
		return err
	}
	if o.Stdout == nil {
		o.Stdout = io.Discard
	}
	sc, err := scenarios.Resolve(o.Scenario)
	if err != nil {
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

	var bar *progressBar
	if !o.Quiet && o.Terminal && o.Stderr != nil {
		bar = newProgressBar(o.Stderr, sc.Name, sc.Config.Start)
	}
	progress := func(done, total int) {
		if bar != nil {
			bar.Update(done, total)
		}
		if o.Progress != nil {
			o.Progress(done, total)
		}
	}
	s, err := simulate(ctx, sc, o, progress)
	if bar != nil {
		bar.Finish()
	}
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		return stopped(ctx, st, err)
	}

	rows := seeds.Evaluate(targets, s.Source)
	if err := writeRun(ctx, st.Dir(), sc, o, s, targets, rows); err != nil {
		return stopped(ctx, st, err)
	}
	if err := ctx.Err(); err != nil {
		return stopped(ctx, st, err)
	}
	if err := st.Commit(); err != nil {
		return err
	}

	if !o.Quiet {
		if err := seeds.FormatFitTable(o.Stdout, rows); err != nil {
			return err
		}
		fmt.Fprintln(o.Stdout)
	}
	_, err = fmt.Fprintf(o.Stdout, "outputs in %s\n", st.Path())
	return err
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

// simulation is what a job writes out.
type simulation struct {
	Results *sim.Results // the run whose CSVs and run.json are written (run 0)
	// Ensemble is the ensemble of --runs N > 1, nil for a single run. Its
	// median is what fit.csv compares with the article, its bands are drawn.
	Ensemble *ensemble.Ensemble
	Source   seeds.ValueSource // what fit.csv compares with the article
	Runs     int
}

// simulate produces the results of a job: one run, or an ensemble of
// o.Runs seeds run in parallel (identical whatever the number of workers).
func simulate(ctx context.Context, sc *scenarios.Scenario, o jobOptions, progress func(done, total int)) (*simulation, error) {
	if o.Runs > 1 {
		e, err := ensemble.Run(ctx, &sc.Config, ensemble.Options{
			Runs: o.Runs, Seed: o.Seed, Scale: o.Scale, Workers: o.Workers, Progress: progress,
		})
		if err != nil {
			return nil, err
		}
		return &simulation{Results: e.Runs[0], Ensemble: e, Source: e, Runs: o.Runs}, nil
	}
	res, err := sim.Run(&sc.Config, sim.Options{Seed: o.Seed, Scale: o.Scale, Progress: progress, Context: ctx})
	if err != nil {
		return nil, err
	}
	return &simulation{Results: res, Source: res, Runs: 1}, nil
}

// writeRun writes every output of the job into dir.
func writeRun(ctx context.Context, dir string, sc *scenarios.Scenario, o jobOptions, s *simulation, targets []seeds.Target, rows []seeds.FitRow) error {
	r := s.Results
	rescaled := o.Scale < 1
	info := output.RunInfo{
		Build:    output.CurrentBuild(),
		Scenario: sc.Name, ScenarioFile: sc.File, ScenarioHash: sc.Hash,
		Seed: o.Seed, Runs: s.Runs, Scale: r.Scale, Rescaled: rescaled,
		Stats: r.Stats, Config: &sc.Config,
	}
	files := []outputFile{
		{seriesFile, func(w io.Writer) error { return output.WriteSeries(w, r) }},
		{codebookFile, func(w io.Writer) error { return output.WriteCodebook(w, r) }},
		{productsFile, func(w io.Writer) error { return output.WriteProducts(w, r) }},
		{firmsFile, func(w io.Writer) error { return output.WriteFirms(w, r) }},
		{runFile, func(w io.Writer) error { return output.WriteRunJSON(w, info) }},
		{fitFile, func(w io.Writer) error { return seeds.WriteFitCSV(w, rows, s.Ensemble != nil) }},
	}
	if e := s.Ensemble; e != nil {
		files = append(files, outputFile{quantilesFile, e.WriteQuantilesCSV}, outputFile{runsFile, e.WriteRunsCSV})
	}
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := writeFile(filepath.Join(dir, f.name), f.write); err != nil {
			return err
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	var bands []plots.Band
	if s.Ensemble != nil {
		bands = s.Ensemble.Bands()
	}
	_, err := plots.WriteAll(filepath.Join(dir, figuresDir), plots.Input{
		Results: r, Targets: targets, Bands: bands,
		Title:    title(sc.Name, o.Seed, s.Runs),
		Rescaled: rescaled, Scale: r.Scale,
	})
	return err
}

// title is the figures' title: the scenario, and the seed or the ensemble.
func title(name string, seed uint64, runs int) string {
	if runs > 1 {
		return fmt.Sprintf("%s, median and 5–95%% band of %d runs from seed %d", name, runs, seed)
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
