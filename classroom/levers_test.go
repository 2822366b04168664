package classroom

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"clustersim/scenarios"
	"clustersim/sim"
)

func baseConfig(t *testing.T) *sim.Config {
	t.Helper()
	s, err := scenarios.Resolve("yongkang")
	if err != nil {
		t.Fatal(err)
	}
	return &s.Config
}

func raw(m map[string]any) map[string]json.RawMessage {
	out := map[string]json.RawMessage{}
	for k, v := range m {
		b, _ := json.Marshal(v)
		out[k] = b
	}
	return out
}

func eventDate(c *sim.Config, k sim.EventKind) string {
	for _, e := range c.Events {
		if e.Kind == k {
			return e.Date.String()
		}
	}
	return "none"
}

// TestApply: each lever writes what it says into the scenario, the result
// is a valid scenario, and the base is left as it was.
func TestApply(t *testing.T) {
	base := baseConfig(t)
	before, _ := configHash(base)
	for _, tc := range []struct {
		name   string
		levers map[string]any
		check  func(c *sim.Config) string // "" if right
	}{
		{"privatisation moves the regime and the tour", map[string]any{"privatisation_year": 1988}, func(c *sim.Config) string {
			if c.Regimes[1].Start.String() != "1988-01" || eventDate(c, sim.SouthernTour) != "1988-01" {
				return c.Regimes[1].Start.String() + " " + eventDate(c, sim.SouthernTour)
			}
			return ""
		}},
		{"service government moves its events, keeping their offsets", map[string]any{"service_government_year": 2003}, func(c *sim.Config) string {
			if c.Regimes[2].Start.String() != "2003-01" || eventDate(c, sim.ServiceCentres) != "2003-01" || eventDate(c, sim.RegisteredOfficeCentre) != "2004-01" {
				return c.Regimes[2].Start.String() + " " + eventDate(c, sim.ServiceCentres) + " " + eventDate(c, sim.RegisteredOfficeCentre)
			}
			return ""
		}},
		{"repression", map[string]any{"repression": 0.1}, func(c *sim.Config) string {
			if c.Regimes[0].Governance.IllegalSanction != 0.1 {
				return "illegal_sanction not set"
			}
			return ""
		}},
		{"fees and taxes", map[string]any{"village_fee": 0.05, "state_tax": 0.1}, func(c *sim.Config) string {
			if g := c.Regimes[0].Governance; g.VillageFee != 0.05 || g.StateTax != 0.1 {
				return "fees not set"
			}
			return ""
		}},
		{"land quota", map[string]any{"land_quota": 200000}, func(c *sim.Config) string {
			if c.Params.Land.AnnualQuota != 200000 {
				return "quota not set"
			}
			return ""
		}},
		{"specialist market moved", map[string]any{"specialist_market_year": 2003}, func(c *sim.Config) string {
			if d := eventDate(c, sim.SpecialistMarket); d != "2003-10" {
				return d
			}
			return ""
		}},
		{"specialist market never", map[string]any{"specialist_market_year": 0}, func(c *sim.Config) string {
			if d := eventDate(c, sim.SpecialistMarket); d != "none" {
				return d
			}
			return ""
		}},
		{"switches off", map[string]any{"service_centres": false, "crisis": 0}, func(c *sim.Config) string {
			if eventDate(c, sim.ServiceCentres) != "none" || eventDate(c, sim.FinancialCrisis) != "none" {
				return "events kept"
			}
			return ""
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Apply(base, raw(tc.levers))
			if err != nil {
				t.Fatal(err)
			}
			if msg := tc.check(c); msg != "" {
				t.Errorf("levers %v: %s", tc.levers, msg)
			}
			if err := scenarios.ValidateConfig(c); err != nil {
				t.Errorf("levers %v make an invalid scenario: %v", tc.levers, err)
			}
			if h, _ := configHash(base); h != before {
				t.Fatal("Apply changed its base")
			}
		})
	}
	// The levers' own values change nothing.
	same := map[string]any{}
	for _, l := range Levers(base) {
		same[l.Name] = l.Value
	}
	c, err := Apply(base, raw(same))
	if err != nil {
		t.Fatal(err)
	}
	if h, _ := configHash(c); h != before {
		t.Error("setting every lever to its baseline value changed the scenario")
	}
}

// TestApplyRefuses: a bad lever is refused with its name.
func TestApplyRefuses(t *testing.T) {
	base := baseConfig(t)
	for _, tc := range []struct {
		name   string
		levers map[string]any
		lever  string
		msg    string
	}{
		{"unknown", map[string]any{"repressoin": 0.1}, "repressoin", "unknown lever"},
		{"out of range", map[string]any{"repression": 0.5}, "repression", "outside the range 0–0.2"},
		{"not a number", map[string]any{"land_quota": "lots"}, "land_quota", "is not a number"},
		{"a switch that is neither", map[string]any{"crisis": 2}, "crisis", "a switch is true or false"},
		{"not a whole year", map[string]any{"privatisation_year": 1990.5}, "privatisation_year", "is not a year"},
		{"a year out of range", map[string]any{"specialist_market_year": 1970}, "specialist_market_year", "1985–2010 (or 0: never)"},
		{"regimes out of order", map[string]any{"service_government_year": 1995, "privatisation_year": 1998}, "service_government_year", "is not after the privatisation regime's start"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Apply(base, raw(tc.levers))
			var le *LeverError
			if !errors.As(err, &le) {
				t.Fatalf("levers %v: err %v, want a *LeverError", tc.levers, err)
			}
			if le.Lever != tc.lever || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("levers %v: %v, want lever %s and %q", tc.levers, err, tc.lever, tc.msg)
			}
		})
	}
}
