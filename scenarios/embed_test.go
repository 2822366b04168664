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
// stand-in base, the valid fixture with one event of every kind, so that
// they are checked even before yongkang.yaml exists.
func TestBuiltinCounterfactuals(t *testing.T) {
	base := loadValid(t)
	base.Config.Events = nil
	for i, k := range sim.EventKinds {
		base.Config.Events = append(base.Config.Events, sim.Event{Date: sim.NewMonth(1979+i, 1), Kind: k})
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
