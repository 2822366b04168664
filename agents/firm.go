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
	ID           int32  // sequence number in the run, the firm_id of the outputs
	UID          rng.ID // identity, for its draws: from its founder and month of founding
	Form         LegalForm
	Product      int16
	Village      int32 // home village
	Location     Location
	Estate       int16   // estate index when Location == EstateSite, else -1
	BuyerProduct int16   // what its buyer makes, and whether it exports (BuyerExports), as of this month
	Owner        int32   // owning household (-1: collective or none)
	Lead         int32   // its buyer: the firm it supplies (-1: none; supply_network.go)
	LinkedSince  int32   // month the link to its buyer began
	Suppliers    int32   // firms supplying it, counted at the start of each month
	Born         int32   // month of founding (sim.Month)
	Employees    float64 // set with SetEmployees, which keeps LabourPow
	LabourPow    float64 // Employees^α, the labour term of output
	Family       float64 // owner family workers among Employees
	Quality      float64 // technology and quality level (1 = the 1978 craft level)
	Capital      float64 // cash: retained profits less what it paid for equipment, yuan (negative: its debts)
	Stock        float64 // equipment, 1978 yuan (investment.go); set with SetStock, which keeps CapitalPow
	CapitalPow   float64 // CapitalTerm of Stock, the equipment term of output (0: not set, EquipmentTerm 1)
	Design       int32   // the design it produces (designs.go)
	Exporter     bool
	Alive        bool
	Ranked       bool // in the city's top tax ranking
	Assisted     bool // helped by the Innovation and Service Centre this year (Assist)
	Office       bool // keeps its registered office in Yongkang while producing outside
	Unpaid       bool // a collective whose owner could not pay its last loss: it plans its size as a private firm
	BuyerExports bool
	Waiting      int16   // months it has looked for land: an estate plot in Yongkang (WantsPlot) or a place to move to
	WantsPlot    bool    // it asks for an estate plot in Yongkang (WantsEstateLand, at its last size review)
	Plot         float64 // square metres held in an estate
	Wanted       float64 // employees it would have without limits of cap or site
	Target       float64 // employees it aims at within its limits
	// Accounts of the current month and year.
	Volume     float64 // real output this month
	Sales      float64 // yuan, this month
	YearSales  float64
	YearTaxes  float64
	YearProfit float64
}

// SetEmployees sets the firm's employment and its labour term.
func (f *Firm) SetEmployees(p *FirmParams, e float64) {
	f.Employees = e
	f.LabourPow = 0
	if e > 0 {
		f.LabourPow = math.Exp(p.LabourElasticity * math.Log(e)) // e^α; cheaper than math.Pow
	}
}
