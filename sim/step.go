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
	sales := vol * agents.UnitPrice(fp, &w.econ, f)
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
	margin := agents.UnitMargin(fp, agents.UnitPrice(fp, &w.econ, f), w.Market.PriceLevel, w.policy.rates(f.Form).Total(), w.costRise())
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
