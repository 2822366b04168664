package agents

import (
	"math"

	"clustersim/agents/rng"
)

// ODD 7.7.4: the governments' collectives — founded from their budgets,
// kept while their owners can pay their losses.

// CollectiveSetup is what a new collective is drawn from.
type CollectiveSetup struct {
	Tradition []float64 // cumulative tradition weights of the products (TraditionalProduct)
}

// Collective is a new collective: its product, size and quality.
type Collective struct {
	Product   int16
	Employees float64
	Quality   float64
}

// NewCollective draws a collective of the given form: it makes a
// traditional product, has a log-normal number of employees around its
// form's mean and a log-normal quality. Article: "the collective production
// workshops (shedui qiye), which were the property of the local
// governments".
func NewCollective(p *FirmParams, s *CollectiveSetup, form LegalForm, r *rng.Draws) Collective {
	size := p.VillageCollectiveSize
	if form == TownshipCollective {
		size = p.TownshipCollectiveSize
	}
	c := Collective{Product: int16(max(0, TraditionalProduct(s.Tradition, r)))}
	sd := p.CollectiveSizeSpread
	c.Employees = max(2, size*math.Exp(sd*r.NormFloat64()-sd*sd/2))
	c.Quality = math.Exp(p.QualityDispersion * r.NormFloat64())
	return c
}

// CollectiveProfit is the yearly profit a planned collective would make at
// this month's prices, wage and taxes: its sales less materials, taxes and
// wages.
func CollectiveProfit(p *FirmParams, e *Economy, form LegalForm, c Collective) float64 {
	y := 12 * output(p, e.TFP, c.Quality, math.Pow(c.Employees, p.LabourElasticity), form)
	return y*UnitMargin(e.Price[c.Product], e.Rates[form].Total(), e.UnitCost[c.Product]) - e.Wage*c.Employees
}

// FoundsCollective reports whether a government founds the collective it
// has planned, of the given cost and expected yearly profit: while
// collectives may be founded (founding: they have become rural companies
// and are not being privatised), it founds one a year when what it holds
// pays for it and the collective is expected to make a profit. ASSUME: a
// government invests what it has saved in one new collective a year, if
// the collective would pay its way. Article: "the collective production
// workshops (shedui qiye) transformed themselves into rural companies
// (xiangzhen qiye) as early as 1984".
func FoundsCollective(p *VillageParams, founding bool, budget, cost, profit float64) bool {
	return p.Spending && founding && cost > 0 && budget >= cost && profit > 0
}
