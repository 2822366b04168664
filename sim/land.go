package sim

import (
	"math"

	"clustersim/agents"
	"clustersim/agents/rng"
)

// stepLand gives estate plots to firms that wait for land, every month
// before quotas (under quotas yearLand does it in December), and lets firms
// that have waited too long leave the county.
func (w *world) stepLand() {
	lp := &w.p.Land
	for _, id := range w.waiting {
		w.Land.Demand += w.landNeed(w.firm(id)) / 12
	}
	if !w.policy.on(evLandQuota) {
		w.allocateLand(math.Inf(1))
	}
	if !w.policy.privateAllowed() || len(w.cfg.Destinations) == 0 {
		return
	}
	for _, id := range w.waiting {
		f := w.firm(id)
		if f == nil || !f.Location.InYongkang() || !f.Form.Movable() || int(f.Waiting) <= lp.WaitBeforeLeaving {
			continue
		}
		if r := w.rand(drawRelocation, f.UID); r.Float64() < lp.LeaveRate {
			w.relocate(f, r)
		}
	}
}

// landNeed is the floor space a waiting firm asks for, in m².
func (w *world) landNeed(f *agents.Firm) float64 {
	sq := w.p.Land.SquareMetresPerEmployee
	if f.Location == agents.EstateSite {
		return max(0, f.Wanted*sq-f.Plot)
	}
	return f.Wanted * sq
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
	start := w.rand(drawLandQueue, county).IntN(len(w.waiting))
	for pass := range 2 {
		if pass == 0 && !ranking {
			continue
		}
		rankedPass := pass == 0
		for k := range w.waiting {
			f := w.firm(w.waiting[(start+k)%len(w.waiting)])
			if f == nil || !f.Location.InYongkang() || (ranking && f.Ranked != rankedPass) {
				continue
			}
			budget -= w.givePlot(f, budget)
		}
	}
}

// givePlot gives firm f the land it waits for, within budget m², and
// returns the m² taken from the estates.
func (w *world) givePlot(f *agents.Firm, budget float64) float64 {
	whole := f.Wanted * w.p.Land.SquareMetresPerEmployee
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

// relocate moves a firm out of Yongkang to one of the scenario's
// destinations, drawn by their shares (the baseline's: Wuyi or Jinyun next
// door, or elsewhere in China: "most re-establishing themselves in
// neighbouring districts").
func (w *world) relocate(f *agents.Firm, r *rng.Draws) {
	lp := &w.p.Land
	u := r.Float64()
	dests := w.cfg.Destinations
	d, cum := len(dests)-1, 0.0
	for i := range dests[:len(dests)-1] {
		if cum += dests[i].Share; u < cum {
			d = i
			break
		}
	}
	dest := agents.AwayTo(d)
	if f.Owner >= 0 {
		w.countWorkshop(f.Village, int(f.Product), -1)
	}
	if f.Location == agents.EstateSite && f.Estate >= 0 {
		w.Estates[f.Estate].Used -= f.Plot
	}
	f.Location, f.Estate, f.Plot, f.Waiting, f.Lead = dest, -1, 0, 0, -1
	f.Office = w.policy.on(evRegisteredOfficeCentre) && r.Float64() < lp.RegisteredOfficeKeep
	w.Acc.Left++
	if w.policy.on(evYongwujin) && dests[d].Yongwujin {
		w.Acc.MovedYongwujin++
	}
}

// yearLand runs the yearly land sub-step: the quota allocation, then the
// land price from the year's demand and supply.
func (w *world) yearLand() {
	if w.policy.on(evLandQuota) {
		w.allocateLand(w.p.Land.AnnualQuota * w.scale)
	}
	opened := false
	for _, e := range w.Estates {
		opened = opened || e.Open <= w.Month
	}
	if opened {
		target := agents.LandPrice(&w.p.Land, w.Market.PriceLevel, w.Land.Demand, w.Land.Allocated)
		w.Land.Price = agents.AdjustLandPrice(&w.p.Land, w.Land.Price, target)
	} else {
		w.Land.Price = w.p.Land.BasePrice * w.Market.PriceLevel
	}
	w.Land.Demand, w.Land.Allocated = 0, 0
}
