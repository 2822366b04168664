package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// layers are the layers of the project, top to bottom. A package of the
// module belongs to the layer whose pattern matches its path (relative to
// the module) most closely: "p" is the package p, "p/..." is p and every
// package below it, so "sim/..." holds the engine sim and any new
// subpackage of it (sim/snapshot, say) while "sim/output/..." takes
// sim/output out of the engine. A package may import the packages of its
// own layer (Go rules out cycles) and those of the layers it lists; "*"
// is every layer. Only the imports of the packages' own files are checked:
// tests may import whatever makes no cycle, to build their fixtures.
//
// A new package that matches no pattern fails TestLayers until it is
// given a place here.
var layers = []layer{
	{"cmd", []string{"cmd/..."}, []string{"*"}},
	{"classroom", []string{"classroom/..."}, []string{"compare", "ensemble", "scenarios", "engine", "agents", "seeds", "spread"}}, // the classroom page and its API
	{"calibration", []string{"calibration/..."}, []string{"plots", "output", "ensemble", "scenarios", "engine", "agents", "seeds", "spread"}},
	{"compare", []string{"compare/..."}, []string{"ensemble", "scenarios", "engine", "agents", "seeds", "spread"}},
	{"plots", []string{"plots/..."}, []string{"scenarios", "engine", "agents", "seeds", "spread"}},
	{"output", []string{"sim/output/..."}, []string{"scenarios", "engine", "agents", "seeds", "spread"}},
	{"ensemble", []string{"sim/ensemble/..."}, []string{"scenarios", "engine", "agents", "seeds", "spread"}},
	{"scenarios", []string{"scenarios/..."}, []string{"engine", "agents"}}, // decodes scenario files into sim.Config
	{"engine", []string{"sim/..."}, []string{"agents"}},
	{"agents", []string{"agents/..."}, nil},
	{"seeds", []string{"seeds/..."}, nil},
	{"spread", []string{"sim/spread/..."}, nil}, // a leaf of statistics under sim, not part of the engine
}

// layer is a row of layers.
type layer struct {
	name     string
	packages []string // patterns of the packages in the layer
	imports  []string // the layers below it that it may import
}

// listedPackage is what TestLayers reads of `go list -json`.
type listedPackage struct {
	ImportPath string
	Imports    []string
	Module     *struct{ Path string }
}

func TestLayers(t *testing.T) {
	if err := checkTable(layers); err != nil {
		t.Fatal(err)
	}
	pkgs := listPackages(t)
	if len(pkgs) < len(layers) {
		t.Fatalf("go list found %d packages, fewer than the %d layers", len(pkgs), len(layers))
	}
	for _, v := range violations(layers, pkgs) {
		t.Error(v)
	}
}

// TestLayersCatchBadImports checks the checker on made-up packages.
func TestLayersCatchBadImports(t *testing.T) {
	// pkg is the package m/path of the module m importing m/imports.
	pkg := func(path string, imports ...string) listedPackage {
		p := listedPackage{ImportPath: "m/" + path, Module: &struct{ Path string }{"m"}}
		for _, imp := range imports {
			p.Imports = append(p.Imports, "m/"+imp)
		}
		return p
	}
	outside := pkg("sim/output", "scenarios")
	outside.Imports = append(outside.Imports, "fmt", "gonum.org/v1/plot") // not checked
	pkgs := []listedPackage{
		pkg("cmd/clustersim", "calibration", "plots", "sim/output"),
		pkg("calibration", "sim/ensemble", "plots"),
		pkg("sim/ensemble", "sim", "sim/spread", "plots"), // bad: ensemble → plots
		outside,
		pkg("scenarios", "sim", "seeds"), // bad: scenarios → seeds
		pkg("sim", "agents", "sim/snapshot"),
		pkg("sim/snapshot", "agents/rng", "sim/output"), // bad: engine → output
		pkg("agents", "agents/rng"),
		pkg("agents/rng"),
		pkg("plots", "sim", "calibration"), // bad: plots → calibration
		pkg("seeds", "cmd/clustersim"),     // bad: seeds → cmd
		pkg("sim/spread"),
		pkg("tools/extra", "sim"), // bad: in no layer
	}
	got := violations(layers, pkgs)
	want := []string{
		"m/sim/ensemble (ensemble) imports m/plots (plots)",
		"m/scenarios (scenarios) imports m/seeds (seeds)",
		"m/sim/snapshot (engine) imports m/sim/output (output)",
		"m/plots (plots) imports m/calibration (calibration)",
		"m/seeds (seeds) imports m/cmd/clustersim (cmd)",
		"m/tools/extra is in no layer",
	}
	for _, w := range want {
		if !slices.ContainsFunc(got, func(g string) bool { return strings.HasPrefix(g, w) }) {
			t.Errorf("no violation %q in:\n%s", w, strings.Join(got, "\n"))
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d violations, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}

	bad := slices.Clone(layers)
	bad[0] = layer{"cmd", []string{"cmd/..."}, []string{"plot"}}
	if err := checkTable(bad); err == nil {
		t.Error("a table naming an unknown layer passed checkTable")
	}
}

// listPackages runs `go list -json` on every package of the module.
func listPackages(t *testing.T) []listedPackage {
	t.Helper()
	gomod, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		t.Fatalf("go env GOMOD: %v", err)
	}
	cmd := exec.Command("go", "list", "-json=ImportPath,Imports,Module", "./...")
	cmd.Dir = filepath.Dir(strings.TrimSpace(string(gomod)))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.String())
	}
	var pkgs []listedPackage
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p listedPackage
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatalf("go list output: %v", err)
		}
		pkgs = append(pkgs, p)
	}
	return pkgs
}

