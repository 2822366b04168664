package sim

import (
	"clustersim/agents"
	"clustersim/agents/rng"
)

// Sub-step 5, firms (ODD 7.8-7.14): every living firm produces
// (agents/production.go), reviews its size (agents/size_review.go) and its
// legal form (agents/legal_form.go), in its month its year
// (agents/yearly_review.go), trades (agents/trade.go), may spin off a firm
// (agents/spinoff.go) and may close (agents/exit.go). This file walks the
// firms in ID order, builds what the rules see and applies what they
// decide to the world.

// firmRules are what the firms' rules see of the month besides the
// Economy, built at the start of the firm sub-step.
type firmRules struct {
	size         agents.SizeRules
	legal        agents.LegalFormRules
	yearly       agents.YearlyReviewRules
	trade        agents.TradeRules
	managersFree bool // managers of collectives may found firms
	softBudget   bool // collectives are not yet privatised
	spinoffs     bool // spin-offs happen (getihu legal or private firms free)
}

func (w *world) setFirmRules() {
	pol := &w.policy
	softBudget := !pol.on(evCollectiveShareholding)
	w.relocation = w.relocationRules()
	w.firmRules = firmRules{
		size: agents.SizeRules{SoftBudget: softBudget, Fill: w.Labour.Fill, GrowthLo: w.growthLo, GrowthHi: w.growthHi, SiteCaps: w.siteCaps(), Relocation: &w.relocation},
		legal: agents.LegalFormRules{
			Registration: w.rules.registration, Sanctions: w.rules.sanctions, CollectiveShareholding: !softBudget,
			CompanyConversion: pol.on(evCompanyConversion), RestructuringSubsidy: pol.on(evRestructuringSubsidy),
		},
		yearly: agents.YearlyReviewRules{
			Month: int32(w.Month), MonthOfYear: w.Month.MonthOfYear(), InnovationCentre: pol.on(evInnovationCentre),
			ServiceCentres: pol.on(evServiceCentres), EnvironmentSubsidy: pol.on(evEnvironmentSubsidy),
			SectorPromotion: pol.on(evSectorPromotion), Products: w.Products, Designs: w.designPool,
		},
		trade: agents.TradeRules{
			ExportOpening: pol.on(evExportOpening), SpecialistMarket: pol.on(evSpecialistMarket),
			ServiceCentres: pol.on(evServiceCentres), Products: w.Products, Month: int32(w.Month),
		},
		managersFree: pol.on(evControlManagement), softBudget: softBudget, spinoffs: w.spinoffAllowed(),
	}
}

// countSuppliers counts, at the start of the firm sub-step, each buyer's
// suppliers, and lists the buyers of each sector (agents.Buys) for the
// month's searches (agents.FindBuyer), in slices the world reuses. A link
// whose buyer has closed still counts until its supplier notices.
func (w *world) countSuppliers() {
	fp := &w.p.Firms
	w.buyers = emptyLists(w.buyers, len(w.sectors))
	for k := range w.Firms {
		f := &w.Firms[k]
		f.Suppliers = 0
		if agents.Buys(fp, f) {
			s := w.Products[f.Product].Sector
			w.buyers[s] = append(w.buyers[s], int32(k))
		}
	}
	for k := range w.Firms {
		if f := &w.Firms[k]; f.Alive && f.Lead >= 0 {
			if b := w.firm(f.Lead); b != nil {
				b.Suppliers++
			}
		}
	}
	w.firmRules.trade.Buyers = w.buyers
}

// siteCaps are the village site caps of the month (agents.SiteCap), in a
// slice the world reuses.
func (w *world) siteCaps() []float64 {
	w.siteCap = w.siteCap[:0]
	for v := range w.Villages {
		w.siteCap = append(w.siteCap, agents.SiteCap(&w.p.Firms, w.Villages[v].Developed))
	}
	return w.siteCap
}

