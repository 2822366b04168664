package agents

import (
	"math"

	"clustersim/agents/rng"
)

// ODD 7.7.3: the spread of the compromise by contagion.

// CoveredContacts is how many of the villages a village hears from have
// taken up the compromise: the others of its township (townshipCovered
// counts them all, itself included) and its kin and pedlar ties.
func CoveredContacts(v *Village, villages []Village, townshipCovered int32) int {
	n := int(townshipCovered)
	if v.Covers() {
		n-- // itself
	}
	for _, t := range v.Ties {
		if t >= 0 && villages[t].Covers() {
			n++
		}
	}
	return n
}

// BestContact is what the covered contact a village that learns of the
// compromise sees fare best sells: the largest sales of household
// workshops per household last year among the covered villages of its
// township and its ties (0: none). township lists the villages of its
// township. Article: villages see "what covered villages earn and how
// they grow".
func BestContact(v *Village, villages []Village, township []int32) (sales float64) {
	look := func(c int32) {
		u := &villages[c]
		if !u.Covers() || len(u.Households) == 0 {
			return
		}
		sales = max(sales, u.PrivateLY/float64(len(u.Households)))
	}
	for _, c := range township {
		look(c)
	}
	for _, c := range v.Ties {
		if c >= 0 {
			look(c)
		}
	}
	return sales
}

// LearnsCompromise reports whether a village that does not know the
// confederation learns of it this month from its covered contacts: each
// is seen with the monthly probability contact_rate. What it then makes
// of it is its stance's choice (ChooseStance weighs the fees it would
// collect against the political risk, which the city's legitimisation
// lowers). Article: "This system proved to be effective, and even enjoyed
// a certain degree of success, which helped it to grow and become more
// established. Indeed, it soon attracted the attention of neighbouring
// communes"; "Taken up and largely followed in the whole of the Yongkang
// area".
func LearnsCompromise(p *VillageParams, covered int, r *rng.Draws) bool {
	if covered <= 0 || !(p.ContactRate > 0) {
		return false
	}
	miss := math.Pow(1-min(1, p.ContactRate), float64(covered))
	return r.Float64() >= miss
}

// DrawTies draws a village's kin and pedlar ties: villages of other
// townships, uniformly (-1 where there is none). ASSUME: two ties a
// village, fixed from 1978 (marriages and peddling routes).
func DrawTies(v int, township []int32, r *rng.Draws) [2]int32 {
	ties := [2]int32{-1, -1}
	n := len(township)
	for k := range ties {
		for range 8 { // a few tries for a village of another township
			t := r.IntN(n)
			if t != v && township[t] != township[v] {
				ties[k] = int32(t)
				break
			}
		}
	}
	return ties
}
