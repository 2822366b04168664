package agents

import (
	"math"

	"clustersim/agents/rng"
)

// ODD 7.20: household formation.

// FormHouseholds is the year's natural growth of the households:
// floor(n · natural_growth + u) new households, n the households ever
// formed (including those that left). Each copies the village and the
// known product of a household drawn among them (its kin, Household.Kin), with
// workers_per_household workers, no savings, farming; its identity is a
// Child of its kin's, of the given kind, month and order. It appends them
// to formed[:0] and returns it, so that the caller can reuse its storage.
func FormHouseholds(p *HouseholdParams, households []Household, kind rng.Purpose, month int, r *rng.Draws, formed []Household) []Household {
	n := len(households)
	add := int(math.Floor(float64(n)*p.NaturalGrowth + r.Float64()))
	formed = formed[:0]
	for k := range add {
		ki := r.IntN(n)
		kin := &households[ki]
		formed = append(formed, Household{
			UID: kin.UID.Child(kind, month, k), Village: kin.Village, Workers: float32(p.WorkersPerHousehold),
			Known: kin.Known, Firm: -1, Kin: int32(ki),
		})
	}
	return formed
}
