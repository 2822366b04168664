package agents

// Stance is a village committee's attitude to private workshops.
type Stance uint8

// The stances of a village committee.
const (
	Repress   Stance = iota // "cut off the capitalist tails"
	Tolerate                // turn a blind eye
	Encourage               // "a workshop for each family"
)

// Village is a village committee and the households it governs.
type Village struct {
	Township    int32
	Stance      Stance
	Cover       bool // workshops may register under the village's collective name (confederation)
	Households  []int32
	Workshops   int32 // household workshops in the village (any private form, producing here)
	Modal       int16 // the product most of its workshops make (-1: none)
	Posts       int32 // village posts
	Businessmen int32 // of which held by businessmen after the last election
}

// Rates are the shares of sales a firm pays to each level of government.
type Rates struct {
	Township, Village, State, City float64
}

// Total is the sum of the rates.
func (r Rates) Total() float64 { return r.Township + r.Village + r.State + r.City }

// TaxRates gives what a firm of a legal form pays, as shares of sales, under
// a regime's rules. Confederated (red-hat) workshops pay 1% to the commune,
// 3% to the village and 5% to the state; collectives remit to the
// government that owns them; getihu pay the state; private firms pay the
// state and the city.
func TaxRates(form LegalForm, commune, village, state, getihu, private, city, remit float64) Rates {
	switch form {
	case Underground:
		return Rates{}
	case Getihu:
		return Rates{State: getihu}
	case RedHat:
		return Rates{Township: commune, Village: village, State: state}
	case TownshipCollective:
		return Rates{Township: remit, State: state}
	case VillageCollective:
		return Rates{Village: remit, State: state}
	default:
		return Rates{State: private, City: city}
	}
}

// BusinessmanPostShare is the expected share of a village's posts that
// businessmen win in a free election, when a share b of households are
// business households: advantage·b / (advantage·b + 1 − b). Article: "when
// free elections were introduced ... many businessmen became political
// leaders".
func BusinessmanPostShare(advantage, b float64) float64 {
	if b <= 0 {
		return 0
	}
	w := advantage * b
	return w / (w + 1 - b)
}

// MigrantAdjustment is the monthly change in the stock of migrant workers:
// a fraction of the gap between the jobs natives leave unfilled and the
// migrants present (the brief's "migrants arriving to fill jobs"; the
// article: "a social policy favourable to migrant workers"), and returns
// when there are more migrants than jobs.
func MigrantAdjustment(p *LabourParams, unfilled, migrants float64) float64 {
	gap := unfilled - migrants
	if gap >= 0 {
		return p.MigrantResponse * gap
	}
	return max(gap, -p.MigrantReturnRate*migrants)
}

// ElectedBusinessmen draws how many of posts go to businessmen, given the
// expected share and one uniform draw per post.
func ElectedBusinessmen(posts int, share float64, draw func() float64) int {
	n := 0
	for range posts {
		if draw() < share {
			n++
		}
	}
	return n
}
