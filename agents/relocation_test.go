package agents

import "testing"

func TestRelocate(t *testing.T) {
	p := &LandParams{WaitBeforeLeaving: 12, LeaveRate: 1, RegisteredOfficeKeep: 1}
	open := &RelocationRules{PrivateFree: true, OfficeCentre: true, Shares: []float64{0, 1}}
	tests := []struct {
		name    string
		rules   *RelocationRules
		form    LegalForm
		loc     Location
		waiting int16
		leaves  bool
	}{
		{"leaves", open, Private, EstateSite, 13, true},
		{"not waited long enough", open, Private, EstateSite, 12, false},
		{"a getihu cannot move", open, Getihu, VillageSite, 13, false},
		{"already away", open, Company, AwayTo(1), 13, false},
		{"private firms not free", &RelocationRules{Shares: []float64{1}}, Private, EstateSite, 13, false},
		{"nowhere to go", &RelocationRules{PrivateFree: true}, Private, EstateSite, 13, false},
	}
	for i, tt := range tests {
		rel := Relocate(p, tt.rules, &Firm{Form: tt.form, Location: tt.loc, Waiting: tt.waiting}, testDraws(i))
		if rel.Leaves != tt.leaves {
			t.Errorf("%s: leaves %v, want %v", tt.name, rel.Leaves, tt.leaves)
		}
		if rel.Leaves && (rel.Destination != 1 || !rel.Office) {
			t.Errorf("%s: %+v, want the only destination with a share, keeping its office", tt.name, rel)
		}
	}
}
