package sim

import "clustersim/agents"

// Sub-step 4, governments (ODD 7.7): townships and villages found
// collectives (agents/collectives.go) and villages take up the compromise
// (agents/compromise.go).

// stepGovernments: townships and villages found collective enterprises
// (after they become rural companies and while collectives are not being
// privatised); the compromise spreads from Mantang once the city
// legitimises it. (Repression acts in the firm sub-step, on legal forms,
// and on the entry decision.)
func (w *world) stepGovernments() {
	rules := agents.CollectiveRules{
		RuralCompanies: w.policy.on(evRuralCompanies), CollectiveShareholding: w.policy.on(evCollectiveShareholding), Scale: w.scale,
	}
	n := agents.CollectivesFounded(&w.p.Firms, rules, w.rand(drawCollectiveFounding, county))
	for k := range n {
		w.foundCollective(county.Child(idCollective, int(w.Month), k))
		w.Acc.Entries++
	}
	if w.policy.on(evLegitimisation) {
		for v := range w.Villages {
			agents.ReviewCompromise(&w.p.Villages, &w.Villages[v], w.rand(drawCompromise, villageID(v)))
		}
	}
}
