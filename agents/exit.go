package agents

import "clustersim/agents/rng"

// ODD 7.14: exit.

// Exits reports whether a firm closes this month: one draw against its
// monthly probability pr (ExitProbability).
func Exits(pr float64, r *rng.Draws) bool { return r.Float64() < pr }

// ExitProbability is the monthly probability that a firm closes: a base
// hazard, plus LossExitHazard once its net worth (NetWorth: retained
// profits, equipment at the price level) has fallen below −LossTolerance
// months of sales (a hard budget). Collectives escape both
// before privatisation: their governments pay their losses or close them
// (government_accounts.go).
func ExitProbability(p *FirmParams, f *Firm, softBudget bool, priceLevel float64) float64 {
	if f.Form.Collective() && softBudget {
		return 0 // its owner pays its losses, or closes it (CoversLoss)
	}
	pr := p.ExitHazard
	if f.NetWorth(priceLevel) < -p.LossTolerance*f.lossYardstick() {
		pr += p.LossExitHazard
	}
	return min(pr, 1)
}

// lossYardstick is the firm's sales of the month (at least 1 yuan), the
// yardstick its losses are measured against.
func (f *Firm) lossYardstick() float64 { return max(f.Sales, 1) }
