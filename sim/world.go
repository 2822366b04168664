package sim

import (
	"fmt"
	"math"
	"math/rand/v2"

	"clustersim/agents"
)

// world is the state of one run. Only the engine touches it.
type world struct {
	cfg   *Config
	p     *agents.Params
	scale float64
	month Month

	rngWorld, rngHouse, rngFirm, rngGov *rand.Rand

	households []agents.Household
	villages   []agents.Village
	townships  int
	firms      []agents.Firm // indexed by ID
	active     []int32       // IDs of living firms, in ID order

	products       []agents.Product
	sectors        []string
	tradition      []float64 // cumulative weights of traditional products
	mantangProduct int

	market   marketState
	villProd []int32 // villages × products: household workshops per product
	estates  []estateState
	policy   policy
	labour   labourState
	land     landState
	acc      yearAccounts
	rec      recorder

	growthLo, growthHi float64 // see agents.GrowthSaturation

	hot     []int   // products by decreasing unmet demand
	waiting []int32 // firms waiting for land this month
}

type marketState struct {
	priceLevel float64
	tfp        float64
	volume     []float64 // Yongkang's real output per product, last month
	export     []float64 // exported real output per product, last month
	share      []float64
	exportShr  []float64
	price      []float64
	xprice     []float64
	producers  []int32
}

type estateState struct {
	open     Month
	capacity float64
	used     float64
}

type labourState struct {
	workers        [agents.Left + 1]float64 // native workers by household activity
	migrantWorkers float64
	hired          float64 // hired workers of Yongkang's firms, counted in the firm sub-step
	want           float64 // hires firms plan this month
	fill           float64 // share of planned hires the labour market filled last month
	vacancies      float64 // gaps between the sizes firms aim at and their employment
	nativeWage     float64
	wage           float64 // yearly wage, current yuan
	farmIncome     float64 // yearly farm income of a household, current yuan
	leftWorkers    float64
}

type landState struct {
	price     float64
	demand    float64 // m² asked this year
	allocated float64 // m² given this year
}

// yearAccounts accumulate flows over the current year.
type yearAccounts struct {
	taxes                          agents.Rates
	entries, spinoffs, exits, left int
	movedYongwujin                 int
	arrests                        float64
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
		cfg: cfg, p: &cfg.Params, scale: scale, month: cfg.Start,
		rngWorld: Stream(opt.Seed, opt.Run, "world"),
		rngHouse: Stream(opt.Seed, opt.Run, "households"),
		rngFirm:  Stream(opt.Seed, opt.Run, "firms"),
		rngGov:   Stream(opt.Seed, opt.Run, "governments"),
	}
	w.buildProducts()
	w.buildVillages()
	w.buildHouseholds()
	w.firms = make([]agents.Firm, 0, 2*len(w.households)) // about the firms a run creates: one growth at most
	w.buildCollectives()
	for _, e := range cfg.Estates {
		w.estates = append(w.estates, estateState{open: e.Open, capacity: e.Capacity * scale})
	}
	w.growthLo, w.growthHi = agents.GrowthSaturation(&w.p.Firms, 3)
	w.labour.fill = 1
	w.market.priceLevel = 1
	w.land.price = w.p.Land.BasePrice
	w.policy.init(cfg)
	w.rec.init(w)
	return w, nil
}

