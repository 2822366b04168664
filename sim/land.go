package sim

import (
	"math"

	"clustersim/agents"
)

// Sub-step 7, land, and the land sub-step of December (ODD 7.16-7.17):
// the market for estate land — the year's demand, the queue of waiting
// firms and the plots it hands out — and the departures of firms that
// waited too long (agents/relocation.go). Its leaf rules are in
// agents/land_allocation.go and agents/land_price.go.

// stepLand gives estate plots to firms that wait for land, every month
// before quotas (under quotas yearLand does it in December), and lets firms
// that have waited too long leave the county.
func (w *world) stepLand() {
	lp := &w.p.Land
	for _, id := range w.waiting {
		f := w.firm(id)
		if !f.WantsPlot {
			continue // it looks for a place elsewhere, not for a plot here
		}
		need := agents.LandNeed(lp, f) / 12
		w.Land.Demand += need
		if f.Ranked {
			w.Land.DemandRanked += need
		}
	}
	if !w.policy.on(evLandQuota) {
		w.allocateLand(math.Inf(1))
	}
	rules := w.relocationRules()
	for _, id := range w.waiting {
		if f := w.firm(id); f != nil {
			if rel := agents.Relocate(w.p, &w.econ, &rules, f, w.rand(drawRelocation, f.UID)); rel.Leaves {
				w.relocate(f, rel)
			}
		}
	}
}

// relocationRules are what a firm looking for land sees of the places it
// could move to this month.
func (w *world) relocationRules() agents.RelocationRules {
	return agents.RelocationRules{
		PrivateFree: w.policy.privateAllowed(), OfficeCentre: w.policy.on(evRegisteredOfficeCentre),
		LandPrice: w.p.Land.BasePrice * w.Market.PriceLevel, Destinations: w.destinations,
	}
}

// allocateLand hands open estate capacity, up to budget m², to waiting
// firms: firms in the tax ranking first while the ranking is in force
// ("priority positions when it came to acquiring plots of land"), the
// others in an order that starts at a random place. A firm in an estate
// extends its plot there if it can, or else moves to an estate with room
// for its whole wanted size.
func (w *world) allocateLand(budget float64) {
	if len(w.waiting) == 0 {
		return
	}
	ranking := w.policy.on(evTaxRanking)
	start := agents.QueueStart(len(w.waiting), w.rand(drawLandQueue, county))
	for pass := range 2 {
		if pass == 0 && !ranking {
			continue
		}
		rankedPass := pass == 0
		for k := range w.waiting {
			f := w.firm(w.waiting[(start+k)%len(w.waiting)])
			if f == nil || !f.WantsPlot || !f.Location.InYongkang() || (ranking && f.Ranked != rankedPass) {
				continue
			}
			got := w.givePlot(f, budget)
			budget -= got
			if f.Ranked {
				w.Land.AllocatedRanked += got
			}
		}
	}
}

// givePlot gives firm f the land it waits for, within budget m², and
// returns the m² taken from the estates.
func (w *world) givePlot(f *agents.Firm, budget float64) float64 {
	whole := agents.PlotWanted(&w.p.Land, f)
	if f.Location == agents.EstateSite {
		extra := whole - f.Plot
		e := &w.Estates[f.Estate]
		if extra <= 0 {
			return 0
		}
		if extra <= budget && e.Capacity-e.Used >= extra {
			e.Used += extra
			f.Plot += extra
			f.Waiting = 0
			w.Land.Allocated += extra
			return extra
		}
	}
	if whole <= 0 || whole > budget {
		return 0
	}
	i := w.openEstateWithRoom(whole)
	if i < 0 {
		return 0
	}
	if f.Location == agents.EstateSite {
		w.Estates[f.Estate].Used -= f.Plot // it gives up its old plot
	}
	w.Estates[i].Used += whole
	if w.policy.on(evYongwujin) && w.cfg.Estates[i].Yongwujin && !(f.Location == agents.EstateSite && w.cfg.Estates[f.Estate].Yongwujin) {
		w.Acc.MovedYongwujin++ // it sets up in one of the cluster's areas inside Yongkang
	}
	f.Location, f.Estate, f.Plot, f.Waiting = agents.EstateSite, int16(i), whole, 0
	w.Land.Allocated += whole
	return whole
}

func (w *world) openEstateWithRoom(need float64) int {
	for i := range w.Estates {
		e := &w.Estates[i]
		if e.Open <= w.Month && e.Capacity-e.Used >= need {
			return i
		}
	}
	return -1
}

// relocate moves a firm out of Yongkang to the destination it chose.
func (w *world) relocate(f *agents.Firm, rel agents.Relocation) {
	if f.Owner >= 0 {
		w.countWorkshop(f.Village, int(f.Product), -1)
	}
	if f.Location == agents.EstateSite && f.Estate >= 0 {
		w.Estates[f.Estate].Used -= f.Plot
	}
	f.Location, f.Estate, f.Plot, f.Waiting, f.Lead = agents.AwayTo(rel.Destination), -1, 0, 0, -1
	f.Office = rel.Office
	w.Acc.Left++
	if w.policy.on(evYongwujin) && w.cfg.Destinations[rel.Destination].Yongwujin {
		w.Acc.MovedYongwujin++
	}
}

// yearLand runs the yearly land sub-step: the quota allocation, then the
// land price from the year's demand and supply (reset by endYear, after
// the record). Industrial land has a market once an estate has opened or
// private firms are free, whichever comes first; before, land is the
// collectives' and has the base price. So a county without estates has a
// market from the southern tour in which firms ask for land and none is
// given: land goes at its cap (agents.LandPrice), not at the base price.
func (w *world) yearLand() {
	if w.policy.on(evLandQuota) {
		w.allocateLand(w.p.Land.AnnualQuota * w.scale)
	}
	opened := w.policy.privateAllowed()
	for _, e := range w.Estates {
		opened = opened || e.Open <= w.Month
	}
	if opened {
		target := agents.LandPrice(&w.p.Land, w.Market.PriceLevel, w.Land.Demand, w.Land.Allocated)
		w.Land.Price = agents.AdjustLandPrice(&w.p.Land, w.Land.Price, target)
	} else {
		w.Land.Price = w.p.Land.BasePrice * w.Market.PriceLevel
	}
}
