package agents

import "testing"

// siteCase is a private firm on a village site held at 30 employees that
// wants 1,000.
func siteCase() (*Params, *Economy, *Firm) {
	p, e, f := relocationCase()
	f.Location, f.Waiting = VillageSite, 0
	return p, e, f
}

func TestEstateGain(t *testing.T) {
	p, e, f := siteCase()
	cheap := EstateGain(p, e, 1, f, 30)
	if !(cheap > 0) {
		t.Fatalf("EstateGain at a rent of 1 a m² = %g, want > 0 for a firm held far below the size it wants", cheap)
	}
	if dear := EstateGain(p, e, 1e6, f, 30); !(dear < 0) {
		t.Errorf("EstateGain at a rent of 1e6 a m² = %g, want < 0", dear)
	}
	q := *p
	q.Firms.EstateProductivity = 0.25
	if better := EstateGain(&q, e, 1, f, 30); !(better > cheap) {
		t.Errorf("EstateGain with the estates' infrastructure = %g, want > %g", better, cheap)
	}
	g := *f
	g.Form = Getihu
	if got := EstateGain(p, e, 1, &g, 30); got != 0 {
		t.Errorf("a getihu whose site holds more than the getihu cap: EstateGain = %g, want 0 (it can grow no more in an estate)", got)
	}
	in := *f
	in.Location, in.Plot = EstateSite, 1000*p.Land.SquareMetresPerEmployee
	if got := EstateGain(p, e, 1e6, &in, 30); !(got > 0) {
		t.Errorf("a firm whose plot already holds the size it wants pays no more rent: EstateGain = %g, want > 0", got)
	}
}

func TestWantsEstateLand(t *testing.T) {
	p, e, f := siteCase()
	tests := []struct {
		name  string
		form  LegalForm
		rent  float64
		limit float64
		want  bool
	}{
		{"a plot that pays its rent", Private, 1, 30, true},
		{"a family red hat, too", RedHat, 1, 30, true},
		{"a rent too dear", Private, 1e6, 30, false},
		{"a secret workshop", Underground, 1, 30, false},
		{"its site holds what it wants", Private, 1, 2000, false},
	}
	for _, tt := range tests {
		g := *f
		g.Form = tt.form
		if got := WantsEstateLand(p, e, tt.rent, &g, tt.limit); got != tt.want {
			t.Errorf("%s: WantsEstateLand = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestMayMove(t *testing.T) {
	p, e, f := siteCase()
	near := []DestinationTerms{{Share: 1, Discount: 0.3, MovingCost: 0.1}}
	open := &RelocationRules{PrivateFree: true, LandPrice: 100, Destinations: near}
	if !MayMove(p, e, open, f) {
		t.Error("a private firm held far below its size, with cheap land near: MayMove = false")
	}
	for _, c := range []struct {
		name  string
		rules *RelocationRules
	}{
		{"before private firms are free", &RelocationRules{LandPrice: 100, Destinations: near}},
		{"land too dear everywhere", &RelocationRules{PrivateFree: true, LandPrice: 1e9, Destinations: near}},
		{"no destinations", &RelocationRules{PrivateFree: true, LandPrice: 100}},
		{"no rules", nil},
	} {
		if MayMove(p, e, c.rules, f) {
			t.Errorf("%s: MayMove = true", c.name)
		}
	}
	g := *f
	g.Form = Getihu
	if MayMove(p, e, open, &g) {
		t.Error("a getihu (not a movable form): MayMove = true")
	}
}

func TestPlotRentAndEfficiency(t *testing.T) {
	p := &testParams().Firms
	p.EstateProductivity = 0.25
	f := &Firm{Quality: 2, Location: EstateSite, Plot: 1200}
	if got := PlotRent(f, 6); got != 600 {
		t.Errorf("PlotRent = %g, want 1,200 m² × 6 / 12 = 600", got)
	}
	if got := f.Efficiency(p); got != 2.5 {
		t.Errorf("Efficiency in an estate = %g, want 2 × 1.25", got)
	}
	f.Location = VillageSite
	if got, e := PlotRent(f, 6), f.Efficiency(p); got != 0 || e != 2 {
		t.Errorf("on a village site: PlotRent = %g, Efficiency = %g; want 0 and 2", got, e)
	}
}
