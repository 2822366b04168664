package main

import (
	"os"
	"strings"
	"testing"

	"clustersim/sim"
	"clustersim/sim/output"
)

// TestReadmeDocumentsEverySeries keeps the README's list of series in
// step with the engine's catalogue, and its output contract with the
// writers' headers.
func TestReadmeDocumentsEverySeries(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	for _, d := range sim.Catalogue {
		if !strings.Contains(readme, "`"+d.Name+"`") {
			t.Errorf("README.md does not document the series %s", d.Name)
		}
	}
	for _, h := range []string{
		output.SeriesHeader, output.ProductsHeader, output.FirmsHeader,
		"target,role,year,observed,low,high,simulated,within",
		"year,series,p05,p50,p95,min,max",
	} {
		if !strings.Contains(readme, "`"+h+"`") {
			t.Errorf("README.md does not show the columns %s", h)
		}
	}
}
