package agents

import "clustersim/agents/rng"

// ODD 7.16: relocation out of the county.

// RelocationRules are what a firm waiting for land sees when it weighs
// leaving.
type RelocationRules struct {
	PrivateFree  bool      // private firms are free (only then do firms leave)
	OfficeCentre bool      // the registered office centre is open
	Shares       []float64 // the share of each of the scenario's destinations
}

// Relocation is a waiting firm's decision: whether it leaves, for which
// destination (an index into the scenario's destinations), and whether it
// keeps its registered office in Yongkang.
type Relocation struct {
	Leaves      bool
	Destination int
	Office      bool
}

// Relocate decides whether a firm that waits for land leaves the county:
// a firm of a movable form, in Yongkang, that has waited longer than
// wait_before_leaving leaves with probability leave_rate, to a destination
// drawn by the destinations' shares ("most re-establishing themselves in
// neighbouring districts"), keeping its registered office with probability
// registered_office_keep while the centre is open.
func Relocate(p *LandParams, rules *RelocationRules, f *Firm, r *rng.Draws) Relocation {
	if !rules.PrivateFree || len(rules.Shares) == 0 ||
		!f.Location.InYongkang() || !f.Form.Movable() || int(f.Waiting) <= p.WaitBeforeLeaving || r.Float64() >= p.LeaveRate {
		return Relocation{}
	}
	u := r.Float64()
	d, cum := len(rules.Shares)-1, 0.0
	for i := range rules.Shares[:len(rules.Shares)-1] {
		if cum += rules.Shares[i]; u < cum {
			d = i
			break
		}
	}
	return Relocation{Leaves: true, Destination: d, Office: rules.OfficeCentre && r.Float64() < p.RegisteredOfficeKeep}
}
