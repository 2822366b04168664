package agents

import (
	"math"

	"clustersim/agents/rng"
)

// Product is one product of the ladder, with its national market.
type Product struct {
	Name       string
	Rung       int
	Sector     int
	Available  int     // first year it can be made
	Complexity float64 // quality a firm needs to make it
	Market     float64 // output of the rest of China in 1978 yuan (real), in BaseYear (extrapolated for later products)
	BaseYear   int     // the year Market is given for: the scenario's first year
	Growth     float64 // yearly growth of the national market
	Capital    float64 // start-up capital, 1978 yuan
	Tradition  float64 // weight among the crafts households know in 1978
	Promoted   bool
}

// NationalMarket is the product's output in the rest of China (real yuan)
// in a given fractional year — the competitive fringe Yongkang competes
// with — or 0 before the product is available. Growth counts from BaseYear,
// the year the markets are given for.
func (pr *Product) NationalMarket(year float64) float64 {
	if year < float64(pr.Available) {
		return 0
	}
	return pr.Market * math.Exp(pr.Growth*(year-float64(pr.BaseYear)))
}

// TraditionalProduct draws a craft product in proportion to its weight in
// 1978 (farm tools, scales, pots and knives): cum holds the cumulative
// Tradition weights of the products. It returns -1 if no product has
// weight.
func TraditionalProduct(cum []float64, r *rng.Draws) int {
	total := cum[len(cum)-1]
	if total <= 0 {
		return -1
	}
	u := r.Float64() * total
	lo, hi := 0, len(cum)-1
	for lo < hi {
		mid := (lo + hi) / 2
		if cum[mid] > u {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}
