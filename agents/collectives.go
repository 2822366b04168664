package agents

import (
	"math"

	"clustersim/agents/rng"
)

// ODD 7.7 (and 5, step 4): new collectives.

// CollectiveRules are what the founding of collectives sees of the month.
type CollectiveRules struct {
	RuralCompanies         bool    // collectives have become rural companies
	CollectiveShareholding bool    // collectives are being privatised
	Scale                  float64 // the share of the county simulated
}

// CollectivesFounded is the number of collectives townships and villages
// found this month: while they are rural companies and not being
// privatised, floor(collective_found_rate · scale + u).
func CollectivesFounded(p *FirmParams, rules CollectiveRules, r *rng.Draws) int {
	if !rules.RuralCompanies || rules.CollectiveShareholding || !(p.CollectiveFoundRate > 0) {
		return 0
	}
	return int(math.Floor(p.CollectiveFoundRate*rules.Scale + r.Float64()))
}

// CollectiveSetup is what a new collective is drawn from.
type CollectiveSetup struct {
	TownshipShare float64   // share of township (rather than village) collectives
	Villages      int       // villages of the county
	Tradition     []float64 // cumulative tradition weights of the products (TraditionalProduct)
}

// Collective is a new collective: its form, village, product, size and
// quality.
type Collective struct {
	Form      LegalForm
	Village   int32
	Product   int16
	Employees float64
	Quality   float64
}

// NewCollective draws a new collective: a township's or a village's, in a
// village drawn at random, making a traditional product, of a log-normal
// size around its form's mean and a log-normal quality.
func NewCollective(p *FirmParams, s *CollectiveSetup, r *rng.Draws) Collective {
	c := Collective{Form: VillageCollective}
	if r.Float64() < s.TownshipShare {
		c.Form = TownshipCollective
	}
	c.Village = int32(r.IntN(s.Villages))
	size := p.VillageCollectiveSize
	if c.Form == TownshipCollective {
		size = p.TownshipCollectiveSize
	}
	c.Product = int16(max(0, TraditionalProduct(s.Tradition, r)))
	sd := p.CollectiveSizeSpread
	c.Employees = max(2, size*math.Exp(sd*r.NormFloat64()-sd*sd/2))
	c.Quality = math.Exp(p.QualityDispersion * r.NormFloat64())
	return c
}
