package scenarios

import (
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"

	"clustersim/sim"
)

// engineMonths is how many months the engine tests run: enough to step
// every sub-step and, from a start in autumn, a December's records.
const engineMonths = 4

// runBriefly runs cfg at scale for at most engineMonths months from its
// start, so that a panic of the engine shows.
func runBriefly(t testing.TB, cfg *sim.Config, scale float64) *sim.Results {
	t.Helper()
	c := *cfg
	c.End = min(c.End, c.Start+engineMonths-1)
	res, err := sim.Run(&c, sim.Options{Seed: 1, Scale: scale})
	if err != nil {
		t.Fatalf("the engine refused a scenario the loader accepted: %v", err)
	}
	return res
}

// TestEngineAtTheLimits builds and runs the engine at the largest sizes
// the loader accepts: MaxRungs rungs of one product (so MaxProducts
// products), MaxEstates estates, and as many villages as the
// village-product table allows.
func TestEngineAtTheLimits(t *testing.T) {
	cfg := clone(&loadValid(t).Config)
	cfg.Start = sim.NewMonth(1978, 10)
	cfg.ReportFrom = 1978
	cfg.Regimes[0].Start = cfg.Start
	cfg.Ladder = make([]sim.Rung, MaxRungs)
	for i := range cfg.Ladder {
		cfg.Ladder[i] = sim.Rung{Name: fmt.Sprintf("r%d", i), Sector: fmt.Sprintf("s%d", i%50), Available: 1978 + i%30,
			Complexity: float64(i % 5), Products: 1, Market: 1e6, Growth: 0.1, Capital: 1000, Tradition: 1}
	}
	cfg.Estates = make([]sim.Estate, MaxEstates)
	for i := range cfg.Estates {
		cfg.Estates[i] = sim.Estate{Name: fmt.Sprintf("e%d", i), Open: cfg.Start, Capacity: 1e6}
	}
	cfg.Params.Villages.Villages = MaxVillageProducts / MaxProducts
	cfg.Mantang.CraftSector, cfg.Figures = "s0", sim.Figures{DoorsRung: "r0", LargeFirmSectors: []string{"s1"}}
	cfg.Params.Villages.CollectiveDebtLimit = 100 // so that the one collective of the scaled county lives to be recorded
	if err := ValidateConfig(&cfg); err != nil {
		t.Fatalf("the largest sizes are refused: %v", err)
	}
	res := runBriefly(t, &cfg, MinScale(&cfg))
	if len(res.ProductNames) != MaxProducts || len(res.LocationNames) != 1+MaxEstates+len(cfg.Destinations) || len(res.Firms) == 0 {
		t.Errorf("%d products, %d locations, %d firm records; %+v", len(res.ProductNames), len(res.LocationNames), len(res.Firms), res.Stats)
	}
}

// TestLimits checks that one more than each limit is refused where it is
// written, with its field.
func TestLimits(t *testing.T) {
	valid := readValid(t)
	for _, tc := range []struct {
		name, old, new, marker, field, msg string
	}{
		{"40,000 products in a rung", "products: 40", "products: 40000", "", "ladder[0].products", "40000 products bring the ladder to 40000 products, more than the engine's 32767"},
		{"products over all rungs", "products: 8", "products: 32730", "", "ladder[1].products", "bring the ladder to 32770"},
		{"villages × products", "villages: 40", "villages: 100000", "", "params.villages.villages", "100000 villages × 2040 products make 204000000 village-product cells, more than the engine's 100000000"},
		{"end past the horizon", "end: 2010-12", "end: 2150-12", "", "end", "2150-12 is outside the engine's horizon, 1900-01–2100-12"},
		{"an event ending past the horizon", "end: 2009-12", "end: 2101-01", "", "events[6].end", "2101-01 is after the end of the engine's horizon"},
		{"report_from past the horizon", "report_from: 1980", "report_from: 2101", "", "report_from", "outside the range 1900–2100"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			doc := mutate(t, valid, tc.old, tc.new)
			if strings.HasPrefix(tc.name, "villages") {
				doc = mutate(t, doc, "products: 40", "products: 2032")
			}
			marker := tc.marker
			if marker == "" {
				marker = tc.new
			}
			checkError(t, doc, marker, tc.field, tc.msg)
		})
	}
}

