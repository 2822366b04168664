package sim

import (
	"slices"

	"clustersim/agents"
	"clustersim/agents/rng"
)

// Sub-step 4, governments (ODD 7.7): villages hear of the compromise
// from their contacts (agents/compromise_contagion.go) and choose their
// stance (agents/village_stance.go); and, in December, townships and
// villages pay their collectives' losses or close them, and found new
// ones from their budgets (agents/government_accounts.go,
// agents/collectives.go), and, once elections have begun, villages develop
// land for their firms (agents/land_development.go). Fees, remittances
// and local taxes are credited in the firm sub-step, as firms sell.

// stepGovernments lets every village hear of the compromise from covered
// contacts and choose its stance.
func (w *world) stepGovernments() {
	vp := &w.p.Villages
	rules := w.rules.stance
	rules.FarmIncome = w.Labour.FarmIncome
	for v := range w.Villages {
		vil := &w.Villages[v]
		if !vil.Knows && !vil.NeverYields {
			covered := agents.CoveredContacts(vil, w.Villages, w.Townships[vil.Township].Covered)
			if covered > 0 && agents.LearnsCompromise(vp, covered, w.rand(drawCompromise, villageID(v))) {
				vil.Knows = true
				vil.Seen = agents.BestContact(vil, w.Villages, w.townshipVillages(vil.Township))
			}
		}
		was := vil.Covers()
		agents.ChooseStance(&rules, vil)
		if !was && vil.Covers() {
			w.Townships[vil.Township].Covered++
		}
	}
}

// townshipVillages lists the villages of township t (village v is in
// township v mod townships), in a slice the world reuses.
func (w *world) townshipVillages(t int32) []int32 {
	w.scratch = w.scratch[:0]
	for v := int(t); v < len(w.Villages); v += w.townships {
		w.scratch = append(w.scratch, int32(v))
	}
	return w.scratch
}

// governmentYear is December's sub-step of the governments: collectives'
// losses paid or the collectives closed (under the soft budget), then one
// new collective for each township and village whose budget pays for it.
func (w *world) governmentYear() {
	privatising := w.policy.on(evCollectiveShareholding)
	founding := w.policy.on(evRuralCompanies) && !privatising
	vp := &w.p.Villages
	if privatising {
		// Without the soft budget no owner pays: a collective that lost
		// money this year is one its owner wants to be rid of (7.10).
		for i := range w.Firms {
			if f := &w.Firms[i]; f.Alive && f.Form.Collective() {
				f.Unpaid = f.YearProfit < 0
			}
		}
	} else {
		for i := range w.Firms {
			f := &w.Firms[i]
			if !f.Alive || !f.Form.Collective() || f.YearProfit >= 0 {
				continue
			}
			budget := w.ownerBudget(f)
			paid := agents.PaidLoss(vp, *budget, -f.YearProfit)
			*budget -= paid
			f.Capital += paid
			f.Unpaid = paid < -f.YearProfit
			if agents.ClosesCollective(vp, f, w.Market.PriceLevel) {
				w.closeFirm(f)
				w.Acc.CollectivesClosed++
			}
		}
	}
	for t := range w.Townships {
		tw := &w.Townships[t]
		uid := rng.NewID(idTownship, t)
		// the village it is sited in: one of the township's
		n := (len(w.Villages) - t + w.townships - 1) / w.townships
		if n <= 0 {
			continue
		}
		r := w.rand(drawCollectiveFounding, uid)
		v := int32(t + w.townships*r.IntN(n))
		w.planCollective(agents.TownshipCollective, v, uid, r, founding, &tw.Budget)
	}
	if w.policy.on(evVillageElections) {
		w.developLand()
	}
	for v := range w.Villages {
		vil := &w.Villages[v]
		uid := villageID(v)
		w.planCollective(agents.VillageCollective, int32(v), uid, w.rand(drawCollectiveFounding, uid), founding, &vil.Budget)
	}
}

// developLand is the villages' December decision on their land (ODD
// 7.7.5): each widens its firms' sites towards what its businessmen in
// posts want, as far as its budget pays for the firms now on its sites.
func (w *world) developLand() {
	onSite := slices.Grow(w.counts[:0], len(w.Villages))[:len(w.Villages)]
	clear(onSite)
	for i := range w.Firms {
		if f := &w.Firms[i]; f.Alive && f.Location == agents.VillageSite {
			onSite[f.Village]++
		}
	}
	vp := &w.p.Villages
	for v := range w.Villages {
		vil := &w.Villages[v]
		cost := agents.DevelopmentCost(&w.p.Firms, vp, &w.p.Land, int(onSite[v]), w.Market.PriceLevel)
		w.Acc.Development += agents.Develop(vp, vil, vil.BusinessShare(), cost)
	}
	w.counts = onSite
}

// planCollective draws the collective a government would found and founds
// it if its budget pays for it.
func (w *world) planCollective(form agents.LegalForm, village int32, owner rng.ID, r *rng.Draws, founding bool, budget *float64) {
	if !founding || *budget <= 0 {
		return // nothing could be founded: skip the plan (its draws are its own)
	}
	setup := agents.CollectiveSetup{Tradition: w.tradition}
	c := agents.NewCollective(&w.p.Firms, &setup, form, r)
	cost := agents.CollectiveCost(&w.p.Households, w.Products[c.Product].Capital, c.Employees, w.Market.PriceLevel)
	profit := agents.CollectiveProfit(&w.p.Firms, &w.econ, form, c)
	if !agents.FoundsCollective(&w.p.Villages, founding, *budget, cost, profit) {
		return
	}
	*budget -= cost
	f := w.newFirm(owner.Child(idCollective, int(w.Month), 0), form, c.Product, village, -1)
	f.SetEmployees(&w.p.Firms, c.Employees)
	f.Quality = c.Quality
	f.SetStock(&w.Products[c.Product], cost/w.Market.PriceLevel) // its equipment
	w.Acc.Entries++
	w.Acc.CollectivesFounded++
}

// ownerBudget returns the budget of the government that owns a
// collective: its township's or its village's.
func (w *world) ownerBudget(f *agents.Firm) *float64 {
	v := &w.Villages[f.Village]
	if f.Form == agents.TownshipCollective {
		return &w.Townships[v.Township].Budget
	}
	return &v.Budget
}

// closeGovernmentYear makes each village's sales of household workshops
// this year its sales of last year, which its fees under cover are
// weighed on (agents.ValueStances).
func (w *world) closeGovernmentYear() {
	for v := range w.Villages {
		vil := &w.Villages[v]
		vil.PrivateLY, vil.Private = vil.Private, 0
	}
}
