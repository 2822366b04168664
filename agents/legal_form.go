package agents

import (
	"math"

	"clustersim/agents/rng"
)

// ODD 7.10: legal form transitions.

// LegalFormRules are the rules of the timeline that form changes read.
type LegalFormRules struct {
	Registration           RegistrationRules
	Sanctions              SanctionRules
	CollectiveShareholding bool // collectives are privatised
	CompanyConversion      bool // firms may become companies
	RestructuringSubsidy   bool // the restructuring subsidy is paid
}

// LegalFormReview is what the month's form review does besides changing
// the form: whether a raid closes the firm, and the villagers it arrests.
type LegalFormReview struct {
	Raided  bool
	Arrests float64
}

// ReviewLegalForm applies the transition between legal forms that the
// timeline allows this month, at most one: an unregistered workshop
// registers once it may (Register) or risks a raid (SanctionProbability);
// a getihu at the cap becomes a private enterprise or borrows a red hat;
// red hats are detected or taken off; collectives are privatised; firms
// become companies and groups. villages are the county's (the firm's home
// village is villages[f.Village], read only where a transition needs it).
// It changes the firm's form and returns whether a raid closes it.
func ReviewLegalForm(p *Params, rules *LegalFormRules, villages []Village, f *Firm, r *rng.Draws) LegalFormReview {
	fp := &p.Firms
	reg := &rules.Registration
	atCap := f.Employees >= float64(fp.GetihuCap)-0.5
	switch f.Form {
	case Underground:
		v := &villages[f.Village]
		if form := Register(fp, reg, v.Stance, f.Employees, r); form != Underground {
			setForm(fp, f, form)
		} else if r.Float64() < SanctionProbability(&rules.Sanctions, v.Stance) {
			// the villagers caught at work are arrested
			return LegalFormReview{Raided: true, Arrests: f.Family}
		}
	case Getihu:
		switch {
		case reg.PrivateFree && atCap && r.Float64() < fp.PrivateRegistrationRate:
			setForm(fp, f, Private)
		case !reg.PrivateFree && atCap && villages[f.Village].Covers() &&
			WantsRedHat(fp, reg.RedHatFees, reg.GetihuTax, r.Float64(), GrowthPastCap(fp, f)):
			setForm(fp, f, RedHat) // to grow past the cap, it borrows a red hat
		}
	case RedHat:
		switch {
		case reg.RedHatRepression && r.Float64() < p.Villages.RedHatDetection:
			setForm(fp, f, Getihu)
		case reg.PrivateFree && r.Float64() < fp.UnhatRate:
			// It takes off the red hat: a private enterprise, or an
			// individual business if it is no larger than the getihu cap.
			if f.Employees > float64(fp.GetihuCap) {
				setForm(fp, f, Private)
			} else {
				setForm(fp, f, Getihu)
			}
		}
	case TownshipCollective, VillageCollective:
		// The owner's choice under the national reform: a collective whose
		// loss it no longer pays goes at once; the others at the reform's
		// pace. Article: "in 1994, a major process of privatising
		// collective companies was initiated".
		if rules.CollectiveShareholding && (r.Float64() < fp.PrivatisationRate || f.Unpaid) {
			setForm(fp, f, ShareholdingCoop)
			f.Capital = max(f.Capital, 0) // the shareholders do not take over past losses
		}
	case Private, ShareholdingCoop:
		if rules.CompanyConversion && f.Employees >= float64(fp.CompanyMinEmployees) {
			rate := fp.CompanyConversionRate
			if rules.RestructuringSubsidy {
				rate += fp.RestructureSubsidy
			}
			if r.Float64() < rate {
				setForm(fp, f, Company)
			}
		}
	case Company:
		if f.Employees >= float64(fp.GroupMinEmployees) && r.Float64() < fp.CompanyConversionRate {
			setForm(fp, f, Group)
		}
	}
	return LegalFormReview{}
}

// setForm gives the firm a new form; a getihu larger than the cap is cut
// to it (keeping its family).
func setForm(p *FirmParams, f *Firm, form LegalForm) {
	if form == Getihu && f.Employees > float64(p.GetihuCap) {
		f.SetEmployees(p, max(f.Family, float64(p.GetihuCap)))
	}
	f.Form = form
}

// GrowthPastCap is the extra sales a getihu at the cap would make at the
// size it wants (Wanted), relative to its sales at the cap: what a red hat
// buys it beyond invoices.
func GrowthPastCap(p *FirmParams, f *Firm) float64 {
	c := float64(p.GetihuCap)
	if f.Wanted <= c {
		return 0
	}
	return math.Exp(p.LabourElasticity*math.Log(f.Wanted/c)) - 1
}
