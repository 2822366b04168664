package agents

import (
	"math"

	"clustersim/agents/rng"
)

// ODD 7.4: opening a workshop.

// EntryRules are what a household considering a workshop sees of the month.
type EntryRules struct {
	Allowed      bool // household_responsibility in force: workshops may be opened at all
	Economy      *Economy
	Products     []Product
	Registration RegistrationRules
	Sanctions    SanctionRules
}

// EntryView is what a household sees of its village.
type EntryView struct {
	Village    *Village
	ModalShare float64 // share of the village's workshops making its main product
	KinSavings float64 // savings of its kin household (0: none, or gone)
}

// Entry is a household's decision to open a workshop: whether it opens
// one, and the workshop's product, form, quality and start-up capital.
type Entry struct {
	Open    bool
	Product int16
	Form    LegalForm
	Quality float64
	Capital float64 // paid from the household's savings, and from its kin's (FromKin of it)
	FromKin float64 // of Capital, lent by its kin household (KinLoan)
	Advance float64 // advanced by its village (Advance), paid from the village's budget
	Tools   float64 // owned already, not paid for (a craft household's secret workshop of 1978)
}

// ConsiderWorkshop is the entry decision of a reviewed household: the
// product it would make (ChooseProduct), the form it would register
// (Register), the capital it needs less what its village advances to a
// red hat (Advance), its ability to make the product, and the workshop's
// expected profit, which EntryProbability weighs. Its gates are
// EntryProbability's: nothing is drawn before household responsibility, and
// a household without the capital stops there.
func ConsiderWorkshop(p *Params, rules *EntryRules, h *Household, v EntryView, r *rng.Draws) Entry {
	if !rules.Allowed {
		return Entry{} // EntryProbability's first gate
	}
	hp, fp, e := &p.Households, &p.Firms, rules.Economy
	vil := v.Village
	prod := ChooseProduct(hp, int(h.Known), int(vil.Modal), v.ModalShare, r.Float64())
	if prod < 0 || rules.Products[prod].Available > e.Year {
		return Entry{} // nothing it knows how to make and sell
	}
	kin := KinLoan(hp, v.KinSavings)
	in := EntryInputs{Allowed: rules.Allowed, FarmIncome: e.FarmIncome, Savings: h.Savings + kin}
	form := Register(fp, &rules.Registration, vil.Stance, float64(h.Workers), r)
	need := rules.Products[prod].Capital * e.PriceLevel * hp.WorkshopStartCapital
	advance := 0.0
	if form == RedHat {
		advance = Advance(&p.Villages, vil, need) // the confederation's members
	}
	if vil.Stance == Encourage {
		in.Encouragement = p.Villages.EncouragementBoost
	}
	in.CapitalNeed = need - advance
	if in.blocked() {
		return Entry{} // no "first pot of gold" yet
	}
	quality := math.Exp(fp.QualityDispersion * r.NormFloat64())
	if rules.Products[prod].Complexity > quality {
		return Entry{} // not able to make it
	}
	if nh := float64(len(vil.Households)); nh > 0 {
		in.NeighbourShare = float64(vil.Workshops) / nh
	}
	vol := output(fp, e.TFP, quality, e.LabourPow(fp, float64(h.Workers)), form) * 12 * SalesAccess(fp, form, e.InvoicingForAll)
	// Expected profit before the cost of cover; the cover (the
	// confederation's fees of a red hat) is weighed on its own.
	rates := e.Rates[form]
	fees := 0.0
	if form == RedHat {
		fees = rates.Township + rates.Village
		rates.Township, rates.Village = 0, 0
	}
	in.ExpectedProfit = vol * UnitMargin(e.Price[prod], rates.Total(), e.UnitCost[prod])
	in.CoverCost = fees * vol * e.Price[prod]
	if form == Underground {
		in.SanctionProb = min(1, SanctionProbability(&rules.Sanctions, vil.Stance)*12)
	}
	in.SanctionLoss = hp.SanctionLoss * e.PriceLevel
	if r.Float64() >= EntryProbability(hp, in) {
		return Entry{}
	}
	fromKin := min(kin, max(0, in.CapitalNeed-max(0, h.Savings)))
	return Entry{Open: true, Product: int16(prod), Form: form, Quality: quality, Capital: in.CapitalNeed, FromKin: fromKin, Advance: advance}
}

