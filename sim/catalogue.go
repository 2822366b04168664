package sim

import "strings"

// SeriesDoc documents one county series of series.csv.
type SeriesDoc struct {
	Name string
	Unit string
	Doc  string
}

// Catalogue lists the fixed county series a run writes, in the order of the
// README; Families lists those named after the scenario's sectors.
var Catalogue = []SeriesDoc{
	{"firms_township", "firms", "township (commune) collective firms in Yongkang, in December"},
	{"firms_village", "firms", "village collective firms"},
	{"firms_getihu", "firms", "individual businesses (getihu), of at most the getihu cap of employees"},
	{"firms_red_hat", "firms", "confederated / red-hat firms: private workshops registered under a collective's name"},
	{"firms_private", "firms", "private enterprises (siying qiye)"},
	{"firms_shareholding_coop", "firms", "shareholding cooperatives (former collectives, from 1994)"},
	{"firms_company", "firms", "limited liability or shareholding companies"},
	{"firms_group", "firms", "industrial groups"},
	{"firms_underground", "firms", "unregistered household workshops (before legal cover)"},
	{"firms_collective", "firms", "township plus village collective firms"},
	{"firms_private_registered", "firms", "private enterprises in the statistical sense, located in Yongkang: registered non-collective firms other than getihu (red hat, private, shareholding cooperative, company, group)"},
	{"firms_total", "firms", "all firms producing in Yongkang, every legal form"},
	{"firms_location_village", "firms", "firms on village sites"},
	{"firms_location_estate", "firms", "firms in Yongkang's industrial estates"},
	{"firms_elsewhere_total", "firms", "Yongkang firms that moved out and still produce in Wuyi, Jinyun or elsewhere in China (current stock)"},
	{"firms_left", "firms/year", "firms that left Yongkang during the year"},
	{"firms_moved_yongwujin", "firms", "Yongkang firms that set up in the four areas of the Yongwujin cluster since its event (cumulative): moved to Wuyi or Jinyun, or given a first plot in its two estates inside Yongkang (ODD 2.6)"},
	{"firms_registered_office", "firms", "firms producing outside Yongkang that keep their registered office (and taxes) in Yongkang"},
	{"entries", "firms/year", "firms founded during the year"},
	{"spinoffs", "firms/year", "firms founded by employees or managers of another firm during the year"},
	{"exits", "firms/year", "firms that closed during the year"},
	{"employment", "persons", "employees of firms in Yongkang (owners' family labour included)"},
	{"employment_migrants", "persons", "employees of firms who are migrant workers"},
	{"labour_farming", "persons", "native workers farming"},
	{"labour_peddling", "persons", "native workers peddling or scrap trading"},
	{"labour_workshop", "persons", "native workers running their own workshop or firm"},
	{"labour_wage", "persons", "native workers employed for a wage"},
	{"labour_left", "persons", "native workers who left the county (cumulative)"},
	{"households", "households", "native households"},
	{"population", "persons", "residents: natives plus migrants and their dependants"},
	{"population_natives", "persons", "native residents"},
	{"migrants", "persons", "migrant residents (workers and dependants)"},
	{"output_yuan", "yuan (current)", "sales of firms producing in Yongkang"},
	{"price_index", "1978=1", "consumer price level used to express current yuan"},
	{"capital_stock", "yuan (current)", "equipment of the firms producing in Yongkang, at the price level (ODD 7.24)"},
	{"firm_debt", "yuan (current)", "debts of the firms producing in Yongkang: cash below zero, bank credit and unpaid losses (ODD 7.24)"},
	{"getihu_capital_rungs", "firms", "getihu and secret workshops making a product of a rung whose equipment adds to output (returns above labour's elasticity: casting, appliances, doors, vehicles, steel, tools, electric vehicles; ODD 7.24)"},
	{"land_price", "yuan/m2 (current)", "price of industrial land in Yongkang's estates"},
	{"estate_occupancy", "share", "occupied share of open estate capacity"},
	{"land_demand", "m2/year", "estate land asked for during the year: each month, a twelfth of what each firm waiting for land needs"},
	{"land_demand_ranked", "m2/year", "the part of land_demand asked by firms in the tax ranking"},
	{"land_allocated", "m2/year", "estate land given to firms waiting for land during the year"},
	{"land_allocated_ranked", "m2/year", "the part of land_allocated given to firms in the tax ranking"},
	{"estate_firms", "firms", "firms hosted in industrial estates"},
	{"exporters", "firms", "firms selling outside China"},
	{"firms_assisted", "firms", "firms the Innovation and Service Centre helped during the year (still producing in Yongkang in December; ODD 7.18)"},
	{"subcontractors", "firms", "firms of any form that sell to a buyer in Yongkang rather than to the market (ODD 7.12.2)"},
	{"suppliers_distributors", "firms", "private registered firms (as firms_private_registered) that sell to a buyer in Yongkang: the article's subcontractors and suppliers, counted from the links (distributors are not modelled)"},
	{"specialised_villages", "villages", "villages with at least the minimum of workshops, most of which make one product"},
	{"villages_covered", "villages", "villages that have taken up the compromise: they cover and encourage workshops (the confederation's adopters)"},
	{"villages_repressing", "villages", "villages whose cadres repress private workshops, in December"},
	{"arrests", "persons", "villagers arrested in raids on secret workshops, county-wide (cumulative)"},
	{"budgets_villages", "yuan (current)", "what the village governments hold, in December"},
	{"budgets_townships", "yuan (current)", "what the township governments hold, in December"},
	{"advances", "yuan (current)", "start-up capital advanced by encouraging villages to new workshops during the year"},
	{"land_development", "yuan (current)", "spent by villages during the year widening their sites for firms (ODD 7.7.5)"},
	{"sites_developed", "share of village_site_cap", "mean over villages of how far they have widened their firms' sites"},
	{"collectives_founded", "firms/year", "collectives founded by townships and villages during the year"},
	{"collectives_closed", "firms/year", "collectives closed during the year because their owner could not pay their losses"},
	{"businessmen_posts_share", "share", "village posts held by businessmen after the latest election"},
	{"taxes_township", "yuan (current)", "fees and remittances to townships (communes) during the year"},
	{"taxes_village", "yuan (current)", "fees, remittances and local taxes (of the firms on their sites) to villages during the year"},
	{"taxes_state", "yuan (current)", "taxes to the state during the year"},
	{"taxes_city", "yuan (current)", "taxes to the city of Yongkang during the year"},
	{"mantang_households", "households", "households in Mantang"},
	{"mantang_workshops", "households", "Mantang households running a workshop"},
	{"mantang_workshops_per_183", "households", "Mantang households running a workshop, per 183 households (the article's base)"},
	{"mantang_registered_per_183", "households", "Mantang households running a registered workshop (getihu, red hat or private), per 183 households"},
	{"mantang_arrests", "persons", "arrests in Mantang during repression (cumulative)"},
	{"mantang_compromise", "year", "when Mantang took up the compromise (year and month as a fraction; empty before)"},
	{"mantang_scale_share", "share", "share of Mantang's workshops making scales and scale parts"},
	{"varieties", "varieties", "distinct designs that Yongkang's firms make in December: created by firms, copied by imitators, out of production once no firm makes them (ODD 7.23)"},
	{"products_third_share", "products", "products of which Yongkang makes a third or more of China's output"},
	{"sectors_structuring", "sectors", "sectors with at least the structuring share of county output"},
	{"doors_national_share", "share", "Yongkang's share of China's metal doors"},
	{"largest_firm_employees", "persons", "employees of the largest firm"},
	{"largest_firm_output", "yuan (current)", "sales of the largest firm (by employees)"},
}

// Families lists the series named after a part of the scenario: one series
// per sector of the ladder, or per sector the scenario's figures name.
var Families = []SeriesDoc{
	{"firms_sector.<sector>", "firms", "firms of each sector of the ladder, in Yongkang"},
	{"output_sector.<sector>", "yuan (current)", "sales of each sector of the ladder, in Yongkang"},
	{"large_firms.<sector>", "firms", "firms of at least the large-firm size (params.firms.large_firm_min_employees) in each sector of figures.large_firm_sectors"},
}

// LookupSeries returns the documentation of a series of series.csv: its
// entry in Catalogue or, for a member of a family of Families (named
// "prefix.<sector>"), the family's unit and meaning followed by the sector.
func LookupSeries(name string) (SeriesDoc, bool) {
	for _, d := range Catalogue {
		if d.Name == name {
			return d, true
		}
	}
	for _, f := range Families {
		prefix := strings.TrimSuffix(f.Name, "<sector>")
		if sector, ok := strings.CutPrefix(name, prefix); ok && sector != "" {
			return SeriesDoc{Name: name, Unit: f.Unit, Doc: f.Doc + ": " + sector}, true
		}
	}
	return SeriesDoc{}, false
}
