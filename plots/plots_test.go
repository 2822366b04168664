package plots

import (
	"bytes"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"clustersim/seeds"
	"clustersim/sim"
	"clustersim/sim/spread"
)

// fakeResults builds results over 1980–2010 with a few series: growing
// counts (some zero in the early years), shares with gaps and two sectors.
func fakeResults() *sim.Results {
	r := &sim.Results{Scenario: "test", Scale: 0.1}
	for y := 1980; y <= 2010; y++ {
		r.Years = append(r.Years, y)
	}
	grow := func(start, rate float64, from int) []float64 {
		v := make([]float64, len(r.Years))
		for i, y := range r.Years {
			if y >= from {
				v[i] = math.Round(start * math.Pow(1+rate, float64(y-from)))
			}
		}
		return v
	}
	share := make([]float64, len(r.Years))
	for i := range share {
		share[i] = float64(i) / float64(len(share))
		if i%7 == 3 {
			share[i] = math.NaN()
		}
	}
	r.Series = []sim.Series{
		{Name: "firms_township", Values: grow(60, -0.04, 1980)},
		{Name: "firms_village", Values: grow(400, -0.02, 1980)},
		{Name: "firms_getihu", Values: grow(500, 0.15, 1980)},
		{Name: "firms_private", Values: grow(20, 0.2, 1989)},
		{Name: "firms_company", Values: grow(5, 0.3, 1994)},
		{Name: "firms_total", Values: grow(1000, 0.1, 1980)},
		{Name: "firms_private_registered", Values: grow(400, 0.12, 1980)},
		{Name: "land_price", Values: grow(20, 0.12, 1980)},
		{Name: "population", Values: grow(700000, 0.02, 1980)},
		{Name: "migrants", Values: grow(1000, 0.2, 1980)},
		{Name: "businessmen_posts_share", Values: share},
		{Name: "output_yuan", Values: grow(1e8, 0.15, 1980)},
		{Name: "output_sector.doors", Values: grow(1e7, 0.2, 1980)},
		{Name: "output_sector.electric_tools", Values: grow(3e7, 0.12, 1980)},
		{Name: "firms_sector.doors", Values: grow(10, 0.2, 1980)},
		{Name: "sectors_structuring", Values: grow(2, 0.03, 1980)},
		{Name: "labour_farming", Values: grow(200000, -0.05, 1980)},
		{Name: "labour_workshop", Values: grow(5000, 0.12, 1980)},
		{Name: "employment_migrants", Values: grow(500, 0.2, 1980)},
	}
	sortSeries(r)
	return r
}

func sortSeries(r *sim.Results) {
	sort.Slice(r.Series, func(i, j int) bool { return r.Series[i].Name < r.Series[j].Name })
}

func fakeTargets() []seeds.Target {
	return []seeds.Target{
		{ID: "getihu_1985", Year: 1985, Observed: 1000, Low: 800, High: 1300, Series: "firms_getihu"},
		{ID: "township_1985", Year: 1985, Observed: 50, Low: 40, High: 60, Series: "firms_township"},
		{ID: "firms_2006", Year: 2006, Observed: 10000, Low: 0, High: 14000, Series: "firms_total"},
		{ID: "population_2000", Year: 2000, Observed: 1.1e6, Low: 1e6, High: 1.2e6, Series: "population"},
		{ID: "structuring_2005", Year: 2005, Observed: 4, Low: 3, High: 5, Series: "sectors_structuring"},
		{ID: "doors_output", Year: 2005, Observed: 0.3, Low: 0.2, High: 0.4, Series: "output_sector.doors"},
		{ID: "unsimulated", Year: 1990, Observed: 7, Series: ""},
	}
}

func fakeBands(r *sim.Results) []spread.Band {
	s, _ := r.Lookup("firms_total")
	b := spread.Band{Series: "firms_total", Years: r.Years}
	for _, v := range s.Values {
		b.P05 = append(b.P05, v*0.8)
		b.P50 = append(b.P50, v)
		b.P95 = append(b.P95, v*1.25)
		b.Min = append(b.Min, v*0.6)
		b.Max = append(b.Max, v*1.5)
	}
	b.Min[0] = 0 // dropped on the log axis
	return []spread.Band{b}
}

