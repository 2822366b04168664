package agents

import "clustersim/agents/rng"

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
// village is villages[f.Village], read only where a transition needs it);
// mantang is Mantang's index (-1: none). It changes the firm's form and
// returns whether a raid closes it.
func ReviewLegalForm(p *Params, rules *LegalFormRules, villages []Village, mantang int, f *Firm, r *rng.Draws) LegalFormReview {
	fp := &p.Firms
	reg := &rules.Registration
	atCap := f.Employees >= float64(fp.GetihuCap)-0.5
	switch f.Form {
	case Underground:
		v := &villages[f.Village]
		if reg.GetihuLegal || reg.PrivateFree {
			setForm(fp, f, Register(fp, reg, v.Cover, f.Employees, r))
		} else if mantang := int(f.Village) == mantang; r.Float64() < SanctionProbability(&rules.Sanctions, v.Stance, mantang) {
			rev := LegalFormReview{Raided: true}
			if mantang && v.Stance == Repress {
				rev.Arrests = f.Family // the villagers caught at work are arrested
			}
			return rev
		}
	case Getihu:
		switch {
		case reg.PrivateFree && atCap && r.Float64() < fp.PrivateRegistrationRate:
			setForm(fp, f, Private)
		case !reg.PrivateFree && atCap && villages[f.Village].Cover && !reg.RedHatRepression &&
			WantsRedHat(fp, reg.RedHatFees, reg.GetihuTax, 12*r.Float64()):
			setForm(fp, f, RedHat) // to grow past the cap, it borrows a red hat (yearly propensity, monthly draw)
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
		if rules.CollectiveShareholding && r.Float64() < fp.PrivatisationRate {
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
