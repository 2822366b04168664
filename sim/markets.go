package sim

import (
	"math"

	"clustersim/agents"
)

// The markets: prices and national shares (sub-step 2) and the labour
// market (sub-step 6). Their leaf formulas are in package agents
// (product_markets.go, migration.go); the market for estate land is in
// land.go.

// updatePrices sets each product's price and national share from the
// volume Yongkang made last month, and the price level, productivity, wage
// and farm income of the month (ODD 7.1-7.2); then the Economy the agents
// see this month.
func (w *world) updatePrices() {
	mp := &w.p.Markets
	t := w.fracYear() - float64(w.cfg.Start.Year())
	w.Market.PriceLevel = math.Exp(mp.Inflation * t)
	w.Market.TFP = w.p.Firms.Productivity * math.Exp(w.p.Firms.ProductivityGrowth*t)
	year := w.fracYear()
	crisis := w.policy.on(evFinancialCrisis)
	for i := range w.Products {
		pr := &w.Products[i]
		w.Market.Experience[i] += w.Market.Volume[i]
		fringe := pr.NationalMarket(year) / 12
		s := agents.NationalShare(w.Market.Volume[i], fringe)
		w.Market.Share[i] = s
		w.Market.Price[i] = agents.Price(mp, w.Market.PriceLevel, s)
		xs := agents.NationalShare(w.Market.Export[i], fringe*mp.ExportMarketRatio)
		w.Market.ExportShare[i] = xs
		w.Market.ExportPrice[i] = agents.ExportPrice(mp, w.Market.Price[i], xs, crisis)
	}
	lp := &w.p.Labour
	tight := 0.0
	if w.Labour.NativeWage > 0 {
		tight = w.Labour.MigrantWorkers / (w.Labour.MigrantWorkers + w.Labour.NativeWage)
	}
	w.Labour.Wage = lp.Wage * w.Market.PriceLevel * math.Exp(lp.WageGrowth*t) * (1 + lp.WageTightness*tight)
	if crisis {
		w.Labour.Wage *= 1 + mp.CrisisCostRise
	}
	w.Labour.FarmIncome = w.p.Households.FarmIncome * w.Market.PriceLevel * math.Exp(w.p.Households.FarmIncomeGrowth*t)
	w.setEconomy()
}

// setEconomy sets what the agents see of the month's markets and regime.
func (w *world) setEconomy() {
	e := &w.econ
	e.Year = w.Month.Year()
	e.PriceLevel, e.TFP = w.Market.PriceLevel, w.Market.TFP
	e.Wage, e.FarmIncome = w.Labour.Wage, w.Labour.FarmIncome
	e.CostRise = 0
	if w.policy.on(evFinancialCrisis) {
		e.CostRise = w.p.Markets.CrisisCostRise
	}
	e.InvoicingForAll = w.policy.privateAllowed()
	e.LocalTaxShare = w.p.Villages.LocalTaxShare
	e.LandRent = w.Land.Price * w.p.Land.LandRent
	e.Price, e.ExportPrice, e.Share = w.Market.Price, w.Market.ExportPrice, w.Market.Share
	if len(w.firstMarket) != len(w.Products) { // derived once from the products, which a restore brings back
		w.firstMarket = w.firstMarket[:0]
		for i := range w.Products {
			pr := &w.Products[i]
			w.firstMarket = append(w.firstMarket, pr.NationalMarket(float64(pr.Available)))
		}
	}
	w.unitCost = w.unitCost[:0]
	for i := range w.Products {
		w.unitCost = append(w.unitCost, agents.UnitCost(&w.p.Firms, e.PriceLevel, e.CostRise, w.Market.Experience[i], w.firstMarket[i]))
	}
	e.UnitCost = w.unitCost
	for f := range agents.NumForms {
		e.Rates[f] = w.policy.rates(agents.LegalForm(f))
	}
}

// stepLabour closes the month's labour market. Firms hired during the firm
// sub-step at last month's fill rate; here the rate for next month is set
// from the workers available — natives willing to work for a wage, then
// migrants — against the hires planned, and migrants come to fill the
// jobs natives leave open (the brief's "migrants arriving to fill jobs"). Vacancies are
// the gaps between the sizes firms aim at and their employment.
func (w *world) stepLabour() {
	lb := &w.Labour
	native := w.p.Households.WageWorkPropensity * lb.Workers[agents.Farming]
	hiredBefore := lb.Hired - lb.Want*lb.Fill // hired workers before this month's hires
	lb.Fill = 1
	if lb.Want > 0 {
		lb.Fill = max(0, min(1, (native+lb.MigrantWorkers-hiredBefore)/lb.Want))
	}
	lb.NativeWage = min(lb.Hired, native)
	unfilled := lb.Hired + lb.Vacancies - lb.NativeWage
	lb.MigrantWorkers += agents.MigrantAdjustment(&w.p.Labour, max(0, unfilled), lb.MigrantWorkers)
}
