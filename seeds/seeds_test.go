package seeds

import (
	"bytes"
	"errors"
	"flag"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// articlePath is the source article, relative to this package's directory:
// the shared folder sits beside the repository root.
const articlePath = "../../shared/seed/000_0c09635743ebaaa0.txt"

func TestLoad(t *testing.T) {
	targets, err := Load()
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	byID := make(map[string]Target, len(targets))
	for _, tg := range targets {
		byID[tg.ID] = tg
	}

	// One row per figure of MODEL-BRIEF.md §3, as mapped to the model.
	tests := []struct {
		id       string
		role     Role
		series   string
		year     int
		observed float64
	}{
		{"pedlars_1950s", Context, "", 1953, 40000},
		{"pedlar_share_1950s", Context, "", 1953, 0.15},
		{"collectives_1978", Context, "", 1978, 1000},
		{"mantang_households_1982", Context, "", 1982, 183},
		{"mantang_workshops_1982", Calibrate, "mantang_registered_per_183", 1982, 170},
		{"mantang_arrests", Validate, "mantang_arrests", 1982, 80},
		{"township_factories_1985", Calibrate, "firms_township", 1985, 295},
		{"village_factories_1985", Calibrate, "firms_village", 1985, 525},
		{"confederated_factories_1985", Calibrate, "firms_red_hat", 1985, 913},
		{"getihu_1985", Calibrate, "firms_getihu", 1985, 1962},
		{"specialised_villages_mid1980s", Calibrate, "specialised_villages", 1986, 80},
		{"mantang_scale_parts_share", Validate, "mantang_scale_share", 1986, 0.90},
		{"estate_firms_early1990s", Validate, "estate_firms", 1995, 3800},
		{"businessmen_posts_1996", Validate, "businessmen_posts_share", 1996, 0.40},
		{"businessmen_posts_2002", Validate, "businessmen_posts_share", 2002, 0.60},
		{"land_price_late1990s", Validate, "land_price", 1998, 3500},
		{"varieties_2001", Validate, "varieties", 2001, 11000},
		{"products_third_2001", Validate, "products_third_share", 2001, 100},
		{"sectors_2004", Calibrate, "sectors_structuring", 2004, 7},
		{"private_firms_2006", Calibrate, "firms_private_registered", 2006, 15000},
		{"exporters_2006", Calibrate, "exporters", 2006, 3000},
		{"subcontractors_2006", Validate, "suppliers_distributors", 2006, 12000},
		{"electric_tool_firms_2006", Validate, "large_firms.electric_tools", 2006, 83},
		{"casting_sheet_metal_firms_2006", Validate, "large_firms.casting_sheet_metal", 2006, 40},
		{"appliance_firms_2006", Validate, "large_firms.appliances", 2006, 50},
		{"steel_firms_2006", Validate, "large_firms.steel", 2006, 45},
		{"yongwujin_firms_2001_2010", Context, "", 2010, 1000},
		{"yongwujin_from_yongkang", Validate, "firms_moved_yongwujin", 2010, 620},
		{"yongwujin_share_wuyi", Context, "", 2010, 0.20},
		{"yongwujin_share_jinyun", Context, "", 2010, 0.18},
		{"largest_firm_employees_2009", Validate, "largest_firm_employees", 2009, 1400},
		{"largest_firm_turnover_2009", Validate, "largest_firm_output", 2009, 120e6},
		{"population_2010", Calibrate, "population", 2010, 868200},
		{"migrants_2010", Calibrate, "migrants", 2010, 300000},
		{"doors_share_2010", Validate, "doors_national_share", 2010, 0.75},
		{"zhejiang_clusters_1996", Context, "", 1996, 306},
		{"zhejiang_clusters_2000", Context, "", 2000, 519},
		{"zhejiang_clusters_2003", Context, "", 2003, 430},
		{"zhejiang_clusters_2004", Context, "", 2004, 601},
		{"zhejiang_cluster_output_share_1996", Context, "", 1996, 0.38},
		{"zhejiang_cluster_output_share_2000", Context, "", 2000, 0.49},
		{"zhejiang_cluster_output_share_2003", Context, "", 2003, 0.60},
		{"zhejiang_cluster_output_share_2004", Context, "", 2004, 0.64},
	}
	for _, tt := range tests {
		tg, ok := byID[tt.id]
		if !ok {
			t.Errorf("%s: missing", tt.id)
			continue
		}
		if tg.Role != tt.role || tg.Series != tt.series || tg.Year != tt.year || tg.Observed != tt.observed {
			t.Errorf("%s: got role %s, series %q, year %d, observed %v; want %s, %q, %d, %v",
				tt.id, tg.Role, tg.Series, tg.Year, tg.Observed, tt.role, tt.series, tt.year, tt.observed)
		}
		for field, v := range map[string]string{"what": tg.What, "when": tg.When, "unit": tg.Unit, "band": tg.Band} {
			if strings.TrimSpace(v) == "" {
				t.Errorf("%s: empty %s", tt.id, field)
			}
		}
	}
	if len(targets) != len(tests) {
		t.Errorf("Load returned %d targets, want %d", len(targets), len(tests))
	}
}

// TestBandRule checks the bands that follow the header's rule exactly.
func TestBandRule(t *testing.T) {
	targets, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	byID := make(map[string]Target)
	for _, tg := range targets {
		byID[tg.ID] = tg
	}
	about := func(x float64) [2]float64 { return [2]float64{0.8 * x, 1.2 * x} }
	over := func(x float64) [2]float64 { return [2]float64{x, 1.25 * x} }
	upTo := func(x float64) [2]float64 { return [2]float64{0.7 * x, x} }
	pm30 := func(x float64) [2]float64 { return [2]float64{0.7 * x, 1.3 * x} }
	tests := map[string][2]float64{
		"pedlars_1950s":                  over(40000),
		"collectives_1978":               about(1000),
		"mantang_workshops_1982":         {150, 183},
		"mantang_arrests":                {60, 100},
		"township_factories_1985":        about(295),
		"village_factories_1985":         about(525),
		"confederated_factories_1985":    about(913),
		"getihu_1985":                    about(1962),
		"specialised_villages_mid1980s":  {60, 100},
		"mantang_scale_parts_share":      {0.80, 0.97},
		"estate_firms_early1990s":        upTo(3800),
		"businessmen_posts_1996":         {0.32, 0.48},
		"businessmen_posts_2002":         over(0.60),
		"land_price_late1990s":           {3000, 4000},
		"varieties_2001":                 over(11000),
		"products_third_2001":            about(100),
		"sectors_2004":                   {6, 8},
		"private_firms_2006":             over(15000),
		"exporters_2006":                 about(3000),
		"subcontractors_2006":            about(12000),
		"electric_tool_firms_2006":       pm30(83),
		"casting_sheet_metal_firms_2006": pm30(40),
		"appliance_firms_2006":           pm30(50),
		"steel_firms_2006":               pm30(45),
		"yongwujin_firms_2001_2010":      over(1000),
		"yongwujin_from_yongkang":        {500, 800},
		"largest_firm_employees_2009":    {1000, 2000},
		"largest_firm_turnover_2009":     {80e6, 180e6},
		"population_2010":                {0.95 * 868200, 1.05 * 868200},
		"migrants_2010":                  {0.9 * 300000, 1.1 * 300000},
		"doors_share_2010":               {0.65, 0.85},
	}
	near := func(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b)) }
	for id, want := range tests {
		tg, ok := byID[id]
		if !ok {
			t.Errorf("%s: missing", id)
			continue
		}
		if !near(tg.Low, want[0]) || !near(tg.High, want[1]) {
			t.Errorf("%s: band [%v, %v], want [%v, %v]", id, tg.Low, tg.High, want[0], want[1])
		}
	}
}

