package agents

import "clustersim/agents/rng"

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
	Kin      int32    // the household of its kin in its village, which may lend it start-up capital (-1: none)
	Savings  float64  // yuan (current)
}