func fakeInput() Input {
	r := fakeResults()
	return Input{Results: r, Targets: fakeTargets(), Bands: fakeBands(r), Title: "baseline, seed 1"}
}

// wantStems are the figures fakeInput has data for.
var wantStems = []string{
	"businessmen_posts", "firms_by_form", "firms_total", "labour", "land",
	"model_vs_article", "population", "sectors",
}

func TestWriteAll(t *testing.T) {
	dir := t.TempDir()
	in := fakeInput()
	paths, err := WriteAll(dir, in)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, s := range wantStems {
		want = append(want, filepath.Join(dir, s+".pdf"), filepath.Join(dir, s+".png"), filepath.Join(dir, s+".svg"))
	}
	sort.Strings(want)
	if strings.Join(paths, "\n") != strings.Join(want, "\n") {
		t.Fatalf("paths:\n%s\nwant:\n%s", strings.Join(paths, "\n"), strings.Join(want, "\n"))
	}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if len(b) == 0 {
			t.Errorf("%s is empty", p)
		}
		switch filepath.Ext(p) {
		case ".png":
			checkPNG(t, p, b, in)
		case ".svg":
			if !bytes.Contains(b, []byte("<svg")) {
				t.Errorf("%s: no <svg", p)
			}
		case ".pdf":
			if !bytes.HasPrefix(b, []byte("%PDF-")) {
				t.Errorf("%s: not a PDF", p)
			}
		}
	}
}

func checkPNG(t *testing.T, path string, b []byte, in Input) {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	l := layoutFor(t, strings.TrimSuffix(filepath.Base(path), ".png"), in)
	w, h := pixels(l.w, l.h)
	if got := img.Bounds().Size(); got.X != w || got.Y != h {
		t.Errorf("%s: size %v, want %dx%d", path, got, w, h)
	}
}

func layoutFor(t *testing.T, stem string, in Input) layout {
	t.Helper()
	var l layout
	var ok bool
	var err error
	if stem == overviewName {
		l, ok, err = overviewLayout(in)
	} else {
		tp, found := topicByName(stem)
		if !found {
			t.Fatalf("no topic %s", stem)
		}
		l, ok, err = topicLayout(tp, in)
	}
	if err != nil || !ok {
		t.Fatalf("%s: layout ok=%v err=%v", stem, ok, err)
	}
	return l
}

func TestMultiPanelHeight(t *testing.T) {
	in := fakeInput()
	l := layoutFor(t, "sectors", in) // output and firms and structuring
	if want := 3*panelHeight + headerHeight; l.h != want {
		t.Errorf("sectors height %v, want %v", l.h, want)
	}
}

func TestSkipsFiguresWithoutSeries(t *testing.T) {
	r := &sim.Results{Years: []int{1980, 1981, 1982}, Series: []sim.Series{
		{Name: "population", Values: []float64{1, 2, 3}},
		{Name: "firms_total", Values: []float64{0, 0, math.NaN()}}, // nothing drawable on a log axis
	}}
	sortSeries(r)
	dir := t.TempDir()
	paths, err := WriteAll(dir, Input{Results: r})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"model_vs_article.pdf", "model_vs_article.png", "model_vs_article.svg", "population.pdf", "population.png", "population.svg"}
	if got := baseNames(paths); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("wrote %v, want %v", got, want)
	}
	if _, err := os.Stat(filepath.Join(dir, "mantang.png")); !os.IsNotExist(err) {
		t.Errorf("mantang.png: %v, want not exist", err)
	}
}

func TestNoSeriesNoFiles(t *testing.T) {
	paths, err := WriteAll(t.TempDir(), Input{Results: &sim.Results{Years: []int{1980}}})
	if err != nil || len(paths) != 0 {
		t.Errorf("paths %v, err %v; want none", paths, err)
	}
	if _, err := WriteAll(t.TempDir(), Input{}); err == nil {
		t.Error("nil results: want error")
	}
}

func TestDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	pa, err := WriteAll(a, fakeInput())
	if err != nil {
		t.Fatal(err)
	}
	pb, err := WriteAll(b, fakeInput())
	if err != nil {
		t.Fatal(err)
	}
	if len(pa) != len(pb) {
		t.Fatalf("%d files vs %d", len(pa), len(pb))
	}
	for i := range pa {
		x, _ := os.ReadFile(pa[i])
		y, _ := os.ReadFile(pb[i])
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between renderings", filepath.Base(pa[i]))
		}
	}
}

