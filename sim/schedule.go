package sim

// The schedule: the fixed order of the sub-steps of a month and of
// December, as docs/ODD.md §3 describes it. Each sub-step is a method of
// the world that applies one submodel (or a few that always run together)
// to every agent concerned; the rules themselves are in package agents.

// subStep is one sub-step of the schedule.
type subStep struct {
	name string
	run  func(*world)
}

// monthly are the sub-steps of every month, in order.
var monthly = [...]subStep{
	// 1. timeline: events and regime in force; one-off effects of events that begin.
	{"timeline", (*world).stepTimeline},
	// 2. markets: prices and national shares from last month's output;
	//    wage, farm income, price level and productivity of the month.
	{"markets", (*world).updatePrices},
	// 3. households: the twelfth of households whose review month it is.
	{"households", (*world).stepHouseholds},
	// 4. governments: the compromise heard of, the villages' stances.
	{"governments", (*world).stepGovernments},
	// 5. firms: production and accounts, the quarterly review of size,
	//    form changes, the yearly review, markets, spin-offs, exit.
	{"firms", (*world).stepFirms},
	// 6. labour: next month's fill rate; migration.
	{"labour", (*world).stepLabour},
	// 7. land: estate plots (monthly before quotas), relocation.
	{"land", (*world).stepLand},
}

// yearly are the sub-steps of December, after the monthly ones, in order.
var yearly = [...]subStep{
	{"land_quota_and_price", (*world).yearLand},
	{"elections", (*world).elections},
	{"government_accounts", (*world).governmentYear},
	{"record", (*world).record},
	{"tax_ranking", (*world).rankTaxpayers},
	{"assistance", (*world).assistFirms},
	{"household_formation", (*world).formHouseholds},
	{"hot_products", (*world).updateHotProducts},
	{"year_accounts", (*world).endYear},
	{"government_year_end", (*world).closeGovernmentYear},
}

// step advances the world by one month through the schedule.
func (w *world) step() {
	for i := range monthly {
		monthly[i].run(w)
	}
	if w.Month.MonthOfYear() == 12 {
		for i := range yearly {
			yearly[i].run(w)
		}
	}
}

// stepTimeline sets the events and regime in force this month and applies
// the one-off effects of the events that begin.
func (w *world) stepTimeline() {
	w.keys.setMonth(w.Month)
	w.policy.update(w.cfg, w.Month)
	w.setRules()
}
