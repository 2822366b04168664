package spread

import (
	"math"
	"testing"
)

func TestQuantileType7(t *testing.T) {
	// h = (n−1)p; the value interpolates x(⌊h⌋+1) and x(⌊h⌋+2).
	for _, tc := range []struct {
		sorted []float64
		p      float64
		want   float64
	}{
		{[]float64{7}, 0.05, 7},
		{[]float64{7}, 0.95, 7},
		{[]float64{1, 2, 3, 4, 5}, 0.05, 1.2},   // h = 0.2
		{[]float64{1, 2, 3, 4, 5}, 0.5, 3},      // h = 2: the middle value
		{[]float64{1, 2, 3, 4, 5}, 0.95, 4.8},   // h = 3.8
		{[]float64{10, 20, 30, 40}, 0.05, 11.5}, // h = 0.15
		{[]float64{10, 20, 30, 40}, 0.5, 25},    // the mean of the middle two
		{[]float64{10, 20, 30, 40}, 0.95, 38.5}, // h = 2.85
		{[]float64{10, 20, 30, 40}, 0, 10},      // the minimum
		{[]float64{10, 20, 30, 40}, 1, 40},      // the maximum
		{[]float64{-3, -3, 2, 2, 2, 9}, 0.5, 2}, // ties
		{[]float64{0, 1e9}, 0.05, 0.05 * 1e9},   // large spans
		{[]float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, 0.95, 10.5},
	} {
		if got := Quantile(tc.sorted, tc.p); math.Abs(got-tc.want) > 1e-9 {
			t.Errorf("Quantile(%v, %v) = %v, want %v", tc.sorted, tc.p, got, tc.want)
		}
	}
}

func TestSummarise(t *testing.T) {
	vals := []float64{4, 2, 5, 1, 3}
	p05, p50, p95, lo, hi := Summarise(vals)
	if math.Abs(p05-1.2) > 1e-12 || p50 != 3 || math.Abs(p95-4.8) > 1e-12 || lo != 1 || hi != 5 {
		t.Errorf("Summarise = %v %v %v %v %v, want 1.2 3 4.8 1 5", p05, p50, p95, lo, hi)
	}
	for i, v := range []float64{1, 2, 3, 4, 5} {
		if vals[i] != v {
			t.Fatalf("vals not sorted in place: %v", vals)
		}
	}
	p05, p50, p95, lo, hi = Summarise(nil)
	for _, v := range []float64{p05, p50, p95, lo, hi} {
		if !math.IsNaN(v) {
			t.Errorf("Summarise(nil) = %v %v %v %v %v, want all NaN", p05, p50, p95, lo, hi)
			break
		}
	}
}

func TestIndex(t *testing.T) {
	b := &Band{Years: []int{1980, 1981, 1983}}
	for _, tc := range []struct {
		year int
		i    int
		ok   bool
	}{{1980, 0, true}, {1983, 2, true}, {1982, 0, false}, {1979, 0, false}, {1990, 0, false}} {
		i, ok := b.Index(tc.year)
		if ok != tc.ok || (ok && i != tc.i) {
			t.Errorf("Index(%d) = %d, %v; want %d, %v", tc.year, i, ok, tc.i, tc.ok)
		}
	}
}
