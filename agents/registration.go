package agents

import "clustersim/agents/rng"

// ODD 7.5: the legal form a new workshop takes when it registers.

// RegistrationRules are the rules of the timeline that registration reads.
type RegistrationRules struct {
	GetihuLegal      bool    // getihu_legal in force
	PrivateFree      bool    // private firms beyond the getihu cap are free (southern tour)
	RedHatRepression bool    // red_hat_repression in force
	RedHatFees       float64 // commune fee + village fee + state tax, the shares of sales a red hat pays
	GetihuTax        float64 // the share of sales a getihu pays
}

// Register is the legal form a workshop with the given workers takes: none
// before getihu are legal; a private enterprise once they are free and the
// workshop is larger than the getihu cap (a getihu otherwise); a red hat
// where the village offers the cover (cover), red hats are not repressed and
// the workshop prefers it (WantsRedHat); a getihu otherwise. It takes one
// draw, the workshop's red-hat propensity, whether it needs it or not, so
// that the draws after it do not depend on the regime.
func Register(p *FirmParams, rules *RegistrationRules, cover bool, workers float64, r *rng.Draws) LegalForm {
	u := r.Float64()
	if !rules.GetihuLegal && !rules.PrivateFree {
		return Underground
	}
	if rules.PrivateFree {
		if workers > float64(p.GetihuCap) {
			return Private
		}
		return Getihu
	}
	if cover && !rules.RedHatRepression && WantsRedHat(p, rules.RedHatFees, rules.GetihuTax, u) {
		return RedHat
	}
	return Getihu
}

// WantsRedHat reports whether a workshop prefers the cover of a collective:
// the extra sales from invoicing must outweigh the confederation's fees
// (1% commune, 3% village, 5% state); u draws the workshop's propensity.
func WantsRedHat(p *FirmParams, feeRedHat, taxGetihu, u float64) bool {
	gain := (1+p.RedHatAccess)*(1-feeRedHat) - (1 - taxGetihu)
	return gain > 0 && u < p.RedHatPropensity
}
