package agents

import (
	"math"
	"testing"
)

func TestNationalShare(t *testing.T) {
	tests := []struct {
		q, fringe, want float64
	}{
		{0, 100, 0},
		{-1, 100, 0},
		{100, 100, 0.5},
		{100, 0, 1},
		{300, 100, 0.75},
	}
	for _, tt := range tests {
		if got := NationalShare(tt.q, tt.fringe); math.Abs(got-tt.want) > 1e-12 {
			t.Errorf("NationalShare(%g, %g) = %g, want %g", tt.q, tt.fringe, got, tt.want)
		}
	}
	prev := 0.0
	for _, q := range []float64{1, 10, 100, 1000} {
		if got := NationalShare(q, 100); !(got > prev) {
			t.Errorf("NationalShare(%g, 100) = %g, want > %g: the share must rise with Yongkang's volume", q, got, prev)
		} else {
			prev = got
		}
	}
}

func TestPrice(t *testing.T) {
	p := &testParams().Markets
	t.Run("reference price at zero share", func(t *testing.T) {
		for _, lvl := range []float64{1, 2.5} {
			if got := Price(p, lvl, 0); got != lvl {
				t.Errorf("Price(level %g, share 0) = %g, want %g", lvl, got, lvl)
			}
		}
	})
	t.Run("falls as the share rises", func(t *testing.T) {
		prev := math.Inf(1)
		for _, s := range []float64{0, 0.1, 0.33, 0.5, 0.9, 0.999} {
			got := Price(p, 1, s)
			if !(got < prev) {
				t.Errorf("Price(share %g) = %g, want < %g", s, got, prev)
			}
			if got <= 0 {
				t.Errorf("Price(share %g) = %g, want > 0", s, got)
			}
			prev = got
		}
	})
	t.Run("falls as producers crowd in", func(t *testing.T) {
		// More Yongkang volume against the same fringe: a larger share and a lower price.
		prev := math.Inf(1)
		for _, q := range []float64{0, 10, 100, 1000} {
			got := Price(p, 1, NationalShare(q, 100))
			if !(got < prev) {
				t.Errorf("Price at Yongkang volume %g = %g, want < %g", q, got, prev)
			}
			prev = got
		}
	})
	t.Run("clears a demand of elasticity 2", func(t *testing.T) {
		// Yongkang makes as much as the rest of China (share 1/2): demand
		// must double, so the price falls to 2^(−1/2) of the level.
		if got, want := Price(p, 1, 0.5), 1/math.Sqrt2; math.Abs(got-want) > 1e-12 {
			t.Errorf("Price(share 1/2) = %g, want %g", got, want)
		}
	})
	t.Run("no floor", func(t *testing.T) {
		if got := Price(p, 1, 0.9); !(got < 0.5) {
			t.Errorf("Price(share 0.9) = %g, want below half the price level", got)
		}
	})
	t.Run("no drop with a perfectly elastic demand", func(t *testing.T) {
		q := *p
		q.InverseDemandElasticity = 0
		if got := Price(&q, 1.7, 0.9); got != 1.7 {
			t.Errorf("Price with inverse_demand_elasticity 0 = %g, want the price level 1.7", got)
		}
	})
	t.Run("proportional to the price level", func(t *testing.T) {
		if a, b := Price(p, 1, 0.4), Price(p, 3, 0.4); math.Abs(b-3*a) > 1e-12 {
			t.Errorf("Price(level 3) = %g, want 3 × Price(level 1) = %g", b, 3*a)
		}
	})
}

func TestExportPrice(t *testing.T) {
	p := &testParams().Markets
	home := 1.0
	normal := ExportPrice(p, home, 0, false)
	if want := home * (1 + p.ExportPremium); math.Abs(normal-want) > 1e-12 {
		t.Errorf("ExportPrice(no crowding) = %g, want the premium price %g", normal, want)
	}
	t.Run("crisis cut", func(t *testing.T) {
		crisis := ExportPrice(p, home, 0, true)
		if want := normal * (1 - p.CrisisExportDrop); math.Abs(crisis-want) > 1e-12 {
			t.Errorf("ExportPrice(crisis) = %g, want %g (cut by crisis_export_drop)", crisis, want)
		}
		if !(crisis < normal) {
			t.Errorf("ExportPrice(crisis) = %g, want < %g", crisis, normal)
		}
	})
	t.Run("falls with exporters' crowding", func(t *testing.T) {
		if got := ExportPrice(p, home, 0.5, false); !(got < normal) {
			t.Errorf("ExportPrice(export share 0.5) = %g, want < %g", got, normal)
		}
	})
	t.Run("rises with the home price", func(t *testing.T) {
		if got := ExportPrice(p, 2*home, 0, false); math.Abs(got-2*normal) > 1e-12 {
			t.Errorf("ExportPrice(2×home) = %g, want %g", got, 2*normal)
		}
	})
}

func TestUnitPrice(t *testing.T) {
	p := &FirmParams{SubcontractPriceCut: 0.1, ExportShare: 0.5}
	e := &Economy{Price: []float64{2}, ExportPrice: []float64{3}}
	tests := []struct {
		name string
		f    Firm
		want float64
	}{
		{"home", Firm{Lead: -1}, 2},
		{"a supplier of a firm that sells at home", Firm{Lead: 4}, 1.8},
		{"a supplier of an exporter: the buyer's markup, less the cut", Firm{Lead: 4, BuyerExports: true}, 2.25},
		{"an exporter", Firm{Lead: -1, Exporter: true}, 2.5},
	}
	for _, tt := range tests {
		if got := UnitPrice(p, e, &tt.f); math.Abs(got-tt.want) > 1e-12 {
			t.Errorf("%s: UnitPrice = %g, want %g", tt.name, got, tt.want)
		}
	}
}
