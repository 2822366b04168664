package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"

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

Outputs, in --out: trace.csv and trace.png/.svg (convergence), best.yaml (the
best point so far), calibrated.yaml (a scenario file with base: the spec's
scenario), fit.csv and the printed fit table (calibrate and validate apart),
moments.csv, series_quantiles.csv, and profiles/<param>.png/.svg with
profiles.csv and identification.csv (the loss along each parameter).

Ctrl-C keeps trace.csv and best.yaml; --resume continues from them. The
default spec (calibration/spec.yaml) is built in; --spec FILE replaces it.`,
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
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			res, err := calibration.Run(ctx, calibration.Options{
				Spec: spec, Budget: budget, Resume: resume, OutDir: outDir, Workers: workers,
				Log: cmd.OutOrStdout(),
			})
			if err != nil && res != nil && res.Interrupted && errors.Is(err, context.Canceled) {
				return fmt.Errorf("interrupted: the trace and best point are in %s; continue with --resume", outDir)
			}
			return err
		},
	}
	f := cmd.Flags()
	f.StringVar(&specFile, "spec", "", "calibration spec `FILE` (default: the built-in calibration/spec.yaml)")
	f.IntVar(&budget, "budget", calibration.DefaultBudget, "model evaluations of the search (each an ensemble of the spec's runs)")
	f.BoolVar(&resume, "resume", false, "continue the calibration in --out from its trace.csv and best.yaml")
	f.StringVar(&outDir, "out", calibration.DefaultOutDir, "output `DIR`")
	f.IntVar(&workers, "workers", 0, "runs simulated at once (0: every core)")
	return cmd
}
