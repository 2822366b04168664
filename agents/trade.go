package agents

import "clustersim/agents/rng"

// ODD 7.12: exporting and subcontracting.

// TradeRules are the rules of the timeline that trade reads.
type TradeRules struct {
	ExportOpening    bool // firms may export
	SpecialistMarket bool // the specialist market raises export entry
	ServiceCentres   bool // and so do the service centres
	Products         []Product
}

// Trade updates a firm's exporting and subcontracting links: a firm that
// can invoice, of enough quality and size, may start exporting (and drops
// its lead); a subcontractor loses its lead if the lead has closed
// (leadAlive false) or the link breaks; a small firm without a lead may
// find one among eight firms drawn from firms, the living firms of the
// month — a larger firm of the same sector in Yongkang (no all-pairs
// search).
func Trade(p *Params, rules *TradeRules, firms []Firm, leadAlive bool, f *Firm, r *rng.Draws) {
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
		if !leadAlive || r.Float64() < fp.SubcontractLinkBreak {
			f.Lead = -1
		}
		return
	}
	if f.Exporter || f.Form.Collective() || f.Employees > float64(fp.SubcontractMaxEmployees) || r.Float64() >= fp.SubcontractRate {
		return
	}
	for range 8 {
		cand := &firms[r.IntN(len(firms))]
		if cand.Alive && cand.ID != f.ID && cand.Employees >= float64(fp.LeadMinEmployees) &&
			rules.Products[cand.Product].Sector == rules.Products[f.Product].Sector && cand.Location.InYongkang() {
			f.Lead = cand.ID
			return
		}
	}
}
