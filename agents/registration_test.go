package agents

import "testing"

func TestWantsRedHat(t *testing.T) {
	const fee, getihuTax = 0.09, 0.03 // the confederation's 1+3+5%, a getihu's tax
	tests := []struct {
		name             string
		access, fee, tax float64
		need, growth     float64
		want             bool
	}{
		{"a workshop that needs invoices", 0.4, fee, getihuTax, 0.9, 0, true},
		{"a workshop that needs none", 0.4, fee, getihuTax, 0, 0, false},
		{"no access gain", 0, fee, getihuTax, 1, 0, false},
		{"small access gain below the extra fees", 0.025, fee, getihuTax, 1, 0, false},
		{"fees eat the whole sales", 0.4, 1, getihuTax, 1, 5, false},
		{"no fees, any access gain", 0.01, 0, 0, 0.5, 0, true},
		{"growing past the cap pays for it", 0, fee, getihuTax, 0, 0.2, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &testParams().Firms
			p.RedHatAccess = tt.access
			if got := WantsRedHat(p, tt.fee, tt.tax, tt.need, tt.growth); got != tt.want {
				t.Errorf("WantsRedHat(access %g, fee %g, getihu tax %g, need %g, growth %g) = %v, want %v",
					tt.access, tt.fee, tt.tax, tt.need, tt.growth, got, tt.want)
			}
		})
	}
	t.Run("higher fees need more need of invoices", func(t *testing.T) {
		p := &testParams().Firms
		p.RedHatAccess = 0.4
		// Break-even need: (1+2·access·n)(1-fee) = 1-tax.
		for _, f := range []float64{0.05, 0.09, 0.2} {
			n := ((1-getihuTax)/(1-f) - 1) / (2 * p.RedHatAccess)
			if WantsRedHat(p, f, getihuTax, n*0.99, 0) {
				t.Errorf("fee %g: wants a red hat just below break-even need %g", f, n)
			}
			if !WantsRedHat(p, f, getihuTax, n*1.01+1e-9, 0) {
				t.Errorf("fee %g: does not want a red hat just above break-even need %g", f, n)
			}
		}
	})
}

func TestRegister(t *testing.T) {
	p := &testParams().Firms
	pays := RegistrationRules{GetihuLegal: true, RedHatFees: 0.09, GetihuTax: 0.03}
	tests := []struct {
		name    string
		rules   RegistrationRules
		stance  Stance
		workers float64
		want    []LegalForm // the forms the draw may give
	}{
		{"nothing legal, no cover", RegistrationRules{}, Tolerate, 2, []LegalForm{Underground}},
		{"nothing legal, a repressing village", pays, Repress, 2, []LegalForm{Underground}},
		{"private firms free, small", RegistrationRules{PrivateFree: true}, Repress, 2, []LegalForm{Getihu}},
		{"private firms free, past the cap", RegistrationRules{PrivateFree: true}, Tolerate, float64(p.GetihuCap) + 1, []LegalForm{Private}},
		{"under cover", pays, Encourage, 2, []LegalForm{RedHat, Getihu}},
		{"under cover before getihu are legal", RegistrationRules{RedHatFees: 0.09, GetihuTax: 0.03}, Encourage, 2, []LegalForm{RedHat, Underground}},
		{"no cover", pays, Tolerate, 2, []LegalForm{Getihu}},
		{"fees too high", RegistrationRules{GetihuLegal: true, RedHatFees: 0.9, GetihuTax: 0.03}, Encourage, 2, []LegalForm{Getihu}},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := testDraws(i)
			got := Register(p, &tt.rules, tt.stance, tt.workers, r)
			ok := false
			for _, f := range tt.want {
				ok = ok || got == f
			}
			if !ok {
				t.Errorf("Register = %v, want one of %v", got, tt.want)
			}
			// It takes one draw whatever the case: the next is the key's second.
			if next, second := r.Float64(), testDraws(i); next != func() float64 { second.Float64(); return second.Float64() }() {
				t.Errorf("Register did not take exactly one draw")
			}
		})
	}
	t.Run("under cover, most workshops that need invoices take the red hat", func(t *testing.T) {
		red := 0
		for i := range 400 {
			if Register(p, &pays, Encourage, 2, testDraws(1000+i)) == RedHat {
				red++
			}
		}
		// need > ((0.97/0.91)-1)/(2·0.4) ≈ 0.082: about 92%
		if red < 340 || red > 395 {
			t.Errorf("%d of 400 covered workshops take the red hat, want about 367", red)
		}
	})
}
