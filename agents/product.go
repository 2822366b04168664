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
	Growth     float64 // yearly growth of the national market until it saturates
	Saturation float64 // year its national market saturates (ProductLife)
	Decline    float64 // yearly decline of its national market after Saturation (obsolescence)
	Capital    float64 // start-up capital, 1978 yuan
	MinStock   float64 // equipment a firm needs to make it, 1978 yuan: Capital × workshop_start_capital (ODD 7.24)
	Elasticity float64 // output elasticity of equipment: the rung's returns to scale less labour's (0: equipment adds nothing)
	Tradition  float64 // weight among the crafts households know in 1978
	Promoted   bool
	// OutsidePlan: a top-down plan leaves its sector out (ODD 7.25):
	// pedlars do not bring it back, households do not know it as a craft
	// and firms do not switch to it.
	OutsidePlan bool
}

// NationalMarket is the product's national demand at the reference price
// (real yuan a year) in a given fractional year — what the rest of China
// makes, the competitive fringe Yongkang competes with — or 0 before the
// product is available. Its life: it grows at Growth (counted from
// BaseYear, the year the markets are given for) until it saturates, in
// Saturation, then declines at Decline a year as the product becomes
// obsolete.
func (pr *Product) NationalMarket(year float64) float64 {
	if year < float64(pr.Available) {
		return 0
	}
	if year <= pr.Saturation {
		return pr.Market * math.Exp(pr.Growth*(year-float64(pr.BaseYear)))
	}
	return pr.Market * math.Exp(pr.Growth*(pr.Saturation-float64(pr.BaseYear))-pr.Decline*(year-pr.Saturation))
}

// ProductLife is the years from a product's availability to the saturation
// of its national market: product_life, spread across the products of a
// rung with a log-normal law of spread life_spread and mean product_life (z
// a standard normal draw). ASSUME: the markets of light metal products
// saturate within a generation, some sooner, some later; none of the
// article's figures sizes them.
func ProductLife(p *MarketParams, z float64) float64 {
	s := p.LifeSpread
	return p.ProductLife * math.Exp(s*z-s*s/2)
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