func TestPassagesInArticle(t *testing.T) {
	data, err := os.ReadFile(filepath.FromSlash(articlePath))
	if err != nil {
		if os.Getenv("CI") == "" {
			t.Skipf("source article not available: %v", err)
		}
		t.Fatalf("source article must be present in CI: %v", err)
	}
	article := string(data)
	if strings.Contains(article, PassageSeparator) {
		t.Fatalf("the article itself contains the separator %q", PassageSeparator)
	}
	targets, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, tg := range targets {
		for _, frag := range PassageFragments(tg.Passage) {
			if !strings.Contains(article, frag) {
				t.Errorf("%s: passage not found verbatim in the article: %q", tg.ID, frag)
			}
		}
	}
}

// validEntry is one well-formed entry; its keys sit on lines 2 to 12.
const validEntry = `targets:
  - id: a
    what: w
    year: 1985
    observed: 10
    low: 8
    high: 12
    unit: firms
    role: calibrate
    series: s
    passage: "some words"
    band: b
`

func TestParseValid(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		want int
	}{
		{"one entry", validEntry, 1},
		{"empty list", "targets: []\n", 0},
		{"optional fields", validEntry + "    when: mid-1980s\n    note: n\n", 1},
		{"context without series", strings.Replace(validEntry, "role: calibrate\n    series: s\n", "role: context\n", 1), 1},
		{"null series on context", strings.Replace(validEntry, "role: calibrate\n    series: s\n", "role: context\n    series:\n", 1), 1},
		{"observed outside band allowed", strings.Replace(validEntry, "observed: 10", "observed: 20", 1) + "    observed_outside_band: true\n", 1},
		{"float bounds", strings.Replace(validEntry, "low: 8", "low: 7.5", 1), 1},
		{"exponent", strings.Replace(validEntry, "high: 12", "high: 1.2e1", 1), 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse("ok.yaml", []byte(tt.yaml))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if len(got) != tt.want {
				t.Fatalf("got %d targets, want %d", len(got), tt.want)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	second := strings.TrimPrefix(validEntry, "targets:\n") // entry 2 starts on line 13
	tests := []struct {
		name  string
		yaml  string
		want  string // the whole message of the first error
		line  int
		field string
	}{
		{
			name:  "unknown key",
			yaml:  validEntry + "    colour: red\n",
			want:  "bad.yaml:13: a: colour: unknown field",
			line:  13,
			field: "colour",
		},
		{
			name:  "wrong type for year",
			yaml:  strings.Replace(validEntry, "year: 1985", "year: nineteen", 1),
			want:  `bad.yaml:4: a: year: want an integer, got string "nineteen"`,
			line:  4,
			field: "year",
		},
		{
			name:  "fractional year",
			yaml:  strings.Replace(validEntry, "year: 1985", "year: 1985.5", 1),
			want:  `bad.yaml:4: a: year: want an integer, got number "1985.5"`,
			line:  4,
			field: "year",
		},
		{
			name:  "wrong type for low",
			yaml:  strings.Replace(validEntry, "low: 8", "low: [8]", 1),
			want:  "bad.yaml:6: a: low: want a number, got a list",
			line:  6,
			field: "low",
		},
		{
			name:  "low above high",
			yaml:  strings.Replace(validEntry, "low: 8", "low: 13", 1),
			want:  "bad.yaml:6: a: low: must not exceed high (13 > 12)",
			line:  6,
			field: "low",
		},
		{
			name:  "observed outside band",
			yaml:  strings.Replace(validEntry, "observed: 10", "observed: 20", 1),
			want:  "bad.yaml:5: a: observed: 20 lies outside the band [8, 12] (set observed_outside_band: true if that is meant)",
			line:  5,
			field: "observed",
		},
		{
			name:  "duplicate id",
			yaml:  validEntry + second,
			want:  "bad.yaml:13: a: id: duplicate id (first at line 2)",
			line:  13,
			field: "id",
		},
		{
			name:  "bad role",
			yaml:  strings.Replace(validEntry, "role: calibrate", "role: fit", 1),
			want:  `bad.yaml:9: a: role: "fit": want calibrate, validate or context`,
			line:  9,
			field: "role",
		},
		{
			name:  "year out of range",
			yaml:  strings.Replace(validEntry, "year: 1985", "year: 2020", 1),
			want:  "bad.yaml:4: a: year: 2020: want a year in 1950-2012",
			line:  4,
			field: "year",
		},
		{
			name:  "empty passage",
			yaml:  strings.Replace(validEntry, `passage: "some words"`, `passage: "  "`, 1),
			want:  "bad.yaml:11: a: passage: must not be empty",
			line:  11,
			field: "passage",
		},
		{
			name:  "missing passage",
			yaml:  strings.Replace(validEntry, "    passage: \"some words\"\n", "", 1),
			want:  "bad.yaml:2: a: passage: missing",
			line:  2,
			field: "passage",
		},
		{
			name:  "null low",
			yaml:  strings.Replace(validEntry, "low: 8", "low:", 1),
			want:  "bad.yaml:6: a: low: missing value",
			line:  6,
			field: "low",
		},
		{
			name:  "calibrate without series",
			yaml:  strings.Replace(validEntry, "    series: s\n", "", 1),
			want:  "bad.yaml:2: a: series: required for a calibrate target",
			line:  2,
			field: "series",
		},
		{
			name:  "duplicate key",
			yaml:  validEntry + "    low: 9\n",
			want:  "bad.yaml:13: a: low: duplicate key (first at line 6)",
			line:  13,
			field: "low",
		},
		{
			name:  "bad id",
			yaml:  strings.Replace(validEntry, "id: a", "id: Getihu-1985", 1),
			want:  `bad.yaml:2: Getihu-1985: id: "Getihu-1985": want lower-case letters, digits and underscores, starting with a letter`,
			line:  2,
			field: "id",
		},
		{
			name: "entry without id",
			yaml: strings.Replace(validEntry, "  - id: a\n    what: w\n", "  - what: w\n", 1),
			want: "bad.yaml:2: targets[0]: id: missing",
			line: 2, field: "id",
		},
		{
			name:  "entry not a mapping",
			yaml:  "targets:\n  - just text\n",
			want:  `bad.yaml:2: targets[0]: want a mapping, got string "just text"`,
			line:  2,
			field: "",
		},
		{
			name:  "unknown top-level key",
			yaml:  "figures: []\n",
			want:  "bad.yaml:1: figures: unknown field (want only targets)",
			line:  1,
			field: "figures",
		},
		{
			name:  "targets not a list",
			yaml:  "targets: 3\n",
			want:  `bad.yaml:1: targets: want a list, got integer "3"`,
			line:  1,
			field: "targets",
		},
		{
			name: "syntax error",
			yaml: validEntry + "    note: a: b\n",
			want: "bad.yaml:13: mapping values are not allowed in this context",
			line: 13,
		},
		{
			name: "empty file",
			yaml: "",
			want: "bad.yaml: empty file",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse("bad.yaml", []byte(tt.yaml))
			if err == nil {
				t.Fatalf("Parse succeeded with %d targets, want error %q", len(got), tt.want)
			}
			first := strings.SplitN(err.Error(), "\n", 2)[0]
			if !strings.HasPrefix(first, tt.want) || (!strings.HasSuffix(tt.want, " ") && first != tt.want) {
				t.Errorf("error:\n got %s\nwant %s", first, tt.want)
			}
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %T is not a *ParseError", err)
			}
			if pe.Line != tt.line || pe.Field != tt.field {
				t.Errorf("line %d, field %q; want line %d, field %q", pe.Line, pe.Field, tt.line, tt.field)
			}
		})
	}
}

