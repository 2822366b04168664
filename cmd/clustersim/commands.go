package main

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
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
		Long: `clustersim simulates the Yongkang metal-working cluster (Zhejiang, China),
1978–2010, and compares it with the figures of Shi Lu and Bernard Ganne,
"From Farm Tools to Electric Cars", China Perspectives 2016/1.

` + exitCodesHelp,
		Example: `  clustersim run                      # the baseline, into out/yongkang
  clustersim scenarios list
  clustersim run no_estates --scale 0.1 --runs 2`,
		Version: output.CurrentBuild().String(),
		// execute prints errors and decides the exit code.
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.SetVersionTemplate("clustersim {{.Version}}\n")
	root.SetOut(stdout)
	root.SetErr(stderr)
	addGlobalFlags(root)
	root.AddCommand(newRunCmd(), newCompareCmd(), newServeCmd(), newScenariosCmd(), newCalibrateCmd(), newVersionCmd())
	builtinExamples(root)
	return root
}

func newRunCmd() *cobra.Command {
	o := defaultJob()
	var format outputFormat
	cmd := &cobra.Command{
		Use:   "run [SCENARIO]",
		Short: "Run a scenario and write its results to DIR/<scenario>",
		Long: `Run a scenario (a built-in name or a scenario file; default yongkang, the
baseline) and write series.csv, products.csv, firms.csv, run.json, fit.csv
and figures/ to DIR/<scenario name>. With --runs N > 1 it runs an ensemble
of N seeds in parallel: series.csv and fit.csv take the ensemble median
(fit.csv adds sim_p05,sim_p95); series_quantiles.csv and series_runs.csv
are added; the CSVs of firms (see --firms) and products are those of run 0.
Memory does not grow with N. --set PATH=VALUE changes a parameter of the
scenario for this run (run.json records it). Nothing is written unless the
run completes. An existing DIR/<scenario> is refused unless --force is
given, which replaces it. A second run of the same scenario into the same
DIR while one is writing stops at once (exit 1). -o json prints the fit
table as JSON.

--stop-at YYYY-MM --state FILE runs one run to the end of that month and writes
its whole state to FILE (nothing else). --from-state FILE continues such a
state to the end of its scenario and writes the outputs of the whole period,
byte-identical to those of an uninterrupted run of the same scenario, seed and
scale (the state holds its seed and scale; SCENARIO defaults to the state's).`,
		Example: `  clustersim run                                  # the baseline at full scale
  clustersim run no_compromise --scale 0.1 --runs 4 --out out/cf
  clustersim run --runs 20 --firms all --firms-format parquet
  clustersim run --set params.households.entry_rate=0.02 --out out/entry
  clustersim run my_scenario.yaml --force -o json > fit.json
  clustersim run --stop-at 1992-06 --state out/1992.state && clustersim run --from-state out/1992.state`,
		Args:              cobra.MaximumNArgs(1),
		ValidArgsFunction: scenarioArgs(true),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				o.Scenario = args[0]
			} else if o.State.FromState != "" {
				o.Scenario = "" // the state's
			}
			if err := o.State.check(o.Runs); err != nil {
				return usageError{err}
			}
			if o.State.FromState != "" && (cmd.Flags().Changed("seed") || cmd.Flags().Changed("scale")) {
				return usageError{errors.New("--from-state continues with the state's own seed and scale: drop --seed and --scale")}
			}
			if err := o.check(); err != nil {
				return usageError{err}
			}
			o.Stdout, o.Stderr = cmd.OutOrStdout(), cmd.ErrOrStderr()
			o.Terminal = isTerminal(o.Stderr)
			o.Quiet, o.JSON, o.Log = quiet(cmd), format == jsonOutput, logger(cmd)
			return runJob(cmd.Context(), o)
		},
	}
	addOutputFlag(cmd, &format)
	f := cmd.Flags()
	f.Uint64Var(&o.Seed, "seed", 1, "master seed of the random streams")
	f.StringVar(&o.Out, "out", "out", "directory to write the results under")
	f.Float64Var(&o.Scale, "scale", 1, "share of households and firms simulated, in (0,1]; counts are rescaled")
	f.IntVar(&o.Runs, "runs", 1, "runs (seeds) of an ensemble, simulated in parallel; with N > 1, fit.csv uses the median and figures draw bands")
	f.IntVar(&o.Workers, "workers", 0, "runs simulated at once with --runs (0: every core; at most the cores); results do not depend on it")
	f.StringVar(&o.Firms, "firms", o.Firms, "whose firm snapshots to write: first (run 0), none, or all (with a run column)")
	f.StringVar(&o.FirmsFormat, "firms-format", o.FirmsFormat, "format of the firm snapshots: csv (firms.csv) or parquet (firms.parquet)")
	f.StringArrayVar(&o.Set, "set", nil, "set a parameter, PATH=VALUE, PATH as in a calibration spec (params.households.entry_rate, regimes[1].governance.city_tax; a range ladder[0:4].market multiplies); repeatable")
	f.BoolVar(&o.Force, "force", false, "replace an existing output of the scenario in --out")
	f.StringVar(&o.State.StopAt, "stop-at", "", "run to the end of month YYYY-MM and write the state to --state (no other output)")
	f.StringVar(&o.State.StateFile, "state", "", "the file --stop-at writes the state to")
	f.StringVar(&o.State.FromState, "from-state", "", "continue the state in FILE to the end of its scenario")
	return cmd
}

func newScenariosCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:     "scenarios",
		Short:   "List, show and validate scenarios",
		Example: "  clustersim scenarios list",
		Args:    cobra.NoArgs,
		RunE:    func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	var format outputFormat
	list := &cobra.Command{
		Use:     "list",
		Short:   "List the built-in scenarios",
		Example: "  clustersim scenarios list\n  clustersim scenarios list -o json",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return listScenarios(cmd.OutOrStdout(), format)
		},
	}
	addOutputFlag(list, &format)
	cmd.AddCommand(list, &cobra.Command{
		Use:               "show NAME",
		Short:             "Print a scenario (built-in name or file) resolved, in canonical form",
		Example:           "  clustersim scenarios show no_estates\n  clustersim scenarios show my_scenario.yaml",
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: scenarioArgs(true),
		RunE: func(cmd *cobra.Command, args []string) error {
			return showScenario(cmd.OutOrStdout(), args[0])
		},
	}, &cobra.Command{
		Use:   "validate FILE...",
		Short: "Check scenario files",
		Long: `Check scenario files without running them. Every problem of a file is
reported, in file order, up to ` + strconv.Itoa(scenarios.MaxErrors) + ` a file.`,
		Example:           "  clustersim scenarios validate my_scenario.yaml other.yaml",
		Args:              cobra.MinimumNArgs(1),
		ValidArgsFunction: scenarioArgs(false),
		RunE: func(cmd *cobra.Command, args []string) error {
			return validateScenarios(cmd.OutOrStdout(), args)
		},
	})
	return cmd
}

func newVersionCmd() *cobra.Command {
	var format outputFormat
	cmd := &cobra.Command{
		Use:     "version",
		Short:   "Print the version",
		Example: "  clustersim version\n  clustersim version -o json\n  clustersim --version",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			b := output.CurrentBuild()
			if format == jsonOutput {
				return writeJSON(cmd.OutOrStdout(), versionJSON{b.Version, b.Revision, b.Modified, b.GoVersion})
			}
			_, err := fmt.Fprintln(cmd.OutOrStdout(), "clustersim", b)
			return err
		},
	}
	addOutputFlag(cmd, &format)
	return cmd
}

// versionJSON is what version -o json prints.
type versionJSON struct {
	Version   string `json:"version"`
	Revision  string `json:"revision,omitempty"`
	Modified  bool   `json:"modified,omitempty"`
	GoVersion string `json:"go_version"`
}

// listScenarios prints each built-in scenario's name and the first line
// of its description, sorted by name; as JSON, the whole description.
func listScenarios(w io.Writer, format outputFormat) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	var bad error
	list := []scenarioJSON{}
	for _, name := range slices.Sorted(slices.Values(scenarios.List())) {
		sc, err := scenarios.Builtin(name)
		if err != nil {
			bad = err
			fmt.Fprintf(tw, "%s\t(invalid: %v)\n", name, err)
			continue
		}
		desc := strings.TrimSpace(sc.Config.Description)
		list = append(list, scenarioJSON{name, sc.Base, desc, sc.Hash})
		first, _, _ := strings.Cut(desc, "\n")
		fmt.Fprintf(tw, "%s\t%s\n", name, strings.TrimSpace(first))
	}
	if format == jsonOutput {
		if err := writeJSON(w, list); err != nil {
			return err
		}
	} else if err := tw.Flush(); err != nil {
		return err
	}
	return bad
}

// scenarioJSON is a scenario as scenarios list -o json prints it.
type scenarioJSON struct {
	Name        string `json:"name"`
	Base        string `json:"base,omitempty"`
	Description string `json:"description"`
	Hash        string `json:"hash"`
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
// problems of each invalid one (every problem, in file order, up to
// scenarios.MaxErrors a file).
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
