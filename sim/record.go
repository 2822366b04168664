package sim

import (
	"cmp"
	"math"
	"slices"

	"clustersim/agents"
)

// recorder builds the Results year by year: it is the engine's observer
// of the yearly record point.
type recorder struct {
	RecordState
	index map[string]int // lookup only; never iterated
	row   []float64      // values of the year being recorded
	made  []bool         // by design number: made by a firm in Yongkang this year (varieties)
}

// RecordState is the history a recorder keeps: part of a run's State.
type RecordState struct {
	Names    []string    // county series, in the order they were added
	Values   [][]float64 // Values[i] is series Names[i], one value per year of Years
	Years    []int
	Products []ProductYear
	Firms    []FirmSnapshot
}

func (rc *recorder) init(v *View) {
	rc.index = map[string]int{}
	for _, d := range Catalogue {
		rc.add(d.Name)
	}
	for _, s := range v.Sectors() {
		rc.add("firms_sector." + s)
		rc.add("output_sector." + s)
	}
	for _, s := range v.Config().Figures.LargeFirmSectors {
		if _, dup := rc.index["large_firms."+s]; !dup {
			rc.add("large_firms." + s)
		}
	}
}

func (rc *recorder) add(name string) {
	rc.index[name] = len(rc.Names)
	rc.Names = append(rc.Names, name)
	rc.Values = append(rc.Values, nil)
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
func (rc *recorder) record(v *View) {
	year := v.Month.Year()
	rc.row = make([]float64, len(rc.Names))
	s := v.Scale()
	count := func(name string, n float64) { rc.set(name, n/s) }
	fp := &v.Params().Firms

	var byForm [agents.NumForms]float64
	sectorFirms := make([]float64, len(v.Sectors()))
	sectorOutput := make([]float64, len(v.Sectors()))
	productOutput := make([]float64, len(v.Products))
	productFirms := make([]int, len(v.Products))
	var total, registered, village, estate, outside, office, exporters, subs, suppliers, assisted float64
	var employment, migrantsEmployed, workshopLabour, output, varieties, stock, debt, heavyHouseholdFirms float64
	rc.made = slices.Grow(rc.made[:0], int(v.NextDesign))[:v.NextDesign]
	clear(rc.made)
	var largest *agents.Firm
	large := make([]float64, len(v.Sectors())) // firms of the large-firm size, by sector
	for i := range v.Firms {
		f := &v.Firms[i]
		if !f.Location.InYongkang() {
			outside++
			if f.Office {
				office++
			}
			continue
		}
		total++
		byForm[f.Form]++
		pr := &v.Products[f.Product]
		sectorFirms[pr.Sector]++
		sectorOutput[pr.Sector] += f.YearSales
		productOutput[f.Product] += f.YearSales
		productFirms[f.Product]++
		output += f.YearSales
		stock += f.Stock
		debt += max(0, -f.Capital)
		if pr.Elasticity > 0 && (f.Form == agents.Getihu || f.Form == agents.Underground) {
			heavyHouseholdFirms++
		}
		employment += f.Employees
		workshopLabour += f.Family
		if f.Design >= 0 && int(f.Design) < len(rc.made) && !rc.made[f.Design] {
			rc.made[f.Design] = true
			varieties++
		}
		if f.Form.Enterprise() {
			registered++
			if f.Lead >= 0 {
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
		if f.Assisted {
			assisted++
		}
		if f.Lead >= 0 {
			subs++
		}
		if largest == nil || f.Employees > largest.Employees {
			largest = f
		}
		if f.Employees >= float64(fp.LargeFirmMinEmployees) {
			large[pr.Sector]++
		}
	}
	hired := employment - workshopLabour
	if hired > 0 {
		migrantsEmployed = min(hired, v.Labour.MigrantWorkers)
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
	count("firms_left", float64(v.Acc.Left))
	rc.cumulative(v, "firms_moved_yongwujin", float64(v.Acc.MovedYongwujin)/s)
	count("entries", float64(v.Acc.Entries))
	count("spinoffs", float64(v.Acc.Spinoffs))
	count("exits", float64(v.Acc.Exits))
	count("exporters", exporters)
	if v.InForce(InnovationCentre) {
		count("firms_assisted", assisted)
	}
	count("subcontractors", subs)
	count("suppliers_distributors", suppliers)
	count("employment", employment)
	count("employment_migrants", migrantsEmployed)
	rc.set("output_yuan", output/s)
	rc.set("price_index", v.Market.PriceLevel)
	rc.set("capital_stock", stock*v.Market.PriceLevel/s)
	rc.set("firm_debt", debt/s)
	count("getihu_capital_rungs", heavyHouseholdFirms)
	count("varieties", varieties)
	for i, name := range v.Sectors() {
		count("firms_sector."+name, sectorFirms[i])
		rc.set("output_sector."+name, sectorOutput[i]/s)
	}
	for _, name := range v.Config().Figures.LargeFirmSectors {
		n := 0.0
		if i := slices.Index(v.Sectors(), name); i >= 0 {
			n = large[i]
		}
		count("large_firms."+name, n)
	}
	if largest != nil {
		rc.set("largest_firm_employees", largest.Employees)
		rc.set("largest_firm_output", largest.YearSales)
	}

	rc.recordPeople(v, workshopLabour)
	rc.recordLand(v)
	rc.recordVillages(v)
	rc.recordMarkets(v, year, productOutput, productFirms, sectorOutput, output)

	rc.Years = append(rc.Years, year)
	for i, v := range rc.row {
		rc.Values[i] = append(rc.Values[i], v)
	}
}

// cumulative sets a series to its previous value plus this year's flow.
func (rc *recorder) cumulative(v *View, name string, flow float64) {
	prev := 0.0
	if vals := rc.Values[rc.index[name]]; len(vals) > 0 {
		prev = vals[len(vals)-1]
	}
	rc.set(name, prev+flow)
}

func (rc *recorder) recordPeople(v *View, workshopLabour float64) {
	s := v.Scale()
	hp := &v.Params().Households
	var farm, peddle, alive float64
	for i := range v.Households {
		h := &v.Households[i]
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
	migrants := v.Labour.MigrantWorkers * (1 + v.Params().Labour.MigrantDependants)
	rc.set("households", alive/s)
	rc.set("population_natives", natives/s)
	rc.set("migrants", migrants/s)
	rc.set("population", (natives+migrants)/s)
	rc.set("labour_farming", max(0, farm-v.Labour.NativeWage)/s)
	rc.set("labour_peddling", peddle/s)
	rc.set("labour_workshop", workshopLabour/s)
	rc.set("labour_wage", v.Labour.NativeWage/s)
	rc.set("labour_left", v.Labour.LeftWorkers/s)
	rc.set("taxes_township", v.Acc.Taxes.Township/s)
	rc.set("taxes_village", v.Acc.Taxes.Village/s)
	rc.set("taxes_state", v.Acc.Taxes.State/s)
	rc.set("taxes_city", v.Acc.Taxes.City/s)
}

func (rc *recorder) recordLand(v *View) {
	rc.set("land_price", v.Land.Price)
	rc.set("land_demand", v.Land.Demand/v.Scale())
	rc.set("land_demand_ranked", v.Land.DemandRanked/v.Scale())
	rc.set("land_allocated", v.Land.Allocated/v.Scale())
	rc.set("land_allocated_ranked", v.Land.AllocatedRanked/v.Scale())
	capacity, used := 0.0, 0.0
	for _, e := range v.Estates {
		if e.Open <= v.Month {
			capacity += e.Capacity
			used += e.Used
		}
	}
	if capacity > 0 {
		rc.set("estate_occupancy", used/capacity)
	}
}

func (rc *recorder) recordVillages(v *View) {
	vp := &v.Params().Villages
	specialised, posts, business := 0.0, 0.0, 0.0
	covered, repressing, arrests, budgets, developed := 0.0, 0.0, 0.0, 0.0, 0.0
	for i := range v.Villages {
		vil := &v.Villages[i]
		if vil.Covers() {
			covered++
		}
		if vil.Stance == agents.Repress {
			repressing++
		}
		arrests += vil.Arrests
		budgets += vil.Budget
		developed += vil.Developed
		if int(vil.Workshops) >= vp.SpecialisedMinWorkshops && v.ModalShare(int32(i)) >= vp.SpecialisedShare {
			specialised++
		}
		posts += float64(vil.Posts)
		business += float64(vil.Businessmen)
	}
	rc.set("specialised_villages", specialised/v.Scale())
	rc.set("villages_covered", covered/v.Scale())
	rc.set("villages_repressing", repressing/v.Scale())
	rc.set("arrests", arrests/v.Scale())
	rc.set("budgets_villages", budgets/v.Scale())
	townships := 0.0
	for t := range v.Townships {
		townships += v.Townships[t].Budget
	}
	rc.set("budgets_townships", townships/v.Scale())
	rc.set("advances", v.Acc.Advances/v.Scale())
	rc.set("land_development", v.Acc.Development/v.Scale())
	rc.set("sites_developed", developed/float64(max(1, len(v.Villages))))
	rc.set("collectives_founded", float64(v.Acc.CollectivesFounded)/v.Scale())
	rc.set("collectives_closed", float64(v.Acc.CollectivesClosed)/v.Scale())
	if posts > 0 {
		rc.set("businessmen_posts_share", business/posts)
	}
	rc.recordMantang(v)
}

// recordMantang records the series of the village the scenario names
// Mantang; they are NaN (empty) in a county without one.
func (rc *recorder) recordMantang(v *View) {
	mantang := []string{"mantang_households", "mantang_workshops", "mantang_workshops_per_183", "mantang_registered_per_183", "mantang_arrests", "mantang_compromise", "mantang_scale_share"}
	mi := v.Mantang()
	if mi < 0 {
		for _, name := range mantang {
			rc.set(name, math.NaN())
		}
		return
	}
	m := &v.Villages[mi]
	nh := float64(len(m.Households))
	craftShare := 0.0
	if m.Workshops > 0 {
		np := len(v.Products)
		n := 0.0
		for p := range v.Products {
			if v.Sectors()[v.Products[p].Sector] == v.Config().Mantang.CraftSector {
				n += float64(v.VillProd[p+mi*np])
			}
		}
		craftShare = n / float64(m.Workshops)
	}
	rc.set("mantang_households", nh/v.Scale())
	rc.set("mantang_workshops", float64(m.Workshops)/v.Scale())
	if nh > 0 {
		// per the article's base: "170 of the 183 households"
		rc.set("mantang_workshops_per_183", float64(m.Workshops)/nh*float64(v.Config().Mantang.Households))
	}
	rc.set("mantang_arrests", m.Arrests/v.Scale())
	rc.set("mantang_scale_share", craftShare)
	registered := 0.0
	for i := range v.Firms {
		if f := &v.Firms[i]; f.Alive && f.Owner >= 0 && int(f.Village) == mi && f.Location.InYongkang() && f.Form.Registered() {
			registered++
		}
	}
	if nh > 0 {
		rc.set("mantang_registered_per_183", registered/nh*float64(v.Config().Mantang.Households))
	}
	compromise := math.NaN() // not yet
	if m.CoverSince > 0 {
		c := Month(m.CoverSince)
		compromise = float64(c.Year()) + float64(c.MonthOfYear()-1)/12
	}
	rc.set("mantang_compromise", compromise)
}

func (rc *recorder) recordMarkets(v *View, year int, productOutput []float64, productFirms []int, sectorOutput []float64, output float64) {
	mp := &v.Params().Markets
	third := 0.0
	doors := 0.0
	for p := range v.Products {
		pr := &v.Products[p]
		if pr.Available > year {
			continue
		}
		share := v.Market.Share[p]
		if share >= mp.ShareThreshold {
			third++
		}
		if v.Config().Ladder[pr.Rung].Name == v.Config().Figures.DoorsRung {
			doors = max(doors, share)
		}
		rc.Products = append(rc.Products, ProductYear{
			Year: year, Product: pr.Name, Sector: v.Sectors()[pr.Sector], Producers: int(math.Round(float64(productFirms[p]) / v.Scale())),
			OutputYuan: productOutput[p] / v.Scale(), Price: v.Market.Price[p], NationalShare: share,
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

// Observe records the year at the record point of December.
func (rc *recorder) Observe(at Point, v *View) {
	if at == YearRecord {
		rc.record(v)
	}
}

// firmRecorder keeps the yearly snapshot of every living firm, in the
// history of the run's recorder.
type firmRecorder struct{ rc *RecordState }

// Observe takes the snapshot at the record point of December.
func (fr firmRecorder) Observe(at Point, v *View) {
	if at == YearRecord {
		fr.rc.recordFirms(v, v.Month.Year())
	}
}

func (rc *RecordState) recordFirms(v *View, year int) {
	if cap(rc.Firms)-len(rc.Firms) < len(v.Firms) {
		// Grow once for the years left, not year by year.
		left := v.Config().End.Year() - year + 1
		grown := make([]FirmSnapshot, len(rc.Firms), len(rc.Firms)+len(v.Firms)*left*5/4)
		copy(grown, rc.Firms)
		rc.Firms = grown
	}
	for i := range v.Firms {
		f := &v.Firms[i]
		rc.Firms = append(rc.Firms, FirmSnapshot{
			Year: int16(year), Form: uint8(f.Form), FirmID: f.ID, Product: f.Product,
			Location: v.LocationIndex(f), Employees: int32(math.Round(f.Employees)),
			AgeMonths: int32(v.Month) - f.Born + 1, OutputYuan: f.YearSales,
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
	for _, d := range w.cfg.Destinations {
		names = append(names, d.Name)
	}
	return names
}

func (w *world) locationIndex(f *agents.Firm) int16 {
	switch f.Location {
	case agents.VillageSite:
		return 0
	case agents.EstateSite:
		return 1 + f.Estate
	default:
		return int16(len(w.cfg.Estates)) + int16(f.Location.Destination()) + 1
	}
}

// results assembles the Results, series sorted by name.
func (rc *recorder) results() []Series {
	out := make([]Series, len(rc.Names))
	for i, n := range rc.Names {
		out[i] = Series{Name: n, Values: rc.Values[i]}
	}
	slices.SortFunc(out, func(a, b Series) int { return cmp.Compare(a.Name, b.Name) })
	return out
}
