package sim

import "clustersim/agents"

// Sub-step 3, households (ODD 7.3-7.6): the households whose review month
// it is review their activity (agents/household_review.go) and consider
// opening a workshop (agents/workshop_entry.go); this file applies what
// they decide to the world.

// stepHouseholds lets the households whose review month it is weigh their
// activity: farm, peddle, or open a workshop.
func (w *world) stepHouseholds() {
	hp := &w.p.Households
	review := agents.HouseholdReviewRules{
		Allowed: w.policy.on(evHouseholdResponsibility), FarmIncome: w.Labour.FarmIncome, Hot: w.Hot,
	}
	entry := agents.EntryRules{
		Allowed: review.Allowed, Economy: &w.econ, Products: w.Products,
		Registration: w.rules.registration, Sanctions: w.rules.sanctions,
	}
	// Household i reviews its activity in month i mod 12.
	for i := w.Month.MonthOfYear() - 1; i < len(w.Households); i += 12 {
		id := int32(i)
		h := &w.Households[i]
		if !agents.Reviewed(h.Activity) {
			continue // running a workshop, or gone
		}
		rev := agents.ReviewHousehold(hp, &review, h, w.rand(drawOccupation, h.UID), w.rand(drawEmigration, h.UID))
		if rev.Activity != h.Activity {
			w.setActivity(id, rev.Activity)
		}
		if rev.Emigrates {
			w.setActivity(id, agents.Left)
			w.Labour.LeftWorkers += float64(h.Workers)
			continue
		}
		v := agents.EntryView{Village: &w.Villages[h.Village], ModalShare: w.modalShare(h.Village)}
		if e := agents.ConsiderWorkshop(w.p, &entry, h, v, w.rand(drawEntry, h.UID)); e.Open {
			w.openWorkshop(id, e)
			w.Acc.Entries++
		}
	}
}

// openWorkshop founds the workshop household i has decided to open.
func (w *world) openWorkshop(i int32, e agents.Entry) {
	h := &w.Households[i]
	h.Savings -= e.Capital
	if e.Advance > 0 {
		w.Villages[h.Village].Budget -= e.Advance
		w.Acc.Advances += e.Advance
	}
	f := w.newFirm(h.UID.Child(idWorkshop, int(w.Month), 0), e.Form, e.Product, h.Village, i)
	f.Family = float64(h.Workers)
	f.SetEmployees(&w.p.Firms, f.Family)
	f.Quality = e.Quality
	f.Capital = e.Capital + e.Advance + e.Tools
	h.Firm = f.ID
	w.setActivity(i, agents.Workshop)
}
