package sim

import (
	"cmp"
	"container/heap"
	"math"
	"slices"

	"clustersim/agents"
)

// endYear resets the year's accounts of the county and of every firm.
func (w *world) endYear() {
	w.Acc = YearAccounts{}
	for i := range w.Firms {
		f := &w.Firms[i]
		f.YearSales, f.YearTaxes, f.YearProfit = 0, 0, 0
	}
}

// record calls the observers of the record point, from the first reported
// year.
func (w *world) record() {
	if w.Month.Year() >= w.cfg.ReportFrom {
		w.notify(YearRecord)
	}
}

// rankTaxpayers draws up the city's yearly ranking of the top taxpayers
// ("an official ranking of the 100 best companies"); firms in it get
// priority for land.
func (w *world) rankTaxpayers() {
	for i := range w.Firms {
		w.Firms[i].Ranked = false
	}
	if !w.policy.on(evTaxRanking) {
		return
	}
	n := int(math.Round(float64(w.p.Land.RankingSize) * w.scale))
	if n == 0 {
		return
	}
	// Keep the n largest taxpayers in a min-heap: O(firms · log n).
	top := make(rankHeap, 0, n)
	for i := range w.Firms {
		f := &w.Firms[i]
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
		w.Firms[e.slot].Ranked = true
	}
}

// ranked is a candidate of the tax ranking; rankHeap is a min-heap of them,
// ordered by tax and, for equal taxes, by firm ID (the lower ID ranks higher).
type ranked struct {
	tax  float64
	id   int32 // the firm's ID, which breaks ties
	slot int32 // its index in w.Firms
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

// elections: in election years every village elects its posts; a post goes
// to a businessman with the share given by agents.BusinessmanPostShare.
func (w *world) elections() {
	if !w.policy.on(evVillageElections) {
		return
	}
	first := w.policy.since(evVillageElections).Year()
	if (w.Month.Year()-first)%w.p.Villages.ElectionInterval != 0 {
		return
	}
	business := make([]int32, len(w.Villages))
	for i := range w.Firms {
		f := &w.Firms[i]
		if f.Owner >= 0 && f.Employees >= float64(w.p.Villages.BusinessmanMinEmployees) {
			business[w.Households[f.Owner].Village]++
		}
	}
	for v := range w.Villages {
		vil := &w.Villages[v]
		if len(vil.Households) == 0 {
			continue
		}
		r := w.rand(drawElections, villageID(v))
		b := float64(business[v]) / float64(len(vil.Households))
		s := agents.BusinessmanPostShare(w.p.Villages.BusinessmanAdvantage, b)
		vil.Businessmen = int32(agents.ElectedBusinessmen(int(vil.Posts), s, r.Float64))
	}
}

// formHouseholds adds the year's new households (natural growth), each in
// the village of a household drawn at random, knowing what it knows.
func (w *world) formHouseholds() {
	hp := &w.p.Households
	r := w.rand(drawHouseholdFormation, county)
	n := len(w.Households)
	add := int(math.Floor(float64(n)*hp.NaturalGrowth + r.Float64()))
	for k := range add {
		kin := w.Households[r.IntN(n)]
		w.addHousehold(agents.Household{UID: kin.UID.Child(idKin, int(w.Month), k), Village: kin.Village, Workers: float32(hp.WorkersPerHousehold), Known: kin.Known,
			Firm: -1, Savings: 0})
	}
}

// updateHotProducts ranks the available products by unmet national demand
// (the market Yongkang does not yet serve), which returning pedlars learn of.
func (w *world) updateHotProducts() {
	year := float64(w.Month.Year() + 1)
	w.Hot = w.Hot[:0]
	unmet := make([]float64, len(w.Products))
	for i := range w.Products {
		pr := &w.Products[i]
		if pr.Available > w.Month.Year()+1 {
			continue
		}
		unmet[i] = pr.NationalMarket(year) * (1 - w.Market.Share[i])
		w.Hot = append(w.Hot, i)
	}
	slices.SortStableFunc(w.Hot, func(a, b int) int { return cmp.Compare(unmet[b], unmet[a]) })
}
