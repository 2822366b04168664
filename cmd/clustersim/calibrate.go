package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"clustersim/calibration"
)

// newCalibrateCmd returns `clustersim calibrate`: it fits the free
// parameters of a calibration spec to the article's calibrate targets by
// the simulated method of moments (package calibration does the work).
func newCalibrateCmd() *cobra.Command {
	var (
		specFile string
		budget   int
		resume   bool
		force    bool
		outDir   string
		workers  int
	)
	cmd := &cobra.Command{
		Use:   "calibrate",
		Short: "Fit the free parameters to the article's figures (simulated method of moments)",
		Long: `Calibrate fits the free parameters named in a calibration spec to the targets
of seeds/targets.yaml whose role is calibrate, by the simulated method of
moments: the loss is the mean, over those targets, of the squared distance
between the ensemble mean of the simulated moment and the observed value, in
half-widths of its tolerance band. Every candidate runs on the same seeds.

The search works in transformed coordinates that keep every candidate within
its bounds: the scenario's own values and a Latin hypercube screen (40% of the
budget), then CMA-ES (50%), then a Nelder-Mead polish.

Outputs, in --out: trace.csv and trace.png/.svg/.pdf (convergence), trace.yaml
(what the trace was made with), best.yaml (the best point so far),
calibrated.yaml (a scenario file with base: the spec's scenario), fit.csv and
the printed fit table (calibrate and validate apart), moments.csv,
series_quantiles.csv, and profiles/<param>.png/.svg/.pdf with profiles.csv and
identification.csv (the loss along each parameter).

An existing calibration in --out is refused (exit 2, nothing changed):
--resume continues it, --force replaces it with a new one, which takes its
place once its first evaluation is recorded. --resume checks, in trace.yaml,
that the trace was made with the same spec (its settings and parameters),
scenario and targets, then replays the trace: the resumed calibration ends
with the same trace and best point as an uninterrupted one. Without --budget
it runs to the budget it was started with; a larger --budget lengthens the
Nelder-Mead polish.

Ctrl-C (exit 130) keeps trace.csv and best.yaml as they were after the last
complete evaluation. The default spec (calibration/spec.yaml) is built in;
--spec FILE replaces it.`,
		Example: `  clustersim calibrate --budget 200 --out out/calibration
  clustersim calibrate --spec calibration/refine.yaml --resume --out out/calibration-full`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cmd.SilenceUsage = true // the flags parsed: an error from here on is not a usage error
			if budget < 1 {
				return usageError{fmt.Errorf("--budget %d: want at least 1 evaluation", budget)}
			}
			spec, err := calibration.DefaultSpec()
			if specFile != "" {
				spec, err = calibration.LoadSpec(specFile)
			}
			if err != nil {
				return err
			}
			if resume && force {
				return usageError{errors.New("--resume continues the calibration in --out, --force replaces it: give one")}
			}
			if budget < 1 {
				return usageError{fmt.Errorf("--budget %d: want at least 1 evaluation", budget)}
			}
			if resume && !cmd.Flags().Changed("budget") {
				budget = 0 // the calibration's own
			}
			log, began := logger(cmd), time.Now()
			log.Info("calibrating", "spec", specFile, "budget", budget, "resume", resume, "force", force, "out", outDir)
			res, err := calibration.Run(cmd.Context(), calibration.Options{
				Spec: spec, Budget: budget, Resume: resume, Force: force, OutDir: outDir, Workers: workers,
				Log: cmd.OutOrStdout(),
			})
			log.Info("calibration ended", "elapsed", time.Since(began), "error", err)
			var refused *calibration.RefusedError
			switch {
			case errors.As(err, &refused):
				return usageError{err}
			case err != nil && res != nil && res.Interrupted && errors.Is(err, context.Canceled):
				if res.Evaluations == 0 {
					return fmt.Errorf("%w before the first evaluation: nothing was written to %s", errInterrupted, outDir)
				}
				return fmt.Errorf("%w: the trace of %d evaluations and the best point are in %s; continue with --resume",
					errInterrupted, res.Evaluations, outDir)
			}
			return err
		},
	}
	f := cmd.Flags()
	f.StringVar(&specFile, "spec", "", "calibration spec `FILE` (default: the built-in calibration/spec.yaml)")
	f.IntVar(&budget, "budget", calibration.DefaultBudget, "model evaluations of the search (each an ensemble of the spec's runs)")
	f.BoolVar(&resume, "resume", false, "continue the calibration in --out (same spec, scenario and targets); without --budget, to its own budget")
	f.BoolVar(&force, "force", false, "replace a calibration in --out with a new one")
	f.StringVar(&outDir, "out", calibration.DefaultOutDir, "output `DIR`")
	f.IntVar(&workers, "workers", 0, "runs simulated at once (0: every core)")
	return cmd
}
