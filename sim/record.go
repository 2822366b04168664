package sim

import (
	"cmp"
	"math"
	"slices"

	"clustersim/agents"
)

// recorder builds the Results year by year.
type recorder struct {
	names    []string
	index    map[string]int // lookup only; never iterated
	values   [][]float64
	years    []int
	products []ProductYear
	firms    []FirmSnapshot
	row      []float64 // values of the year being recorded
}

func (rc *recorder) init(w *world) {
	rc.index = map[string]int{}
	for _, d := range Catalogue {
		rc.add(d.Name)
	}
	for _, s := range w.sectors {
		rc.add("firms_sector." + s)
		rc.add("output_sector." + s)
	}
}

func (rc *recorder) add(name string) {
	rc.index[name] = len(rc.names)
	rc.names = append(rc.names, name)
	rc.values = append(rc.values, nil)
}

func (rc *recorder) set(name string, v float64) {
	i, ok := rc.index[name]
	if !ok {
		panic("sim: series not in the catalogue: " + name)
	}
	rc.row[i] = v
}

// record computes every series of the year. Counts are divided by the
// scale so that a scaled run reports county-sized figures.
func (rc *recorder) record(w *world) {
	year := w.month.Year()
	rc.row = make([]float64, len(rc.names))
	s := w.scale
	count := func(name string, n float64) { rc.set(name, n/s) }
	fp := &w.p.Firms

	var byForm [agents.NumForms]float64
	sectorFirms := make([]float64, len(w.sectors))
	sectorOutput := make([]float64, len(w.sectors))
	productOutput := make([]float64, len(w.products))
	productFirms := make([]int, len(w.products))
	var total, registered, village, estate, outside, office, exporters, subs, suppliers float64
	var employment, migrantsEmployed, workshopLabour, output, varieties float64
	var largest *agents.Firm
	large := map[string]float64{} // lookup by sector name; read below in a fixed order
	for _, id := range w.active {
		f := &w.firms[id]
		if !f.Location.InYongkang() {
			outside++
			if f.Office {
				office++
			}
			continue
		}
		total++
		byForm[f.Form]++
		pr := &w.products[f.Product]
		sectorFirms[pr.Sector]++
		sectorOutput[pr.Sector] += f.YearSales
		productOutput[f.Product] += f.YearSales
		productFirms[f.Product]++
		output += f.YearSales
		employment += f.Employees
		workshopLabour += f.Family
		varieties += float64(f.Designs)
		if f.Form.Enterprise() {
			registered++
			if !f.Exporter {
				suppliers++
			}
		}
		if f.Location == agents.VillageSite {
			village++
		} else {
			estate++
		}
		if f.Exporter {
			exporters++
		}
		if f.Lead >= 0 {
			subs++
		}
		if largest == nil || f.Employees > largest.Employees {
			largest = f
		}
		if f.Employees >= float64(fp.LargeFirmMinEmployees) {
			large[w.sectors[pr.Sector]]++
		}
	}
	hired := employment - workshopLabour
	if hired > 0 {
		migrantsEmployed = math.Min(hired, w.labour.migrantWorkers)
	}
	forms := []struct {
		name string
		form agents.LegalForm
	}{
		{"firms_township", agents.TownshipCollective}, {"firms_village", agents.VillageCollective},
		{"firms_getihu", agents.Getihu}, {"firms_red_hat", agents.RedHat}, {"firms_private", agents.Private},
		{"firms_shareholding_coop", agents.ShareholdingCoop}, {"firms_company", agents.Company},
		{"firms_group", agents.Group}, {"firms_underground", agents.Underground},
	}
	for _, f := range forms {
		count(f.name, byForm[f.form])
	}
	count("firms_collective", byForm[agents.TownshipCollective]+byForm[agents.VillageCollective])
	count("firms_private_registered", registered)
	count("firms_total", total)
	count("firms_location_village", village)
	count("firms_location_estate", estate)
	count("estate_firms", estate)
	count("firms_elsewhere_total", outside)
	count("firms_registered_office", office)
	count("firms_left", float64(w.acc.left))
	rc.cumulative(w, "firms_moved_yongwujin", float64(w.acc.movedYongwujin)/s)
	count("entries", float64(w.acc.entries))
	count("spinoffs", float64(w.acc.spinoffs))
	count("exits", float64(w.acc.exits))
	count("exporters", exporters)
	count("subcontractors", subs)
	count("suppliers_distributors", suppliers)
	count("employment", employment)
	count("employment_migrants", migrantsEmployed)
	rc.set("output_yuan", output/s)
	rc.set("price_index", w.market.priceLevel)
	count("varieties", varieties)
	for i, name := range w.sectors {
		count("firms_sector."+name, sectorFirms[i])
		rc.set("output_sector."+name, sectorOutput[i]/s)
	}
	for _, name := range []string{"electric_tools", "casting_sheet_metal", "appliances", "steel"} {
		count("large_firms."+name, large[name])
	}
	if largest != nil {
		rc.set("largest_firm_employees", largest.Employees)
		rc.set("largest_firm_output", largest.YearSales)
	}

	rc.recordPeople(w, workshopLabour)
	rc.recordLand(w)
	rc.recordVillages(w)
	rc.recordMarkets(w, year, productOutput, productFirms, sectorOutput, output)
	rc.recordSnapshot(w, year)

	rc.years = append(rc.years, year)
	for i, v := range rc.row {
		rc.values[i] = append(rc.values[i], v)
	}
}