// buildProducts expands each rung of the ladder into its products, giving
// each a share of the rung's national market drawn from a log-normal law.
func (w *world) buildProducts() {
	disp := w.p.Markets.MarketDispersion
	sectorOf := map[string]int{} // lookup only; never iterated
	for ri, r := range w.cfg.Ladder {
		si, ok := sectorOf[r.Sector]
		if !ok {
			si = len(w.sectors)
			sectorOf[r.Sector] = si
			w.sectors = append(w.sectors, r.Sector)
		}
		weights := make([]float64, r.Products)
		sum := 0.0
		for k := range weights {
			weights[k] = math.Exp(disp * w.rngWorld.NormFloat64())
			sum += weights[k]
		}
		for k := range weights {
			name := r.Name
			if r.Products > 1 {
				name = fmt.Sprintf("%s_%03d", r.Name, k+1)
			}
			w.products = append(w.products, agents.Product{
				Name: name, Rung: ri, Sector: si, Available: r.Available,
				Complexity: r.Complexity, Market: r.Market * w.scale * weights[k] / sum, BaseYear: w.cfg.Start.Year(),
				Growth: r.Growth, Capital: r.Capital, Tradition: r.Tradition * weights[k] / sum,
				Promoted: r.Promoted,
			})
		}
	}
	n := len(w.products)
	w.market.volume = make([]float64, n)
	w.market.export = make([]float64, n)
	w.market.share = make([]float64, n)
	w.market.exportShr = make([]float64, n)
	w.market.price = make([]float64, n)
	w.market.xprice = make([]float64, n)
	w.market.producers = make([]int32, n)
	cum := 0.0
	w.tradition = make([]float64, n)
	w.mantangProduct = -1
	for i, pr := range w.products {
		cum += pr.Tradition
		w.tradition[i] = cum
		if w.mantangProduct < 0 && w.sectors[pr.Sector] == "scales" {
			w.mantangProduct = i
		}
	}
}

