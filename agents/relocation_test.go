package agents

import (
	"math"
	"testing"
)

// relocationCase is a firm held to 30 employees on its site that would
// employ 1,000 (quality 10 makes that size pay), and a world of three
// places: one with no share, one near, one far with cheaper land.
func relocationCase() (*Params, *Economy, *Firm) {
	p := testParams()
	p.Land = LandParams{WaitBeforeLeaving: 12, LeaveRate: 1, RegisteredOfficeKeep: 1,
		SquareMetresPerEmployee: 50, LandRent: 0.06, MoveHorizon: 10, LocationTaste: 0.01}
	f := &Firm{Form: Private, Location: EstateSite, Waiting: 13, Quality: 10, Wanted: 1000, Lead: -1, Sales: 1e5}
	f.SetEmployees(&p.Firms, 30)
	return p, testEconomy(1), f
}

func TestRelocate(t *testing.T) {
	p, e, _ := relocationCase()
	places := []DestinationTerms{{Share: 0}, {Share: 0.5, Discount: 0.3, MovingCost: 0.1}, {Share: 0.5, Discount: 0.5, MovingCost: 0.1}}
	open := &RelocationRules{PrivateFree: true, OfficeCentre: true, LandPrice: 100, Destinations: places}
	dear := &RelocationRules{PrivateFree: true, LandPrice: 1e9, Destinations: places}
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
		{"private firms not free", &RelocationRules{Destinations: places}, Private, EstateSite, 13, false},
		{"nowhere to go", &RelocationRules{PrivateFree: true}, Private, EstateSite, 13, false},
		{"land it cannot pay for anywhere", dear, Private, EstateSite, 13, false},
	}
	for i, tt := range tests {
		_, _, f := relocationCase()
		f.Form, f.Location, f.Waiting = tt.form, tt.loc, tt.waiting
		rel := Relocate(p, e, tt.rules, f, testDraws(i))
		if rel.Leaves != tt.leaves {
			t.Errorf("%s: leaves %v, want %v", tt.name, rel.Leaves, tt.leaves)
		}
		if rel.Leaves && (rel.Destination != 2 || !rel.Office) {
			t.Errorf("%s: %+v, want the place with the cheaper land (with little spread of tastes), keeping its office", tt.name, rel)
		}
	}
}

func TestMoveGain(t *testing.T) {
	p, e, f := relocationCase()
	near := DestinationTerms{Discount: 0.3, MovingCost: 0.1}
	g := MoveGain(p, e, 100, near, f)
	if !(g > 0) {
		t.Fatalf("MoveGain = %g, want > 0 for a firm held far below the size it wants", g)
	}
	if g2 := MoveGain(p, e, 200, near, f); !(g2 < g) {
		t.Errorf("MoveGain with dearer land = %g, want < %g", g2, g)
	}
	if g3 := MoveGain(p, e, 100, DestinationTerms{Discount: 0.3, MovingCost: 5}, f); !(g3 < g) {
		t.Errorf("MoveGain with a dearer move = %g, want < %g", g3, g)
	}
	f.Wanted = f.Employees
	if g4 := MoveGain(p, e, 100, near, f); !(g4 < 0) {
		t.Errorf("MoveGain for a firm at the size it wants = %g, want < 0 (it pays for land and moving, and gains nothing)", g4)
	}
}

func TestRelocateLogitShares(t *testing.T) {
	// Two places that gain a firm the same: it goes to each by its share.
	p, e, _ := relocationCase()
	p.Land.LocationTaste = 0.5
	rules := &RelocationRules{PrivateFree: true, LandPrice: 100,
		Destinations: []DestinationTerms{{Share: 0.25, Discount: 0.3}, {Share: 0.75, Discount: 0.3}}}
	n := [2]int{}
	const draws = 4000
	for i := range draws {
		_, _, f := relocationCase()
		if rel := Relocate(p, e, rules, f, testDraws(1000+i)); rel.Leaves {
			n[rel.Destination]++
		}
	}
	if got := float64(n[0]) / float64(n[0]+n[1]); math.Abs(got-0.25) > 0.03 {
		t.Errorf("share of leavers to the first place = %.3f, want about 0.25", got)
	}
}
