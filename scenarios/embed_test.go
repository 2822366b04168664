package scenarios

import (
	"io/fs"
	"slices"
	"testing"

	"clustersim/sim"
)

func TestList(t *testing.T) {
	names := List()
	if !slices.IsSorted(names) {
		t.Errorf("List() = %v, not sorted", names)
	}
	for _, want := range []string{"no_southern_tour", "no_compromise", "no_estates", "no_crisis",
		"no_service_government", "no_ranking", "tight_land", "loose_land"} {
		if !slices.Contains(names, want) {
			t.Errorf("List() = %v, lacks %s", names, want)
		}
	}
}

// TestBuiltins loads every embedded scenario.
func TestBuiltins(t *testing.T) {
	base, err := Builtin("yongkang")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range List() {
		s, err := Builtin(name)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if s.Name != name {
			t.Errorf("%s.yaml has name: %q, want %q", name, s.Name, name)
		}
		if s.Base != "" && s.Hash == base.Hash {
			t.Errorf("%s changes nothing in yongkang", name)
		}
		if r, err := Resolve(name); err != nil || r.Hash != s.Hash {
			t.Errorf("Resolve(%q) = %v", name, err)
		}
	}
}

// TestBuiltinCounterfactuals checks the embedded counterfactuals against a
// stand-in base, the valid fixture with one event of every kind (each
// lasting a month, so a counterfactual may add its own) and yongkang's
// ladder (a plan names its sectors), so that they are checked against
// more than the one base they are written for.
func TestBuiltinCounterfactuals(t *testing.T) {
	base := loadValid(t)
	yk, err := Resolve("yongkang")
	if err != nil {
		t.Fatal(err)
	}
	base.Config.Ladder, base.Config.Figures, base.Config.Mantang.CraftSector = yk.Config.Ladder, yk.Config.Figures, yk.Config.Mantang.CraftSector
	base.Config.Events = nil
	for i, k := range sim.EventKinds {
		m := sim.NewMonth(1979+i/12, 1+i%12)
		base.Config.Events = append(base.Config.Events, sim.Event{Date: m, End: m, Kind: k})
	}
	base.pos = nil
	if err := ValidateConfig(&base.Config); err != nil {
		t.Fatal(err)
	}
	for _, name := range List() {
		data, err := fs.ReadFile(files, name+".yaml")
		if err != nil {
			t.Fatal(err)
		}
		root, perr := parseYAML(name, data)
		if perr != nil {
			t.Errorf("%s: %v", name, perr)
			continue
		}
		if value(root, "base") == nil {
			continue // a full scenario
		}
		s, err := Parse(name+".yaml", data, resolveTo(base))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if s.Name != name {
			t.Errorf("%s.yaml has name: %q, want %q", name, s.Name, name)
		}
	}
}
