// Package spread describes how a series spreads across the runs of an
// ensemble: per year its 5th, 50th and 95th percentiles and its extremes.
// It is the one place the project computes percentiles; the ensemble fills
// Bands (package sim/ensemble) and the figures draw them (package plots).
// It imports nothing of the project.
package spread

import (
	"math"
	"sort"
)

// Band is the spread of one series across the runs of an ensemble. For
// each year it holds the 5th, 50th and 95th percentiles (see Quantile) and
// the extremes of the run values that are not NaN (NaN when there are
// none). Readers ignore a column whose length is not len(Years).
type Band struct {
	Series                  string
	Years                   []int
	P05, P50, P95, Min, Max []float64
}

// Index returns the position of year in b.Years, which is sorted.
func (b *Band) Index(year int) (int, bool) {
	i := sort.SearchInts(b.Years, year)
	return i, i < len(b.Years) && b.Years[i] == year
}

// Summarise sorts vals in place and returns its 5th, 50th and 95th
// percentiles, minimum and maximum; all NaN when vals is empty.
func Summarise(vals []float64) (p05, p50, p95, lo, hi float64) {
	if len(vals) == 0 {
		nan := math.NaN()
		return nan, nan, nan, nan, nan
	}
	sort.Float64s(vals)
	return Quantile(vals, 0.05), Quantile(vals, 0.5), Quantile(vals, 0.95), vals[0], vals[len(vals)-1]
}

// Quantile is the p-quantile (0 <= p <= 1) of sorted, a non-empty slice in
// ascending order, by linear interpolation between order statistics
// (Hyndman and Fan's type 7, R's default): on x(1) <= ... <= x(n) it is
// x(⌊h⌋+1) + (h−⌊h⌋)·(x(⌊h⌋+2) − x(⌊h⌋+1)) with h = (n−1)·p. So the median
// is the middle value, or the mean of the two middle values when n is
// even; with n = 4 the 5th percentile is 0.85·x(1) + 0.15·x(2).
func Quantile(sorted []float64, p float64) float64 {
	h := float64(len(sorted)-1) * p
	i := int(math.Floor(h))
	if i+1 >= len(sorted) {
		return sorted[len(sorted)-1]
	}
	return sorted[i] + (h-float64(i))*(sorted[i+1]-sorted[i])
}
