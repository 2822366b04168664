package agents

import "clustersim/agents/rng"

// ODD 7.19: village elections.

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

// ElectionYear reports whether year is an election year, when elections
// began in first: every election_interval years from then.
func ElectionYear(p *VillageParams, first, year int) bool {
	return (year-first)%p.ElectionInterval == 0
}

// Businessman reports whether a firm makes its boss a businessman: a
// household that owns a registered private firm of any size — an
// individual business included, wherever it now produces — or the former
// manager who took over a privatised collective (a shareholding
// cooperative, or the company it became), a businessman of the
// collective's village. The reading of the article's source (fn 36,
// "Increasing Numbers of Businessmen and their Participation in Local
// Political Life"), with the article's own words for a getihu: "workers
// were authorised ... to declare 'individual businessman' status
// (getihu)", and for the take-over: "the new company bosses were very
// often former managers of rural collective workshops". An unregistered
// workshop does not make a businessman; nor does managing a collective
// (its owner is a government).
func Businessman(f *Firm) bool {
	return f.Form.Registered()
}

// Elect is a village's election: given the number of its households that
// are businessmen (business), each of its posts goes to a businessman with
// the share BusinessmanPostShare gives. It updates the village's
// Businessmen; a village without households keeps its posts as they are.
func Elect(p *VillageParams, v *Village, business int32, r *rng.Draws) {
	if len(v.Households) == 0 {
		return
	}
	b := float64(business) / float64(len(v.Households))
	s := BusinessmanPostShare(p.BusinessmanAdvantage, b)
	v.Businessmen = int32(ElectedBusinessmen(int(v.Posts), s, r.Float64))
}
