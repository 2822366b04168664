package agents

import (
	"math"

	"clustersim/agents/rng"
)

// ODD 7.16: relocation out of the county — a firm that cannot get the
// land it needs in Yongkang weighs moving to a place where land is to be
// had.

// RelocationRules are what a firm waiting for land sees when it weighs
// leaving.
type RelocationRules struct {
	PrivateFree  bool               // private firms are free (only then do firms leave)
	OfficeCentre bool               // the registered office centre is open
	LandPrice    float64            // the price of land without scarcity, current yuan per m² (base_price · P)
	Destinations []DestinationTerms // the scenario's destinations
}

// DestinationTerms are what a place outside the county offers a firm that
// moves there: its share of leavers when places are equally attractive
// (Share, the scenario's), its land price below the price of Yongkang's
// estate land without scarcity (Discount, a share of base_price · P: its
// land is to be had, where Yongkang's is not) and the cost of moving there
// (MovingCost, in years of the firm's sales: distance from the cluster's
// suppliers, customers and services).
type DestinationTerms struct {
	Share, Discount, MovingCost float64
}

// Relocation is a waiting firm's decision: whether it leaves, for which
// destination (an index into the scenario's destinations), and whether it
// keeps its registered office in Yongkang.
type Relocation struct {
	Leaves      bool
	Destination int
	Office      bool
}

// YearlyProfitAt is what a firm would earn in a year at employees
// employees, at the month's prices and costs: its unit margin times its
// yearly output, less the wages of the employees beyond its family.
func YearlyProfitAt(p *FirmParams, e *Economy, f *Firm, employees float64) float64 {
	return yearlyProfit(p, e, f, employees, f.Efficiency(p))
}

// yearlyProfit is YearlyProfitAt for a firm of the given efficiency (its
// Efficiency on another site).
func yearlyProfit(p *FirmParams, e *Economy, f *Firm, employees, efficiency float64) float64 {
	margin := UnitMargin(UnitPrice(p, e, f), e.Rates[f.Form].Total(), e.UnitCost[f.Product])
	return 12*Output(p, e.TFP, efficiency, employees, f.Form)*margin - e.Wage*max(0, employees-f.Family)
}

// MoveGain is what moving to a destination would gain a firm a year, in
// current yuan: the profit at the size it wants (Wanted), with the
// infrastructure of a development area (Efficiency), against the
// profit at the size its site holds it to, less the yearly cost of the
// land it would need there (square_metres_per_employee a head, at the
// price of land without scarcity less the destination's discount, at
// land_rent of its price a year) and the cost of moving, spread over
// move_horizon years. ASSUME: a firm weighs a move on the month's prices;
// land elsewhere is to be had at its price, not at Yongkang's scarcity
// price.
func MoveGain(p *Params, e *Economy, landPrice float64, d DestinationTerms, f *Firm) float64 {
	lp := &p.Land
	want := max(f.Wanted, f.Employees)
	gain := yearlyProfit(&p.Firms, e, f, want, f.efficiencyAt(&p.Firms, Away)) - YearlyProfitAt(&p.Firms, e, f, f.Employees)
	land := want * lp.SquareMetresPerEmployee * landPrice * (1 - d.Discount) * lp.LandRent
	move := d.MovingCost * 12 * f.Sales / lp.MoveHorizon
	return gain - land - move
}

// Relocate decides whether a firm that waits for land leaves the county.
// A firm of a movable form in Yongkang that has waited longer than
// wait_before_leaving weighs it with probability leave_rate a month (how
// often its owner looks elsewhere): it leaves if a move somewhere gains it
// something (MoveGain > 0), for a destination drawn by a logit choice
// among those that do, P(d) ∝ Share_d · exp(gain_d / (location_taste · g))
// where g is the largest gain (ASSUME: owners weigh what they know of
// each place, and tastes differ); it keeps its registered office with
// probability registered_office_keep while the centre is open. Article:
// "many companies left the city towards the end of the 1990s in order to
// expand, most re-establishing themselves in neighbouring districts";
// "That is why companies go elsewhere".
func Relocate(p *Params, e *Economy, rules *RelocationRules, f *Firm, r *rng.Draws) Relocation {
	lp := &p.Land
	if !rules.PrivateFree || len(rules.Destinations) == 0 ||
		!f.Location.InYongkang() || !f.Form.Movable() || int(f.Waiting) <= lp.WaitBeforeLeaving || r.Float64() >= lp.LeaveRate {
		return Relocation{}
	}
	var gains [MaxDestinations]float64
	best := 0.0
	for i, d := range rules.Destinations {
		gains[i] = MoveGain(p, e, rules.LandPrice, d, f)
		best = max(best, gains[i])
	}
	if best <= 0 {
		return Relocation{} // it stays: nowhere is the land it needs worth its price
	}
	var weights [MaxDestinations]float64
	total := 0.0
	for i, d := range rules.Destinations {
		if gains[i] > 0 {
			weights[i] = d.Share * math.Exp((gains[i]-best)/(lp.LocationTaste*best))
			total += weights[i]
		}
	}
	if total <= 0 {
		return Relocation{} // the places that would gain it have no share
	}
	u := r.Float64() * total
	dest := -1
	for i := range rules.Destinations {
		if weights[i] <= 0 {
			continue
		}
		dest = i
		if u < weights[i] {
			break
		}
		u -= weights[i]
	}
	return Relocation{Leaves: true, Destination: dest, Office: rules.OfficeCentre && r.Float64() < lp.RegisteredOfficeKeep}
}
