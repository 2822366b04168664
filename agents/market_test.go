package agents

import (
	"math"
	"testing"
)

func TestNationalMarket(t *testing.T) {
	pr := &Product{Name: "locks", Available: 1980, Market: 1e6, Growth: 0.1, BaseYear: 1978}
	t.Run("zero before available", func(t *testing.T) {
		for _, y := range []float64{1978, 1979, 1979.99} {
			if got := pr.NationalMarket(y); got != 0 {
				t.Errorf("NationalMarket(%g) = %g, want 0 (available from %d)", y, got, pr.Available)
			}
		}
	})
	t.Run("positive from the year available", func(t *testing.T) {
		if got := pr.NationalMarket(1980); !(got > 0) {
			t.Errorf("NationalMarket(1980) = %g, want > 0", got)
		}
	})
	t.Run("grows", func(t *testing.T) {
		prev := 0.0
		for _, y := range []float64{1980, 1980.5, 1985, 1990, 2010} {
			got := pr.NationalMarket(y)
			if !(got > prev) {
				t.Errorf("NationalMarket(%g) = %g, want > %g", y, got, prev)
			}
			prev = got
		}
		if a, b := pr.NationalMarket(1990), pr.NationalMarket(2000); math.Abs(b/a-math.Exp(1)) > 1e-9 {
			t.Errorf("NationalMarket(2000)/NationalMarket(1990) = %g, want e^(10·0.1) = %g", b/a, math.Exp(1))
		}
	})
	t.Run("base-year size", func(t *testing.T) {
		q := &Product{Available: 1978, Market: 5e6, Growth: 0.2, BaseYear: 1978}
		if got := q.NationalMarket(1978); got != 5e6 {
			t.Errorf("NationalMarket(1978) = %g, want the base market 5e6", got)
		}
	})
}

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
		for _, s := range []float64{0, 0.1, 0.33, 0.5, 0.9, 1} {
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
	t.Run("no drop", func(t *testing.T) {
		q := *p
		q.PriceDrop = 0
		if got := Price(&q, 1.7, 0.9); got != 1.7 {
			t.Errorf("Price with price_drop 0 = %g, want the price level 1.7", got)
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

func TestLandPrice(t *testing.T) {
	p := &testParams().Land
	base := p.BasePrice
	tests := []struct {
		name           string
		level          float64
		demand, supply float64
		want           float64
	}{
		{"no excess demand", 1, 100, 100, base},
		{"demand below supply", 1, 50, 100, base},
		{"no demand, no supply", 1, 0, 0, base},
		{"excess demand", 1, 200, 100, base * (1 + p.PriceResponse)},
		{"price level", 2, 100, 100, 2 * base},
		{"capped", 1, 1e9, 1, p.PriceCap},
		{"capped with the price level", 3, 1e9, 1, 3 * p.PriceCap},
		{"demand without supply, capped", 1, 10, 0, math.Min(base*(1+10*p.PriceResponse), p.PriceCap)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := LandPrice(p, tt.level, tt.demand, tt.supply); math.Abs(got-tt.want) > 1e-9 {
				t.Errorf("LandPrice(level %g, demand %g, supply %g) = %g, want %g", tt.level, tt.demand, tt.supply, got, tt.want)
			}
		})
	}
	t.Run("rises with excess demand", func(t *testing.T) {
		prev := 0.0
		for _, d := range []float64{100, 150, 300, 1000, 3000} {
			got := LandPrice(p, 1, d, 100)
			if got < prev {
				t.Errorf("LandPrice(demand %g) = %g, want ≥ %g", d, got, prev)
			}
			if got > p.PriceCap {
				t.Errorf("LandPrice(demand %g) = %g, above the cap %g", d, got, p.PriceCap)
			}
			prev = got
		}
		if lo, hi := LandPrice(p, 1, 150, 100), LandPrice(p, 1, 300, 100); !(hi > lo) {
			t.Errorf("LandPrice(demand 300) = %g, want > %g (demand 150)", hi, lo)
		}
	})
	t.Run("falls with supply", func(t *testing.T) {
		if small, large := LandPrice(p, 1, 1000, 100), LandPrice(p, 1, 1000, 500); !(small > large) {
			t.Errorf("LandPrice(small supply) = %g, want > %g (large supply)", small, large)
		}
	})
}