func TestParseReportsEveryError(t *testing.T) {
	bad := strings.Replace(validEntry, "low: 8", "low: 13", 1) +
		strings.Replace(strings.TrimPrefix(validEntry, "targets:\n"), "id: a", "id: b", 1) + "    colour: red\n"
	_, err := Parse("bad.yaml", []byte(bad))
	if err == nil {
		t.Fatal("Parse succeeded")
	}
	for _, want := range []string{"bad.yaml:6: a: low:", "bad.yaml:24: b: colour: unknown field"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
}

// fakeSource is a ValueSource backed by a map; with bands it is also a
// BandSource.
type fakeSource struct {
	values map[string]map[int]float64
	bands  map[string][2]float64 // by series, any year
}

func (f fakeSource) Value(series string, year int) (float64, bool) {
	v, ok := f.values[series][year]
	return v, ok
}

type fakeBandSource struct{ fakeSource }

func (f fakeBandSource) Band(series string, year int) (float64, float64, bool) {
	b, ok := f.bands[series]
	return b[0], b[1], ok
}

func testTargets() []Target {
	return []Target{
		{ID: "ctx", Role: Context, Year: 1985, Observed: 5, Low: 4, High: 6},
		{ID: "val_in", Role: Validate, Series: "v", Year: 1990, Observed: 100, Low: 80, High: 120},
		{ID: "cal_in", Role: Calibrate, Series: "a", Year: 1985, Observed: 10, Low: 8, High: 12},
		{ID: "cal_out", Role: Calibrate, Series: "a", Year: 1986, Observed: 10, Low: 8, High: 12},
		{ID: "cal_missing", Role: Calibrate, Series: "nope", Year: 1985, Observed: 3, Low: 2, High: 4},
		{ID: "val_nan", Role: Validate, Series: "n", Year: 1990, Observed: 1, Low: 0.5, High: 1.5},
		{ID: "val_edge", Role: Validate, Series: "v", Year: 1991, Observed: 100, Low: 80, High: 120},
	}
}

func testSource() fakeSource {
	return fakeSource{
		values: map[string]map[int]float64{
			"a": {1985: 11, 1986: 30},
			"v": {1990: 95.5, 1991: 120},
			"n": {1990: math.NaN()},
		},
		bands: map[string][2]float64{"a": {9, 13}},
	}
}

func TestEvaluate(t *testing.T) {
	rows := Evaluate(testTargets(), testSource())
	want := []struct {
		id          string
		sim         float64
		has, within bool
		hasBand     bool
		p05, p95    float64
	}{
		{"cal_in", 11, true, true, false, 0, 0},
		{"cal_out", 30, true, false, false, 0, 0},
		{"cal_missing", 0, false, false, false, 0, 0},
		{"val_in", 95.5, true, true, false, 0, 0},
		{"val_nan", 0, false, false, false, 0, 0},
		{"val_edge", 120, true, true, false, 0, 0},
		{"ctx", 0, false, false, false, 0, 0},
	}
	if len(rows) != len(want) {
		t.Fatalf("got %d rows, want %d", len(rows), len(want))
	}
	for i, w := range want {
		r := rows[i]
		if r.Target.ID != w.id || r.Simulated != w.sim || r.Has != w.has || r.Within != w.within || r.HasBand != w.hasBand {
			t.Errorf("row %d: got %s sim=%v has=%v within=%v band=%v; want %s sim=%v has=%v within=%v band=%v",
				i, r.Target.ID, r.Simulated, r.Has, r.Within, r.HasBand, w.id, w.sim, w.has, w.within, w.hasBand)
		}
	}

	banded := Evaluate(testTargets(), fakeBandSource{testSource()})
	if r := banded[0]; !r.HasBand || r.P05 != 9 || r.P95 != 13 {
		t.Errorf("with a BandSource: row %s band=%v [%v, %v], want [9, 13]", r.Target.ID, r.HasBand, r.P05, r.P95)
	}
	if r := banded[3]; r.HasBand {
		t.Errorf("row %s has a band, want none", r.Target.ID)
	}
	if rows := Evaluate(testTargets(), nil); rows[0].Has {
		t.Errorf("nil source: row %s has a value", rows[0].Target.ID)
	}
}

func TestSummaryAndWithinFactor(t *testing.T) {
	rows := Evaluate(testTargets(), testSource())
	calIn, calN, valIn, valN := Summary(rows)
	if calIn != 1 || calN != 3 || valIn != 2 || valN != 3 {
		t.Errorf("Summary = %d/%d, %d/%d; want 1/3, 2/3", calIn, calN, valIn, valN)
	}

	cal := func(obs, sim float64, has bool) FitRow {
		return FitRow{Target: Target{Role: Calibrate, Observed: obs}, Simulated: sim, Has: has}
	}
	ctx := FitRow{Target: Target{Role: Context, Observed: 1}, Simulated: 1000, Has: true}
	tests := []struct {
		name string
		rows []FitRow
		f    float64
		want bool
	}{
		{"none", nil, 2, true},
		{"exact", []FitRow{cal(10, 10, true)}, 1, true},
		{"double within 2", []FitRow{cal(10, 20, true)}, 2, true},
		{"half within 2", []FitRow{cal(10, 5, true)}, 2, true},
		{"below half", []FitRow{cal(10, 4.9, true)}, 2, false},
		{"inverse factor", []FitRow{cal(10, 5, true)}, 0.5, true},
		{"not simulated", []FitRow{cal(10, 10, false)}, 2, false},
		{"wrong sign", []FitRow{cal(10, -10, true)}, 2, false},
		{"zero observed", []FitRow{cal(0, 0, true)}, 2, true},
		{"zero observed, nonzero simulated", []FitRow{cal(0, 1, true)}, 2, false},
		{"context ignored", []FitRow{cal(10, 11, true), ctx}, 2, true},
	}
	for _, tt := range tests {
		if got := WithinFactor(tt.rows, tt.f); got != tt.want {
			t.Errorf("%s: WithinFactor(f=%v) = %v, want %v", tt.name, tt.f, got, tt.want)
		}
	}
}

func TestFmtCSV(t *testing.T) {
	tests := []struct {
		v    float64
		want string
	}{
		{0, "0"},
		{math.Copysign(0, -1), "0"},
		{170, "170"},
		{0.9, "0.9"},
		{1095.6, "1095.6"},
		{868200, "868200"},
		{120e6, "120000000"},
		{1234.56789123, "1234.57"},
		{0.1 + 0.2, "0.3"},
		{0.000123456789, "0.000123457"},
		{-42.42424242, "-42.4242"},
		{1e21, "1000000000000000000000"},
	}
	for _, tt := range tests {
		if got := fmtCSV(tt.v); got != tt.want {
			t.Errorf("fmtCSV(%v) = %q, want %q", tt.v, got, tt.want)
		}
	}
}

func goldenRows() []FitRow {
	rows := Evaluate(testTargets(), fakeBandSource{testSource()})
	rows = append(rows,
		FitRow{Target: Target{ID: "big", Role: Validate, Year: 2009, Observed: 120e6, Low: 80e6, High: 180e6},
			Simulated: 123456789.123, Has: true, Within: true, P05: 9.87654321e7, P95: 1.5e8, HasBand: true},
		FitRow{Target: Target{ID: "share", Role: Validate, Year: 2002, Observed: 0.6, Low: 0.6, High: 0.75},
			Simulated: 0.59, Has: true, Within: false},
	)
	return rows
}

func TestWriteFitCSV(t *testing.T) {
	for _, tt := range []struct {
		golden    string
		withBands bool
	}{
		{"fit.golden", false},
		{"fit_bands.golden", true},
	} {
		t.Run(tt.golden, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteFitCSV(&buf, goldenRows(), tt.withBands); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", tt.golden)
			if *update {
				if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("WriteFitCSV differs from %s:\n got:\n%s\nwant:\n%s", path, buf.Bytes(), want)
			}
		})
	}
}

