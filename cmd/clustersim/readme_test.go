package main

import (
	"os"
	"strings"
	"testing"

	"clustersim/sim"
	"clustersim/sim/output"
)

// TestReadmeDocumentsEverySeries keeps the README's list of series in
// step with the engine's catalogue (the source of series_codebook.csv),
// and its output contract with the writers' headers.
func TestReadmeDocumentsEverySeries(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	// Each series has its row, with the unit and meaning that
	// series_codebook.csv gives it.
	for _, d := range sim.Catalogue {
		if row := "| `" + d.Name + "` | " + d.Unit + " | " + d.Doc + " |"; !strings.Contains(readme, row) {
			t.Errorf("README.md does not document the series %s as the catalogue does:\n%s", d.Name, row)
		}
	}
	for _, f := range output.SectorFamilies {
		if row := "| `" + f.Prefix + "<sector>` | " + f.Unit + " | " + f.Doc + " `<sector>` |"; !strings.Contains(readme, row) {
			t.Errorf("README.md does not document the family %s as the codebook does:\n%s", f.Prefix, row)
		}
	}
	for _, h := range []string{
		output.SeriesHeader, output.ProductsHeader, output.FirmsHeader,
		"target,role,year,observed,low,high,simulated,within",
		"year,series,p05,p50,p95,min,max",
		output.CodebookHeader,
	} {
		if !strings.Contains(readme, "`"+h+"`") {
			t.Errorf("README.md does not show the columns %s", h)
		}
	}
}
