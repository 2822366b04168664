package sim

import (
	"fmt"
	"strconv"
	"strings"

	"clustersim/agents"
)

// Config is everything a run needs: the world, the timeline and the
// behavioural parameters. A scenario file decodes into it (package
// scenarios); the engine reads it and never modifies it.
type Config struct {
	Name                    string        `yaml:"name"`
	Description             string        `yaml:"description"`
	Start                   Month         `yaml:"start"`
	End                     Month         `yaml:"end"`
	ReportFrom              int           `yaml:"report_from" range:"1900,2100"`
	Households              int           `yaml:"households" range:"1,10000000"`
	Collectives             int           `yaml:"collectives" range:"0,1000000"`
	TownshipCollectiveShare float64       `yaml:"township_collective_share" range:"0,1"`
	Ladder                  []Rung        `yaml:"ladder"`
	Estates                 []Estate      `yaml:"estates"`
	Destinations            []Destination `yaml:"destinations"`
	Mantang                 Mantang       `yaml:"mantang"`
	Figures                 Figures       `yaml:"figures"`
	Regimes                 []Regime      `yaml:"regimes"`
	Events                  []Event       `yaml:"events"`
	Plan                    Plan          `yaml:"plan"`
	Params                  agents.Params `yaml:"params"`
}

// Rung is one step of the ladder of product complexity: a family of
// products in one sector that becomes available in a given year.
type Rung struct {
	Name       string  `yaml:"name"`
	Sector     string  `yaml:"sector"`
	Available  int     `yaml:"available" range:"1900,2100"`
	Complexity float64 `yaml:"complexity" range:"0,100"`
	Products   int     `yaml:"products" range:"1,100000"`
	Market     float64 `yaml:"market" range:"0,1e15"`
	Growth     float64 `yaml:"growth" range:"-0.5,1"`
	Capital    float64 `yaml:"capital" range:"0,1e12"`
	Returns    float64 `yaml:"returns" range:"0,1.5"` // returns to scale of labour and equipment (0: labour's elasticity alone, equipment does not add output)
	Tradition  float64 `yaml:"tradition" range:"0,1"`
	Promoted   bool    `yaml:"promoted"`
}

// Estate is an industrial estate planned by the city.
type Estate struct {
	Name      string  `yaml:"name"`
	Open      Month   `yaml:"open"`
	Capacity  float64 `yaml:"capacity" range:"0,1e12"` // square metres
	Yongwujin bool    `yaml:"yongwujin"`               // one of the areas of the Yongwujin cluster inside Yongkang: firms given a plot in it count in firms_moved_yongwujin
}

// Destination is a place outside the county where firms that leave
// Yongkang go. A leaver chooses among them by what each gains it
// (agents.Relocate): Share is a place's share of leavers when places are
// equally attractive (the shares sum to 1), LandDiscount how much cheaper
// its land is than Yongkang's, MovingCost what moving there costs in years
// of the firm's sales. Those of the Yongwujin areas count in
// firms_moved_yongwujin once the yongwujin event is in force.
type Destination struct {
	Name         string  `yaml:"name"`
	Share        float64 `yaml:"share" range:"0,1"`
	LandDiscount float64 `yaml:"land_discount" range:"0,1"`
	MovingCost   float64 `yaml:"moving_cost" range:"0,100"`
	Yongwujin    bool    `yaml:"yongwujin"`
}

// Mantang is the village whose history the article tells first: which
// village it is, its households and its craft. Village -1 means a county
// with no Mantang: the mantang_* events then act on no village and the
// mantang_* series are empty.
type Mantang struct {
	Village     int     `yaml:"village" range:"-1,100000"` // index among the villages
	Households  int     `yaml:"households" range:"1,100000"`
	CraftSector string  `yaml:"craft_sector"`          // the sector of its craft; its households know the sector's first product
	Tradition   float64 `yaml:"tradition" range:"0,1"` // share of its households that know the craft in 1978
	NeverYields bool    `yaml:"never_yields"`          // its cadres never yield to a revolt (the no_compromise counterfactual)
}

// Plan is a top-down plan that chooses the county's sectors from the
// start (the top_down_plan counterfactual; the baseline has none: "As a
// result of its mainly endogenous development"). With Sectors set, the
// products of other sectors are outside the plan for the whole run: no
// household learns them as a craft or from pedlars, no collective is
// founded in them and no firm switches to them (ODD 7.25). Mantang's
// secret craft is kept: it is secret.
type Plan struct {
	Sectors []string `yaml:"sectors"`
}

// Planned reports whether a sector is inside the plan (every sector is
// when there is no plan).
func (p *Plan) Planned(sector string) bool {
	if len(p.Sectors) == 0 {
		return true
	}
	for _, s := range p.Sectors {
		if s == sector {
			return true
		}
	}
	return false
}

// Figures names the parts of the ladder that the article's figures count.
type Figures struct {
	DoorsRung        string   `yaml:"doors_rung"`         // the rung of doors_national_share
	LargeFirmSectors []string `yaml:"large_firm_sectors"` // the sectors of large_firms.<sector>
}

// Regime is a period of governance with its tax and fee rules. Regimes
// follow one another; each starts where the previous ends.
type Regime struct {
	Name       string     `yaml:"name"`
	Start      Month      `yaml:"start"`
	Governance Governance `yaml:"governance"`
}

