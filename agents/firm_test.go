package agents

import "testing"

var allForms = []LegalForm{Underground, Getihu, RedHat, TownshipCollective, VillageCollective, Private, ShareholdingCoop, Company, Group}

func TestLegalFormPredicates(t *testing.T) {
	tests := []struct {
		form                                                 LegalForm
		name                                                 string
		collective, registered, enterprise, invoice, movable bool
	}{
		{Underground, "underground", false, false, false, false, false},
		{Getihu, "getihu", false, true, false, false, false},
		{RedHat, "red_hat", false, true, true, true, false},
		{TownshipCollective, "township", true, false, false, true, false},
		{VillageCollective, "village", true, false, false, true, false},
		{Private, "private", false, true, true, true, true},
		{ShareholdingCoop, "shareholding_coop", false, true, true, true, true},
		{Company, "company", false, true, true, true, true},
		{Group, "group", false, true, true, true, true},
	}
	if len(tests) != NumForms {
		t.Fatalf("table covers %d forms, NumForms = %d", len(tests), NumForms)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := tt.form
			if got := f.String(); got != tt.name {
				t.Errorf("String() = %q, want %q", got, tt.name)
			}
			check := func(pred string, got, want bool) {
				if got != want {
					t.Errorf("%s.%s() = %v, want %v", tt.name, pred, got, want)
				}
			}
			check("Collective", f.Collective(), tt.collective)
			check("Registered", f.Registered(), tt.registered)
			check("Enterprise", f.Enterprise(), tt.enterprise)
			check("CanInvoice", f.CanInvoice(), tt.invoice)
			check("Movable", f.Movable(), tt.movable)
		})
	}
}

func TestLocation(t *testing.T) {
	tests := []struct {
		loc  Location
		name string
		in   bool
	}{
		{VillageSite, "village", true},
		{EstateSite, "estate", true},
		{AwayTo(0), "away", false},
		{AwayTo(2), "away", false},
	}
	for _, tt := range tests {
		if got := tt.loc.String(); got != tt.name {
			t.Errorf("Location(%d).String() = %q, want %q", tt.loc, got, tt.name)
		}
		if got := tt.loc.InYongkang(); got != tt.in {
			t.Errorf("%s.InYongkang() = %v, want %v", tt.name, got, tt.in)
		}
	}
}
