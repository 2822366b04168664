package agents

import "clustersim/agents/rng"

// ODD 7.5: the legal form a new workshop takes when it registers, and the
// red hat as a contract.

// RegistrationRules are the rules of the timeline that registration reads.
type RegistrationRules struct {
	GetihuLegal      bool    // getihu_legal in force
	PrivateFree      bool    // private firms beyond the getihu cap are free (southern tour)
	RedHatRepression bool    // red_hat_repression in force: covered firms may be exposed
	RedHatFees       float64 // commune fee + village fee + state tax, the shares of sales a red hat pays
	GetihuTax        float64 // the share of sales a getihu pays
}

// Register is the legal form a workshop with the given workers takes in a
// village of the given stance: a private enterprise once they are free and
// the workshop is larger than the getihu cap (a getihu otherwise);
// before, a red hat where the village covers and the contract pays the
// workshop (WantsRedHat), a getihu where individual businesses are legal
// and the village does not repress, and no registration otherwise. A
// repressing village gives no papers ("private businessmen were not able
// to invoice for their products, since they lacked authorisation
// documents from the village"). It takes one draw, the workshop's need of
// invoices, whether it needs it or not, so that the draws after it do not
// depend on the regime.
func Register(p *FirmParams, rules *RegistrationRules, stance Stance, workers float64, r *rng.Draws) LegalForm {
	need := r.Float64()
	if rules.PrivateFree {
		if workers > float64(p.GetihuCap) {
			return Private
		}
		return Getihu
	}
	if stance == Encourage && WantsRedHat(p, rules.RedHatFees, rules.GetihuTax, need, 0) {
		return RedHat
	}
	if rules.GetihuLegal && stance != Repress {
		return Getihu
	}
	return Underground
}

// WantsRedHat reports whether a workshop takes the cover of a collective
// at its price: what cover buys — invoices and a bank account, which
// widen its sales by red_hat_access·2·need for a workshop whose need of
// invoices is need in [0,1) (ASSUME: needs spread evenly: buyers that ask
// for invoices), and growth, the extra sales of growing past the getihu
// cap (0 for a new workshop) — must outweigh the confederation's fees
// (1% commune, 3% village, 5% state) over the getihu's tax. Article: "private
// businessmen were not able to invoice for their products, since they
// lacked authorisation documents from the village; they could not open a
// company bank account; and there were no regulations concerning the
// payment of employees. This meant they needed to join the collectivity."
func WantsRedHat(p *FirmParams, feeRedHat, taxGetihu, need, growth float64) bool {
	access := p.RedHatAccess * 2 * need
	return (1+access)*(1+growth)*(1-feeRedHat) > 1-taxGetihu
}
