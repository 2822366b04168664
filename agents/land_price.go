package agents

// ODD 7.17: the land price.

// LandPrice returns next year's land price: the base price in current yuan,
// raised in proportion to the excess of demand for estate land over the land
// supplied, up to a cap; land asked for and none given is as scarce as land
// gets, and goes at the cap. ("land speculation, with prices reaching 3,000
// or 4,000 yuan per square metre ... the city sets quotas").
func LandPrice(p *LandParams, priceLevel, demand, supply float64) float64 {
	ceiling := p.PriceCap * priceLevel
	switch {
	case supply > 0:
		return min(p.BasePrice*priceLevel*(1+p.PriceResponse*max(0, demand/supply-1)), ceiling)
	case demand > 0:
		return ceiling
	}
	return min(p.BasePrice*priceLevel, ceiling)
}

// AdjustLandPrice moves the land price part of the way from last year's
// price toward the price this year's demand and supply call for: land is
// traded and rented on contracts that adjust slowly (an assumption; without
// it the price jumps with each year's quota).
func AdjustLandPrice(p *LandParams, last, target float64) float64 {
	return p.PriceInertia*last + (1-p.PriceInertia)*target
}
