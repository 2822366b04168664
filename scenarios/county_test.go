package scenarios

import "testing"

// TestCountyData: the places and parts of the ladder the engine reads from
// the scenario (destinations, Mantang, the figures' rung and sectors) are
// checked where they are written.
func TestCountyData(t *testing.T) {
	valid := readValid(t)
	for _, tc := range []struct {
		name, old, new, marker, field, msg string
	}{
		{"no destination", "destinations:\n  - {name: near, share: 0.2, yongwujin: true}\n  - {name: far, share: 0.8, yongwujin: false}\n",
			"destinations: []\n", "destinations: []", "destinations", "at least one place"},
		{"a destination twice", "name: far,", "name: near,", "name: near, share: 0.8", "destinations[1].name", `duplicate destination name "near"`},
		{"shares not summing to 1", "share: 0.8", "share: 0.7", "share: 0.7", "destinations[1].share", "sum to 0.9, not 1"},
		{"Mantang beyond the villages", "  village: 0\n", "  village: 40\n", "  village: 40", "mantang.village", "village 40, but the county has 40 villages (0–39; -1 for none)"},
		{"Mantang larger than the county", "  households: 300\n", "  households: 5000\n", "  households: 5000", "mantang.households", "more than the county's 1000"},
		{"a craft that is no sector", `craft_sector: "tools"`, "craft_sector: pottery", "craft_sector: pottery", "mantang.craft_sector", `"pottery" is not a sector of the ladder`},
		{"a doors rung that is no rung", "doors_rung: scooters", "doors_rung: doors", "doors_rung: doors", "figures.doors_rung", `"doors" is not a rung of the ladder`},
		{"a large-firm sector that is no sector", "large_firm_sectors: [tools]", "large_firm_sectors: [tools, ships]", "large_firm_sectors: [tools, ships]", "figures.large_firm_sectors[1]", `"ships" is not a sector`},
		{"a plan sector that is no sector", "figures:\n", "plan:\n  sectors: [tools, ships]\nfigures:\n", "sectors: [tools, ships]", "plan.sectors[1]", `"ships" is not a sector of the ladder`},
		{"a plan sector twice", "figures:\n", "plan:\n  sectors: [tools, tools]\nfigures:\n", "sectors: [tools, tools]", "plan.sectors[1]", `"tools" is named twice`},
		{"a plan without a craft of the first year", "figures:\n", "plan:\n  sectors: [vehicles]\nfigures:\n", "sectors: [vehicles]", "plan.sectors", "must keep a sector with a craft of 1978"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			checkError(t, mutate(t, valid, tc.old, tc.new), tc.marker, tc.field, tc.msg)
		})
	}
	// A plan that keeps a craft of the first year is valid; without one the
	// canonical form has no plan key (older scenarios keep their hash).
	if _, err := Parse("ok.yaml", []byte(mutate(t, valid, "figures:\n", "plan:\n  sectors: [tools]\nfigures:\n")), nil); err != nil {
		t.Errorf("plan.sectors [tools]: %v", err)
	}
	// A county without Mantang is a valid scenario.
	if _, err := Parse("ok.yaml", []byte(mutate(t, valid, "  village: 0\n", "  village: -1\n")), nil); err != nil {
		t.Errorf("mantang.village -1: %v", err)
	}
}
