// Package scenarios holds the scenario files — the Yongkang baseline and its
// counterfactuals — and loads them strictly.
//
// A full scenario sets every field of sim.Config at the top level. A
// counterfactual names a base (a built-in name such as "yongkang", or a path
// relative to its own directory) and gives only what differs: a partial
// params: tree laid over the base's parameters, top-level scalars, whole
// replacement lists (regimes:, ladder:, estates:, events:), and
// remove_events: / add_events: to edit the base's events. Within regimes:,
// a regime's governance: inherits, key by key, from the previous regime.
//
// The loader rejects unknown keys, values of the wrong type or outside a
// field's range tag, and impossible timelines. Each problem is an *Error
// naming the file, line, column and field path; a file with several gets
// them all (up to MaxErrors), in file order, in an *Errors.
package scenarios

import (
	"embed"
	"io/fs"
	"strings"
)

// files holds the built-in scenarios.
//
//go:embed *.yaml
var files embed.FS

// List returns the names of the built-in scenarios, sorted.
func List() []string {
	entries, err := fs.ReadDir(files, ".")
	if err != nil {
		return nil
	}
	var names []string
	for _, e := range entries {
		if name, ok := strings.CutSuffix(e.Name(), ".yaml"); ok && !e.IsDir() {
			names = append(names, name)
		}
	}
	return names
}

// Builtin loads the built-in scenario of the given name (see List).
func Builtin(name string) (*Scenario, error) {
	s, err := new(loader).builtin(name)
	if err != nil {
		return nil, err
	}
	return s, nil
}
