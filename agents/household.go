// Package agents defines the agents of the Yongkang model — households,
// firms and village, township and city governments — and the small rules
// they follow. Each rule is a pure function of its inputs and of named
// parameters (Params) read from the scenario file, so that it can be tested
// on its own; package sim schedules the rules and keeps the world.
package agents

import (
	"math"

	"clustersim/agents/rng"
)

// Activity is what a household's labour mainly does.
type Activity uint8

// The activities of a household.
const (
	Farming  Activity = iota // works its land (household responsibility system)
	Peddling                 // travels to sell, repair and trade scrap
	Workshop                 // runs its own workshop or firm
	Left                     // has left the county
)

// Household is a peasant family of one village.
type Household struct {
	UID      rng.ID   // identity, for its draws: from its index in 1978, or its kin and month of formation
	Village  int32    // index of its village
	Activity Activity // main activity
	Workers  float32  // workers in the household
	Known    int16    // a product it knows how to make and sell (-1: none)
	Firm     int32    // the firm it owns (-1: none)
	Savings  float64  // yuan (current)
}

// Logistic is the standard logistic function.
func Logistic(x float64) float64 { return 1 / (1 + math.Exp(-x)) }

// EntryInputs is what a household weighs when it considers opening a
// workshop.
type EntryInputs struct {
	Allowed        bool    // workshops may be opened at all (after household responsibility)
	ExpectedProfit float64 // yearly profit of a workshop making the product it knows, yuan
	FarmIncome     float64 // yearly income it gives up, yuan
	SanctionProb   float64 // yearly probability of being sanctioned
	SanctionLoss   float64 // loss if sanctioned, yuan
	CoverCost      float64 // yearly cost of cover (red-hat fees, registration), yuan
	Savings        float64 // yuan
	CapitalNeed    float64 // start-up capital of the product, yuan
	NeighbourShare float64 // share of its village's households running workshops
	Encouragement  float64 // 0 (neutral) or more: the village encourages workshops
}

// EntryProbability is the yearly probability that a household opens a
// workshop: zero without the capital or the knowledge-based expectation,
// otherwise a logistic function of the expected net gain relative to farm
// income, raised by imitation of neighbours and by village encouragement.
// Article: pedlars' information "encouraged peasant families to embark on
// small-scale manufacturing"; "A workshop for each family"; capital from the
// "first pot of gold".
func EntryProbability(p *HouseholdParams, in EntryInputs) float64 {
	if !in.Allowed || in.Savings < in.CapitalNeed || in.FarmIncome <= 0 {
		return 0
	}
	gain := in.ExpectedProfit - in.CoverCost - in.SanctionProb*in.SanctionLoss - in.FarmIncome
	pr := p.EntryRate * Logistic(p.EntrySensitivity*gain/in.FarmIncome)
	pr *= (1 + p.ImitationWeight*in.NeighbourShare) * (1 + in.Encouragement)
	return min(pr, 1)
}

// ChooseProduct returns the product a new workshop makes: with a
// probability that grows with the share of the village's workshops already
// making the village's main product, it copies that product; otherwise it
// makes the product the household knows. u is a uniform draw in [0,1).
// Article: "one product per town and one sector per township".
func ChooseProduct(p *HouseholdParams, known, villageModal int, modalShare, u float64) int {
	if villageModal >= 0 && u < min(1, p.ImitationCopy*(p.ImitationBase+modalShare)) {
		return villageModal
	}
	return known
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