// TestLimitsBeyondTheFileCap: 50,000 rungs or 40,000 estates do not fit
// in a scenario file (MaxFileSize), which is refused first; a Config
// built otherwise is still held to the engine's limits, by field.
func TestLimitsBeyondTheFileCap(t *testing.T) {
	valid := readValid(t)
	many := func(n int, item string) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, item, i)
		}
		return b.String()
	}
	estate := "  - {name: e%d, open: 1996-06, capacity: 1}\n"
	doc := mutate(t, valid, "regimes:\n", many(40000, estate)+"regimes:\n")
	if _, err := Parse("bad.yaml", []byte(doc), nil); err == nil || !strings.Contains(err.Error(), "a scenario file may have at most") {
		t.Errorf("a file of 40,000 estates: %v, want the file cap", err)
	}
	for _, tc := range []struct {
		name, field, msg string
		grow             func(*sim.Config)
	}{
		{"50,000 rungs", "ladder[32767]", "more than the engine's 32767", func(c *sim.Config) {
			for i := range 50000 {
				c.Ladder = append(c.Ladder, sim.Rung{Name: fmt.Sprintf("r%d", i), Sector: "s", Available: 1990, Products: 1, Market: 1, Capital: 1})
			}
		}},
		{"40,000 estates", fmt.Sprintf("estates[%d]", MaxEstates), fmt.Sprintf("more than the engine's %d", MaxEstates), func(c *sim.Config) {
			for i := range 40000 {
				c.Estates = append(c.Estates, sim.Estate{Name: fmt.Sprintf("e%d", i), Open: sim.NewMonth(1996, 6), Capacity: 1})
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := clone(&loadValid(t).Config)
			tc.grow(&cfg)
			err := ValidateConfig(&cfg)
			if err == nil || !strings.Contains(err.Error(), tc.field) || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("ValidateConfig: %v; want %s: …%s", err, tc.field, tc.msg)
			}
		})
	}
}

// checkError parses doc and checks that it is refused at the line of
// marker, naming field, with a message holding msg.
func checkError(t *testing.T, doc, marker, field, msg string) {
	t.Helper()
	line := lineOf(t, doc, marker)
	_, err := Parse("bad.yaml", []byte(doc), nil)
	e := asError(t, err)
	if e.File != "bad.yaml" || e.Line != line || e.Field != field || !strings.Contains(e.Msg, msg) {
		t.Errorf("error = %v\nwant bad.yaml:%d:…: %s: …%s…", err, line, field, msg)
	}
}

func TestNames(t *testing.T) {
	valid := readValid(t)
	for _, name := range []string{`""`, `" "`, `"."`, `".."`, `"../x"`, `"a/b"`, `'a\b'`, `".hidden"`, `"x."`, `" x"`,
		`"a:b"`, `"a*b"`, `"a\tb"`, `"a\u0000b"`, `"` + strings.Repeat("x", 201) + `"`} {
		t.Run(name, func(t *testing.T) {
			checkError(t, mutate(t, valid, "name: valid", "name: "+name), "name: "+name, "name", "")
		})
	}
	for _, name := range []string{"x", "late_tour", "a.b", "123", "永康", strings.Repeat("x", 200)} {
		if _, err := Parse("ok.yaml", []byte(mutate(t, valid, "name: valid", "name: "+name)), nil); err != nil {
			t.Errorf("name %q: %v", name, err)
		}
	}
}

func TestTaxes(t *testing.T) {
	valid := readValid(t)
	for _, tc := range []struct {
		name, old, new, field, msg string
	}{
		{"private firms in the first regime", "private_tax: 0.1", "private_tax: 0.99", "regimes[0].governance.private_tax",
			`under regime "collective" a private firm would pay private_tax 0.99 + city_tax 0.02 = 1.01 of its sales`},
		{"red hats pay three rates", "commune_fee: 0.05", "commune_fee: 0.95", "regimes[0].governance.commune_fee",
			`a red_hat firm would pay commune_fee 0.95 + village_fee 0.03 + state_tax 0.06 = 1.04`},
		// The third regime sets only city_tax; private_tax comes from the first.
		{"after inheritance", "      city_tax: 0.03", "      city_tax: 0.95", "regimes[2].governance.city_tax",
			`under regime "market" a private firm would pay private_tax 0.1 + city_tax 0.95`},
		{"exactly all of them", "private_tax: 0.1", "private_tax: 0.97", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := mutate(t, valid, tc.old, tc.new)
			if tc.field == "" {
				if _, err := Parse("ok.yaml", []byte(doc), nil); err != nil {
					t.Error(err)
				}
				return
			}
			checkError(t, doc, tc.new, tc.field, tc.msg)
		})
	}
	cfg := clone(&loadValid(t).Config)
	cfg.Regimes[1].Governance.GetihuTax = 1.5
	if err := ValidateConfig(&cfg); err == nil || !strings.Contains(err.Error(), "getihu_tax") {
		t.Errorf("ValidateConfig: %v", err)
	}
}

