package agents

import "clustersim/agents/rng"

// ODD 7.12: exporting and the supply network.

// TradeRules are the rules of the timeline that trade reads.
type TradeRules struct {
	ExportOpening    bool // firms may export
	SpecialistMarket bool // the specialist market raises export entry
	ServiceCentres   bool // and so do the service centres
	Products         []Product
	Month            int32     // the month (sim.Month), for the age of links
	Buyers           [][]int32 // by sector: indices among the month's firms of those that may buy from suppliers (Buys)
}

// Trade updates a firm's exporting and its link to a buyer: a firm that
// can invoice, of enough quality and size, may start exporting (and drops
// its buyer); a supplier keeps its buyer or breaks the link (KeepsBuyer);
// a small firm without a buyer may find one (FindBuyer). lead is the
// firm's buyer (nil if it has none, or it has closed); firms are the
// living firms of the month, and rules.Buyers the buyers among them.
func Trade(p *Params, rules *TradeRules, e *Economy, villages []Village, firms []Firm, lead *Firm, f *Firm, r *rng.Draws) {
	fp := &p.Firms
	if !f.Exporter && rules.ExportOpening && f.Form.CanInvoice() &&
		f.Quality >= fp.ExportQuality && f.Employees >= float64(fp.ExportMinEmployees) {
		rate := fp.ExportEntryRate
		if rules.SpecialistMarket {
			rate *= 1 + p.Markets.SpecialistMarketAccess
		}
		if rules.ServiceCentres {
			rate *= 1 + fp.ServiceBoost
		}
		if r.Float64() < rate {
			f.Exporter = true
			f.Lead = -1
		}
	}
	if f.Lead >= 0 {
		if !KeepsBuyer(fp, e, rules.Month, f, lead, r.Float64()) {
			f.Lead = -1
		}
		return
	}
	if f.Exporter || f.Form.Collective() || f.Employees > float64(fp.SubcontractMaxEmployees) || r.Float64() >= fp.SubcontractRate {
		return
	}
	if b := FindBuyer(fp, e, rules.Buyers[rules.Products[f.Product].Sector], villages, firms, f, r); b != nil {
		Link(f, b, rules.Month)
	}
}
