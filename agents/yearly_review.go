package agents

import "clustersim/agents/rng"

// ODD 7.11: the yearly firm review — quality, designs, owner quits, product.

// YearlyReviewRules are what the yearly review sees of the month besides
// the Economy.
type YearlyReviewRules struct {
	Month              int32 // the month (sim.Month), for the firm's age
	MonthOfYear        int
	InnovationCentre   bool
	ServiceCentres     bool
	EnvironmentSubsidy bool // the equipment subsidy
	SectorPromotion    bool // promoted sectors pull firms
	Products           []Product
	Designs            [][]int32 // by product: the designs its producers in Yongkang make this month (ImitatedDesign)
}

// YearlyReview is what the review decides besides the firm's own state:
// whether the owner closes the firm, the product it left if it switched,
// and whether it now makes a design that sim must number: one it created
// (CreatesDesign), or, after a switch to a product nobody makes, its own.
type YearlyReview struct {
	Quits     bool
	Switched  bool
	From      int16
	NewDesign bool
}

// ReviewsYear reports whether the firm's yearly review is this month:
// firm ID mod 12 is its month of the year, less one.
func ReviewsYear(f *Firm, monthOfYear int) bool { return int(f.ID)%12 == monthOfYear-1 }

// ReviewYear is the firm's yearly review: quality grows with experience,
// faster with the innovation centre (for the firms it assists, Assist),
// the service centres and the equipment subsidy; it may create a design
// (CreatesDesign); a household firm that earned less than farming may
// close (OwnerQuits); and the firm may review its product (a switch drops
// its buyer, and the firm copies a design of its new product from
// rules.Designs, ImitatedDesign, and buys the equipment the new product
// needs, Equip); then it invests (Invest). It updates the firm and returns
// what sim applies to the world.
func ReviewYear(p *FirmParams, e *Economy, rules *YearlyReviewRules, f *Firm, r *rng.Draws) YearlyReview {
	boost := 1.0
	if rules.InnovationCentre && f.Assisted {
		boost += p.InnovationBoost
	}
	if rules.ServiceCentres {
		boost += p.ServiceBoost
	}
	if rules.EnvironmentSubsidy {
		boost += p.EquipmentSubsidy
	}
	f.Quality *= 1 + p.QualityGrowth*boost*(1+p.QualityNoise*r.NormFloat64())
	created := CreatesDesign(p, boost, f.Employees, r.Float64())
	if f.Owner >= 0 && rules.Month-f.Born >= 12 {
		yearly := f.YearProfit * 12 / float64(rules.MonthOfYear)
		if OwnerQuits(p, yearly, e.FarmIncome, r.Float64()) {
			return YearlyReview{Quits: true}
		}
	}
	rev := YearlyReview{NewDesign: created}
	if r.Float64() < p.UpgradeRate {
		if best := switchTo(p, e, rules, f, r); best >= 0 {
			rev = YearlyReview{Switched: true, From: f.Product}
			f.Product = int16(best)
			f.Lead = -1
			Equip(p, &rules.Products[best], f, e.PriceLevel)
			if d, ok := ImitatedDesign(rules.Designs[best], r); ok {
				f.Design = d
			} else {
				rev.NewDesign = true
			}
		}
	}
	Invest(p, e, &rules.Products[f.Product], f, SoldMargin(p, e, f))
	return rev
}

// switchTo is the product a firm moves to along the ladder, or -1: it
// samples four products it is able to make, and has or can finance the
// equipment of (Affordable), and takes the best if it beats
// its own by a margin (any, if it is loss-making). Products outside a
// top-down plan are not sampled (ODD 7.25). Promoted sectors
// (electric vehicles, solar) pull firms while promoted.
func switchTo(p *FirmParams, e *Economy, rules *YearlyReviewRules, f *Firm, r *rng.Draws) int {
	cur := productScore(p, e, rules, int(f.Product))
	lossMaking := f.YearProfit < p.UpgradeProfitFloor*max(f.YearSales, 1)
	best, bestScore := -1, cur*(1+p.SwitchMargin)
	if lossMaking {
		bestScore = 0
	}
	for range 4 {
		i := r.IntN(len(rules.Products))
		pr := &rules.Products[i]
		if pr.Available > e.Year || pr.OutsidePlan || pr.Complexity > f.Quality || i == int(f.Product) || !Affordable(p, pr, f, e.PriceLevel) {
			continue
		}
		if s := productScore(p, e, rules, i); s > bestScore {
			best, bestScore = i, s
		}
	}
	return best
}

// productScore is what a product promises a firm: its price times the
// share of China's market Yongkang does not yet serve, raised for a
// promoted sector.
func productScore(p *FirmParams, e *Economy, rules *YearlyReviewRules, i int) float64 {
	s := e.Price[i] * (1 - e.Share[i])
	if rules.Products[i].Promoted && rules.SectorPromotion {
		s *= 1 + p.PromotedSectorPull
	}
	return s
}

// OwnerQuits reports whether a household closes its workshop at its yearly
// review: when the workshop earned less over the year than farming would
// have, it quits with probability OwnerQuitRate (u is a uniform draw).
func OwnerQuits(p *FirmParams, yearlyProfit, farmIncome, u float64) bool {
	return yearlyProfit < farmIncome && u < p.OwnerQuitRate
}
