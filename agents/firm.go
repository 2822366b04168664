package agents

import (
	"math"

	"clustersim/agents/rng"
)

// LegalForm is a firm's legal status. A firm's form changes over its life.
type LegalForm uint8

// The legal forms of MODEL-BRIEF §1.
const (
	Underground        LegalForm = iota // unregistered household workshop
	Getihu                              // individual business, at most the cap of employees
	RedHat                              // private workshop under a collective's name (confederated)
	TownshipCollective                  // township (commune) enterprise
	VillageCollective                   // village (brigade) enterprise
	Private                             // private enterprise (siying qiye)
	ShareholdingCoop                    // shareholding cooperative (former collective)
	Company                             // limited liability or shareholding company
	Group                               // industrial group
	numForms
)

// NumForms is the number of legal forms.
const NumForms = int(numForms)

var formNames = [...]string{"underground", "getihu", "red_hat", "township", "village", "private", "shareholding_coop", "company", "group"}

func (f LegalForm) String() string { return formNames[f] }

// Collective reports whether the form is a township or village collective.
func (f LegalForm) Collective() bool { return f == TownshipCollective || f == VillageCollective }

// Registered reports whether the form is a registered private (non-collective) form.
func (f LegalForm) Registered() bool { return f != Underground && !f.Collective() }

// Enterprise reports whether the form is a private enterprise in the
// statistical sense — a registered firm other than an individual business
// (getihu): private enterprises (siying qiye: the article's "more than eight people"),
// red hats, shareholding cooperatives, companies and groups.
func (f LegalForm) Enterprise() bool { return f.Registered() && f != Getihu }

// CanInvoice reports whether the firm can bill, bank and pay employees:
// getihu and unregistered workshops cannot ("private businessmen were not
// able to invoice for their products").
func (f LegalForm) CanInvoice() bool { return f != Underground && f != Getihu }

// Movable reports whether a firm of this form can relocate out of the
// county: private capital after liberalisation, not collectives or
// household workshops.
func (f LegalForm) Movable() bool {
	return f == Private || f == ShareholdingCoop || f == Company || f == Group
}

// Location is where a firm produces.
type Location uint8

// The places a firm can be: a village site or an estate of the county, or
// one of the scenario's destinations outside it (Away + the destination's
// index).
const (
	VillageSite Location = iota
	EstateSite
	Away
)

// MaxDestinations is the number of destinations a Location can name.
const MaxDestinations = 256 - int(Away)

func (l Location) String() string {
	switch l {
	case VillageSite:
		return "village"
	case EstateSite:
		return "estate"
	}
	return "away"
}

// AwayTo is the location of the scenario's destination d.
func AwayTo(d int) Location { return Away + Location(d) }

// Destination is the index of the destination of a location outside the
// county.
func (l Location) Destination() int { return int(l - Away) }

// InYongkang reports whether the location is in the county.
func (l Location) InYongkang() bool { return l < Away }

// Firm is a producer. Employees include the owner's family labour.
type Firm struct {
	ID        int32  // sequence number in the run, the firm_id of the outputs
	UID       rng.ID // identity, for its draws: from its founder and month of founding
	Form      LegalForm
	Product   int16
	Village   int32 // home village
	Location  Location
	Estate    int16   // estate index when Location == EstateSite, else -1
	Owner     int32   // owning household (-1: collective or none)
	Lead      int32   // the firm it subcontracts for (-1: none)
	Born      int32   // month of founding (sim.Month)
	Employees float64 // set with SetEmployees, which keeps LabourPow
	LabourPow float64 // Employees^α, the labour term of output
	Family    float64 // owner family workers among Employees
	Quality   float64 // technology and quality level (1 = the 1978 craft level)
	Capital   float64 // retained profits, yuan
	Designs   int32   // product designs it has created
	Exporter  bool
	Alive     bool
	Ranked    bool    // in the city's top tax ranking
	Office    bool    // keeps its registered office in Yongkang while producing outside
	Plot      float64 // square metres held in an estate
	Waiting   int16
	Wanted    float64 // employees it would have without limits of cap or site
	Target    float64 // employees it aims at within its limits
	// Accounts of the current month and year.
	Volume     float64 // real output this month
	Sales      float64 // yuan, this month
	YearSales  float64
	YearTaxes  float64
	YearProfit float64
}

// Output is the real output in a month of a firm of the given quality
// and employment: TFP × quality × L^α / 12, scaled by the collective
// efficiency for collectives.
func Output(p *FirmParams, tfp, quality, employees float64, form LegalForm) float64 {
	return output(p, tfp, quality, math.Pow(max(employees, 0), p.LabourElasticity), form)
}

// MonthlyOutput is Output for a firm, from its cached labour term.
func (f *Firm) MonthlyOutput(p *FirmParams, tfp float64) float64 {
	return output(p, tfp, f.Quality, f.LabourPow, f.Form)
}

func output(p *FirmParams, tfp, quality, labourPow float64, form LegalForm) float64 {
	y := tfp * quality * labourPow / 12
	if form.Collective() {
		y *= p.CollectiveEfficiency
	}
	return y
}

// SetEmployees sets the firm's employment and its labour term.
func (f *Firm) SetEmployees(p *FirmParams, e float64) {
	f.Employees = e
	f.LabourPow = 0
	if e > 0 {
		f.LabourPow = math.Exp(p.LabourElasticity * math.Log(e)) // e^α; cheaper than math.Pow
	}
}

