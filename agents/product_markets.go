package agents

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