// cumulative sets a series to its previous value plus this year's flow.
func (rc *recorder) cumulative(w *world, name string, flow float64) {
	prev := 0.0
	if vals := rc.values[rc.index[name]]; len(vals) > 0 {
		prev = vals[len(vals)-1]
	}
	rc.set(name, prev+flow)
}

func (rc *recorder) recordPeople(w *world, workshopLabour float64) {
	s := w.scale
	hp := &w.p.Households
	var farm, peddle, alive float64
	for i := range w.households {
		h := &w.households[i]
		switch h.Activity {
		case agents.Farming:
			farm += float64(h.Workers)
		case agents.Peddling:
			peddle += float64(h.Workers)
		}
		if h.Activity != agents.Left {
			alive++
		}
	}
	natives := alive * hp.PersonsPerHousehold
	migrants := w.labour.migrantWorkers * (1 + w.p.Labour.MigrantDependants)
	rc.set("households", alive/s)
	rc.set("population_natives", natives/s)
	rc.set("migrants", migrants/s)
	rc.set("population", (natives+migrants)/s)
	rc.set("labour_farming", math.Max(0, farm-w.labour.nativeWage)/s)
	rc.set("labour_peddling", peddle/s)
	rc.set("labour_workshop", workshopLabour/s)
	rc.set("labour_wage", w.labour.nativeWage/s)
	rc.set("labour_left", w.labour.leftWorkers/s)
	rc.set("taxes_township", w.acc.taxes.Township/s)
	rc.set("taxes_village", w.acc.taxes.Village/s)
	rc.set("taxes_state", w.acc.taxes.State/s)
	rc.set("taxes_city", w.acc.taxes.City/s)
}

func (rc *recorder) recordLand(w *world) {
	rc.set("land_price", w.land.price)
	capacity, used := 0.0, 0.0
	for _, e := range w.estates {
		if e.open <= w.month {
			capacity += e.capacity
			used += e.used
		}
	}
	if capacity > 0 {
		rc.set("estate_occupancy", used/capacity)
	}
}