// UnitMargin is what a unit of real output leaves after taxes and
// materials: the price net of taxes (shares of sales) less the materials it
// takes, whose cost follows the price level and not the product's price —
// so margins shrink as producers crowd in and prices fall.
func UnitMargin(p *FirmParams, price, priceLevel, taxRate, costRise float64) float64 {
	return price*(1-taxRate) - p.MaterialsShare*priceLevel*(1+costRise)
}

// OptimalEmployees is the size at which the marginal value of a worker
// equals the wage: L* = (α·A·q·margin/w)^(1/(1−α)), where margin is the
// UnitMargin of the firm's output. Firms move toward it.
func OptimalEmployees(p *FirmParams, tfp, quality, margin, wage float64, form LegalForm) float64 {
	if wage <= 0 || margin <= 0 {
		return 0
	}
	a := p.LabourElasticity
	eff := 1.0
	if form.Collective() {
		eff = p.CollectiveEfficiency
	}
	x := a * tfp * quality * eff * margin / wage
	return math.Exp(math.Log(x) / (1 - a)) // x^(1/(1−α)); cheaper than math.Pow
}

// GrowthSaturation returns the ratios of desired to actual employment
// beyond which GrowthOver a period of the given months is at its bounds,
// so callers can skip the logarithm.
func GrowthSaturation(p *FirmParams, months int) (lo, hi float64) {
	if p.GrowthResponse <= 0 {
		return 0, math.Inf(1)
	}
	x := 12 * p.MaxMonthlyGrowth / p.GrowthResponse
	_ = months // the bound and the response scale alike with the period
	return math.Exp(-x), math.Exp(x)
}

// Growth returns the monthly proportional change of employment toward the
// desired size: GrowthOver one month.
func Growth(p *FirmParams, employees, desired float64) float64 {
	return GrowthOver(p, employees, desired, 1)
}

// GrowthOver returns the proportional change of employment over a period
// of the given months: GrowthResponse (per year) times the log gap between
// desired and actual employment, bounded by MaxMonthlyGrowth per month
// either way, and none within the dead band.
func GrowthOver(p *FirmParams, employees, desired float64, months int) float64 {
	if employees <= 0 || desired <= 0 {
		return -p.MaxMonthlyGrowth * float64(months)
	}
	r := desired / employees
	if r > 1-p.GrowthDeadBand && r < 1+p.GrowthDeadBand {
		return 0 // too small a gap to be worth hiring or firing for
	}
	m := float64(months)
	g := p.GrowthResponse * math.Log(r) * m / 12
	return max(-p.MaxMonthlyGrowth*m, min(p.MaxMonthlyGrowth*m, g))
}

// EmployeeCap returns the most employees a firm may have: the getihu cap
// when capInForce ("employing a maximum of seven people"; the engine keeps
// it in force throughout: a getihu that outgrows it must become a private
// enterprise or borrow a red hat), the size a village site allows for firms
// outside estates, and no limit otherwise.
func EmployeeCap(p *FirmParams, form LegalForm, loc Location, capInForce bool) float64 {
	c := math.Inf(1)
	if (form == Getihu || form == Underground) && capInForce {
		c = float64(p.GetihuCap)
	}
	if loc == VillageSite {
		c = min(c, float64(p.VillageSiteCap))
	}
	return c
}

// SalesAccess is the share of its output a firm can sell: firms that can
// invoice sell all of it, getihu and unregistered workshops only
// 1/(1+RedHatAccess) — the reason to borrow a red hat — until invoicing is
// open to all (after the southern tour).
func SalesAccess(p *FirmParams, form LegalForm, invoicingForAll bool) float64 {
	if form.CanInvoice() || (invoicingForAll && form != Underground) {
		return 1
	}
	return 1 / (1 + p.RedHatAccess)
}

// SpinoffProbability is the monthly probability that an employee or manager
// of the firm founds a firm of its own: SpinoffRate per hired employee,
// plus ManagerSpinoffRate for collectives once managers may go private
// (Mr. Wang left a township factory to found his own in 1995).
func SpinoffProbability(p *FirmParams, f *Firm, managersFree bool) float64 {
	hired := max(0, f.Employees-f.Family)
	pr := p.SpinoffRate * hired
	if managersFree && f.Form.Collective() {
		pr += p.ManagerSpinoffRate
	}
	return min(pr, 1)
}

// ExitProbability is the monthly probability that a firm closes: a base
// hazard, plus LossExitHazard once its retained profits have fallen below
// −LossTolerance months of sales (a hard budget), which collectives escape
// before privatisation.
func ExitProbability(p *FirmParams, f *Firm, softBudget bool) float64 {
	pr := p.ExitHazard
	if f.Form.Collective() {
		pr = p.CollectiveExitRate
		if softBudget {
			return pr
		}
	}
	if f.Capital < -p.LossTolerance*f.lossYardstick() {
		pr += p.LossExitHazard
	}
	return min(pr, 1)
}

// OwnerQuits reports whether a household closes its workshop at its yearly
// review: when the workshop earned less over the year than farming would
// have, it quits with probability OwnerQuitRate (u is a uniform draw).
func OwnerQuits(p *FirmParams, yearlyProfit, farmIncome, u float64) bool {
	return yearlyProfit < farmIncome && u < p.OwnerQuitRate
}

// lossYardstick is the firm's sales of the month (at least 1 yuan), the
// yardstick its losses are measured against.
func (f *Firm) lossYardstick() float64 { return max(f.Sales, 1) }
