package agents

import "math"

// ODD 7.9: the size review and employment.

// SizeReviewMonths is the period between a firm's reviews of its size.
const SizeReviewMonths = 3

// SizeRules are what the size review sees of the month besides the
// Economy.
type SizeRules struct {
	SoftBudget bool    // collectives do not plan to shed labour (before collective_shareholding)
	Fill       float64 // share of planned hires the labour market filled last month
	GrowthLo   float64 // GrowthSaturation over SizeReviewMonths
	GrowthHi   float64
	SiteCaps   []float64        // most employees a village site holds, by village (nil: village_site_cap everywhere; SiteCap)
	Relocation *RelocationRules // what a firm that looks for land sees of the places it could move to (nil: none)
}

// ReviewsSize reports whether the firm reviews its size this month (the
// month, sim.Month): each quarter, in turn (firm ID + month mod 3), and
// every month while it wants no one.
func ReviewsSize(f *Firm, month int) bool {
	return (int(f.ID)+month)%SizeReviewMonths == 0 || f.Wanted == 0
}

// ReviewSize is a firm's size review, in the months ReviewsSize gives: the
// firm revises the size it wants and moves toward it — firing at once,
// hiring in Yongkang at the rate the labour market filled plans last month
// — and, if its site is too small, chooses where it would grow (ODD
// 7.16.1): it asks for an estate plot if one pays its rent
// (WantsEstateLand), and looks for land if that or a move elsewhere would
// gain it something (MayMove); otherwise it stays as it is. It
// updates the firm and returns the hires it planned in Yongkang, for the
// labour market.
func ReviewSize(p *Params, e *Economy, rules *SizeRules, f *Firm) (planned float64) {
	const months = SizeReviewMonths
	fp := &p.Firms
	margin := SoldMargin(fp, e, f)
	f.Wanted = OptimalEmployees(fp, e.TFP, f.Efficiency(fp), margin, e.Wage, f.Form)
	lstar := f.Wanted
	site := float64(fp.VillageSiteCap)
	if rules.SiteCaps != nil {
		site = rules.SiteCaps[f.Village]
	}
	limit := EmployeeCap(fp, f.Form, f.Location, true, site)
	if f.Location == EstateSite {
		limit = min(limit, f.Plot/p.Land.SquareMetresPerEmployee)
	}
	if f.Form.Collective() && rules.SoftBudget && !f.Unpaid {
		// Soft budget: collectives whose owners pay their losses do not
		// plan to shed labour (their site or plot still limits them).
		lstar = max(lstar, f.Employees)
	}
	f.Target = min(lstar, limit)
	f.WantsPlot = lstar > limit && WantsEstateLand(p, e, e.LandRent, f, limit)
	if f.WantsPlot || (lstar > limit && MayMove(p, e, rules.Relocation, f)) {
		f.Waiting += months // it looks for land until its next review
	} else {
		f.Waiting = 0
	}
	if f.Target < f.Employees && f.Employees <= max(1, f.Family) {
		return 0 // a family workshop does not fire its own family
	}
	var g float64
	switch r := f.Target / f.Employees; {
	case r >= rules.GrowthHi:
		g = fp.MaxMonthlyGrowth * months
	case r <= rules.GrowthLo:
		g = -fp.MaxMonthlyGrowth * months
	default:
		g = GrowthOver(fp, f.Employees, f.Target, months)
	}
	if g < 0 {
		f.SetEmployees(fp, max(1, max(f.Family, f.Employees*(1+g))))
	} else if g > 0 {
		want := f.Employees * g
		if !f.Location.InYongkang() {
			f.SetEmployees(fp, f.Employees+want) // it hires where it now produces
			return 0
		}
		f.SetEmployees(fp, f.Employees+want*rules.Fill)
		return want
	}
	return 0
}

// OptimalEmployees is the size at which the marginal value of a worker
// equals the wage: L* = (α·A·q·margin/w)^(1/(1−α)), where margin is the
// UnitMargin of the firm's output and q its Efficiency (quality, equipment,
// site). Firms move toward it.
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
// outside estates (siteCap, SiteCap), and no limit otherwise.
func EmployeeCap(p *FirmParams, form LegalForm, loc Location, capInForce bool, siteCap float64) float64 {
	c := math.Inf(1)
	if (form == Getihu || form == Underground) && capInForce {
		c = float64(p.GetihuCap)
	}
	if loc == VillageSite {
		c = min(c, siteCap)
	}
	return c
}

// SiteCap is the most employees a firm may have on a site of a village
// that has widened its sites by the share developed of village_site_cap
// (Develop, ODD 7.7.5).
func SiteCap(fp *FirmParams, developed float64) float64 {
	return float64(fp.VillageSiteCap) * (1 + max(0, developed))
}