func TestWriteFitCSVLoaded(t *testing.T) {
	targets, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteFitCSV(&buf, Evaluate(targets, fakeSource{}), false); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if got, want := lines[0], "target,role,year,observed,low,high,simulated,within"; got != want {
		t.Errorf("header %q, want %q", got, want)
	}
	if len(lines) != len(targets)+1 {
		t.Errorf("%d lines, want %d", len(lines), len(targets)+1)
	}
	for _, l := range lines[1:] {
		if !strings.HasSuffix(l, ",,") {
			t.Errorf("unsimulated row %q should end with an empty value and an empty within", l)
		}
	}
}

func TestFormatFitTable(t *testing.T) {
	var buf bytes.Buffer
	if err := FormatFitTable(&buf, Evaluate(testTargets(), testSource())); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"calibrate: 1/3 within band; validate: 2/3 within band\n",
		"✓", "✗", "cal_in", "val_edge", "n/a", "1.10", "3.00",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "ctx") {
		t.Errorf("table shows a context target:\n%s", out)
	}
	if strings.Index(out, "cal_missing") > strings.Index(out, "val_in") {
		t.Errorf("calibrate block should come before validate block:\n%s", out)
	}
}

func TestFmtHuman(t *testing.T) {
	tests := []struct {
		v    float64
		want string
	}{
		{7, "7"},
		{0.9, "0.9"},
		{58.1, "58.1"},
		{107.9, "108"},
		{1962, "1,962"},
		{868200, "868,200"},
		{-15000, "-15,000"},
		{120e6, "120,000,000"},
	}
	for _, tt := range tests {
		if got := HumanNumber(tt.v); got != tt.want {
			t.Errorf("HumanNumber(%v) = %q, want %q", tt.v, got, tt.want)
		}
	}
}