// stepFirms runs every living firm through the month, in ID order.
func (w *world) stepFirms() {
	for i := range w.Market.Volume {
		w.Market.Volume[i], w.Market.Export[i], w.Market.Producers[i] = 0, 0, 0
	}
	w.waiting = w.waiting[:0]
	w.Labour.Hired, w.Labour.Want, w.Labour.Vacancies = 0, 0, 0
	w.setFirmRules()
	w.countSuppliers()
	p, fr := w.p, &w.firmRules
	month, moy := int(w.Month), w.Month.MonthOfYear()
	n := len(w.Firms) // spin-offs founded during this loop start next month
	for k := 0; k < n; k++ {
		f := &w.Firms[k]
		if f.Alive {
			rates := agents.Produce(&p.Firms, &w.econ, f)
			w.Acc.creditTaxes(rates, f.Sales)
			w.creditGovernments(f, rates)
			w.Market.addOutput(f, p.Firms.ExportShare)
			if agents.ReviewsSize(f, month) {
				w.Labour.Want += agents.ReviewSize(p, &w.econ, &fr.size, f)
			}
			if rev := agents.ReviewLegalForm(p, &fr.legal, w.Villages, f, w.rand(drawLegalForm, f.UID)); rev.Raided {
				w.raid(f, rev.Arrests)
			}
		}
		if f.Alive && agents.ReviewsYear(f, moy) {
			w.reviewYear(f) // may close it (the owner quits)
		}
		if f.Alive {
			agents.Trade(p, &fr.trade, &w.econ, w.Villages, w.Firms, w.firm(f.Lead), f, w.rand(drawTrade, f.UID))
			if pr := agents.SpinoffProbability(&p.Firms, f, fr.managersFree); fr.spinoffs && pr > 0 {
				if r := w.rand(drawSpinoff, f.UID); agents.SpinsOff(pr, r) {
					w.spinoff(k, r)
				}
				f = &w.Firms[k]
			}
			if agents.Exits(agents.ExitProbability(&p.Firms, f, fr.softBudget, w.Market.PriceLevel), w.rand(drawExit, f.UID)) {
				w.closeFirm(f)
			}
		}
		if !f.Alive {
			continue
		}
		if f.Location.InYongkang() {
			w.Labour.Hired += max(0, f.Employees-f.Family)
			w.Labour.Vacancies += max(0, f.Target-f.Employees)
			if f.Waiting > 0 {
				w.waiting = append(w.waiting, f.ID) // every month while it waits for land
			}
		}
	}
	if w.closed*8 > len(w.Firms) || w.Month.MonthOfYear() == 12 {
		w.compactFirms()
	}
}

// creditGovernments credits a firm's village and township with their
// fees and remittances of the month, and counts a household workshop's
// sales in its village's (what the village would collect fees on).
func (w *world) creditGovernments(f *agents.Firm, r agents.Rates) {
	if r.Village == 0 && r.Township == 0 && f.Owner < 0 {
		return
	}
	v := &w.Villages[f.Village]
	if f.Owner >= 0 && f.Location == agents.VillageSite {
		v.Private += f.Sales
	}
	if r.Village > 0 {
		v.Budget += r.Village * f.Sales
	}
	if r.Township > 0 {
		w.Townships[v.Township].Budget += r.Township * f.Sales
	}
}

// raid closes a secret workshop its village's cadres have detected: its
// capital is confiscated, its owner fined, its workers arrested; the
// losses feed the village's revolt (agents.RecordRaid).
func (w *world) raid(f *agents.Firm, arrested float64) {
	loss := max(0, f.NetWorth(w.Market.PriceLevel))
	if f.Owner >= 0 {
		h := &w.Households[f.Owner]
		fine := min(max(0, h.Savings), w.p.Households.SanctionLoss*w.Market.PriceLevel)
		h.Savings -= fine
		loss += fine
	}
	agents.RecordRaid(&w.Villages[f.Village], loss, arrested)
	w.closeFirm(f)
}

// creditTaxes credits each level of government with its share of a
// firm's sales of the month, at the rates it paid (agents.Produce).
func (a *YearAccounts) creditTaxes(r agents.Rates, sales float64) {
	a.Taxes.Township += r.Township * sales
	a.Taxes.Village += r.Village * sales
	a.Taxes.State += r.State * sales
	a.Taxes.City += r.City * sales
}

// addOutput adds a firm's output of the month to Yongkang's market, if it
// produces in the county (exportShare of an exporter's to the exports).
func (m *MarketState) addOutput(f *agents.Firm, exportShare float64) {
	if f.Location.InYongkang() {
		m.Volume[f.Product] += f.Volume
		m.Producers[f.Product]++
		if f.Exporter {
			m.Export[f.Product] += f.Volume * exportShare
		}
	}
}

