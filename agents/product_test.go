package agents

import (
	"math"
	"testing"
)

func TestNationalMarket(t *testing.T) {
	pr := &Product{Name: "locks", Available: 1980, Market: 1e6, Growth: 0.1, BaseYear: 1978, Saturation: 2020, Decline: 0.1}
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
		q := &Product{Available: 1978, Market: 5e6, Growth: 0.2, BaseYear: 1978, Saturation: 2000}
		if got := q.NationalMarket(1978); got != 5e6 {
			t.Errorf("NationalMarket(1978) = %g, want the base market 5e6", got)
		}
	})
	t.Run("saturates, then declines", func(t *testing.T) {
		peak := pr.NationalMarket(2020)
		if got := pr.NationalMarket(2020.5); !(got < peak) {
			t.Errorf("NationalMarket(2020.5) = %g, want below the peak %g of 2020", got, peak)
		}
		if a, b := pr.NationalMarket(2030), pr.NationalMarket(2040); math.Abs(b/a-math.Exp(-1)) > 1e-9 {
			t.Errorf("NationalMarket(2040)/NationalMarket(2030) = %g, want e^(−10·0.1)", b/a)
		}
	})
}

func TestProductLife(t *testing.T) {
	p := &MarketParams{ProductLife: 20, LifeSpread: 0.4}
	if got, want := ProductLife(p, 0), 20*math.Exp(-0.08); math.Abs(got-want) > 1e-12 {
		t.Errorf("ProductLife(z 0) = %g, want the median %g", got, want)
	}
	if a, b := ProductLife(p, -1), ProductLife(p, 1); !(a < b) {
		t.Errorf("ProductLife(z −1) = %g, not below ProductLife(z 1) = %g", a, b)
	}
	if got := ProductLife(&MarketParams{ProductLife: 20}, 2); got != 20 {
		t.Errorf("ProductLife without spread = %g, want 20", got)
	}
}

func TestTraditionalProduct(t *testing.T) {
	if got := TraditionalProduct([]float64{0, 0}, testDraws(1)); got != -1 {
		t.Errorf("TraditionalProduct without weights = %d, want -1", got)
	}
	for i := range 20 {
		if got := TraditionalProduct([]float64{0, 0.5, 0.5, 1}, testDraws(i)); got != 1 && got != 3 {
			t.Errorf("TraditionalProduct = %d, want 1 or 3, the products with weight", got)
		}
	}
}
