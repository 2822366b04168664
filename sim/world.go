package sim

import (
	"fmt"
	"math"

	"clustersim/agents"
	"clustersim/agents/rng"
)

// world is one run: its scenario, the State that changes, and what is
// derived from them. Only the engine touches it.
type world struct {
	State
	cfg   *Config
	p     *agents.Params
	scale float64

	keys drawKeys // the keys of this month's draws

	townships      int
	sectors        []string
	tradition      []float64 // cumulative weights of traditional products
	mantangProduct int       // the first product of Mantang's craft (-1: none)
	mantang        int       // Mantang's village (-1: none)

	policy policy
	rules  monthRules     // the timeline's rules of the month, as the agents read them
	econ   agents.Economy // the month's markets and taxes, as the agents see them

	firmRules firmRules // what the firms' rules see of the month (set by stepFirms)
	rec       recorder

	growthLo, growthHi float64             // see agents.GrowthSaturation
	siteCap            []float64           // the village site caps of the month (siteCaps)
	scratch            []int32             // a reused list of villages (townshipVillages)
	counts             []int32             // a reused count per village (developLand)
	assisted           agents.AssistBuffer // the storage of assistFirms
	buyers             [][]int32           // by sector: the month's buyers (countSuppliers)
	unitCost           []float64           // by product: the month's unit cost (setEconomy)
	firstMarket        []float64           // by product: its national market in the year it came out (setEconomy)
	designPool         [][]int32           // by product: the designs its producers in Yongkang make this month (poolDesigns)

	destinations []agents.DestinationTerms // what each destination offers relocating firms
	relocation   agents.RelocationRules    // this month's, for the size reviews (setFirmRules)
	formed       []agents.Household        // the households formed this year (storage reused by formHouseholds)

	waiting []int32 // IDs of the firms waiting for land this month
	slot    []int32 // index in Firms of each firm ID ever (-1: closed)
	closed  int     // firms in Firms that have closed (see compactFirms)

	notify func(Point) // calls the engine's observers
}

func newWorld(cfg *Config, opt Options) (*world, error) {
	scale := opt.Scale
	if scale == 0 {
		scale = 1
	}
	if scale <= 0 || scale > 1 {
		return nil, fmt.Errorf("scale %g is outside (0, 1]", scale)
	}
	w := &world{
		cfg: cfg, p: &cfg.Params, scale: scale,
		keys: newDrawKeys(opt.Seed, opt.Run),
	}
	w.Month = cfg.Start
	w.keys.setMonth(w.Month)
	w.Market.PriceLevel = 1 // the price level of the first month, before firms are equipped
	w.buildProducts()
	w.derive()
	w.buildVillages()
	w.buildHouseholds()
	w.Firms = make([]agents.Firm, 0, len(w.Households)) // about the firms alive at once
	w.buildCollectives()
	w.buildSecretWorkshops()
	for _, e := range cfg.Estates {
		w.Estates = append(w.Estates, EstateState{Open: e.Open, Capacity: e.Capacity * scale})
	}
	w.Labour.Fill = 1
	w.Land.Price = w.p.Land.BasePrice
	w.rec.init(&View{State: &w.State, w: w})
	return w, nil
}

// derive computes what the world keeps beside its State, from the scenario
// and the products: the sectors, the tradition weights, the townships, the
// growth bounds and the timeline's index. A restored world derives them
// again (see restoreWorld).
func (w *world) derive() {
	sectorOf := map[string]int{} // lookup only; never iterated
	w.sectors = w.sectors[:0]
	for _, r := range w.cfg.Ladder {
		if _, ok := sectorOf[r.Sector]; !ok {
			sectorOf[r.Sector] = len(w.sectors)
			w.sectors = append(w.sectors, r.Sector)
		}
	}
	n := len(w.Products)
	cum := 0.0
	w.tradition = make([]float64, n)
	w.mantangProduct = -1
	for i, pr := range w.Products {
		cum += pr.Tradition
		w.tradition[i] = cum
		if w.mantangProduct < 0 && w.sectors[pr.Sector] == w.cfg.Mantang.CraftSector {
			w.mantangProduct = i
		}
	}
	w.townships = w.scaledCount(w.p.Villages.Townships)
	w.mantang = -1
	if m := w.cfg.Mantang.Village; m >= 0 {
		w.mantang = m % w.scaledCount(w.p.Villages.Villages) // a scaled run may have fewer villages
	}
	w.growthLo, w.growthHi = agents.GrowthSaturation(&w.p.Firms, agents.SizeReviewMonths)
	w.destinations = w.destinations[:0]
	for _, d := range w.cfg.Destinations {
		w.destinations = append(w.destinations, agents.DestinationTerms{Share: d.Share, Discount: d.LandDiscount, MovingCost: d.MovingCost})
	}
	w.policy.init(w.cfg)
}

