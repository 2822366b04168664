package plots

import (
	"bytes"
	"reflect"
	"testing"

	"clustersim/scenarios"
	"clustersim/sim"
)

// latePrivatisation is the baseline with privatisation starting in 1995
// rather than 1992 (regimes: replaces the base's whole list).
const latePrivatisation = `
name: late_privatisation
description: Privatisation starts in 1995.
base: yongkang
regimes:
  - name: red_hat
    start: 1978-01
    governance: {commune_fee: 0.01, village_fee: 0.03, state_tax: 0.05, getihu_tax: 0.03, private_tax: 0.06, city_tax: 0, collective_remit: 0.05, illegal_sanction: 0.01, tolerance: 0.8}
  - name: privatisation
    start: 1995-01
    governance: {private_tax: 0.05, city_tax: 0.01, illegal_sanction: 0}
  - name: service_government
    start: 2007-07
    governance: {city_tax: 0.012}
`

func TestMarksFollowTheScenario(t *testing.T) {
	base, err := scenarios.Builtin("yongkang")
	if err != nil {
		t.Fatal(err)
	}
	late, err := scenarios.Parse("late_privatisation.yaml", []byte(latePrivatisation), scenarios.Builtin)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		cfg  *sim.Config
		want []mark
	}{
		{"baseline", &base.Config, []mark{
			{year: 1992, before: "red hat", after: "privatisation"},
			{year: 2007, before: "privatisation", after: "service government"},
		}},
		{"late privatisation", &late.Config, []mark{
			{year: 1995, before: "red hat", after: "privatisation"},
			{year: 2007.5, before: "privatisation", after: "service government"},
		}},
	} {
		in := Input{Regimes: tc.cfg.Regimes, Events: tc.cfg.Events}
		for _, tp := range Topics {
			for _, p := range tp.Panels {
				if got := marks(p, in); !reflect.DeepEqual(got, tc.want) {
					t.Errorf("%s: %s panel %q marks %+v, want %+v", tc.name, tp.Name, p.Title, got, tc.want)
				}
			}
		}
	}
	if got := marks(Panel{}, Input{}); len(got) != 0 {
		t.Errorf("no regimes: marks %+v, want none", got)
	}
}

func TestMarksOfEvents(t *testing.T) {
	in := Input{
		Regimes: []sim.Regime{{Name: "a", Start: sim.NewMonth(1978, 1)}, {Name: "b_c", Start: sim.NewMonth(1990, 4)}},
		Events: []sim.Event{
			{Date: sim.NewMonth(1985, 1), Kind: sim.LandQuota},
			{Date: sim.NewMonth(1992, 1), Kind: sim.SouthernTour},
			{Date: sim.NewMonth(1995, 1), Kind: sim.TaxRanking},
		},
	}
	p := Panel{Events: []sim.EventKind{sim.SouthernTour, sim.LandQuota}}
	want := []mark{
		{year: 1985, after: "land quota", event: true},
		{year: 1990.25, before: "a", after: "b c"},
		{year: 1992, after: "southern tour", event: true},
	}
	if got := marks(p, in); !reflect.DeepEqual(got, want) {
		t.Errorf("marks %+v, want %+v", got, want)
	}
}

func TestVisibleMarks(t *testing.T) {
	ms := []mark{
		{year: 1980, before: "a", after: "b"},
		{year: 1985, after: "e", event: true},
		{year: 1992, before: "b", after: "c"},
		{year: 2007, before: "c", after: "d"},
	}
	for _, tc := range []struct {
		min, max float64
		want     []mark
	}{
		{1978, 2010, []mark{
			{year: 1980, before: "a", after: "b"},
			{year: 1985, after: "e", event: true},
			{year: 1992, after: "c"}, // "b" is already right of 1980
			{year: 2007, after: "d"},
		}},
		{1990, 2010, []mark{{year: 1992, before: "b", after: "c"}, {year: 2007, after: "d"}}},
		{1993, 2000, nil},
		{1992, 1992, []mark{{year: 1992, before: "b", after: "c"}}},
	} {
		if got := visible(ms, tc.min, tc.max); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("visible in [%v, %v] = %+v, want %+v", tc.min, tc.max, got, tc.want)
		}
	}
}

// TestMarksDrawn checks that the figures draw the marks of Input: the
// regime labels appear in the SVG only when Input carries the regimes.
func TestMarksDrawn(t *testing.T) {
	in := fakeInput()
	for _, regimes := range [][]sim.Regime{
		nil,
		{{Name: "red_hat", Start: sim.NewMonth(1978, 1)}, {Name: "late_privatisation", Start: sim.NewMonth(1995, 1)}},
	} {
		in.Regimes = regimes
		l := layoutFor(t, "land", in)
		b, err := renderBytes(l, "svg")
		if err != nil {
			t.Fatal(err)
		}
		drawn := bytes.Contains(b, []byte(">late privatisation</text>")) && bytes.Contains(b, []byte(">red hat</text>"))
		if drawn != (regimes != nil) {
			t.Errorf("regimes %v: labels drawn %v", regimes, drawn)
		}
	}
}
