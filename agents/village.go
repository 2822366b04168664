package agents

// Stance is a village committee's attitude to private workshops.
type Stance uint8

// The stances of a village committee (ODD 7.7.2, agents/village_stance.go).
const (
	Repress   Stance = iota // "cut off the capitalist tails": raids, and no papers for workshops
	Tolerate                // "turn a blind eye": workshops register as individual businesses
	Encourage               // the compromise: cover under the village's name, and its advances
)

// Village is a village committee and the households it governs, with its
// accounts and what it knows of the compromise.
type Village struct {
	Township    int32
	Stance      Stance
	Knows       bool // knows the confederation: it devised it, or saw it at a contact (agents/compromise_contagion.go)
	NeverYields bool // its cadres never yield to a revolt (the no_compromise counterfactual)
	Households  []int32
	Workshops   int32    // household workshops in the village (any private form, producing here)
	Modal       int16    // the product most of its workshops make (-1: none)
	Posts       int32    // village posts
	Businessmen int32    // of which held by businessmen after the last election
	Ties        [2]int32 // kin and pedlar ties: villages of other townships it hears from (-1: none)
	CoverSince  int32    // the month it took up the compromise (0: not yet)
	Seen        float64  // sales per household of the covered contact it learnt the compromise from, current yuan a year

	Budget    float64 // what it holds, current yuan; negative: debts for advances (agents/government_accounts.go)
	Private   float64 // sales of its household workshops this year so far, current yuan
	PrivateLY float64 // the same, last year
	Pressure  float64 // the revolt: losses of its raided villagers, current yuan, cumulative
	Arrests   float64 // villagers arrested, cumulative
	Developed float64 // how far it has widened its firms' sites, a share of village_site_cap (agents/land_development.go)
}

// Covers reports whether a village gives workshops its cover (the red hat).
func (v *Village) Covers() bool { return v.Stance == Encourage }

// TookUpCompromiseIn reports whether the village took up the compromise in
// the month given (sim.Month): the month before its households all hear
// of it (params.villages.compromise_news).
func (v *Village) TookUpCompromiseIn(month int32) bool {
	return v.Covers() && v.CoverSince == month
}

// BusinessShare is the share of the village's posts businessmen hold.
func (v *Village) BusinessShare() float64 {
	if v.Posts <= 0 {
		return 0
	}
	return float64(v.Businessmen) / float64(v.Posts)
}

// Township is a township (commune until 1984) government and its accounts.
type Township struct {
	Budget  float64 // current yuan
	Covered int32   // its villages that have taken up the compromise (kept as they take it up: cover is never given up)
}