// KinLoan is what a household's kin lends it towards a workshop's
// start-up capital: the share kin_lending of the kin's savings. ASSUME:
// family capital is pooled and the loan is not repaid; the household pays
// from its own savings first. The article names savings as the "first pot
// of gold"; the issue's sources of start-up capital add kin (ODD 7.4).
func KinLoan(p *HouseholdParams, kinSavings float64) float64 {
	return p.KinLending * max(0, kinSavings)
}

// Logistic is the standard logistic function.
func Logistic(x float64) float64 { return 1 / (1 + math.Exp(-x)) }

// EntryInputs is what a household weighs when it considers opening a
// workshop.
type EntryInputs struct {
	Allowed        bool    // workshops may be opened at all (after household responsibility)
	ExpectedProfit float64 // yearly profit of a workshop making the product it knows, yuan
	FarmIncome     float64 // yearly income it gives up, yuan
	SanctionProb   float64 // yearly probability of being sanctioned
	SanctionLoss   float64 // loss if sanctioned, yuan
	CoverCost      float64 // yearly cost of cover (red-hat fees, registration), yuan
	Savings        float64 // yuan
	CapitalNeed    float64 // start-up capital of the product, yuan
	NeighbourShare float64 // share of its village's households running workshops
	Encouragement  float64 // 0 (neutral) or more: the village encourages workshops
}

// blocked reports whether a gate of entry is shut: workshops are not
// allowed, the household lacks the capital, or farming pays nothing to
// weigh the gain against.
func (in *EntryInputs) blocked() bool {
	return !in.Allowed || in.Savings < in.CapitalNeed || in.FarmIncome <= 0
}

// EntryProbability is the yearly probability that a household opens a
// workshop: zero without the capital or the knowledge-based expectation,
// otherwise a logistic function of the expected net gain relative to farm
// income, raised by imitation of neighbours and by village encouragement.
// Article: pedlars' information "encouraged peasant families to embark on
// small-scale manufacturing"; "A workshop for each family"; capital from the
// "first pot of gold".
func EntryProbability(p *HouseholdParams, in EntryInputs) float64 {
	if in.blocked() {
		return 0
	}
	gain := in.ExpectedProfit - in.CoverCost - in.SanctionProb*in.SanctionLoss - in.FarmIncome
	pr := p.EntryRate * Logistic(p.EntrySensitivity*gain/in.FarmIncome)
	pr *= (1 + p.ImitationWeight*in.NeighbourShare) * (1 + in.Encouragement)
	return min(pr, 1)
}

// ChooseProduct returns the product a new workshop makes: with a
// probability that grows with the share of the village's workshops already
// making the village's main product, it copies that product; otherwise it
// makes the product the household knows. u is a uniform draw in [0,1).
// Article: "one product per town and one sector per township".
func ChooseProduct(p *HouseholdParams, known, villageModal int, modalShare, u float64) int {
	if villageModal >= 0 && u < min(1, p.ImitationCopy*(p.ImitationBase+modalShare)) {
		return villageModal
	}
	return known
}

// PractisesCraft reports whether a household that knows a traditional
// craft in 1978 already practises it in a secret workshop, with the tools
// it has: with probability craft_practice. Article: "From the start of the
// economic reform, the peasants of Mantang had secretly engaged in small
// scale and commercial activities";
// the county's "sedentary craftsmen, who switched between agricultural
// activities and small-scale metal activities".
func PractisesCraft(p *HouseholdParams, r *rng.Draws) bool {
	return r.Float64() < p.CraftPractice
}
