package agents

import "testing"

func TestWantsRedHat(t *testing.T) {
	const fee, getihuTax = 0.09, 0.03 // the confederation's 1+3+5%, a getihu's tax
	tests := []struct {
		name             string
		access, fee, tax float64
		propensity, u    float64
		want             bool
	}{
		{"access outweighs the fees", 0.4, fee, getihuTax, 0.25, 0.1, true},
		{"access outweighs the fees, draw above propensity", 0.4, fee, getihuTax, 0.25, 0.3, false},
		{"no access gain", 0, fee, getihuTax, 1, 0, false},
		{"small access gain below the extra fees", 0.05, fee, getihuTax, 1, 0, false},
		{"fees eat the whole sales", 0.4, 1, getihuTax, 1, 0, false},
		{"no fees, any access gain", 0.01, 0, 0, 1, 0, true},
		{"zero propensity", 0.4, fee, getihuTax, 0, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &testParams().Firms
			p.RedHatAccess, p.RedHatPropensity = tt.access, tt.propensity
			if got := WantsRedHat(p, tt.fee, tt.tax, tt.u); got != tt.want {
				t.Errorf("WantsRedHat(access %g, fee %g, getihu tax %g, propensity %g, u %g) = %v, want %v",
					tt.access, tt.fee, tt.tax, tt.propensity, tt.u, got, tt.want)
			}
		})
	}
	t.Run("higher fees need more access", func(t *testing.T) {
		p := &testParams().Firms
		p.RedHatPropensity = 1
		// Break-even access: (1+a)(1-fee) = 1-tax.
		for _, f := range []float64{0.05, 0.09, 0.2} {
			a := (1-getihuTax)/(1-f) - 1
			p.RedHatAccess = a * 0.99
			if WantsRedHat(p, f, getihuTax, 0) {
				t.Errorf("fee %g: wants a red hat just below break-even access %g", f, a)
			}
			p.RedHatAccess = a*1.01 + 1e-9
			if !WantsRedHat(p, f, getihuTax, 0) {
				t.Errorf("fee %g: does not want a red hat just above break-even access %g", f, a)
			}
		}
	})
}

func TestRegister(t *testing.T) {
	p := &testParams().Firms
	p.RedHatPropensity = 1 // every workshop that gains from a red hat wants one
	pays := RegistrationRules{GetihuLegal: true, RedHatFees: 0.09, GetihuTax: 0.03}
	tests := []struct {
		name    string
		rules   RegistrationRules
		cover   bool
		workers float64
		want    LegalForm
	}{
		{"nothing legal", RegistrationRules{}, true, 2, Underground},
		{"private firms free, small", RegistrationRules{PrivateFree: true}, true, 2, Getihu},
		{"private firms free, past the cap", RegistrationRules{PrivateFree: true}, true, float64(p.GetihuCap) + 1, Private},
		{"a red hat under cover", pays, true, 2, RedHat},
		{"no cover", pays, false, 2, Getihu},
		{"red hats repressed", RegistrationRules{GetihuLegal: true, RedHatRepression: true, RedHatFees: 0.09, GetihuTax: 0.03}, true, 2, Getihu},
		{"fees too high", RegistrationRules{GetihuLegal: true, RedHatFees: 0.9, GetihuTax: 0.03}, true, 2, Getihu},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := testDraws(i)
			if got := Register(p, &tt.rules, tt.cover, tt.workers, r); got != tt.want {
				t.Errorf("Register = %v, want %v", got, tt.want)
			}
			// It takes one draw whatever the case: the next is the key's second.
			if next, second := r.Float64(), testDraws(i); next != func() float64 { second.Float64(); return second.Float64() }() {
				t.Errorf("Register did not take exactly one draw")
			}
		})
	}
}
