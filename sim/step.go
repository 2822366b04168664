package sim

import (
	"math"

	"clustersim/agents"
)

// applyEvents gives the one-off effects of events that begin this month.
func (w *world) applyEvents(began []EventKind) {
	for _, k := range began {
		switch k {
		case MantangRepression:
			if w.mantang >= 0 {
				w.Villages[w.mantang].Stance = agents.Repress
			}
		case MantangCompromise:
			if w.mantang >= 0 {
				w.Villages[w.mantang].Stance = agents.Encourage
			}
		case Confederation:
			if w.mantang >= 0 {
				w.Villages[w.mantang].Cover = true
			}
		case Legitimisation:
			for v := range w.Villages {
				if w.Villages[v].Stance == agents.Repress {
					w.Villages[v].Stance = agents.Tolerate
				}
			}
		}
	}
}

// updatePrices sets each product's price and national share from the
// volume Yongkang made last month, and the price level and productivity of
// the month.
func (w *world) updatePrices() {
	mp := &w.p.Markets
	t := w.fracYear() - float64(w.cfg.Start.Year())
	w.Market.PriceLevel = math.Exp(mp.Inflation * t)
	w.Market.TFP = w.p.Firms.Productivity * math.Exp(w.p.Firms.ProductivityGrowth*t)
	year := w.fracYear()
	crisis := w.policy.on(evFinancialCrisis)
	for i := range w.Products {
		pr := &w.Products[i]
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
}

// unitPrice is what a firm gets for a unit of its output: the home price
// of its product, less a discount when it sells to a lead firm as a
// subcontractor, and a mix of home and export prices for an exporter.
func (w *world) unitPrice(f *agents.Firm) float64 {
	if f.Lead >= 0 {
		return w.Market.Price[f.Product] * (1 - w.p.Firms.SubcontractPriceCut)
	}
	if f.Exporter {
		x := w.p.Firms.ExportShare
		return (1-x)*w.Market.Price[f.Product] + x*w.Market.ExportPrice[f.Product]
	}
	return w.Market.Price[f.Product]
}

// stepHouseholds lets the households whose review month it is weigh their
// activity: farm, peddle, or open a workshop.
func (w *world) stepHouseholds() {
	hp := &w.p.Households
	allowed := w.policy.on(evHouseholdResponsibility)
	farm := w.Labour.FarmIncome
	// Household i reviews its activity in month i mod 12.
	for i := w.Month.MonthOfYear() - 1; i < len(w.Households); i += 12 {
		id := int32(i)
		h := &w.Households[i]
		switch h.Activity {
		case agents.Farming:
			h.Savings += hp.SavingsRate * farm
			if allowed && w.rand(drawOccupation, h.UID).Float64() < hp.PeddleStartRate {
				w.setActivity(id, agents.Peddling)
			}
		case agents.Peddling:
			h.Savings += hp.SavingsRate * agents.PeddleIncome(hp, farm)
			r := w.rand(drawOccupation, h.UID)
			if p, ok := agents.PeddlerLearns(hp, w.Hot, r.Float64(), r.Float64()); ok {
				h.Known = int16(p)
			}
			if r.Float64() < hp.PeddleStopRate {
				w.setActivity(id, agents.Farming)
			}
		default: // running a workshop, or gone
			continue
		}
		if w.rand(drawEmigration, h.UID).Float64() < hp.EmigrationRate {
			w.setActivity(id, agents.Left)
			w.Labour.LeftWorkers += float64(h.Workers)
			continue
		}
		if allowed {
			w.considerWorkshop(id)
		}
	}
}

// considerWorkshop applies the entry rule to household i.
func (w *world) considerWorkshop(i int32) {
	h := &w.Households[i]
	r := w.rand(drawEntry, h.UID)
	v := &w.Villages[h.Village]
	prod := agents.ChooseProduct(&w.p.Households, int(h.Known), int(v.Modal), w.modalShare(h.Village), r.Float64())
	if prod < 0 || w.Products[prod].Available > w.Month.Year() {
		return // nothing it knows how to make and sell
	}
	enc, credit := 0.0, 0.0
	if v.Stance == agents.Encourage {
		enc, credit = w.p.Villages.EncouragementBoost, w.p.Villages.EncouragementCredit
	}
	capital := w.Products[prod].Capital * w.Market.PriceLevel * w.p.Households.WorkshopStartCapital * (1 - credit)
	if h.Savings < capital {
		return // no "first pot of gold" yet (EntryProbability would be 0)
	}
	quality := math.Exp(w.p.Firms.QualityDispersion * r.NormFloat64())
	if w.Products[prod].Complexity > quality {
		return // not able to make it
	}
	share := 0.0
	if nh := float64(len(v.Households)); nh > 0 {
		share = float64(v.Workshops) / nh
	}
	form := w.registerForm(h.Village, float64(h.Workers), r.Float64())
	fp := &w.p.Firms
	vol := agents.Output(fp, w.Market.TFP, quality, float64(h.Workers), form) * 12 * agents.SalesAccess(fp, form, w.policy.privateAllowed())
	// Expected profit before the cost of cover; the cover (the
	// confederation's fees of a red hat) is weighed on its own.
	rates := w.policy.rates(form)
	fees := 0.0
	if form == agents.RedHat {
		fees = rates.Township + rates.Village
		rates.Township, rates.Village = 0, 0
	}
	profit := vol * agents.UnitMargin(fp, w.Market.Price[prod], w.Market.PriceLevel, rates.Total(), 0)
	cover := fees * vol * w.Market.Price[prod]
	sanction := 0.0
	if form == agents.Underground {
		sanction = w.sanctionProbability(h.Village) * 12
	}
	in := agents.EntryInputs{
		Allowed: true, ExpectedProfit: profit, FarmIncome: w.Labour.FarmIncome,
		SanctionProb: min(1, sanction), SanctionLoss: w.p.Households.SanctionLoss * w.Market.PriceLevel,
		CoverCost: cover, Savings: h.Savings, CapitalNeed: capital, NeighbourShare: share, Encouragement: enc,
	}
	if r.Float64() >= agents.EntryProbability(&w.p.Households, in) {
		return
	}
	h.Savings -= capital
	f := w.newFirm(h.UID.Child(idWorkshop, int(w.Month), 0), form, int16(prod), h.Village, i)
	f.Family = float64(h.Workers)
	f.SetEmployees(fp, f.Family)
	f.Quality = quality
	f.Capital = capital
	h.Firm = f.ID
	w.setActivity(i, agents.Workshop)
	w.Acc.Entries++
}

// registerForm is the legal form a new household workshop takes: none
// before getihu are legal; a red hat where the village offers the cover and
// the workshop prefers it; a private enterprise once they are free and the
// workshop is larger than the getihu cap; a getihu otherwise.
func (w *world) registerForm(village int32, workers, u float64) agents.LegalForm {
	if !w.policy.on(evGetihuLegal) && !w.policy.privateAllowed() {
		return agents.Underground
	}
	if w.policy.privateAllowed() {
		if workers > float64(w.p.Firms.GetihuCap) {
			return agents.Private
		}
		return agents.Getihu
	}
	if w.Villages[village].Cover && !w.policy.on(evRedHatRepression) {
		g := &w.policy.gov
		if agents.WantsRedHat(&w.p.Firms, g.CommuneFee+g.VillageFee+g.StateTax, g.GetihuTax, u) {
			return agents.RedHat
		}
	}
	return agents.Getihu
}

// sanctionProbability is the monthly risk of an unregistered workshop in a
// village: the regime's sanction, full under repression, reduced by
// tolerance, none under encouragement.
func (w *world) sanctionProbability(village int32) float64 {
	switch w.Villages[village].Stance {
	case agents.Repress:
		if int(village) == w.mantang {
			return w.cfg.Mantang.RepressionSanction
		}
		return w.policy.gov.IllegalSanction
	case agents.Tolerate:
		return w.policy.gov.IllegalSanction * (1 - w.policy.gov.Tolerance)
	default:
		return 0
	}
}

// stepGovernments: townships and villages found collective enterprises
// (after they become rural companies and while collectives are not being
// privatised); the compromise spreads from Mantang once the city
// legitimises it. (Repression acts in the firm sub-step, in changeForm,
// and on the entry decision.)
func (w *world) stepGovernments() {
	fp := &w.p.Firms
	if w.policy.on(evRuralCompanies) && !w.policy.on(evCollectiveShareholding) && fp.CollectiveFoundRate > 0 {
		n := int(math.Floor(fp.CollectiveFoundRate*w.scale + w.rand(drawCollectiveFounding, county).Float64()))
		for k := range n {
			w.foundCollective(county.Child(idCollective, int(w.Month), k))
			w.Acc.Entries++
		}
	}
	if w.policy.on(evLegitimisation) {
		for v := range w.Villages {
			vil := &w.Villages[v]
			if !vil.Cover && w.rand(drawCompromise, villageID(v)).Float64() < w.p.Villages.CompromiseDiffusion {
				// The village takes up Mantang's model: the confederation's
				// cover, and a committee that encourages workshops ("four
				// wheels turning together").
				vil.Cover, vil.Stance = true, agents.Encourage
			}
		}
	}
}

// stepFirms runs every living firm through the month, in ID order.
func (w *world) stepFirms() {
	fp := &w.p.Firms
	for i := range w.Market.Volume {
		w.Market.Volume[i], w.Market.Export[i], w.Market.Producers[i] = 0, 0, 0
	}
	w.waiting = w.waiting[:0]
	w.Labour.Hired, w.Labour.Want, w.Labour.Vacancies = 0, 0, 0
	managersFree, softBudget, spinoffs := w.policy.on(evControlManagement), !w.policy.on(evCollectiveShareholding), w.spinoffAllowed()
	n := len(w.Firms) // spin-offs founded during this loop start next month
	for k := 0; k < n; k++ {
		f := &w.Firms[k]
		if f.Alive {
			w.produce(f)
			w.plan(f)
			w.changeForm(f) // may close it (a raid)
		}
		if f.Alive {
			w.innovate(f) // may close it (the owner quits)
		}
		if f.Alive {
			w.trade(f)
			if pr := agents.SpinoffProbability(fp, f, managersFree); spinoffs && pr > 0 {
				if r := w.rand(drawSpinoff, f.UID); r.Float64() < pr {
					w.spinoff(k, r)
				}
				f = &w.Firms[k]
			}
			if w.rand(drawExit, f.UID).Float64() < agents.ExitProbability(fp, f, softBudget) {
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

// firm returns the living firm of an ID, or nil if it has closed.
func (w *world) firm(id int32) *agents.Firm {
	if id < 0 || int(id) >= len(w.slot) || w.slot[id] < 0 {
		return nil
	}
	return &w.Firms[w.slot[id]]
}

// produce: output, sales, costs and taxes of one month.
func (w *world) produce(f *agents.Firm) {
	fp := &w.p.Firms
	vol := f.MonthlyOutput(fp, w.Market.TFP)
	if f.Lead < 0 {
		vol *= agents.SalesAccess(fp, f.Form, w.policy.privateAllowed())
	}
	f.Volume = vol
	sales := vol * w.unitPrice(f)
	wages := max(0, f.Employees-f.Family) * w.Labour.Wage / 12
	materials := fp.MaterialsShare * w.Market.PriceLevel * vol * (1 + w.costRise())
	rates := w.policy.rates(f.Form)
	if !f.Location.InYongkang() {
		rates = agents.Rates{State: rates.State + rates.City}
		if f.Office {
			rates = w.policy.rates(f.Form)
		}
	}
	taxes := rates.Total() * sales
	profit := sales - wages - materials - taxes
	f.Sales = sales
	f.Capital += profit
	f.YearSales += sales
	f.YearTaxes += taxes
	f.YearProfit += profit
	w.Acc.Taxes.Township += rates.Township * sales
	w.Acc.Taxes.Village += rates.Village * sales
	w.Acc.Taxes.State += rates.State * sales
	w.Acc.Taxes.City += rates.City * sales
	if f.Location.InYongkang() {
		w.Market.Volume[f.Product] += vol
		w.Market.Producers[f.Product]++
		if f.Exporter {
			w.Market.Export[f.Product] += vol * fp.ExportShare
		}
	}
}

// costRise is the rise of materials costs in force (the 2008-09 crisis).
func (w *world) costRise() float64 {
	if w.policy.on(evFinancialCrisis) {
		return w.p.Markets.CrisisCostRise
	}
	return 0
}

// plan: each quarter, in turn (firm ID + month mod 3), a firm revises the
// size it wants and moves toward it — firing at once, hiring at the rate
// the labour market filled plans last month — and queues for land if its
// site is too small.
func (w *world) plan(f *agents.Firm) {
	const months = 3 // the period between a firm's reviews of its size
	if (int(f.ID)+int(w.Month))%months != 0 && f.Wanted != 0 {
		return
	}
	fp := &w.p.Firms
	margin := agents.UnitMargin(fp, w.unitPrice(f), w.Market.PriceLevel, w.policy.rates(f.Form).Total(), w.costRise())
	if f.Lead < 0 {
		margin *= agents.SalesAccess(fp, f.Form, w.policy.privateAllowed())
	}
	f.Wanted = agents.OptimalEmployees(fp, w.Market.TFP, f.Quality, margin, w.Labour.Wage, f.Form)
	lstar := f.Wanted
	limit := agents.EmployeeCap(fp, f.Form, f.Location, true)
	if f.Location == agents.EstateSite {
		limit = min(limit, f.Plot/w.p.Land.SquareMetresPerEmployee)
	}
	if f.Form.Collective() && !w.policy.on(evCollectiveShareholding) {
		// Soft budget: collectives do not plan to shed labour (their site
		// or plot still limits them).
		lstar = max(lstar, f.Employees)
	}
	f.Target = min(lstar, limit)
	if lstar > limit && f.Form.CanInvoice() && f.Location.InYongkang() && !math.IsInf(limit, 1) {
		f.Waiting += months // it queues for land (see stepFirms) until its next review
	} else {
		f.Waiting = 0
	}
	if f.Target < f.Employees && f.Employees <= max(1, f.Family) {
		return // a family workshop does not fire its own family
	}
	var g float64
	switch r := f.Target / f.Employees; {
	case r >= w.growthHi:
		g = fp.MaxMonthlyGrowth * months
	case r <= w.growthLo:
		g = -fp.MaxMonthlyGrowth * months
	default:
		g = agents.GrowthOver(fp, f.Employees, f.Target, months)
	}
	if g < 0 {
		f.SetEmployees(fp, max(1, max(f.Family, f.Employees*(1+g))))
	} else if g > 0 {
		want := f.Employees * g
		if !f.Location.InYongkang() {
			f.SetEmployees(fp, f.Employees+want) // it hires where it now produces
			return
		}
		w.Labour.Want += want
		f.SetEmployees(fp, f.Employees+want*w.Labour.Fill)
	}
}