// buildProducts expands each rung of the ladder into its products, giving
// each a share of the rung's national market drawn from a log-normal law.
func (w *world) buildProducts() {
	disp := w.p.Markets.MarketDispersion
	sectorOf := map[string]int{} // lookup only; never iterated
	for ri, r := range w.cfg.Ladder {
		si, ok := sectorOf[r.Sector]
		if !ok {
			si = len(sectorOf)
			sectorOf[r.Sector] = si
		}
		weights := make([]float64, r.Products)
		sum := 0.0
		rd := w.rand(drawProductMarkets, rng.NewID(idRung, ri))
		for k := range weights {
			weights[k] = math.Exp(disp * rd.NormFloat64())
			sum += weights[k]
		}
		lives := w.rand(drawProductMarkets, rng.NewID(idRungLife, ri)) // after the weights: the draws are shared
		planned := w.cfg.Plan.Planned(r.Sector)
		for k := range weights {
			life := agents.ProductLife(&w.p.Markets, lives.NormFloat64())
			name := r.Name
			if r.Products > 1 {
				name = fmt.Sprintf("%s_%03d", r.Name, k+1)
			}
			w.Products = append(w.Products, agents.Product{
				Name: name, Rung: ri, Sector: si, Available: r.Available,
				Complexity: r.Complexity, Market: r.Market * w.scale * weights[k] / sum, BaseYear: w.cfg.Start.Year(),
				Growth: r.Growth, Saturation: float64(r.Available) + life, Decline: w.p.Markets.Obsolescence,
				Capital: r.Capital, Tradition: tradition(r.Tradition*weights[k]/sum, planned),
				MinStock:   r.Capital * w.p.Households.WorkshopStartCapital,
				Elasticity: max(0, r.Returns-w.p.Firms.LabourElasticity),
				Promoted:   r.Promoted, OutsidePlan: !planned,
			})
		}
	}
	n := len(w.Products)
	w.Market.Volume = make([]float64, n)
	w.Market.Export = make([]float64, n)
	w.Market.Share = make([]float64, n)
	w.Market.ExportShare = make([]float64, n)
	w.Market.Price = make([]float64, n)
	w.Market.ExportPrice = make([]float64, n)
	w.Market.Producers = make([]int32, n)
	w.Market.Experience = make([]float64, n)
}

// tradition is a product's weight among the crafts of 1978: none outside a
// top-down plan (ODD 7.25).
func tradition(weight float64, planned bool) float64 {
	if !planned {
		return 0
	}
	return weight
}

func (w *world) scaledCount(n int) int { return max(1, int(math.Round(float64(n)*w.scale))) }

func (w *world) buildVillages() {
	vp := &w.p.Villages
	nv := w.scaledCount(vp.Villages)
	w.Villages = make([]agents.Village, nv)
	township := make([]int32, nv)
	for v := range township {
		township[v] = int32(v % w.townships)
	}
	for v := range w.Villages {
		w.Villages[v] = agents.Village{
			Township: township[v], Stance: agents.Tolerate, Modal: -1, Posts: int32(vp.PostsPerVillage),
			Ties: agents.DrawTies(v, township, w.rand(drawTies, villageID(v))),
		}
	}
	if w.mantang >= 0 {
		w.Villages[w.mantang].NeverYields = w.cfg.Mantang.NeverYields
	}
	w.Townships = make([]agents.Township, w.townships)
	w.VillProd = make([]int32, nv*len(w.Products))
}