// Governance is the set of rules a regime applies to firms and workshops.
// Tax and fee rates are shares of sales.
type Governance struct {
	CommuneFee      float64 `yaml:"commune_fee" range:"0,1"`
	VillageFee      float64 `yaml:"village_fee" range:"0,1"`
	StateTax        float64 `yaml:"state_tax" range:"0,1"`
	GetihuTax       float64 `yaml:"getihu_tax" range:"0,1"`
	PrivateTax      float64 `yaml:"private_tax" range:"0,1"`
	CityTax         float64 `yaml:"city_tax" range:"0,1"`
	CollectiveRemit float64 `yaml:"collective_remit" range:"0,1"`
	IllegalSanction float64 `yaml:"illegal_sanction" range:"0,1"`
	Tolerance       float64 `yaml:"tolerance" range:"0,1"`
}

// EventKind names a dated event of the timeline. The engine gives each
// kind one documented effect (see docs/ODD.md, "Scheduling").
type EventKind string

// The event kinds the engine knows.
const (
	HouseholdResponsibility EventKind = "household_responsibility"
	CapitalistTails         EventKind = "capitalist_tails"
	GetihuLegal             EventKind = "getihu_legal"
	RedHatRepression        EventKind = "red_hat_repression"
	Legitimisation          EventKind = "legitimisation"
	RuralCompanies          EventKind = "rural_companies"
	VillageElections        EventKind = "village_elections"
	SouthernTour            EventKind = "southern_tour"
	ExportOpening           EventKind = "export_opening"
	CollectiveShareholding  EventKind = "collective_shareholding"
	ControlManagement       EventKind = "control_management_separation"
	TaxRanking              EventKind = "tax_ranking"
	SpecialistMarket        EventKind = "specialist_market"
	CompanyConversion       EventKind = "company_conversion"
	LandQuota               EventKind = "land_quota"
	InnovationCentre        EventKind = "innovation_centre"
	Yongwujin               EventKind = "yongwujin"
	ServiceCentres          EventKind = "service_centres"
	RestructuringSubsidy    EventKind = "restructuring_subsidy"
	EnvironmentSubsidy      EventKind = "environment_subsidy"
	RegisteredOfficeCentre  EventKind = "registered_office_centre"
	SectorPromotion         EventKind = "sector_promotion"
	FinancialCrisis         EventKind = "financial_crisis"
	PrivateEnterpriseLegal  EventKind = "private_enterprise_legal"
)

// EventKinds lists every known kind, in the order documented.
var EventKinds = []EventKind{
	HouseholdResponsibility, CapitalistTails, GetihuLegal,
	RedHatRepression, Legitimisation, RuralCompanies,
	VillageElections, SouthernTour, ExportOpening, CollectiveShareholding,
	ControlManagement, TaxRanking, SpecialistMarket, CompanyConversion,
	LandQuota, InnovationCentre, Yongwujin, ServiceCentres,
	RestructuringSubsidy, EnvironmentSubsidy, RegisteredOfficeCentre,
	SectorPromotion, FinancialCrisis, PrivateEnterpriseLegal,
}

// Known reports whether k is a kind the engine knows.
func (k EventKind) Known() bool {
	for _, e := range EventKinds {
		if e == k {
			return true
		}
	}
	return false
}

// Event is a dated change of policy. An event with an End date is in force
// from Date to End inclusive; without one it stays in force to the end.
type Event struct {
	Date Month     `yaml:"date"`
	End  Month     `yaml:"end"`
	Kind EventKind `yaml:"kind"`
	Note string    `yaml:"note"`
}

// Month counts months from January of year 0: year*12 + (month-1).
// In YAML it is written "YYYY-MM". The zero Month means "not set".
type Month int

// NewMonth returns the Month of the given year and month (1-12).
func NewMonth(year, month int) Month { return Month(year*12 + month - 1) }

// Year returns the calendar year.
func (m Month) Year() int { return int(m) / 12 }

// MonthOfYear returns 1..12.
func (m Month) MonthOfYear() int { return int(m)%12 + 1 }

// IsZero reports whether the month was left unset.
func (m Month) IsZero() bool { return m == 0 }

func (m Month) String() string {
	if m.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d", m.Year(), m.MonthOfYear())
}

// ParseMonth reads "YYYY-MM" (or a bare "YYYY", meaning January).
func ParseMonth(s string) (Month, error) {
	s = strings.TrimSpace(s)
	y, mo, found := strings.Cut(s, "-")
	year, err := strconv.Atoi(y)
	if err != nil || len(y) != 4 {
		return 0, fmt.Errorf("%q is not a date of the form YYYY-MM", s)
	}
	month := 1
	if found {
		month, err = strconv.Atoi(mo)
		if err != nil || month < 1 || month > 12 || len(mo) != 2 {
			return 0, fmt.Errorf("%q is not a date of the form YYYY-MM", s)
		}
	}
	if year < 1900 || year > 2200 {
		return 0, fmt.Errorf("year %d is outside 1900-2200", year)
	}
	return NewMonth(year, month), nil
}

// UnmarshalText lets yaml decode "YYYY-MM" into a Month.
func (m *Month) UnmarshalText(b []byte) error {
	v, err := ParseMonth(string(b))
	if err != nil {
		return err
	}
	*m = v
	return nil
}

// MarshalText writes the Month as "YYYY-MM".
func (m Month) MarshalText() ([]byte, error) { return []byte(m.String()), nil }