// reviewYear runs the firm's yearly review and applies it: the owner's
// closing, or the village counts of a product switch.
func (w *world) reviewYear(f *agents.Firm) {
	rev := agents.ReviewYear(&w.p.Firms, &w.econ, &w.firmRules.yearly, f, w.rand(drawFirmReview, f.UID))
	switch {
	case rev.Quits:
		w.closeFirm(f)
	case rev.Switched && f.Owner >= 0 && f.Location.InYongkang():
		w.countWorkshop(f.Village, int(rev.From), -1)
		w.countWorkshop(f.Village, int(f.Product), +1)
	}
	if rev.NewDesign {
		f.Design = w.newDesign()
	}
}

// spinoff founds the firm an employee or manager of firm k founds, if a
// household of its village can (agents.FoundSpinoff, with the draws of
// agents.SpinsOff).
func (w *world) spinoff(k int, r *rng.Draws) {
	parent := &w.Firms[k]
	if s := agents.FoundSpinoff(&w.p.Firms, &w.rules.registration, parent, &w.Villages[parent.Village], w.Households, r); s.Founder >= 0 {
		w.foundSpinoff(k, s)
	}
}

// spinoffAllowed: spin-offs happen once getihu are legal or private firms free.
func (w *world) spinoffAllowed() bool {
	return w.policy.on(evGetihuLegal) || w.policy.privateAllowed()
}

// foundSpinoff founds the spin-off of firm k: the founder household runs
// it, in the parent's village, making the parent's product, which it
// learns.
func (w *world) foundSpinoff(k int, s agents.Spinoff) {
	product, village, design := w.Firms[k].Product, w.Firms[k].Village, w.Firms[k].Design
	h := &w.Households[s.Founder]
	f := w.newFirmMaking(h.UID.Child(idSpinoff, int(w.Month), 0), s.Form, product, design, village, s.Founder) // what it made at its parent's
	parent := &w.Firms[k]
	if b := agents.InheritedBuyer(&w.p.Firms, &w.econ, parent, w.firm(parent.Lead), f); b != nil {
		agents.Link(f, b, int32(w.Month))
	}
	f.Family = float64(h.Workers)
	f.SetEmployees(&w.p.Firms, f.Family)
	f.Quality = s.Quality
	h.Firm, h.Known = f.ID, product
	w.setActivity(s.Founder, agents.Workshop)
	w.Acc.Entries++
	w.Acc.Spinoffs++
}

// closeFirm: the firm exits; its owner household goes back to farming.
func (w *world) closeFirm(f *agents.Firm) {
	if !f.Alive {
		return
	}
	f.Alive = false
	w.slot[f.ID] = -1
	w.closed++
	if f.Owner >= 0 {
		w.Households[f.Owner].Firm = -1
		w.setActivity(f.Owner, agents.Farming)
		if f.Location.InYongkang() {
			w.countWorkshop(f.Village, int(f.Product), -1)
		}
	}
	if f.Location == agents.EstateSite && f.Estate >= 0 {
		w.Estates[f.Estate].Used -= f.Plot
	}
	w.Acc.Exits++
}

// compactFirms removes closed firms from w.Firms, keeping ID order. The
// firm sub-step calls it when an eighth of the firms have closed (so the
// hot loop does not walk the dead), and in December (so the yearly
// sub-steps and the observers see only living firms).
func (w *world) compactFirms() {
	kept := 0
	for k := range w.Firms {
		if !w.Firms[k].Alive {
			continue
		}
		if kept != k {
			w.Firms[kept] = w.Firms[k]
			w.slot[w.Firms[kept].ID] = int32(kept)
		}
		kept++
	}
	clear(w.Firms[kept:])
	w.Firms = w.Firms[:kept]
	w.closed = 0
}

// living reports whether the firm of an ID is alive (false for -1).
func (w *world) living(id int32) bool {
	f := w.firm(id)
	return f != nil && f.Alive
}

// firm returns the living firm of an ID, or nil if it has closed.
func (w *world) firm(id int32) *agents.Firm {
	if id < 0 || int(id) >= len(w.slot) || w.slot[id] < 0 {
		return nil
	}
	return &w.Firms[w.slot[id]]
}