func TestNoTemporaryFilesLeft(t *testing.T) {
	dir := t.TempDir()
	paths, err := WriteAll(dir, fakeInput())
	if err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != len(paths) {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("dir holds %v, want only %v", names, baseNames(paths))
	}
}

func TestRescaledTitle(t *testing.T) {
	in := fakeInput()
	in.Rescaled, in.Scale = true, 0.1
	dir := t.TempDir()
	if _, err := WriteAll(dir, in); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"firms_total.svg", "model_vs_article.svg"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(b, []byte("(rescaled from scale 0.1)")) {
			t.Errorf("%s: no rescaled note", name)
		}
	}
}

func TestPanelTargets(t *testing.T) {
	r := fakeResults()
	cases := map[string][]string{
		"firms_by_form": {"getihu_1985", "township_1985"},
		"firms_total":   {"firms_2006"},
		"population":    {"population_2000"},
	}
	for _, name := range []string{"firms_by_form", "firms_total", "population"} {
		tp, _ := topicByName(name)
		var got []string
		for _, tg := range tp.Panels[0].Targets(r, fakeTargets()) {
			got = append(got, tg.ID)
		}
		if strings.Join(got, " ") != strings.Join(cases[name], " ") {
			t.Errorf("%s: targets %v, want %v", name, got, cases[name])
		}
	}
	sectors, _ := topicByName("sectors")
	if got := sectors.Panels[0].Targets(r, fakeTargets()); len(got) != 0 {
		t.Errorf("sector output shares: targets %v, want none", got)
	}
	if got := sectors.Panels[2].Targets(r, fakeTargets()); len(got) != 1 || got[0].ID != "structuring_2005" {
		t.Errorf("structuring: targets %v", got)
	}
}

func TestFamilies(t *testing.T) {
	sectors, _ := topicByName("sectors")
	got := sectors.Panels[0].Drawn(fakeResults())
	want := []Curve{{"output_sector.doors", "doors"}, {"output_sector.electric_tools", "electric tools"}}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("drawn %v, want %v", got, want)
	}
}

func TestLogAxisDropsNonPositive(t *testing.T) {
	in := fakeInput()
	tp, _ := topicByName("firms_by_form")
	tl, err := buildTile("x", tp.Panels[0], in, figureStyle)
	if err != nil || tl == nil {
		t.Fatalf("tile %v, err %v", tl, err)
	}
	if !(tl.plot.Y.Min > 0) {
		t.Errorf("log axis min %v, want > 0", tl.plot.Y.Min)
	}
}

func TestTopicsWellFormed(t *testing.T) {
	seen := map[string]bool{overviewName: true}
	for _, tp := range Topics {
		if seen[tp.Name] {
			t.Errorf("duplicate or reserved stem %q", tp.Name)
		}
		seen[tp.Name] = true
		if len(tp.Panels) == 0 {
			t.Errorf("%s: no panels", tp.Name)
		}
	}
	for _, name := range Overview {
		if _, ok := topicByName(name); !ok {
			t.Errorf("overview topic %q not in Topics", name)
		}
	}
}

func TestLogTicks(t *testing.T) {
	labels := func(min, max float64) []string {
		var out []string
		for _, tk := range (logTicks{}).Ticks(min, max) {
			if tk.Label != "" && tk.Value >= min && tk.Value <= max {
				out = append(out, tk.Label)
			}
		}
		return out
	}
	if got := strings.Join(labels(3, 20000), " "); got != "10 100 1000 10,000" {
		t.Errorf("3–20000: %s", got)
	}
	if got := strings.Join(labels(15, 90), " "); got != "20 50" {
		t.Errorf("15–90: %s", got)
	}
	if got := (logTicks{}).Ticks(0, 10); got != nil {
		t.Errorf("0–10: %v, want none", got)
	}
}

func baseNames(paths []string) []string {
	var out []string
	for _, p := range paths {
		out = append(out, filepath.Base(p))
	}
	return out
}
