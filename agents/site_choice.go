package agents

import "math"

// ODD 7.16.1: the choice of site — a firm on a village site weighs an
// estate plot; a firm in an estate pays the rent of its plot.

// EstateGain is what an estate plot would gain a firm a year, in current
// yuan, over the site it holds: the profit at the size it wants (Wanted,
// within its form's cap: a getihu stays a getihu), with an estate's
// infrastructure (Efficiency), against the profit at the size its site
// holds it to (siteLimit), less the yearly rent of the
// plot that size needs (square_metres_per_employee a head at landRent a m²
// a year; for a firm already in an estate, the rent of the extension
// only). ASSUME: a village site costs a firm nothing beyond what it
// already pays; an estate's land is rented at the month's price
// (A: "The Yongkang government subsequently built an industrial area and
// rented out plots to companies"). It is 0 for a firm that wants no more
// than its site holds.
func EstateGain(p *Params, e *Economy, landRent float64, f *Firm, siteLimit float64) float64 {
	fp, lp := &p.Firms, &p.Land
	want := min(f.Wanted, EmployeeCap(fp, f.Form, EstateSite, true, math.Inf(1)))
	if want <= siteLimit {
		return 0
	}
	gain := yearlyProfit(fp, e, f, want, f.efficiencyAt(fp, EstateSite)) - yearlyProfit(fp, e, f, siteLimit, f.Efficiency(fp))
	extra := want * lp.SquareMetresPerEmployee
	if f.Location == EstateSite {
		extra -= f.Plot
	}
	return gain - max(0, extra)*landRent
}

// WantsEstateLand reports whether a firm in Yongkang asks for estate land
// at its size review: it wants more than its site or plot holds, it is not
// a secret workshop (an estate is public), and the plot gains it more than
// its rent (EstateGain). Family firms ask as any firm does.
func WantsEstateLand(p *Params, e *Economy, landRent float64, f *Firm, limit float64) bool {
	if f.Form == Underground || !f.Location.InYongkang() || math.IsInf(limit, 1) || f.Wanted <= limit {
		return false
	}
	return EstateGain(p, e, landRent, f, limit) > 0
}

// Efficiency is what multiplies the firm's output besides its labour: its
// quality, its equipment's term (EquipmentTerm) and its site's
// infrastructure — an estate's output is estate_productivity higher than a
// village site's. ASSUME: the size of the estates' advantage; A: "The old
// specialised areas of production were found to be unsuited to meeting
// the new demands being made of them in terms of both capacity and
// quality"; the city "found itself faced with a major problem in terms of
// space and infrastructure".
func (f *Firm) Efficiency(p *FirmParams) float64 { return f.efficiencyAt(p, f.Location) }

// efficiencyAt is the firm's Efficiency were it to produce at loc.
func (f *Firm) efficiencyAt(p *FirmParams, loc Location) float64 {
	return f.Quality * f.EquipmentTerm() * siteFactor(p, loc)
}

// siteFactor is the output factor of a site's infrastructure.
func siteFactor(p *FirmParams, loc Location) float64 {
	if loc == EstateSite || !loc.InYongkang() { // ASSUME: firms that leave settle in the development areas of the places they go to
		return 1 + p.EstateProductivity
	}
	return 1
}

// MayMove reports whether a move out of the county would gain a firm in
// Yongkang something (MoveGain > 0 for some destination), for a firm of a
// movable form once private firms are free.
func MayMove(p *Params, e *Economy, rules *RelocationRules, f *Firm) bool {
	if rules == nil || !rules.PrivateFree || !f.Form.Movable() || !f.Location.InYongkang() {
		return false
	}
	for _, d := range rules.Destinations {
		if MoveGain(p, e, rules.LandPrice, d, f) > 0 {
			return true
		}
	}
	return false
}

// PlotRent is a month's rent of the firm's estate plot, current yuan.
func PlotRent(f *Firm, landRent float64) float64 {
	if f.Location != EstateSite {
		return 0
	}
	return f.Plot * landRent / 12
}