func (w *world) buildHouseholds() {
	hp := &w.p.Households
	n := int(math.Round(float64(w.cfg.Households) * w.scale))
	nv := len(w.Villages)
	mantang, others := 0, nv // Mantang's households, and the villages the others are dealt to
	if w.mantang >= 0 {
		mantang, others = max(1, int(math.Round(float64(w.cfg.Mantang.Households)*w.scale))), nv-1
	}
	n = max(n, mantang+nv)
	w.Households = make([]agents.Household, 0, int(float64(n)*1.5))
	last := make([]int32, nv) // the household dealt last to each village: the next one's kin
	for i := range last {
		last[i] = -1
	}
	for i := range n {
		uid := rng.NewID(idHousehold, i)
		r := w.rand(drawHouseholdInit, uid)
		v := int32(w.mantang) // the first households are Mantang's
		if i >= mantang && others > 0 {
			// the others are dealt to the other villages in turn
			if v = int32((i - mantang) % others); w.mantang >= 0 && int(v) >= w.mantang {
				v++
			}
		}
		h := agents.Household{UID: uid, Village: v, Workers: float32(hp.WorkersPerHousehold), Known: -1, Firm: -1, Kin: last[v],
			Savings: hp.InitialSavings * math.Exp(hp.SavingsSpread*r.NormFloat64()-hp.SavingsSpread*hp.SavingsSpread/2)}
		if int(v) == w.mantang && r.Float64() < w.cfg.Mantang.Tradition && w.mantangProduct >= 0 {
			h.Known = int16(w.mantangProduct)
		} else if r.Float64() < hp.TraditionKnowledge {
			h.Known = int16(agents.TraditionalProduct(w.tradition, r))
		}
		if r.Float64() < hp.PeddleShare1978 {
			h.Activity = agents.Peddling
		}
		last[v] = w.addHousehold(h)
	}
}

func (w *world) addHousehold(h agents.Household) int32 {
	id := int32(len(w.Households))
	a := h.Activity
	h.Activity = agents.Left
	w.Households = append(w.Households, h)
	w.setActivity(id, a)
	v := &w.Villages[h.Village]
	v.Households = append(v.Households, id)
	return id
}

// setActivity changes a household's activity and keeps the county's
// counts of farming and peddling workers, which the labour market reads.
func (w *world) setActivity(id int32, a agents.Activity) {
	h := &w.Households[id]
	w.Labour.Workers[h.Activity] -= float64(h.Workers)
	h.Activity = a
	w.Labour.Workers[a] += float64(h.Workers)
}

// buildCollectives creates the collective workshops of 1978 (shedui qiye,
// "approximately 1,000 of them in Yongkang"), split between townships and
// villages.
func (w *world) buildCollectives() {
	n := int(math.Round(float64(w.cfg.Collectives) * w.scale))
	for i := range n {
		w.foundCollective(rng.NewID(idCollective, i))
	}
}

// buildSecretWorkshops opens the secret workshops of 1978: a household
// that knows a traditional craft practises it in secret with probability
// craft_practice, with the tools it has (agents.PractisesCraft).
func (w *world) buildSecretWorkshops() {
	hp := &w.p.Households
	for i := range w.Households {
		h := &w.Households[i]
		if h.Known < 0 {
			continue
		}
		r := w.rand(drawEntry, h.UID)
		if agents.PractisesCraft(hp, r) {
			w.openWorkshop(int32(i), agents.Entry{
				Open: true, Product: h.Known, Form: agents.Underground,
				Tools:   w.Products[h.Known].Capital * hp.WorkshopStartCapital, // what a raid confiscates
				Quality: math.Exp(w.p.Firms.QualityDispersion * r.NormFloat64()),
			})
		}
	}
}

// foundCollective founds the 1978 collective uid: a township's (with
// the scenario's township_collective_share) or a village's, in a village
// drawn at random (agents.NewCollective).
func (w *world) foundCollective(uid rng.ID) {
	setup := agents.CollectiveSetup{Tradition: w.tradition}
	r := w.rand(drawCollectiveInit, uid)
	form := agents.VillageCollective
	if r.Float64() < w.cfg.TownshipCollectiveShare {
		form = agents.TownshipCollective
	}
	village := int32(r.IntN(len(w.Villages)))
	c := agents.NewCollective(&w.p.Firms, &setup, form, r)
	f := w.newFirm(uid, form, c.Product, village, -1)
	f.SetEmployees(&w.p.Firms, c.Employees)
	f.Quality = c.Quality
	f.SetStock(&w.Products[c.Product], agents.CollectiveCost(&w.p.Households, w.Products[c.Product].Capital, c.Employees, 1)) // equipped as its planned successors are
}

// newFirm appends a firm and returns a pointer valid until the next append.
func (w *world) newFirm(uid rng.ID, form agents.LegalForm, product int16, village, owner int32) *agents.Firm {
	return w.newFirmMaking(uid, form, product, w.takeUpDesign(product, uid), village, owner)
}

