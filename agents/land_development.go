package agents

// ODD 7.7.5: villages develop land for their firms.
//
// A village whose posts businessmen hold wants room for its firms to grow
// on its own sites, and pays for it from its budget; its revenue for it is
// the local taxes of the firms on its sites (LocalTaxes) on top of its fees
// and remittances. Article: "The village of Qianhuang ... started by
// exploring a 59-acre plot of land near the river, in order to install
// dozens of family companies there"; businessmen in political bodies
// "enjoy its support", which helps companies "when acquiring land to
// accommodate company expansion".

// DevelopmentTarget is how far a village wants to widen its firms' sites
// (a share of village_site_cap) when businessmen hold the share business
// of its posts: land_release × business, and nothing when elections have
// no consequences.
func DevelopmentTarget(vp *VillageParams, business float64) float64 {
	if !vp.ElectionConsequences {
		return 0
	}
	return vp.LandRelease * max(0, business)
}

// DevelopmentCost is what widening the sites of a village by a share 1 of
// village_site_cap costs it, in current yuan, for firms firms on its
// sites (at least one): the floor space of village_site_cap employees for
// each firm, at development_cost of the base price of estate land. ASSUME:
// servicing the village's own collective land costs a share of what the
// city's estate land is worth without excess demand; there is no
// acquisition.
func DevelopmentCost(fp *FirmParams, vp *VillageParams, lp *LandParams, firms int, priceLevel float64) float64 {
	places := float64(fp.VillageSiteCap) * float64(max(firms, 1))
	return places * lp.SquareMetresPerEmployee * lp.BasePrice * vp.DevelopmentCost * priceLevel
}

// Develop is a village's December decision on its land: it widens its
// sites towards DevelopmentTarget as far as its budget pays, at cost
// (DevelopmentCost) per unit of widening, and returns what it spent.
// Developed land stays developed. A village that spends nothing (the
// spending ablation), holds nothing or has no target does not develop.
func Develop(vp *VillageParams, v *Village, business, cost float64) float64 {
	want := DevelopmentTarget(vp, business) - v.Developed
	if !vp.Spending || want <= 0 || v.Budget <= 0 || cost <= 0 {
		return 0
	}
	d := min(want, v.Budget/cost)
	v.Developed += d
	spent := min(v.Budget, d*cost)
	v.Budget -= spent
	return spent
}

// LocalTaxes splits the rates a firm pays when it produces on a village's
// sites: the share local_tax_share of its city taxes goes to its village
// instead (ASSUME: the village's share of the local taxes and fees of the
// firms on its land; A: "3% to the village" under the confederation, and
// the later local taxes of the firms it houses).
func LocalTaxes(r Rates, share float64) Rates {
	x := r.City * share
	r.City -= x
	r.Village += x
	return r
}
