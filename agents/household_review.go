package agents

import "clustersim/agents/rng"

// ODD 7.3: the household review — saving, peddling, emigration.

// HouseholdReviewRules are what the household review sees of the month.
type HouseholdReviewRules struct {
	Allowed    bool    // household_responsibility in force: households may peddle
	FarmIncome float64 // yearly farm income, current yuan
	Hot        []int   // products by decreasing unmet demand (7.21)
}

// HouseholdReview is what a household decides at its review: its activity
// from now on, and whether it then leaves the county.
type HouseholdReview struct {
	Activity  Activity
	Emigrates bool
}

// Reviewed reports whether a household of the activity reviews it: farming
// and peddling households do; those running a workshop, or gone, do not.
func Reviewed(a Activity) bool { return a == Farming || a == Peddling }

// ReviewHousehold is the yearly review of a farming or peddling household:
// it saves from its income; a farming household may start peddling; a
// pedlar may learn of a hot product (it updates h.Known) and may stop
// peddling; then the household may emigrate. It updates the household's
// savings and knowledge and returns the rest for sim to apply. occupation
// and emigration are the draws of the two decisions.
func ReviewHousehold(p *HouseholdParams, rules *HouseholdReviewRules, h *Household, occupation, emigration *rng.Draws) HouseholdReview {
	rev := HouseholdReview{Activity: h.Activity}
	switch h.Activity {
	case Farming:
		h.Savings += p.SavingsRate * rules.FarmIncome
		if rules.Allowed && occupation.Float64() < p.PeddleStartRate {
			rev.Activity = Peddling
		}
	case Peddling:
		h.Savings += p.SavingsRate * PeddleIncome(p, rules.FarmIncome)
		if prod, ok := PeddlerLearns(p, rules.Hot, occupation.Float64(), occupation.Float64()); ok {
			h.Known = int16(prod)
		}
		if occupation.Float64() < p.PeddleStopRate {
			rev.Activity = Farming
		}
	default:
		return rev
	}
	rev.Emigrates = emigration.Float64() < p.EmigrationRate
	return rev
}

// PeddlerLearns returns the product a returning pedlar learns of: with
// probability PeddleDiscovery, one of the products with the most unmet
// demand ("returning to their villages with information on the needs of
// external markets"). hot lists products by decreasing unmet demand; u1
// and u2 are uniform draws.
func PeddlerLearns(p *HouseholdParams, hot []int, u1, u2 float64) (int, bool) {
	if len(hot) == 0 || u1 >= p.PeddleDiscovery {
		return -1, false
	}
	n := min(len(hot), p.HotProducts)
	return hot[int(u2*float64(n))], true
}

// PeddleIncome is a pedlar household's yearly income; its excess over farm
// income is the "first pot of gold" saved for a workshop.
func PeddleIncome(p *HouseholdParams, farm float64) float64 { return farm * p.PeddleIncome }
