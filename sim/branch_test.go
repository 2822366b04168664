package sim_test

import (
	"bytes"
	"context"
	"reflect"
	"strings"
	"testing"

	"clustersim/sim"
)

func TestFirstChange(t *testing.T) {
	base := builtinConfig(t, "yongkang")
	renamed := *base
	renamed.Name, renamed.Description = "other", "the same model"
	if c, ok := sim.FirstChange(base, &renamed); ok {
		t.Errorf("a renamed baseline: FirstChange = %+v, want none", c)
	}
	cases := []struct {
		cf    string
		month string
		what  string
	}{
		{"no_ranking", "1995-01", "event tax_ranking of 1995-01 removed"},
		{"loose_land", "1978-01", "params.land.annual_quota differs (it acts from the start)"},
		{"no_compromise", "1978-01", "mantang.never_yields differs"},
		{"no_estates", "1978-01", "estates: 0 against 7"},
	}
	for _, c := range cases {
		got, ok := sim.FirstChange(base, builtinConfig(t, c.cf))
		if !ok || got.Month.String() != c.month || !strings.Contains(got.What, c.what) {
			t.Errorf("%s: FirstChange = %s %q (%v), want %s and %q", c.cf, got.Month, got.What, ok, c.month, c.what)
		}
	}
	crisis := builtinConfig(t, "no_crisis")
	got, ok := sim.FirstChange(base, crisis)
	if !ok || got.Month.Year() != 2008 || !strings.Contains(got.What, "financial_crisis") {
		t.Errorf("no_crisis: FirstChange = %s %q, want the crisis of 2008", got.Month, got.What)
	}
}

// TestBranchMatchesFullRun: no_crisis continued from the baseline's state
// at the end of 2004 gives the results of no_crisis run from the start,
// series and products alike, since nothing differs before 2008; a
// counterfactual whose change comes before the branch is refused, naming
// the change.
func TestBranchMatchesFullRun(t *testing.T) {
	base, cf := builtinConfig(t, "yongkang"), builtinConfig(t, "no_crisis")
	opt := sim.Options{Seed: 3, Run: 1, Scale: 0.02, NoFirmSnapshots: true}
	stop, _ := sim.ParseMonth("2004-12")
	state := snapshotAt(t, base, opt, stop)
	e, err := sim.Branch(bytes.NewReader(state), base, cf, sim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.RunUntil(context.Background(), cf.End); err != nil {
		t.Fatal(err)
	}
	branched := e.Results()
	full, err := sim.Run(cf, opt)
	if err != nil {
		t.Fatal(err)
	}
	if branched.Scenario != "no_crisis" || !reflect.DeepEqual(branched.Years, full.Years) ||
		!reflect.DeepEqual(branched.Series, full.Series) || !reflect.DeepEqual(branched.Products, full.Products) {
		t.Errorf("no_crisis branched from the baseline's state of 2004-12 differs from no_crisis run from the start")
	}

	_, err = sim.Branch(bytes.NewReader(state), base, builtinConfig(t, "no_ranking"), sim.Options{})
	if err == nil || !strings.Contains(err.Error(), "event tax_ranking of 1995-01 removed changes the run in 1995-01, before the branch") {
		t.Errorf("no_ranking branched in 2005: err = %v, want a refusal naming the tax ranking", err)
	}
	_, err = sim.Branch(bytes.NewReader(state), cf, cf, sim.Options{})
	if err == nil || !strings.Contains(err.Error(), "not from the base") {
		t.Errorf("a state of the baseline given as no_crisis's own: err = %v, want it refused", err)
	}
}
