package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"clustersim/sim"
	"clustersim/sim/output"
)

// root is the repository's root, from this package's directory.
const root = "../.."

func readRepoFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestReadmeDocumentsEverySeries keeps the README's list of series in
// step with the engine's catalogue (the source of series_codebook.csv),
// and its output contract with the writers' headers.
func TestReadmeDocumentsEverySeries(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	// Each fixed series has its row, with the unit and meaning that
	// series_codebook.csv gives it; each family its row with its unit.
	for _, d := range sim.Catalogue {
		if row := "| `" + d.Name + "` | " + d.Unit + " | " + d.Doc + " |"; !strings.Contains(readme, row) {
			t.Errorf("README.md does not document the series %s as the catalogue does:\n%s", d.Name, row)
		}
	}
	for _, f := range sim.Families {
		if row := "| `" + f.Name + "` | " + f.Unit + " | "; !strings.Contains(readme, row) {
			t.Errorf("README.md does not document the family %s with its unit:\n%s", f.Name, row)
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

// TestReadmeForNewcomers checks what a newcomer needs: the module
// download, go install, and a reading of make run's output.
func TestReadmeForNewcomers(t *testing.T) {
	readme := readRepoFile(t, "README.md")
	for _, want := range []string{
		"The first build downloads the Go modules",
		"go install ./cmd/clustersim",
		"## What you are looking at",
		"**factor**: simulated ÷ observed",
		"**validate** rows were never shown to the calibrator",
		"`out/yongkang/figures/`",
		"[CITATION.cff](CITATION.cff)",
	} {
		if !strings.Contains(readme, want) {
			t.Errorf("README.md lacks %q", want)
		}
	}
	if i, j := strings.Index(readme, "## Quick start"), strings.Index(readme, "## What you are looking at"); i < 0 || j < i {
		t.Error("the section on make run's output does not follow the quick start")
	}
	// make run regenerates its own output, so it passes --force.
	if !regexp.MustCompile(`(?m)^run:.*\n\t.* run yongkang .*--force`).MatchString(readRepoFile(t, "Makefile")) {
		t.Error("make run does not pass --force")
	}
}

// TestCitation checks that CITATION.cff cites the software and the article.
func TestCitation(t *testing.T) {
	var cff struct {
		Version string `yaml:"cff-version"`
		Message string
		Type    string
		Title   string
		Authors []map[string]string
		Refs    []struct {
			Type    string
			Title   string
			Authors []map[string]string
			Journal string
			Issue   string
			Year    int
			Start   int
			End     int
			DOI     string
		} `yaml:"references"`
	}
	if err := yaml.Unmarshal([]byte(readRepoFile(t, "CITATION.cff")), &cff); err != nil {
		t.Fatal(err)
	}
	if cff.Version != "1.2.0" || cff.Type != "software" || cff.Message == "" || !strings.HasPrefix(cff.Title, "clustersim") || len(cff.Authors) == 0 {
		t.Errorf("the software's entry is incomplete: %+v", cff)
	}
	if len(cff.Refs) == 0 {
		t.Fatal("no references")
	}
	a := cff.Refs[0]
	if a.Type != "article" || !strings.HasPrefix(a.Title, "From Farm Tools to Electric Cars") || a.Journal != "China Perspectives" ||
		a.Issue != "2016/1" || a.Year != 2016 || a.Start != 37 || a.End != 48 || a.DOI != "10.4000/chinaperspectives.6916" ||
		len(a.Authors) != 2 || a.Authors[0]["family-names"] != "Shi" || a.Authors[1]["family-names"] != "Ganne" {
		t.Errorf("the article's entry = %+v", a)
	}
}

// TestDocsNameOnlyRepositoryFiles checks that the documents link to, and
// name, only files that are in the repository (or that a run writes).
func TestDocsNameOnlyRepositoryFiles(t *testing.T) {
	have := map[string]bool{} // paths from the root, and base names
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		if d.IsDir() && (rel == "out" || rel == "bin" || strings.HasPrefix(d.Name(), ".") && rel != ".") {
			return filepath.SkipDir
		}
		have[filepath.ToSlash(rel)], have[d.Name()] = true, true
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	have["differences.md"] = true // written by compare (compare.Differences.WriteMarkdown)
	link := regexp.MustCompile(`\]\(([^)#:]+)(#[^)]*)?\)`)
	named := regexp.MustCompile(`[A-Za-z0-9_./-]+\.(md|txt|pdf|cff)\b`)
	for _, doc := range []string{"README.md", "docs/ODD.md", "seeds/targets.yaml", "CITATION.cff"} {
		text := readRepoFile(t, doc)
		for _, m := range link.FindAllStringSubmatch(text, -1) {
			target := filepath.ToSlash(filepath.Join(filepath.Dir(doc), m[1]))
			if !have[target] {
				t.Errorf("%s links to %s, which is not in the repository", doc, m[1])
			}
		}
		for _, name := range named.FindAllString(text, -1) {
			if !have[strings.TrimPrefix(name, "./")] && !have[filepath.Base(name)] {
				t.Errorf("%s names %s, which is not in the repository", doc, name)
			}
		}
	}
}
