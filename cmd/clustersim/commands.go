package main

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"clustersim/scenarios"
	"clustersim/sim/output"
)

func newRootCmd(stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:   "clustersim",
		Short: "An agent-based model of the Yongkang metal-working cluster, 1978–2010",
		// execute prints errors and decides the exit code.
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.AddCommand(newRunCmd(), newScenariosCmd(), newCalibrateCmd(), newVersionCmd())
	return root
}

func newRunCmd() *cobra.Command {
	o := defaultJob()
	cmd := &cobra.Command{
		Use:   "run [SCENARIO]",
		Short: "Run a scenario and write its results to DIR/<scenario>",
		Long: `Run a scenario (a built-in name or a scenario file; default yongkang, the
baseline) and write series.csv, products.csv, firms.csv, run.json, fit.csv
and figures/ to DIR/<scenario name>. With --runs N > 1 it runs an ensemble
of N seeds in parallel: series.csv and fit.csv take the ensemble median
(fit.csv adds sim_p05,sim_p95); series_quantiles.csv and series_runs.csv
are added; the CSVs of firms (see --firms) and products are those of run 0. Memory does
not grow with N. Nothing is written unless the run completes; an earlier
output of the scenario is replaced.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				o.Scenario = args[0]
			}
			if err := o.check(); err != nil {
				return usageError{err}
			}
			o.Stdout, o.Stderr = cmd.OutOrStdout(), cmd.ErrOrStderr()
			o.Terminal = isTerminal(o.Stderr)
			return runJob(cmd.Context(), o)
		},
	}
	f := cmd.Flags()
	f.Uint64Var(&o.Seed, "seed", 1, "master seed of the random streams")
	f.StringVar(&o.Out, "out", "out", "directory to write the results under")
	f.Float64Var(&o.Scale, "scale", 1, "share of households and firms simulated, in (0,1]; counts are rescaled")
	f.IntVar(&o.Runs, "runs", 1, "runs (seeds) of an ensemble, simulated in parallel; with N > 1, fit.csv uses the median and figures draw bands")
	f.IntVar(&o.Workers, "workers", 0, "runs simulated at once with --runs (0: every core; at most the cores); results do not depend on it")
	f.StringVar(&o.Firms, "firms", o.Firms, "whose firm snapshots to write: first (run 0), none, or all (with a run column)")
	f.StringVar(&o.FirmsFormat, "firms-format", o.FirmsFormat, "format of the firm snapshots: csv (firms.csv) or parquet (firms.parquet)")
	f.StringArrayVar(&o.Set, "set", nil, "set a parameter, PATH=VALUE, PATH as in a calibration spec (params.households.entry_rate, regimes[1].governance.city_tax; a range ladder[0:4].market multiplies); repeatable")
	f.BoolVarP(&o.Quiet, "quiet", "q", false, "print neither the fit table nor the progress bar")
	return cmd
}

func newScenariosCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "scenarios",
		Short: "List, show and validate scenarios",
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "list",
		Short: "List the built-in scenarios",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return listScenarios(cmd.OutOrStdout())
		},
	}, &cobra.Command{
		Use:   "show NAME",
		Short: "Print a scenario (built-in name or file) resolved, in canonical form",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return showScenario(cmd.OutOrStdout(), args[0])
		},
	}, &cobra.Command{
		Use:   "validate FILE...",
		Short: "Check scenario files",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return validateScenarios(cmd.OutOrStdout(), args)
		},
	})
	return cmd
}

func newVersionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, err := fmt.Fprintln(cmd.OutOrStdout(), "clustersim", output.CurrentBuild())
			return err
		},
	}
}

// listScenarios prints each built-in scenario's name and the first line
// of its description, sorted by name.
func listScenarios(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	var bad error
	for _, name := range slices.Sorted(slices.Values(scenarios.List())) {
		sc, err := scenarios.Builtin(name)
		if err != nil {
			bad = err
			fmt.Fprintf(tw, "%s\t(invalid: %v)\n", name, err)
			continue
		}
		first, _, _ := strings.Cut(strings.TrimSpace(sc.Config.Description), "\n")
		fmt.Fprintf(tw, "%s\t%s\n", name, strings.TrimSpace(first))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	return bad
}

// showScenario prints the resolved scenario in canonical YAML.
func showScenario(w io.Writer, nameOrPath string) error {
	sc, err := scenarios.Resolve(nameOrPath)
	if err != nil {
		return err
	}
	b, err := scenarios.Canonical(&sc.Config)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// validateScenarios prints "FILE: ok" for each valid file and returns the
// first problem of each invalid one.
func validateScenarios(w io.Writer, files []string) error {
	var errs []error
	for _, f := range files {
		if err := scenarios.Validate(f); err != nil {
			errs = append(errs, err)
			continue
		}
		fmt.Fprintf(w, "%s: ok\n", f)
	}
	return errors.Join(errs...)
}
