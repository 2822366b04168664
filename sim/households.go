package sim

import "clustersim/agents"

// Sub-step 3, households (ODD 7.3-7.6): the households whose review month
// it is review their activity (agents/household_review.go) and consider
// opening a workshop (agents/workshop_entry.go); this file applies what
// they decide to the world.

// stepHouseholds lets the households whose review month it is weigh their
// activity: farm, peddle, or open a workshop.
func (w *world) stepHouseholds() {
	w.poolDesigns()
	review := agents.HouseholdReviewRules{
		Allowed: w.policy.on(evHouseholdResponsibility), FarmIncome: w.Labour.FarmIncome, Hot: w.Hot,
	}
	entry := agents.EntryRules{
		Allowed: review.Allowed, Economy: &w.econ, Products: w.Products,
		Registration: w.rules.registration, Sanctions: w.rules.sanctions,
	}
	// Household i reviews its activity in month i mod 12.
	moy := w.Month.MonthOfYear() - 1
	for i := moy; i < len(w.Households); i += 12 {
		w.reviewHousehold(int32(i), &review, &entry)
	}
	if w.p.Villages.CompromiseNews {
		w.hearCompromise(moy, &entry)
	}
}

// hearCompromise is the compromise as news: in the month after a village
// takes it up, every household of the village weighs opening a workshop,
// not only those whose month (moy, 0-11) it is. Article: "the local government
// ultimately encouraged the peasants to create family workshops in
// Mantang. Therefore, in 1982, no fewer than 170 of the 183 households in
// the village were registered as small-scale workshops".
func (w *world) hearCompromise(moy int, entry *agents.EntryRules) {
	for v := range w.Villages {
		vil := &w.Villages[v]
		if !vil.TookUpCompromiseIn(int32(w.Month) - 1) {
			continue
		}
		for _, id := range vil.Households {
			if int(id)%12 != moy && agents.Reviewed(w.Households[id].Activity) {
				w.considerWorkshop(id, entry) // its income and occupation wait for its own month
			}
		}
	}
}

// reviewHousehold lets household id weigh its activity and consider
// opening a workshop.
func (w *world) reviewHousehold(id int32, review *agents.HouseholdReviewRules, entry *agents.EntryRules) {
	h := &w.Households[id]
	if !agents.Reviewed(h.Activity) {
		return // running a workshop, or gone
	}
	rev := agents.ReviewHousehold(&w.p.Households, review, h, w.rand(drawOccupation, h.UID), w.rand(drawEmigration, h.UID))
	if rev.Activity != h.Activity {
		w.setActivity(id, rev.Activity)
	}
	if rev.Emigrates {
		w.setActivity(id, agents.Left)
		w.Labour.LeftWorkers += float64(h.Workers)
		return
	}
	w.considerWorkshop(id, entry)
}

// considerWorkshop lets household id weigh opening a workshop.
func (w *world) considerWorkshop(id int32, entry *agents.EntryRules) {
	h := &w.Households[id]
	v := agents.EntryView{Village: &w.Villages[h.Village], ModalShare: w.modalShare(h.Village)}
	if h.Kin >= 0 && w.Households[h.Kin].Activity != agents.Left {
		v.KinSavings = w.Households[h.Kin].Savings
	}
	if e := agents.ConsiderWorkshop(w.p, entry, h, v, w.rand(drawEntry, h.UID)); e.Open {
		w.openWorkshop(id, e)
		w.Acc.Entries++
	}
}

// openWorkshop founds the workshop household i has decided to open.
func (w *world) openWorkshop(i int32, e agents.Entry) {
	h := &w.Households[i]
	h.Savings -= e.Capital - e.FromKin
	if e.FromKin > 0 {
		w.Households[h.Kin].Savings -= e.FromKin
	}
	if e.Advance > 0 {
		w.Villages[h.Village].Budget -= e.Advance
		w.Acc.Advances += e.Advance
	}
	f := w.newFirm(h.UID.Child(idWorkshop, int(w.Month), 0), e.Form, e.Product, h.Village, i)
	f.Family = float64(h.Workers)
	f.SetEmployees(&w.p.Firms, f.Family)
	f.Quality = e.Quality
	f.SetStock(&w.Products[e.Product], (e.Capital+e.Advance+e.Tools)/w.Market.PriceLevel) // the start-up capital buys its equipment; a craft household has its tools
	h.Firm = f.ID
	w.setActivity(i, agents.Workshop)
}
