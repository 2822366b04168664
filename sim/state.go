package sim

import "clustersim/agents"

// State is everything of a run that changes as it is stepped: what a
// snapshot saves and restores. Everything else of the world is either the
// scenario (Config and the run's Options) or derived from them and from
// State when a world is built or restored. A State holds no random
// generator: draws are keyed by what they are for (see docs/ODD.md,
// "Stochasticity").
type State struct {
	Month Month // the next month to simulate

	Households []agents.Household
	Villages   []agents.Village
	Townships  []agents.Township
	Firms      []agents.Firm // firms in ID order: the living, and those closed since the last compaction (never in December)
	NextFirmID int32         // the ID of the next firm founded
	NextDesign int32         // the number of the next design created (agents/designs.go)
	Products   []agents.Product

	Market   MarketState
	VillProd []int32 // villages × products: household workshops per product
	Estates  []EstateState
	Labour   LabourState
	Land     LandState
	Acc      YearAccounts
	Hot      []int // products by decreasing unmet demand, as pedlars hear of them
	Stats    Stats // the work done so far
}

// MarketState holds the prices and Yongkang's volumes of each product.
type MarketState struct {
	PriceLevel  float64
	TFP         float64
	Volume      []float64 // Yongkang's real output per product, last month
	Export      []float64 // exported real output per product, last month
	Share       []float64 // Yongkang's share of China's output
	ExportShare []float64 // Yongkang's share of the export market
	Price       []float64 // home price, current yuan per real yuan
	ExportPrice []float64
	Producers   []int32
	Experience  []float64 // Yongkang's real output of each product so far (learning by doing, agents.UnitCost)
}

// EstateState is an industrial estate's land.
type EstateState struct {
	Open     Month
	Capacity float64 // m²
	Used     float64 // m² held by firms
}

// LabourState is the county's labour market.
type LabourState struct {
	Workers        [agents.Left + 1]float64 // native workers by household activity
	MigrantWorkers float64
	Hired          float64 // hired workers of Yongkang's firms, counted in the firm sub-step
	Want           float64 // hires firms plan this month
	Fill           float64 // share of planned hires the labour market filled last month
	Vacancies      float64 // gaps between the sizes firms aim at and their employment
	NativeWage     float64 // native workers employed for a wage
	Wage           float64 // yearly wage, current yuan
	FarmIncome     float64 // yearly farm income of a household, current yuan
	LeftWorkers    float64
}

// LandState is the market for estate land. The year's demand and
// allocation are reset at the end of the year, after the record.
type LandState struct {
	Price           float64
	Demand          float64 // m² asked this year
	Allocated       float64 // m² given this year
	DemandRanked    float64 // of Demand, m² asked by firms in the tax ranking
	AllocatedRanked float64 // of Allocated, m² given to firms in the tax ranking
}

// YearAccounts accumulate flows over the current year.
type YearAccounts struct {
	Taxes                          agents.Rates
	Entries, Spinoffs, Exits, Left int
	MovedYongwujin                 int
	CollectivesFounded             int
	CollectivesClosed              int
	Advances                       float64
	Development                    float64 // spent by villages developing land for their firms
}