// FuzzEngine goes past the loader: whatever Parse accepts, the engine must
// build and run (a few months at a tiny scale) without a panic or an
// error. Run it with make fuzz-engine.
func FuzzEngine(f *testing.F) {
	valid := readValid(f)
	autumn := mutate(f, valid, "\nstart: 1978-01", "\nstart: 1978-10")
	autumn = mutate(f, autumn, "name: collective\n    start: 1978-01", "name: collective\n    start: 1978-10")
	autumn = mutate(f, autumn, "report_from: 1980", "report_from: 1978")
	docs := []string{valid, autumn,
		head + "start: 1991-11\nreport_from: 1991\nregimes:\n  - name: a\n    start: 1991-11\n    governance: {commune_fee: 0, village_fee: 0, state_tax: 0, getihu_tax: 0, private_tax: 1, city_tax: 0, collective_remit: 1, illegal_sanction: 1, tolerance: 0}\n" +
			"events:\n  - {date: 1991-11, kind: southern_tour}\n  - {date: 1991-12, kind: land_quota}\n  - {date: 1992-01, kind: financial_crisis}\nestates: [{name: e, open: 1991-11, capacity: 0}]\n",
		head + "start: 2100-09\nend: 2100-12\nreport_from: 2100\nregimes: [{name: a, start: 2100-09, governance: {commune_fee: 0.3, village_fee: 0.3, state_tax: 0.4, getihu_tax: 1, private_tax: 0, city_tax: 0, collective_remit: 0.6, illegal_sanction: 0, tolerance: 1}}]\nevents: []\nestates: []\n",
	}
	for _, m := range [][2]string{
		{"products: 40", "products: 32759"},
		{"households: 1000", "households: 10000000"},
		{"villages: 40", "villages: 100000"},
		{"hot_products: 12", "hot_products: 1000"},
		{"tradition: 0.9", "tradition: 0"},
		{`craft_sector: "tools"`, `craft_sector: "vehicles"`}, // Mantang makes another craft
		{"collectives: 12", "collectives: 1000000"},
		{"open: 1996-06", "open: 1978-10"},
		{"private_tax: 0.1", "private_tax: 0.98"},
		{"    getihu_cap: 7", "    getihu_cap: 1"},
		{"end: 2010-12", "end: 1979-01"},
	} {
		docs = append(docs, mutate(f, autumn, m[0], m[1]))
	}
	// Most mutations of a file break its YAML, so the fuzzer also sets one
	// numeric field (the field-th of the scenario's, in the order of
	// checkRanges) to value, brought within its range.
	for i, doc := range docs {
		f.Add([]byte(doc), uint16(i*7), float64(i)/float64(len(docs)))
	}
	base := loadValid(f)
	f.Fuzz(func(t *testing.T, data []byte, field uint16, value float64) {
		s, err := Parse("fuzz.yaml", data, resolveTo(base))
		if err != nil {
			return
		}
		c := clone(&s.Config)
		if fs := rangedFields(reflect.ValueOf(&c).Elem(), nil); len(fs) > 0 {
			fs[int(field)%len(fs)].set(value)
		}
		if ValidateConfig(&c) != nil {
			return
		}
		// About 100 households, collectives and villages, or full scale
		// for smaller counties: the engine clamps every count at one.
		n := max(c.Households, c.Collectives, c.Params.Villages.Villages, c.Mantang.Households)
		runBriefly(t, &c, min(1, 100/float64(n)))
	})
}

// ranged is a numeric field with a range tag.
type ranged struct {
	v    reflect.Value
	b    bounds
	name string // the Go name of the field
}

// set sets the field to x if x is in its range, or else to a value in its
// range: the bound for an infinity, the fractional part of |x| across the
// range otherwise.
func (r ranged) set(x float64) {
	lo, hi := r.b.lo, r.b.hi
	switch {
	case math.IsNaN(x) || math.IsInf(x, -1):
		x = lo
	case math.IsInf(x, 1):
		x = hi
	case x < lo || x > hi:
		a := math.Abs(x)
		x = lo + (hi-lo)*(a-math.Floor(a))
	}
	if r.v.Kind() == reflect.Float64 {
		r.v.SetFloat(x)
	} else {
		r.v.SetInt(int64(math.Round(x)))
	}
}

// rangedFields appends to fs the range-tagged fields under v.
func rangedFields(v reflect.Value, fs []ranged) []ranged {
	switch v.Kind() {
	case reflect.Struct:
		for i := range v.NumField() {
			if tag, ok := v.Type().Field(i).Tag.Lookup("range"); ok {
				fs = append(fs, ranged{v.Field(i), parseRange(tag), v.Type().Field(i).Name})
			} else {
				fs = rangedFields(v.Field(i), fs)
			}
		}
	case reflect.Slice:
		for i := range v.Len() {
			fs = rangedFields(v.Index(i), fs)
		}
	}
	return fs
}

// TestHorizonAgrees keeps the range tags of the fields that are years in
// step with the horizon that the dates are held to.
func TestHorizonAgrees(t *testing.T) {
	for _, f := range []struct {
		t    reflect.Type
		name string
	}{{reflect.TypeFor[sim.Config](), "ReportFrom"}, {reflect.TypeFor[sim.Rung](), "Available"}} {
		sf, _ := f.t.FieldByName(f.name)
		if b := parseRange(sf.Tag.Get("range")); b.lo != FirstYear || b.hi != LastYear {
			t.Errorf("%s.%s has the range %s, not the horizon %d–%d", f.t.Name(), f.name, b.text, FirstYear, LastYear)
		}
	}
}
