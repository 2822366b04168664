package agents

import (
	"math"

	"clustersim/agents/rng"
)

// ODD 7.13: spin-offs.

// Spinoff is the firm an employee or manager founds: its founder (a
// household of the parent's village; -1: no spin-off), its form and quality.
type Spinoff struct {
	Founder int32
	Form    LegalForm
	Quality float64
}

// SpinsOff reports whether an employee or manager of a firm founds a firm
// this month: the first of the spin-off's draws against its monthly
// probability pr (SpinoffProbability). FoundSpinoff continues the draws.
func SpinsOff(pr float64, r *rng.Draws) bool { return r.Float64() < pr }

// FoundSpinoff is the firm an employee or manager of parent founds once
// SpinsOff, with the same draws: the founder is a household of the
// parent's village v, drawn among its households (up to three tries) that
// neither own a firm nor have left; it registers (Register), as a private
// enterprise rather than a getihu once private firms are free if the
// parent is an enterprise or a collective ("the new company bosses were
// very often former managers of rural collective workshops ... or indeed
// had been sales or technical managers"), and makes the parent's product
// with a quality close to the parent's.
func FoundSpinoff(p *FirmParams, reg *RegistrationRules, parent *Firm, v *Village, households []Household, r *rng.Draws) Spinoff {
	none := Spinoff{Founder: -1}
	if len(v.Households) == 0 {
		return none
	}
	for range 3 {
		hi := v.Households[r.IntN(len(v.Households))]
		h := &households[hi]
		if h.Firm >= 0 || h.Activity == Left {
			continue
		}
		form := Register(p, reg, v.Stance, float64(h.Workers), r)
		if reg.PrivateFree && (parent.Form.Enterprise() || parent.Form.Collective()) && form == Getihu {
			form = Private
		}
		return Spinoff{Founder: hi, Form: form, Quality: parent.Quality * math.Exp(p.SpinoffQualitySpread*r.NormFloat64())}
	}
	return none
}

// SpinoffProbability is the monthly probability that an employee or manager
// of the firm founds a firm of its own: SpinoffRate per hired employee,
// plus ManagerSpinoffRate for collectives once managers may go private
// (Mr. Wang left a township factory to found his own in 1995).
func SpinoffProbability(p *FirmParams, f *Firm, managersFree bool) float64 {
	hired := max(0, f.Employees-f.Family)
	pr := p.SpinoffRate * hired
	if managersFree && f.Form.Collective() {
		pr += p.ManagerSpinoffRate
	}
	return min(pr, 1)
}
