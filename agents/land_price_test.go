package agents

import (
	"math"
	"testing"
)

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
		{"demand without supply goes at the cap", 1, 10, 0, p.PriceCap},
		{"and no lower than any positive supply", 2, 10, 1e-9, 2 * p.PriceCap},
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
