package agents

import "math"

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

// NationalShare is Yongkang's share of China's output of a product when it
// makes volume q and the rest of China (a competitive fringe) makes
// fringe.
func NationalShare(q, fringe float64) float64 {
	if q <= 0 {
		return 0
	}
	return q / (q + fringe)
}

// Price is the current-yuan unit price of a product: the reference price
// (1 per real yuan) times the price level, falling as Yongkang's producers
// crowd in and take a larger share of the national market.
func Price(p *MarketParams, priceLevel, share float64) float64 {
	return priceLevel * (1 - p.PriceDrop*share)
}

// ExportPrice is the price abroad: a premium over the home price, cut by the
// exporters' crowding of the export market and by the 2008 crisis.
func ExportPrice(p *MarketParams, home, exportShare float64, crisis bool) float64 {
	x := home * (1 + p.ExportPremium) * (1 - p.PriceDrop*exportShare)
	if crisis {
		x *= 1 - p.CrisisExportDrop
	}
	return x
}

// LandPrice returns next year's land price: the base price in current yuan,
// raised in proportion to the excess of demand for estate land over the land
// supplied, up to a cap. ("land speculation, with prices reaching 3,000 or
// 4,000 yuan per square metre ... the city sets quotas").
func LandPrice(p *LandParams, priceLevel, demand, supply float64) float64 {
	excess := 0.0
	switch {
	case supply > 0:
		excess = max(0, demand/supply-1)
	case demand > 0:
		excess = p.MaxExcessDemand // land asked for and none given
	}
	return min(p.BasePrice*priceLevel*(1+p.PriceResponse*excess), p.PriceCap*priceLevel)
}

// AdjustLandPrice moves the land price part of the way from last year's
// price toward the price this year's demand and supply call for: land is
// traded and rented on contracts that adjust slowly (an assumption; without
// it the price jumps with each year's quota).
func AdjustLandPrice(p *LandParams, last, target float64) float64 {
	return p.PriceInertia*last + (1-p.PriceInertia)*target
}
