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
		mantang   bool
		form      LegalForm
		employees float64
		want      LegalForm
		raided    bool
		arrests   float64
	}{
		{"an underground workshop registers", legal, false, Underground, 2, Getihu, false, 0},
		{"a raid in Mantang", LegalFormRules{Sanctions: SanctionRules{Mantang: 1}}, true, Underground, 2, Underground, true, 2},
		{"no raid where the village tolerates and tolerance is full", LegalFormRules{Sanctions: SanctionRules{Illegal: 1, Tolerance: 1}}, false, Underground, 2, Underground, false, 0},
		{"a getihu at the cap goes private", free, false, Getihu, 7, Private, false, 0},
		{"a getihu below the cap stays", free, false, Getihu, 3, Getihu, false, 0},
		{"a red hat detected", LegalFormRules{Registration: RegistrationRules{GetihuLegal: true, RedHatRepression: true}}, false, RedHat, 12, Getihu, false, 0},
		{"a red hat taken off", free, false, RedHat, 12, Private, false, 0},
		{"a collective privatised", LegalFormRules{CollectiveShareholding: true}, false, VillageCollective, 40, ShareholdingCoop, false, 0},
		{"a private firm becomes a company", LegalFormRules{CompanyConversion: true}, false, Private, 40, Company, false, 0},
		{"too small for a company", LegalFormRules{CompanyConversion: true}, false, Private, 20, Private, false, 0},
		{"a company becomes a group", legal, false, Company, 600, Group, false, 0},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			villages := []Village{{Stance: Tolerate}, {Stance: Tolerate}}
			mantang := -1
			if tt.mantang {
				villages[1].Stance, mantang = Repress, 1
			}
			f := &Firm{Form: tt.form, Family: 2, Capital: -5, Village: 1}
			f.SetEmployees(fp, tt.employees)
			rev := ReviewLegalForm(p, &tt.rules, villages, mantang, f, testDraws(i))
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