func (rc *recorder) recordVillages(w *world) {
	vp := &w.p.Villages
	specialised, posts, business := 0.0, 0.0, 0.0
	for v := range w.villages {
		vil := &w.villages[v]
		if int(vil.Workshops) >= vp.SpecialisedMinWorkshops && w.modalShare(int32(v)) >= vp.SpecialisedShare {
			specialised++
		}
		posts += float64(vil.Posts)
		business += float64(vil.Businessmen)
	}
	rc.set("specialised_villages", specialised/w.scale)
	if posts > 0 {
		rc.set("businessmen_posts_share", business/posts)
	}
	// Mantang is village 0.
	m := &w.villages[0]
	nh := float64(len(m.Households))
	scaleShare := 0.0
	if m.Workshops > 0 {
		np := len(w.products)
		n := 0.0
		for p := range w.products {
			if w.sectors[w.products[p].Sector] == "scales" {
				n += float64(w.villProd[p+0*np])
			}
		}
		scaleShare = n / float64(m.Workshops)
	}
	rc.set("mantang_households", nh/w.scale)
	rc.set("mantang_workshops", float64(m.Workshops)/w.scale)
	if nh > 0 {
		rc.set("mantang_workshops_per_183", float64(m.Workshops)/nh*183)
	}
	rc.cumulative(w, "mantang_arrests", w.acc.arrests/w.scale)
	rc.set("mantang_scale_share", scaleShare)
}

func (rc *recorder) recordMarkets(w *world, year int, productOutput []float64, productFirms []int, sectorOutput []float64, output float64) {
	mp := &w.p.Markets
	third := 0.0
	doors := 0.0
	for p := range w.products {
		pr := &w.products[p]
		if pr.Available > year {
			continue
		}
		share := w.market.share[p]
		if share >= mp.ShareThreshold {
			third++
		}
		if w.sectors[pr.Sector] == "locks_doors" && w.cfg.Ladder[pr.Rung].Name == "security_doors" {
			doors = math.Max(doors, share)
		}
		rc.products = append(rc.products, ProductYear{
			Year: year, Product: pr.Name, Sector: w.sectors[pr.Sector], Producers: int(math.Round(float64(productFirms[p]) / w.scale)),
			OutputYuan: productOutput[p] / w.scale, Price: w.market.price[p], NationalShare: share,
		})
	}
	rc.set("products_third_share", third)
	rc.set("doors_national_share", doors)
	structuring := 0.0
	for _, so := range sectorOutput {
		if output > 0 && so/output >= mp.SectorStructuringShare {
			structuring++
		}
	}
	rc.set("sectors_structuring", structuring)
}

func (rc *recorder) recordSnapshot(w *world, year int) {
	if cap(rc.firms)-len(rc.firms) < len(w.active) {
		// Grow once for the years left, not year by year.
		left := w.cfg.End.Year() - year + 1
		grown := make([]FirmSnapshot, len(rc.firms), len(rc.firms)+len(w.active)*left*5/4)
		copy(grown, rc.firms)
		rc.firms = grown
	}
	for _, id := range w.active {
		f := &w.firms[id]
		rc.firms = append(rc.firms, FirmSnapshot{
			Year: int16(year), Form: uint8(f.Form), FirmID: f.ID, Product: f.Product,
			Location: w.locationIndex(f), Employees: int32(math.Round(f.Employees)),
			AgeMonths: int32(w.month) - f.Born + 1, OutputYuan: f.YearSales,
		})
	}
}

// locationNames lists the places of firms: village sites, each estate,
// then the places outside the county.
func (w *world) locationNames() []string {
	names := []string{agents.VillageSite.String()}
	for _, e := range w.cfg.Estates {
		names = append(names, e.Name)
	}
	return append(names, agents.Wuyi.String(), agents.Jinyun.String(), agents.Elsewhere.String())
}

func (w *world) locationIndex(f *agents.Firm) int16 {
	switch f.Location {
	case agents.VillageSite:
		return 0
	case agents.EstateSite:
		return 1 + f.Estate
	default:
		return int16(len(w.cfg.Estates)) + int16(f.Location-agents.Wuyi) + 1
	}
}

// results assembles the Results, series sorted by name.
func (rc *recorder) results() []Series {
	out := make([]Series, len(rc.names))
	for i, n := range rc.names {
		out[i] = Series{Name: n, Values: rc.values[i]}
	}
	slices.SortFunc(out, func(a, b Series) int { return cmp.Compare(a.Name, b.Name) })
	return out
}
