package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/spf13/cobra"

	"clustersim/compare"
	"clustersim/plots"
	"clustersim/scenarios"
	"clustersim/seeds"
	"clustersim/sim"
	"clustersim/sim/output"
)

// compareOptions are the settings of `clustersim compare`.
type compareOptions struct {
	Base     string   // the baseline: a built-in name or a path
	CFs      []string // the counterfactuals
	Runs     int
	Seed     uint64
	Scale    float64
	Workers  int
	Out      string
	FromYear int
	Force    bool
	Quiet    bool
	Stdout   io.Writer
	Stderr   io.Writer
	Terminal bool
}

// newCompareCmd returns `clustersim compare`: package compare does the
// work; this command reads the scenarios and writes the folders.
func newCompareCmd() *cobra.Command {
	o := compareOptions{Runs: 20, Seed: 1, Scale: 1, Out: "out"}
	cmd := &cobra.Command{
		Use:   "compare BASE CF...",
		Short: "Compare counterfactuals with a baseline on common random numbers",
		Long: `Compare runs BASE and each counterfactual CF under the same --runs seeds
(common random numbers: run i of every scenario draws from the same keyed
streams) and writes, for each CF, DIR/compare/<CF>/:

  differences.csv  series,year,base_p50,cf_p50,diff_p50,diff_low,diff_high,runs
                   for every county series and reported year: the medians of
                   the two scenarios' runs, the median of the paired
                   differences cf_i − base_i and their 5–95% range over the runs
  overlay.png/.svg/.pdf both scenarios' medians and bands for each headline
                   series, with the article's figures and the regime and
                   event dates the two scenarios do not share
  differences.md   the headline table: firms in 1985, 1995 and 2006,
                   employment, output, specialised villages, exporters, firms
                   leaving, businessmen in posts, the land price, and the
                   series the CF's look_at names, each with its difference,
                   its range, whether the range clears zero and whether it
                   goes the way look_at expects

--from-year Y starts every counterfactual from the baseline's saved state at
the start of Y (the baseline runs to December of Y-1 and each counterfactual
continues its state): a counterfactual whose changes all begin in or after Y
gives the same outputs as from the start, in less time; one that changes the
run before Y is refused, with the change named.

An existing DIR/compare/<CF> is refused unless --force is given. Nothing is
written for a CF unless the comparison completes.`,
		Example: `  clustersim compare yongkang no_ranking
  clustersim compare yongkang no_estates tight_land --runs 8 --scale 0.2 --out out/cmp
  clustersim compare yongkang no_crisis --from-year 2005`,
		Args: cobra.MinimumNArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			cmd.SilenceUsage = true
			o.Base, o.CFs = args[0], args[1:]
			o.Stdout, o.Stderr = cmd.OutOrStdout(), cmd.ErrOrStderr()
			o.Terminal = isTerminal(o.Stderr)
			o.Quiet = quiet(cmd)
			return runCompare(cmd.Context(), o)
		},
	}
	f := cmd.Flags()
	f.IntVar(&o.Runs, "runs", o.Runs, "pairs of runs (seeds), at least 2")
	f.Uint64Var(&o.Seed, "seed", o.Seed, "master seed shared by every scenario")
	f.Float64Var(&o.Scale, "scale", o.Scale, "share of households and firms simulated, in (0,1]")
	f.IntVar(&o.Workers, "workers", 0, "runs simulated at once (0: every core)")
	f.StringVar(&o.Out, "out", o.Out, "directory to write DIR/compare/<CF> under")
	f.IntVar(&o.FromYear, "from-year", 0, "start every counterfactual from the baseline's saved state at the start of `YEAR` (refused if a counterfactual changes the run before)")
	f.BoolVar(&o.Force, "force", false, "replace existing DIR/compare/<CF> folders")
	return cmd
}

