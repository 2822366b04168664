package agents

import "container/heap"

// ODD 7.18: the tax ranking.

// RankTaxpayers draws up the city's ranking of the top n taxpayers of the
// year ("an official ranking of the 100 best companies"): the n firms with
// the largest positive taxes of the year, among those in Yongkang or
// keeping their registered office there, are Ranked (for equal taxes, the
// lower ID ranks higher); every other firm is not. n = 0: no ranking.
func RankTaxpayers(firms []Firm, n int) {
	for i := range firms {
		firms[i].Ranked = false
	}
	if n <= 0 {
		return
	}
	// Keep the n largest taxpayers in a min-heap: O(firms · log n).
	top := make(rankHeap, 0, n)
	for i := range firms {
		f := &firms[i]
		if f.YearTaxes <= 0 || !(f.Location.InYongkang() || f.Office) {
			continue
		}
		e := ranked{tax: f.YearTaxes, id: f.ID, slot: int32(i)}
		if len(top) < n {
			heap.Push(&top, e)
		} else if top.less(top[0], e) {
			top[0] = e
			heap.Fix(&top, 0)
		}
	}
	for _, e := range top {
		firms[e.slot].Ranked = true
	}
}

// ranked is a candidate of the tax ranking; rankHeap is a min-heap of them,
// ordered by tax and, for equal taxes, by firm ID (the lower ID ranks higher).
type ranked struct {
	tax  float64
	id   int32 // the firm's ID, which breaks ties
	slot int32 // its index in the firms
}

type rankHeap []ranked

func (h rankHeap) less(a, b ranked) bool {
	if a.tax != b.tax {
		return a.tax < b.tax
	}
	return a.id > b.id
}
func (h rankHeap) Len() int           { return len(h) }
func (h rankHeap) Less(i, j int) bool { return h.less(h[i], h[j]) }
func (h rankHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *rankHeap) Push(x any)        { *h = append(*h, x.(ranked)) }
func (h *rankHeap) Pop() any {
	old := *h
	e := old[len(old)-1]
	*h = old[:len(old)-1]
	return e
}
