package sim

import (
	"math"

	"clustersim/agents"
)

// The yearly sub-steps of December (ODD 3.2) but the land's (land.go):
// the record, the tax ranking (agents/tax_ranking.go), the elections
// (agents/elections.go), household formation
// (agents/household_formation.go), hot products (agents/hot_products.go)
// and the year's accounts.

// endYear resets the year's accounts of the county, of the land market
// and of every firm.
func (w *world) endYear() {
	w.Acc = YearAccounts{}
	w.Land = LandState{Price: w.Land.Price}
	for i := range w.Firms {
		f := &w.Firms[i]
		f.YearSales, f.YearTaxes, f.YearProfit = 0, 0, 0
	}
}

// record calls the observers of the record point, from the first reported
// year.
func (w *world) record() {
	if w.Month.Year() >= w.cfg.ReportFrom {
		w.notify(YearRecord)
	}
}

// rankTaxpayers draws up the city's yearly ranking of the top taxpayers
// while it is in force; firms in it get priority for land.
func (w *world) rankTaxpayers() {
	n := 0
	if w.policy.on(evTaxRanking) {
		n = int(math.Round(float64(w.p.Land.RankingSize) * w.scale))
	}
	agents.RankTaxpayers(w.Firms, n)
}

// assistFirms chooses the firms the Innovation and Service Centre helps
// next year, as many as the city's taxes of this year pay for
// (agents.CentreCapacity), the ranked firms first (agents.Assist, ODD
// 7.18).
func (w *world) assistFirms() {
	capacity := agents.CentreCapacity(&w.p.Firms, w.p.Villages.Spending, w.Acc.Taxes.City, w.Labour.Wage)
	agents.Assist(w.Firms, capacity, func(i int) float64 {
		return w.rand(drawAssistance, w.Firms[i].UID).Float64()
	}, &w.assisted)
}

// elections: in election years every village elects its posts.
func (w *world) elections() {
	vp := &w.p.Villages
	if !w.policy.on(evVillageElections) || !agents.ElectionYear(vp, w.policy.since(evVillageElections).Year(), w.Month.Year()) {
		return
	}
	business := make([]int32, len(w.Villages))
	for i := range w.Firms {
		f := &w.Firms[i]
		switch {
		case !agents.Businessman(f):
		case f.Owner >= 0:
			business[w.Households[f.Owner].Village]++ // the owner household's village
		default:
			business[f.Village]++ // the manager who took over: the collective's village
		}
	}
	for v := range w.Villages {
		agents.Elect(vp, &w.Villages[v], business[v], w.rand(drawElections, villageID(v)))
	}
}

// formHouseholds adds the year's new households (natural growth).
func (w *world) formHouseholds() {
	w.formed = agents.FormHouseholds(&w.p.Households, w.Households, idKin, int(w.Month), w.rand(drawHouseholdFormation, county), w.formed)
	for _, h := range w.formed {
		w.addHousehold(h)
	}
}

// updateHotProducts ranks the products by the unmet national demand of
// next year, which returning pedlars learn of.
func (w *world) updateHotProducts() {
	w.Hot = agents.HotProducts(w.Products, w.Market.Share, w.Month.Year()+1, w.Hot)
}