// traditionalProduct draws a craft product in proportion to its weight in
// 1978 (farm tools, scales, pots and knives).
func (w *world) traditionalProduct(r *rand.Rand) int {
	total := w.tradition[len(w.tradition)-1]
	if total <= 0 {
		return -1
	}
	u := r.Float64() * total
	lo, hi := 0, len(w.tradition)-1
	for lo < hi {
		mid := (lo + hi) / 2
		if w.tradition[mid] > u {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

func (w *world) scaledCount(n int) int { return max(1, int(math.Round(float64(n)*w.scale))) }

func (w *world) buildVillages() {
	vp := &w.p.Villages
	nv := w.scaledCount(vp.Villages)
	w.townships = w.scaledCount(vp.Townships)
	w.villages = make([]agents.Village, nv)
	for v := range w.villages {
		w.villages[v] = agents.Village{Township: int32(v % w.townships), Stance: agents.Tolerate, Modal: -1, Posts: int32(vp.PostsPerVillage)}
	}
	w.villages[0].Stance = agents.Tolerate // Mantang: its stance follows the timeline
	w.villProd = make([]int32, nv*len(w.products))
}

func (w *world) buildHouseholds() {
	hp := &w.p.Households
	n := int(math.Round(float64(w.cfg.Households) * w.scale))
	mantang := max(1, int(math.Round(float64(w.p.Villages.MantangHouseholds)*w.scale)))
	n = max(n, mantang+len(w.villages))
	w.households = make([]agents.Household, 0, int(float64(n)*1.5))
	r := w.rngHouse
	for i := range n {
		v := int32(0) // the first households are Mantang's
		if i >= mantang && len(w.villages) > 1 {
			v = int32(1 + (i-mantang)%(len(w.villages)-1))
		}
		h := agents.Household{Village: v, Workers: float32(hp.WorkersPerHousehold), Known: -1, Firm: -1,
			Savings: hp.InitialSavings * math.Exp(hp.SavingsSpread*r.NormFloat64()-hp.SavingsSpread*hp.SavingsSpread/2)}
		if v == 0 && r.Float64() < w.p.Villages.MantangTradition && w.mantangProduct >= 0 {
			h.Known = int16(w.mantangProduct)
		} else if r.Float64() < hp.TraditionKnowledge {
			h.Known = int16(w.traditionalProduct(r))
		}
		if r.Float64() < hp.PeddleShare1978 {
			h.Activity = agents.Peddling
		}
		w.addHousehold(h)
	}
}

func (w *world) addHousehold(h agents.Household) int32 {
	id := int32(len(w.households))
	a := h.Activity
	h.Activity = agents.Left
	w.households = append(w.households, h)
	w.setActivity(id, a)
	v := &w.villages[h.Village]
	v.Households = append(v.Households, id)
	return id
}

// setActivity changes a household's activity and keeps the county's
// counts of farming and peddling workers, which the labour market reads.
func (w *world) setActivity(id int32, a agents.Activity) {
	h := &w.households[id]
	w.labour.workers[h.Activity] -= float64(h.Workers)
	h.Activity = a
	w.labour.workers[a] += float64(h.Workers)
}

// buildCollectives creates the collective workshops of 1978 (shedui qiye,
// "approximately 1,000 of them in Yongkang"), split between townships and
// villages.
func (w *world) buildCollectives() {
	n := int(math.Round(float64(w.cfg.Collectives) * w.scale))
	r := w.rngFirm
	for range n {
		form := agents.VillageCollective
		if r.Float64() < w.cfg.TownshipCollectiveShare {
			form = agents.TownshipCollective
		}
		w.newCollective(form, int32(r.IntN(len(w.villages))))
	}
}

func (w *world) newCollective(form agents.LegalForm, village int32) *agents.Firm {
	fp := &w.p.Firms
	r := w.rngFirm
	size := fp.VillageCollectiveSize
	if form == agents.TownshipCollective {
		size = fp.TownshipCollectiveSize
	}
	prod := w.traditionalProduct(r)
	if prod < 0 {
		prod = 0
	}
	f := w.newFirm(form, int16(prod), village, -1)
	s := fp.CollectiveSizeSpread
	f.SetEmployees(fp, math.Max(2, size*math.Exp(s*r.NormFloat64()-s*s/2)))
	f.Quality = math.Exp(fp.QualityDispersion * r.NormFloat64())
	return f
}

// newFirm appends a firm and returns a pointer valid until the next append.
func (w *world) newFirm(form agents.LegalForm, product int16, village, owner int32) *agents.Firm {
	id := int32(len(w.firms))
	w.firms = append(w.firms, agents.Firm{
		ID: id, Form: form, Product: product, Village: village, Location: agents.VillageSite,
		Estate: -1, Owner: owner, Lead: -1, Born: int32(w.month), Quality: 1, Designs: 1, Alive: true,
	})
	w.active = append(w.active, id)
	if owner >= 0 {
		w.countWorkshop(village, int(product), +1)
	}
	return &w.firms[id]
}

// countWorkshop keeps the per-village product counts that imitation and
// specialisation read.
func (w *world) countWorkshop(village int32, product, delta int) {
	np := len(w.products)
	w.villProd[int(village)*np+product] += int32(delta)
	v := &w.villages[village]
	v.Workshops += int32(delta)
	if delta > 0 {
		if v.Modal < 0 || w.villProd[int(village)*np+product] > w.villProd[int(village)*np+int(v.Modal)] {
			v.Modal = int16(product)
		}
	} else if int(v.Modal) == product {
		w.recomputeModal(village)
	}
}

func (w *world) recomputeModal(village int32) {
	np := len(w.products)
	row := w.villProd[int(village)*np : (int(village)+1)*np]
	best, bestN := -1, int32(0)
	for p, c := range row {
		if c > bestN {
			best, bestN = p, c
		}
	}
	w.villages[village].Modal = int16(best)
}

// modalShare is the share of a village's workshops making its main product.
// countWorkshop keeps Modal the most common product at every change, so
// this is also the largest product's share; reading it changes nothing.
func (w *world) modalShare(village int32) float64 {
	v := &w.villages[village]
	if v.Modal < 0 || v.Workshops <= 0 {
		return 0
	}
	return float64(w.villProd[int(village)*len(w.products)+int(v.Modal)]) / float64(v.Workshops)
}

func (w *world) fracYear() float64 {
	return float64(w.month.Year()) + float64(w.month.MonthOfYear()-1)/12
}
