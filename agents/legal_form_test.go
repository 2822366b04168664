package agents

import "testing"

// TestReviewLegalForm: each transition of ODD 7.10 happens when its rate is
// 1 and its conditions hold.
func TestReviewLegalForm(t *testing.T) {
	p := testParams()
	fp := &p.Firms
	fp.PrivateRegistrationRate, fp.UnhatRate, fp.PrivatisationRate, fp.CompanyConversionRate = 1, 1, 1, 1
	fp.CompanyMinEmployees, fp.GroupMinEmployees = 30, 500
	p.Villages.RedHatDetection = 1
	legal := LegalFormRules{Registration: RegistrationRules{GetihuLegal: true}}
	free := LegalFormRules{Registration: RegistrationRules{GetihuLegal: true, PrivateFree: true}}
	tests := []struct {
		name      string
		rules     LegalFormRules
		repress   bool // the firm's village represses
		form      LegalForm
		employees float64
		want      LegalForm
		raided    bool
		arrests   float64
		unpaid    bool // a collective whose owner did not pay its last loss
	}{
		{"an underground workshop registers", legal, false, Underground, 2, Getihu, false, 0, false},
		{"a raid in a repressing village", LegalFormRules{Sanctions: SanctionRules{Illegal: 1}}, true, Underground, 2, Underground, true, 2, false},
		{"no papers in a repressing village", LegalFormRules{Registration: RegistrationRules{GetihuLegal: true}}, true, Underground, 2, Underground, false, 0, false},
		{"no raid where the village tolerates and tolerance is full", LegalFormRules{Sanctions: SanctionRules{Illegal: 1, Tolerance: 1}}, false, Underground, 2, Underground, false, 0, false},
		{"a getihu at the cap goes private", free, false, Getihu, 7, Private, false, 0, false},
		{"a getihu below the cap stays", free, false, Getihu, 3, Getihu, false, 0, false},
		{"a red hat detected", LegalFormRules{Registration: RegistrationRules{GetihuLegal: true, RedHatRepression: true}}, false, RedHat, 12, Getihu, false, 0, false},
		{"a red hat taken off", free, false, RedHat, 12, Private, false, 0, false},
		{"a collective privatised", LegalFormRules{CollectiveShareholding: true}, false, VillageCollective, 40, ShareholdingCoop, false, 0, false},
		{"a private firm becomes a company", LegalFormRules{CompanyConversion: true}, false, Private, 40, Company, false, 0, false},
		{"too small for a company", LegalFormRules{CompanyConversion: true}, false, Private, 20, Private, false, 0, false},
		{"a company becomes a group", legal, false, Company, 600, Group, false, 0, false},
		{"a loss-making collective goes at once", LegalFormRules{CollectiveShareholding: true}, false, TownshipCollective, 40, ShareholdingCoop, false, 0, true},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := p
			if tt.unpaid {
				q := *p
				q.Firms.PrivatisationRate = 0 // it goes because its owner no longer pays, not by the reform's pace
				p = &q
			}
			villages := []Village{{Stance: Tolerate}, {Stance: Tolerate}}
			if tt.repress {
				villages[1].Stance = Repress
			}
			f := &Firm{Form: tt.form, Family: 2, Capital: -5, Village: 1, Unpaid: tt.unpaid}
			f.SetEmployees(fp, tt.employees)
			rev := ReviewLegalForm(p, &tt.rules, villages, f, testDraws(i))
			if f.Form != tt.want || rev.Raided != tt.raided || rev.Arrests != tt.arrests {
				t.Errorf("form %v, review %+v; want %v, raided %v, arrests %g", f.Form, rev, tt.want, tt.raided, tt.arrests)
			}
			if tt.want == ShareholdingCoop && f.Capital != 0 {
				t.Errorf("capital %g after privatisation, want past losses written off", f.Capital)
			}
			if f.Form == Getihu && f.Employees > float64(fp.GetihuCap) {
				t.Errorf("a getihu of %g employees, more than the cap", f.Employees)
			}
		})
	}
}
