package agents

// ODD 7.7.1: the accounts of villages and townships — what they collect and
// what they spend it on.
//
// Revenue: the fees of the workshops a village covers (1% to the commune
// or township, 3% to the village: "1% of the total of sales would be paid
// to the commune, 3% to the village, and 5% to the state") and the
// remittances of the collectives each owns (governance.collective_remit).
// Spending: the confederation's start-up advances (Advance), the losses of
// its collectives under the soft budget (PaidLoss) and new collectives
// (CollectiveCost). What is not spent stays in the budget for later years.

// Advance is the start-up capital an encouraging village advances to a new
// workshop that needs need yuan: the share encouragement_credit of it,
// paid from the village's budget, which may go into debt for it. ASSUME:
// the rural credit cooperative lends in the confederation's name without
// limit, and the village repays from the fees of the workshops it starts;
// a village in debt founds no collective and cannot pay their losses.
// Article: an official "responsible for all the administrative and
// financial steps taken by the workshops"; "a system of payments in order
// to fund shared services".
func Advance(p *VillageParams, v *Village, need float64) float64 {
	if !v.Covers() || !p.Spending {
		return 0
	}
	return max(0, p.EncouragementCredit*need)
}

// CollectiveCost is what founding a collective of the given employees
// making a product of the given start-up capital costs its government, in
// current yuan: the capital of as many household workshops as it has
// workers' households. ASSUME: a collective is equipped like its workers'
// workshops would be.
func CollectiveCost(hp *HouseholdParams, capital, employees, priceLevel float64) float64 {
	return capital * priceLevel * employees / hp.WorkersPerHousehold
}

// PaidLoss is what a government pays of a collective's loss of the year
// (loss > 0) under the soft budget: all of it, or what it holds. Article:
// the local collectivities "intended to prevent them from doing so, not
// only in the name of the principles specified by the central
// authorities, but also in order to safeguard their own local system of
// collective companies".
func PaidLoss(p *VillageParams, budget, loss float64) float64 {
	if !p.Spending || loss <= 0 || budget <= 0 {
		return 0
	}
	return min(budget, loss)
}

// ClosesCollective reports whether a government closes a collective whose
// losses it has not paid: once the losses it carries, net of its equipment
// (NetWorth), exceed
// collective_debt_limit years of its sales. ASSUME: until then the rural
// credit cooperative carries them.
func ClosesCollective(p *VillageParams, f *Firm, priceLevel float64) bool {
	return f.NetWorth(priceLevel) < -p.CollectiveDebtLimit*max(f.YearSales, 1)
}
