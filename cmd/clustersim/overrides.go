package main

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"clustersim/calibration"
	"clustersim/scenarios"
	"clustersim/sim/output"
)

// override is one `run --set PATH=VALUE`.
type override struct {
	path  calibration.Path
	value float64
}

// parseOverrides reads the --set flags: each PATH=VALUE, PATH addressing a
// number of the scenario by its yaml names as the calibration spec does
// (params.households.entry_rate, regimes[1].governance.city_tax,
// ladder[0:4].market), VALUE a finite number.
func parseOverrides(sets []string) ([]override, error) {
	out := make([]override, 0, len(sets))
	for _, s := range sets {
		path, value, ok := strings.Cut(s, "=")
		if !ok {
			return nil, fmt.Errorf("--set %q: want PATH=VALUE", s)
		}
		p, err := calibration.ParsePath(strings.TrimSpace(path))
		if err != nil {
			return nil, fmt.Errorf("--set %s: %w", s, err)
		}
		v, err := strconv.ParseFloat(strings.TrimSpace(value), 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("--set %s: %q is not a number", s, value)
		}
		out = append(out, override{p, v})
	}
	return out, nil
}

// applyOverrides returns sc with the overrides applied, in order, to a copy
// of its config, and checked as the scenario loader checks a file: each
// value within its field's range, a whole number for an integer field, and
// the whole config (the timeline too) valid. sc itself is left alone.
func applyOverrides(sc *scenarios.Scenario, ovs []override) (*scenarios.Scenario, []output.Override, error) {
	if len(ovs) == 0 {
		return sc, nil, nil
	}
	cfg := calibration.CloneConfig(&sc.Config)
	recorded := make([]output.Override, 0, len(ovs))
	for _, o := range ovs {
		flag := fmt.Sprintf("--set %s=%v", o.path, o.value)
		if err := o.path.Apply(cfg, o.value); err != nil {
			return nil, nil, fmt.Errorf("%s: %w", flag, err)
		}
		if !o.path.Multiplier() {
			if got, err := o.path.Values(cfg); err == nil && got[0] != o.value {
				return nil, nil, fmt.Errorf("%s: %s is a whole number", flag, o.path)
			}
		}
		recorded = append(recorded, output.Override{Path: o.path.String(), Value: o.value})
	}
	if err := scenarios.ValidateConfig(cfg); err != nil {
		return nil, nil, fmt.Errorf("--set: %w", err)
	}
	out := *sc
	out.Config = *cfg
	return &out, recorded, nil
}
