package agents

import (
	"cmp"
	"slices"
)

// ODD 7.18: the city's assistance to firms, and the tax ranking's priority
// for it.

// Assist chooses the firms the Innovation and Service Centre helps in the
// coming year: at most capacity of the candidate firms (alive, producing
// in Yongkang), the firms of the tax ranking first, the others in the
// order of their lottery numbers (lottery(i), a uniform draw for the
// firm at index i, lowest first; ASSUME: without a list the centre serves
// its applicants in an order that has nothing to do with their size). It
// sets each firm's Assisted and returns the indices of those assisted,
// in buf's storage, which it reuses from year to year. Article: the
// ranking "facilitates access to plots of land, assistance from the local
// government, and services"; support comes "in the form of support for
// innovation by research centres linked to the local government".
func Assist(firms []Firm, capacity int, lottery func(i int) float64, buf *AssistBuffer) []int32 {
	order, rest := buf.order[:0], buf.rest[:0]
	for i := range firms {
		f := &firms[i]
		f.Assisted = false
		if !f.Alive || !f.Location.InYongkang() {
			continue
		}
		if f.Ranked {
			order = append(order, int32(i))
		} else {
			rest = append(rest, assistCandidate{lottery(i), int32(i)})
		}
	}
	slices.SortFunc(rest, func(a, b assistCandidate) int {
		if c := cmp.Compare(a.u, b.u); c != 0 {
			return c
		}
		return cmp.Compare(a.slot, b.slot)
	})
	for _, c := range rest {
		order = append(order, c.slot)
	}
	order = order[:min(len(order), max(0, capacity))]
	for _, i := range order {
		firms[i].Assisted = true
	}
	buf.order, buf.rest = order, rest
	return order
}

// CentreCapacity is how many firms the Innovation and Service Centre can
// help in a year, paid from the city's taxes of the year before
// (cityTaxes, current yuan): the share innovation_spending of them, at
// assistance_cost years of the wage (wage, current yuan a year) for each
// firm it helps. ASSUME: the centre's cost is its staff's time, and the
// city gives it a fixed share of its revenue; the article's centre is
// "a half-private, half-public organisation" whose work is "helping
// companies design products, innovate, and obtain patents". A city that
// spends nothing it collects (spending false, the spending ablation) pays
// for no help.
func CentreCapacity(fp *FirmParams, spending bool, cityTaxes, wage float64) int {
	if !spending || cityTaxes <= 0 || wage <= 0 {
		return 0
	}
	return int(fp.InnovationSpending * cityTaxes / (fp.AssistanceCost * wage))
}

// AssistBuffer is the storage Assist reuses.
type AssistBuffer struct {
	order []int32
	rest  []assistCandidate
}

// assistCandidate is an unranked firm in the centre's lottery: its number
// and its index among the firms.
type assistCandidate struct {
	u    float64
	slot int32
}