// runCompare resolves the scenarios, runs the comparison and writes one
// folder per counterfactual.
func runCompare(ctx context.Context, o compareOptions) error {
	if o.Runs < 2 {
		return usageError{fmt.Errorf("--runs %d: a paired range needs at least 2 runs", o.Runs)}
	}
	if !(o.Scale > 0 && o.Scale <= 1) {
		return usageError{fmt.Errorf("--scale %g: want a share in (0, 1]", o.Scale)}
	}
	if o.Quiet || o.Stdout == nil {
		o.Stdout = io.Discard
	}
	base, err := scenarios.Resolve(o.Base)
	if err != nil {
		return err
	}
	if err := scenarios.CheckScale(&base.Config, o.Scale); err != nil {
		return usageError{fmt.Errorf("--scale: %w", err)}
	}
	var cfs []*scenarios.Scenario
	var cfgs []*sim.Config
	seen := map[string]bool{} // lookup only
	for _, name := range o.CFs {
		cf, err := scenarios.Resolve(name)
		if err != nil {
			return err
		}
		switch {
		case seen[cf.Name]:
			return usageError{fmt.Errorf("%s is given twice", cf.Name)}
		case cf.Name == base.Name:
			return usageError{fmt.Errorf("%s is the baseline: compare it with a counterfactual", cf.Name)}
		case cf.Config.Start != base.Config.Start || cf.Config.End != base.Config.End || cf.Config.ReportFrom != base.Config.ReportFrom:
			return usageError{fmt.Errorf("%s runs %s–%s (reported from %d), the baseline %s–%s (from %d): a paired comparison needs the same period",
				cf.Name, cf.Config.Start, cf.Config.End, cf.Config.ReportFrom, base.Config.Start, base.Config.End, base.Config.ReportFrom)}
		}
		if o.FromYear != 0 {
			if err := compare.CheckBranch(&base.Config, []*sim.Config{&cf.Config}, o.FromYear); err != nil {
				return usageError{err}
			}
		}
		seen[cf.Name] = true
		if err := refuseExisting(filepath.Join(o.Out, "compare", cf.Name), o.Force); err != nil {
			return err
		}
		cfs = append(cfs, cf)
		cfgs = append(cfgs, &cf.Config)
	}
	var bar *progress
	if !o.Quiet && o.Terminal && o.Stderr != nil {
		bar = newProgress(o.Stderr, "compare", o.Runs*(len(cfs)+1))
	}
	began := time.Now()
	c, err := compare.Run(ctx, &base.Config, cfgs, compare.Options{
		Runs: o.Runs, Seed: o.Seed, Scale: o.Scale, Workers: capWorkers(o.Workers, nil), FromYear: o.FromYear,
		Progress: func(done, total int) {
			if bar != nil {
				bar.Update(done, total)
			}
		},
	})
	if bar != nil {
		bar.Finish()
	}
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("%w: nothing was written to %s", errInterrupted, filepath.Join(o.Out, "compare"))
		}
		return err
	}
	targets, err := seeds.Load()
	if err != nil {
		return err
	}
	parent := filepath.Join(o.Out, "compare")
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	for i, cf := range cfs {
		st, err := output.Stage(parent, cf.Name)
		if err != nil {
			return err
		}
		d := &c.Differences[i]
		werr := writeFile(filepath.Join(st.Dir(), "differences.csv"), d.WriteCSV)
		if werr == nil {
			werr = writeFile(filepath.Join(st.Dir(), "differences.md"), func(w io.Writer) error {
				return d.WriteMarkdown(w, c, cf.Lesson.Title, cf.Lesson.Question, headlines(cf.Lesson))
			})
		}
		if werr == nil {
			_, werr = plots.WriteOverlay(st.Dir(), "overlay", overlay(c, i, base, cf, targets))
		}
		if werr == nil {
			werr = ctx.Err()
		}
		if werr != nil {
			return stopped(ctx, st, werr)
		}
		if err := st.Commit(); err != nil {
			return err
		}
		fmt.Fprintf(o.Stdout, "%s against %s: %s\n", cf.Name, base.Name, st.Path())
	}
	fmt.Fprintf(o.Stdout, "%d runs a scenario, seed %d, scale %g, %s\n", o.Runs, o.Seed, o.Scale, time.Since(began).Round(time.Second))
	return nil
}

// headlines are the standard rows of differences.md followed by the
// counterfactual's look_at rows.
func headlines(l scenarios.Lesson) []compare.Headline {
	heads := append([]compare.Headline(nil), compare.StandardHeadlines...)
	for _, la := range l.LookAt {
		heads = append(heads, compare.Headline{Series: la.Series, Year: la.Year, Expect: la.Sign()})
	}
	return heads
}

// overlay is the figure of counterfactual i against the baseline: a panel
// for each series of its headline table.
func overlay(c *compare.Comparison, i int, base, cf *scenarios.Scenario, targets []seeds.Target) plots.Overlay {
	var series []string
	for _, h := range headlines(cf.Lesson) {
		if !slices.Contains(series, h.Series) {
			series = append(series, h.Series)
		}
	}
	title := cf.Name + " against " + base.Name
	if cf.Lesson.Title != "" {
		title = cf.Lesson.Title + " (" + cf.Name + ") against " + base.Name
	}
	return plots.Overlay{
		Title: title, BaseName: base.Name, CFName: cf.Name, Series: series,
		Base: c.Base.Quantiles, CF: c.Counterfacts[i].Quantiles, Runs: c.Runs, Targets: targets,
		BaseRegimes: base.Config.Regimes, CFRegimes: cf.Config.Regimes,
		BaseEvents: base.Config.Events, CFEvents: cf.Config.Events,
	}
}
