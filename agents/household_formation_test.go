package agents

import (
	"testing"

	"clustersim/agents/rng"
)

func TestFormHouseholds(t *testing.T) {
	kind := rng.NewPurpose("kin")
	var households []Household
	for i := range 10 {
		households = append(households, Household{UID: rng.NewID(kind, i), Village: int32(i % 3), Known: int16(i), Firm: 5, Savings: 9, Activity: Workshop})
	}
	p := &HouseholdParams{WorkersPerHousehold: 2.4}
	if got := FormHouseholds(p, households, kind, 7, testDraws(1), nil); len(got) != 0 {
		t.Errorf("%d households formed without growth", len(got))
	}
	p.NaturalGrowth = 1
	formed := FormHouseholds(p, households, kind, 7, testDraws(2), make([]Household, 3))
	if len(formed) != 10 {
		t.Fatalf("%d households formed with growth 1 among 10, want 10", len(formed))
	}
	seen := map[rng.ID]bool{} // look-up only
	for _, h := range formed {
		kin := households[h.Known]
		if h.Kin != int32(h.Known) {
			t.Errorf("formed %+v: its Kin should be the household it copies (%d)", h, h.Known)
		}
		if h.Village != kin.Village || h.Firm != -1 || h.Savings != 0 || h.Activity != Farming || h.Workers != 2.4 || seen[h.UID] {
			t.Errorf("formed %+v, want a farming household of the village of its kin %+v, a new identity", h, kin)
		}
		seen[h.UID] = true
	}
}