// violations lists every import of a module package that its layer does
// not allow, and every module package that is in no layer.
func violations(table []layer, pkgs []listedPackage) []string {
	var out []string
	for _, p := range pkgs {
		if p.Module == nil {
			continue
		}
		rel, ok := within(p.Module.Path, p.ImportPath)
		if !ok {
			continue
		}
		from, ok := layerOf(table, rel)
		if !ok {
			out = append(out, fmt.Sprintf("%s is in no layer: give it a row in the table of layers_test.go", p.ImportPath))
			continue
		}
		for _, imp := range p.Imports {
			irel, ok := within(p.Module.Path, imp)
			if !ok {
				continue // the standard library and other modules
			}
			to, ok := layerOf(table, irel)
			switch {
			case !ok:
				// reported as a package in no layer
			case to.name != from.name && !slices.Contains(from.imports, "*") && !slices.Contains(from.imports, to.name):
				out = append(out, fmt.Sprintf("%s (%s) imports %s (%s): the %s layer may import only %s",
					p.ImportPath, from.name, imp, to.name, from.name, allowed(from)))
			}
		}
	}
	return out
}

// within returns path relative to the module, false if it is not in it.
func within(module, path string) (string, bool) {
	if path == module {
		return ".", true
	}
	rel, ok := strings.CutPrefix(path, module+"/")
	return rel, ok
}

// layerOf returns the layer of the package at rel (a path relative to the
// module): the one with the longest matching pattern.
func layerOf(table []layer, rel string) (layer, bool) {
	best, bestLen := layer{}, -1
	for _, l := range table {
		for _, pat := range l.packages {
			if matches(pat, rel) && len(pat) > bestLen {
				best, bestLen = l, len(pat)
			}
		}
	}
	return best, bestLen >= 0
}

// matches reports whether the pattern "p" or "p/..." matches rel.
func matches(pattern, rel string) bool {
	if base, ok := strings.CutSuffix(pattern, "/..."); ok {
		return rel == base || strings.HasPrefix(rel, base+"/")
	}
	return rel == pattern
}

func allowed(l layer) string {
	if len(l.imports) == 0 {
		return "its own packages"
	}
	return "its own packages and " + strings.Join(l.imports, ", ")
}

// checkTable reports a layer named twice or an import of an unknown layer.
func checkTable(table []layer) error {
	names := map[string]bool{}
	for _, l := range table {
		if names[l.name] {
			return fmt.Errorf("layer %q named twice", l.name)
		}
		names[l.name] = true
	}
	for _, l := range table {
		for _, to := range l.imports {
			if to != "*" && !names[to] {
				return fmt.Errorf("layer %q may import %q, which is no layer", l.name, to)
			}
		}
	}
	return nil
}
