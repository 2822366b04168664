package agents

import "math"

// ODD 7.2: product markets and prices (the market itself, each product's
// volumes and shares, is kept by package sim).

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
// crowd in and take a larger share of the national market. It clears a
// national demand of constant elasticity 1/θ (θ = inverse_demand_elasticity)
// against the rest of China's output, which meets the demand at the
// reference price (NationalMarket): Yongkang's volume q adds to it, so
// demand must grow by 1/(1 − share) and the price falls to P · (1 −
// share)^θ. There is no floor: a product whose market saturates or
// declines while Yongkang's producers keep making it sells ever cheaper,
// and their margins can vanish. ASSUME: the rest of China's output follows
// its demand (its costs move with the price level).
func Price(p *MarketParams, priceLevel, share float64) float64 {
	return priceLevel * crowding(p, share)
}

// crowding is (1 − share)^θ, exactly 1 when θ = 0 or share = 0.
func crowding(p *MarketParams, share float64) float64 {
	if p.InverseDemandElasticity == 0 || share <= 0 {
		return 1
	}
	if share >= 1 {
		return 0
	}
	return math.Exp(p.InverseDemandElasticity * math.Log1p(-share))
}

// ExportPrice is the price abroad: a premium over the home price, cut by the
// exporters' crowding of the export market and by the 2008 crisis.
func ExportPrice(p *MarketParams, home, exportShare float64, crisis bool) float64 {
	x := home * (1 + p.ExportPremium) * crowding(p, exportShare)
	if crisis {
		x *= 1 - p.CrisisExportDrop
	}
	return x
}

// UnitPrice is what a firm gets for a unit of its output: the home price
// of its product, less a discount when it sells to a lead firm as a
// subcontractor, and a mix of home and export prices for an exporter.
func UnitPrice(p *FirmParams, e *Economy, f *Firm) float64 {
	if f.Lead >= 0 {
		return SupplierPrice(p, e, f)
	}
	if f.Exporter {
		x := p.ExportShare
		return (1-x)*e.Price[f.Product] + x*e.ExportPrice[f.Product]
	}
	return e.Price[f.Product]
}