// newFirmMaking is newFirm for a firm whose design is already known (a
// spin-off makes its parent's).
func (w *world) newFirmMaking(uid rng.ID, form agents.LegalForm, product int16, design, village, owner int32) *agents.Firm {
	id := w.NextFirmID
	w.NextFirmID++
	w.slot = append(w.slot, int32(len(w.Firms)))
	w.Firms = append(w.Firms, agents.Firm{
		ID: id, UID: uid, Form: form, Product: product, Village: village, Location: agents.VillageSite,
		Estate: -1, Owner: owner, Lead: -1, Born: int32(w.Month), Quality: 1, Design: design, Alive: true,
	})
	f := &w.Firms[len(w.Firms)-1]
	f.SetStock(&w.Products[product], 0) // none until it is equipped
	if owner >= 0 {
		w.countWorkshop(village, int(product), +1)
	}
	return f
}

// takeUpDesign is the design a firm makes when it takes up a product: one
// of the product's producers' designs, copied (agents.ImitatedDesign, with
// the firm's design draws), or a new one if nobody makes the product.
func (w *world) takeUpDesign(product int16, uid rng.ID) int32 {
	if int(product) < len(w.designPool) {
		if d, ok := agents.ImitatedDesign(w.designPool[product], w.rand(drawDesign, uid)); ok {
			return d
		}
	}
	return w.newDesign()
}

// newDesign numbers a design just created.
func (w *world) newDesign() int32 {
	d := w.NextDesign
	w.NextDesign++
	return d
}

// poolDesigns lists, for each product, the designs its producers in
// Yongkang make, one entry for each producer, in firm order: the pool that
// firms taking up the product copy from this month (agents.ImitatedDesign).
// It is made at the start of the household sub-step, from the firms alive
// then, in slices the world reuses.
func (w *world) poolDesigns() {
	w.designPool = emptyLists(w.designPool, len(w.Products))
	for k := range w.Firms {
		if f := &w.Firms[k]; f.Alive && f.Location.InYongkang() {
			w.designPool[f.Product] = append(w.designPool[f.Product], f.Design)
		}
	}
}

// emptyLists returns n empty lists, reusing the storage of lists.
func emptyLists(lists [][]int32, n int) [][]int32 {
	for len(lists) < n {
		lists = append(lists, nil)
	}
	lists = lists[:n]
	for i := range lists {
		lists[i] = lists[i][:0]
	}
	return lists
}

// countWorkshop keeps the per-village product counts that imitation and
// specialisation read.
func (w *world) countWorkshop(village int32, product, delta int) {
	np := len(w.Products)
	w.VillProd[int(village)*np+product] += int32(delta)
	v := &w.Villages[village]
	v.Workshops += int32(delta)
	if delta > 0 {
		if v.Modal < 0 || w.VillProd[int(village)*np+product] > w.VillProd[int(village)*np+int(v.Modal)] {
			v.Modal = int16(product)
		}
	} else if int(v.Modal) == product {
		w.recomputeModal(village)
	}
}

// recomputeModal sets a village's main product to its first most common
// one. It is called when the main product loses a workshop, from a count c to
// c−1: no product can have more than c, so the first product still at c,
// if any, is the first maximum and the scan stops there.
func (w *world) recomputeModal(village int32) {
	np := len(w.Products)
	row := w.VillProd[int(village)*np : (int(village)+1)*np]
	ceiling := int32(-1) // the old maximum, c, when known
	if m := w.Villages[village].Modal; m >= 0 {
		ceiling = row[m] + 1
	}
	best, bestN := -1, int32(0)
	for p, c := range row {
		if c > bestN {
			best, bestN = p, c
			if c == ceiling {
				break
			}
		}
	}
	w.Villages[village].Modal = int16(best)
}

// modalShare is the share of a village's workshops making its main product.
// countWorkshop keeps Modal the most common product at every change, so
// this is also the largest product's share; reading it changes nothing.
func (w *world) modalShare(village int32) float64 {
	v := &w.Villages[village]
	if v.Modal < 0 || v.Workshops <= 0 {
		return 0
	}
	return float64(w.VillProd[int(village)*len(w.Products)+int(v.Modal)]) / float64(v.Workshops)
}

func (w *world) fracYear() float64 {
	return float64(w.Month.Year()) + float64(w.Month.MonthOfYear()-1)/12
}
