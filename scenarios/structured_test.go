package scenarios

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"clustersim/agents"
	"clustersim/sim"
)

// FuzzEngineStructured fuzzes the engine with scenarios that are valid by
// construction: the fuzzed bytes are read as a stream of choices (sizes,
// dates, rungs, estates, destinations, regimes, events, Mantang and any
// range-tagged number, often at an end of its range) that turn the test
// fixture into another scenario. The scenario goes through the loader
// (written with Canonical and read back with Parse, or, when too large for
// a file, ValidateConfig), then the engine runs it for a few months at a
// small scale, with no recovery: a panic fails the test, and so does an
// error of the engine. Run it with make fuzz-structured; with
// CLUSTERSIM_FUZZ_STATS=DIR each fuzzing process writes its counts to
// DIR/<pid>.txt.
func FuzzEngineStructured(f *testing.F) {
	for _, seed := range structuredSeeds() {
		f.Add(seed)
	}
	fixture := loadValid(f)
	stats := newFuzzStats(os.Getenv("CLUSTERSIM_FUZZ_STATS"))
	f.Fuzz(func(t *testing.T, data []byte) {
		d := fuzzCounts{execs: 1}
		defer stats.add(&d)
		g := generate(&fixture.Config, data)
		cfg, err := throughLoader(&g.cfg)
		if err != nil {
			// By construction this does not happen; counted to show it,
			// and an error when the seed corpus runs in make test.
			d.refused, d.lastRefusal = 1, err.Error()
			if flag.Lookup("test.fuzz").Value.String() == "" {
				t.Errorf("the loader refused a generated scenario: %v", err)
			}
			return
		}
		if err := CheckScale(cfg, g.scale); err != nil {
			t.Fatalf("the generator chose a scale the loader refuses: %v", err)
		}
		d.engine, d.large = 1, b2i(g.large)
		if res := g.run(t, cfg); res != nil {
			d.completed, d.nonFinite = 1, nonFinite(res, cfg)
		}
	})
}

// structuredSeeds is the seed corpus: no choices (the fixture on a short
// run), a run at the largest sizes, all choices at their first or last
// options, and a few deterministic pseudo-random streams.
func structuredSeeds() [][]byte {
	seeds := [][]byte{{}, {largeClass}, append([]byte{largeClass}, slices.Repeat([]byte{0xff}, 200)...),
		append([]byte{largeClass}, slices.Repeat([]byte{0x01}, 200)...)}
	for _, b := range []byte{0x00, 0x55, 0xaa, 0xff} {
		seeds = append(seeds, slices.Repeat([]byte{1, b}, 200))
	}
	x := uint64(0x9e3779b97f4a7c15)
	for i := range 12 {
		s := make([]byte, 64+48*i)
		for j := range s {
			x ^= x << 13
			x ^= x >> 7
			x ^= x << 17
			s[j] = byte(x)
		}
		if i%4 == 3 {
			s[0] = largeClass
		} else if s[0]%64 == largeClass {
			s[0]++
		}
		seeds = append(seeds, s)
	}
	return seeds
}

// throughLoader writes cfg as a scenario file and loads it back, as a user's
// file would be; a config too large for a file is checked by ValidateConfig.
func throughLoader(cfg *sim.Config) (*sim.Config, error) {
	if len(cfg.Ladder)+len(cfg.Estates)+len(cfg.Destinations) > 2000 {
		return cfg, ValidateConfig(cfg)
	}
	b, err := Canonical(cfg)
	if err != nil {
		return nil, err
	}
	s, err := Parse("structured.yaml", b, nil)
	if err != nil {
		return nil, err
	}
	return &s.Config, nil
}

// choices reads the fuzzed bytes as choices; once they run out every
// choice is 0, which keeps the fixture's values where there is one.
type choices struct{ data []byte }

func (c *choices) next() byte {
	if len(c.data) == 0 {
		return 0
	}
	b := c.data[0]
	c.data = c.data[1:]
	return b
}

// intn returns a choice in [0, n), reading as many bytes as n needs.
func (c *choices) intn(n int) int {
	if n <= 1 {
		return 0
	}
	var v uint64
	for k := uint64(n - 1); k > 0; k >>= 8 {
		v = v<<8 | uint64(c.next())
	}
	return int(v % uint64(n))
}

// between returns a choice in [lo, hi].
func (c *choices) between(lo, hi int) int { return lo + c.intn(hi-lo+1) }

// unit returns a choice in [0, 1].
func (c *choices) unit() float64 { return float64(c.intn(1<<16)) / (1<<16 - 1) }

// value returns a value in the range b: one of its ends, 0, 1, the least
// positive numbers, a neighbour of an end, or a uniform or log-uniform
// draw. A value outside the range gives its low end.
func (c *choices) value(b bounds, integer bool) float64 {
	lo, hi := b.lo, b.hi
	var x float64
	switch c.intn(11) {
	case 0:
		x = lo
	case 1:
		x = hi
	case 2:
		x = 0
	case 3:
		x = 1
	case 4:
		x = math.SmallestNonzeroFloat64
	case 5:
		x = 1e-9
	case 6:
		x = math.Nextafter(lo, hi)
		if integer {
			x = lo + 1
		}
	case 7:
		x = math.Nextafter(hi, lo)
		if integer {
			x = hi - 1
		}
	case 8:
		x = lo + (hi-lo)*c.unit()
	case 9:
		a := math.Max(lo, 1e-12)
		x = a * math.Pow(hi/a, c.unit())
	case 10:
		x = hi - (hi-lo)*1e-6
	}
	if integer {
		x = math.Round(x)
	}
	if !(x >= lo && x <= hi) {
		x = lo
	}
	return x
}

// chosen is how many rungs, estates or destinations are each made of
// choices; the others repeat them.
const chosen = 64

// largeClass, as the first byte, asks for the largest sizes.
const largeClass = 31

// caps bound what a run simulates, for speed: households, villages,
// village-product cells and collectives after scaling, products, rungs,
// estates and destinations, and the months simulated.
type caps struct {
	households, villages, cells, collectives int
	products, rungs, estates, destinations   int
	months                                   int
}

var (
	smallCaps = caps{households: 3000, villages: 200, cells: 200_000, collectives: 300,
		products: 3000, rungs: 16, estates: 8, destinations: 8, months: 14}
	largeCaps = caps{households: 20_000, villages: 2000, cells: 2_000_000, collectives: 2000,
		products: MaxProducts, rungs: MaxRungs, estates: MaxEstates, destinations: MaxDestinations, months: 2}
)

// generated is a scenario built from choices, with how to run it.
type generated struct {
	cfg    sim.Config
	large  bool
	scale  float64
	months int // months to simulate; the run stops there if it is longer
	seed   uint64
	noSnap bool
}

// generate builds a scenario the loader accepts from the fixture and data.
func generate(fixture *sim.Config, data []byte) *generated {
	c := &choices{data}
	g := &generated{cfg: deepClone(fixture)}
	g.large = c.intn(64) == largeClass
	lim := smallCaps
	if g.large {
		lim = largeCaps
	}
	cfg := &g.cfg
	cfg.Name = "structured"
	g.dates(c, lim)
	g.ladder(c, lim)
	if !g.large {
		g.county(c)
	}
	g.estates(c, lim)
	g.destinations(c, lim)
	g.regimes(c, fixture)
	g.events(c, fixture)
	g.figures(c)
	g.numbers(c)
	scaleMode := c.intn(3) // the least scale, full scale, or between
	if g.large {
		scaleMode = 0
	}
	g.fitCaps(lim, scaleMode)
	g.mantang(c)
	g.plan(c)
	normaliseTaxes(cfg)
	g.seed = uint64(c.intn(1 << 16))
	g.noSnap = c.intn(2) == 1
	return g
}

// deepClone copies c sharing no slice with it.
func deepClone(c *sim.Config) sim.Config {
	out := clone(c)
	out.Destinations = slices.Clone(c.Destinations)
	out.Figures.LargeFirmSectors = slices.Clone(c.Figures.LargeFirmSectors)
	out.Plan.Sectors = slices.Clone(c.Plan.Sectors)
	return out
}

var firstMonth, lastMonth = sim.NewMonth(FirstYear, 1), sim.NewMonth(LastYear, 12)

// dates chooses start, end, report_from and the months to simulate: a
// short run simulated to its end, or a longer one stopped after a few
// months.
func (g *generated) dates(c *choices, lim caps) {
	cfg := &g.cfg
	year := 1978
	switch c.intn(6) {
	case 1:
		year = FirstYear
	case 2:
		year = LastYear
	case 3, 4, 5:
		year = c.between(FirstYear, LastYear)
	}
	cfg.Start = min(sim.NewMonth(year, 1+c.intn(12)), lastMonth-1)
	g.months = 2 + c.intn(lim.months-1)
	short := cfg.Start + sim.Month(g.months) - 1
	switch c.intn(5) {
	case 0, 1: // short, simulated to its end
		cfg.End = short
	case 2:
		cfg.End = sim.NewMonth(2010, 12)
	case 3:
		cfg.End = lastMonth
	case 4:
		cfg.End = short + sim.Month(c.intn(600))
	}
	cfg.End = min(max(cfg.End, cfg.Start+1), lastMonth)
	if g.large && c.intn(2) == 1 {
		g.months = 1
	}
	g.months = min(g.months, int(cfg.End-cfg.Start)+1)
	switch c.intn(3) {
	case 0:
		cfg.ReportFrom = cfg.Start.Year()
	case 1:
		cfg.ReportFrom = cfg.End.Year()
	case 2:
		cfg.ReportFrom = c.between(cfg.Start.Year(), cfg.End.Year())
	}
}

// lastSimulated is the last month the run simulates.
func (g *generated) lastSimulated() sim.Month { return g.cfg.Start + sim.Month(g.months) - 1 }

// date chooses a month of the run: mostly among those simulated, or its
// last, or any.
func (g *generated) date(c *choices) sim.Month {
	cfg := &g.cfg
	switch c.intn(5) {
	case 1:
		return g.lastSimulated()
	case 2:
		return cfg.End
	case 3:
		return cfg.Start + sim.Month(c.intn(int(cfg.End-cfg.Start)+1))
	case 4:
		return min(g.lastSimulated()+1, cfg.End) // the month after the last simulated
	}
	return cfg.Start + sim.Month(c.intn(g.months))
}

// ladder chooses the rungs, their sectors, the years they are available and
// their products; at the largest sizes, MaxProducts products in one rung,
// in MaxRungs rungs or in 1000.
func (g *generated) ladder(c *choices, lim caps) {
	cfg := &g.cfg
	templates := cfg.Ladder
	n := 1 + c.intn(lim.rungs)
	products := func(int) int { return 1 + c.intn(64) }
	if g.large {
		switch c.intn(3) {
		case 0:
			n, products = 1, func(int) int { return MaxProducts }
		case 1:
			n, products = MaxRungs, func(int) int { return 1 }
		case 2:
			n = 1000
			products = func(i int) int { return MaxProducts/n + b2i(i < MaxProducts%n) }
		}
	}
	sectors := 1 + c.intn(min(n, 50))
	cfg.Ladder = make([]sim.Rung, n)
	for i := range cfg.Ladder {
		if i >= chosen {
			r := cfg.Ladder[i%chosen]
			r.Name, r.Products = fmt.Sprintf("r%d", i), products(i)
			cfg.Ladder[i] = r
			continue
		}
		r := templates[i%len(templates)]
		r.Name = fmt.Sprintf("r%d", i)
		r.Sector = fmt.Sprintf("s%d", c.intn(sectors))
		switch c.intn(5) {
		case 0:
			r.Available = g.cfg.Start.Year()
		case 1:
			r.Available = FirstYear
		case 2:
			r.Available = LastYear
		case 3:
			r.Available = min(g.cfg.Start.Year()+1, LastYear)
		case 4:
			r.Available = c.between(FirstYear, LastYear)
		}
		r.Products = products(i)
		r.Promoted = c.intn(2) == 1
		cfg.Ladder[i] = r
	}
	if g.large { // and the largest county the ladder allows
		cfg.Households, cfg.Collectives, cfg.Mantang.Households = 10_000_000, 1_000_000, 100_000
		cfg.Params.Villages.Villages = min(100_000, MaxVillageProducts/(MaxProducts*(1+c.intn(2))))
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// county chooses the numbers of households, villages, townships and
// collectives: the fixture's, the least, the most or any.
func (g *generated) county(c *choices) {
	cfg := &g.cfg
	for _, n := range []*int{&cfg.Households, &cfg.Params.Villages.Villages, &cfg.Params.Villages.Townships, &cfg.Collectives, &cfg.Mantang.Households} {
		r := rangeOf(reflect.ValueOf(cfg).Elem(), n)
		switch c.intn(4) {
		case 1:
			*n = int(r.lo)
		case 2:
			*n = int(r.hi)
		case 3:
			*n = int(c.value(r, true))
		}
	}
}

// rangeOf returns the range of the field under v at address p.
func rangeOf(v reflect.Value, p *int) bounds {
	for _, r := range rangedFields(v, nil) {
		if r.v.Addr().Interface() == any(p) {
			return r.b
		}
	}
	panic("no range tag")
}

// estates chooses the estates and when they open; at the largest sizes,
// sometimes MaxEstates.
func (g *generated) estates(c *choices, lim caps) {
	cfg := &g.cfg
	n := c.intn(min(lim.estates, 8) + 1)
	if g.large && c.intn(2) == 1 {
		n = lim.estates
	}
	capacity := parseRange(tagOf(reflect.TypeFor[sim.Estate](), "Capacity"))
	cfg.Estates = make([]sim.Estate, n)
	for i := range cfg.Estates {
		e := sim.Estate{Name: fmt.Sprintf("e%d", i)}
		if i < chosen {
			e.Open, e.Capacity = g.date(c), c.value(capacity, false)
		} else {
			e.Open, e.Capacity = cfg.Estates[i%chosen].Open, cfg.Estates[i%chosen].Capacity
		}
		cfg.Estates[i] = e
	}
}

func tagOf(t reflect.Type, field string) string {
	f, ok := t.FieldByName(field)
	if !ok {
		panic("no field " + field)
	}
	return f.Tag.Get("range")
}

// destinations chooses the destinations and their shares, which sum to 1:
// equal, or by weights of which some may be 0.
func (g *generated) destinations(c *choices, lim caps) {
	cfg := &g.cfg
	n := 1 + c.intn(lim.destinations)
	if g.large && c.intn(2) == 1 {
		n = lim.destinations
	}
	weights := make([]float64, n)
	sum := 0.0
	if c.intn(2) == 1 {
		for i := range weights {
			if i < chosen {
				weights[i] = float64(c.intn(4) * c.intn(256))
			} else {
				weights[i] = weights[i%chosen]
			}
			sum += weights[i]
		}
	}
	cfg.Destinations = make([]sim.Destination, n)
	for i := range cfg.Destinations {
		share := 1 / float64(n)
		if sum > 0 {
			share = weights[i] / sum
		}
		yongwujin := i%3 == 0
		if i < chosen {
			yongwujin = c.intn(2) == 1
		}
		cfg.Destinations[i] = sim.Destination{Name: fmt.Sprintf("d%d", i), Share: share, Yongwujin: yongwujin}
	}
}

// regimes chooses 1-4 regimes with the fixture's governances, the first
// at the start, the others after it (while they fit in the run).
func (g *generated) regimes(c *choices, fixture *sim.Config) {
	cfg := &g.cfg
	n := 1 + c.intn(4)
	cfg.Regimes = cfg.Regimes[:0:0]
	start := cfg.Start
	for i := range n {
		if i > 0 {
			if c.intn(3) == 2 {
				start += 1 + sim.Month(c.intn(int(cfg.End-start)+1))
			} else {
				start += 1 + sim.Month(c.intn(g.months))
			}
		}
		if start > cfg.End {
			break
		}
		r := fixture.Regimes[c.intn(len(fixture.Regimes))]
		cfg.Regimes = append(cfg.Regimes, sim.Regime{Name: fmt.Sprintf("g%d", i), Start: start, Governance: r.Governance})
	}
}

// events keeps, removes and moves the fixture's events and adds others of
// any kind, with or without an end; events of a kind that would overlap
// are cut short or dropped.
func (g *generated) events(c *choices, fixture *sim.Config) {
	cfg := &g.cfg
	cfg.Events = cfg.Events[:0:0]
	for _, e := range fixture.Events {
		switch c.intn(4) {
		case 1: // removed
			continue
		case 2: // moved
			e.Date = g.date(c)
		}
		if e.Date < cfg.Start || e.Date > cfg.End {
			e.Date = g.date(c)
		}
		g.setEnd(c, &e, e.End.IsZero())
		cfg.Events = append(cfg.Events, e)
	}
	for range c.intn(8) {
		e := sim.Event{Kind: sim.EventKinds[c.intn(len(sim.EventKinds))], Date: g.date(c), Note: "added"}
		g.setEnd(c, &e, c.intn(2) == 0)
		cfg.Events = append(cfg.Events, e)
	}
	slices.SortStableFunc(cfg.Events, func(a, b sim.Event) int { return int(a.Date - b.Date) })
	last := map[sim.EventKind]int{}
	kept := cfg.Events[:0]
	for _, e := range cfg.Events {
		if j, ok := last[e.Kind]; ok {
			prev := &kept[j]
			if e.Date == prev.Date {
				continue
			}
			if prev.End.IsZero() || e.Date <= prev.End {
				prev.End = e.Date - 1
			}
		}
		last[e.Kind] = len(kept)
		kept = append(kept, e)
	}
	cfg.Events = kept
}

// setEnd gives e no end (if none), its own month, a later one, one after
// the run or the horizon's last month.
func (g *generated) setEnd(c *choices, e *sim.Event, none bool) {
	if none {
		e.End = 0
		return
	}
	switch c.intn(4) {
	case 0:
		e.End = e.Date
	case 1:
		e.End = min(e.Date+sim.Month(c.intn(g.months+1)), lastMonth)
	case 2:
		e.End = min(g.cfg.End+1, lastMonth)
	case 3:
		e.End = lastMonth
	}
	e.End = max(e.End, e.Date)
}

// figures chooses the doors' rung and the large firms' sectors among the
// ladder's.
func (g *generated) figures(c *choices) {
	cfg := &g.cfg
	f := &cfg.Figures
	switch c.intn(3) {
	case 0:
		f.DoorsRung = cfg.Ladder[0].Name
	case 1:
		f.DoorsRung = ""
	case 2:
		f.DoorsRung = cfg.Ladder[c.intn(len(cfg.Ladder))].Name
	}
	f.LargeFirmSectors = nil
	for range c.intn(5) {
		s := cfg.Ladder[c.intn(len(cfg.Ladder))].Sector
		if !slices.Contains(f.LargeFirmSectors, s) {
			f.LargeFirmSectors = append(f.LargeFirmSectors, s)
		}
	}
}

// plan gives a third of the scenarios a top-down plan: a sector with a
// craft of the first year (as the loader requires) and up to two more.
// It is chosen last, once the ladder's numbers are set.
func (g *generated) plan(c *choices) {
	cfg := &g.cfg
	cfg.Plan = sim.Plan{}
	if c.intn(3) != 0 {
		return
	}
	var crafts []string
	for _, r := range cfg.Ladder {
		if r.Tradition > 0 && r.Available <= cfg.Start.Year() && !slices.Contains(crafts, r.Sector) {
			crafts = append(crafts, r.Sector)
		}
	}
	if len(crafts) == 0 {
		return
	}
	cfg.Plan.Sectors = []string{crafts[c.intn(len(crafts))]}
	for range c.intn(3) {
		if s := cfg.Ladder[c.intn(len(cfg.Ladder))].Sector; !slices.Contains(cfg.Plan.Sectors, s) {
			cfg.Plan.Sectors = append(cfg.Plan.Sectors, s)
		}
	}
}

// structural are the range-tagged fields that numbers leaves alone: their
// values are chosen with the others they must agree with.
var structural = map[string]bool{"ReportFrom": true, "Share": true, "Village": true}

// numbers sets range-tagged numbers to values of their ranges: a few
// chosen fields, or every field at once (at its low end, its high end or
// each its own value).
func (g *generated) numbers(c *choices) {
	// Of thousands of rungs or estates, those made of choices (the fields
	// of a view are those of the config).
	view := g.cfg
	view.Ladder, view.Estates = view.Ladder[:min(len(view.Ladder), chosen)], view.Estates[:min(len(view.Estates), chosen)]
	var fs []ranged
	for _, r := range rangedFields(reflect.ValueOf(&view).Elem(), nil) {
		if !structural[r.name] {
			fs = append(fs, r)
		}
	}
	integer := func(r ranged) bool { return r.v.Kind() != reflect.Float64 }
	switch c.intn(8) {
	case 5:
		for _, r := range fs {
			r.set(r.b.lo)
		}
	case 6:
		for _, r := range fs {
			r.set(r.b.hi)
		}
	case 7:
		for _, r := range fs {
			r.set(c.value(r.b, integer(r)))
		}
	}
	for range c.intn(25) {
		r := fs[c.intn(len(fs))]
		r.set(c.value(r.b, integer(r)))
	}
}

// fitCaps brings the sizes within the engine's limits and lim: the
// products, and at the scale the run will use, the households, villages,
// village-product cells and collectives it simulates. Each step halves one
// count, so it ends.
func (g *generated) fitCaps(lim caps, scaleMode int) {
	cfg := &g.cfg
	v := &cfg.Params.Villages.Villages
	for {
		g.scale = MinScale(cfg)
		switch scaleMode {
		case 1:
			g.scale = 1
		case 2:
			g.scale = math.Sqrt(g.scale)
		}
		scaled := func(n int) int { return max(1, int(math.Round(float64(n)*g.scale))) }
		products := 0
		for _, r := range cfg.Ladder {
			products += r.Products
		}
		cells := scaled(*v) * products
		switch {
		case products > min(lim.products, MaxProducts):
			halveProducts(cfg)
		case scaled(cfg.Households) > lim.households:
			cfg.Households /= 2
		case scaled(*v) > lim.villages, *v > 1 && (cells > lim.cells || *v*products > MaxVillageProducts):
			*v /= 2
		case cells > lim.cells:
			halveProducts(cfg)
		case cfg.Collectives > 0 && scaled(cfg.Collectives) > lim.collectives:
			cfg.Collectives /= 2
		default:
			return
		}
	}
}

// halveProducts halves the products of every rung, or, once each rung has
// one, drops half the rungs.
func halveProducts(cfg *sim.Config) {
	halved := false
	for i := range cfg.Ladder {
		if cfg.Ladder[i].Products > 1 {
			cfg.Ladder[i].Products = (cfg.Ladder[i].Products + 1) / 2
			halved = true
		}
	}
	if !halved {
		cfg.Ladder = cfg.Ladder[:max(1, len(cfg.Ladder)/2)]
		f := &cfg.Figures
		f.LargeFirmSectors = slices.DeleteFunc(f.LargeFirmSectors, func(s string) bool {
			return !slices.ContainsFunc(cfg.Ladder, func(r sim.Rung) bool { return r.Sector == s })
		})
		if !slices.ContainsFunc(cfg.Ladder, func(r sim.Rung) bool { return r.Name == f.DoorsRung }) {
			f.DoorsRung = ""
		}
	}
}

// mantang chooses Mantang's village (the first, none, the last or any),
// keeps its households within the county's and makes a ladder's sector its
// craft.
func (g *generated) mantang(c *choices) {
	cfg := &g.cfg
	m := &cfg.Mantang
	villages := cfg.Params.Villages.Villages
	switch c.intn(4) {
	case 0:
		m.Village = 0
	case 1:
		m.Village = -1
	case 2:
		m.Village = villages - 1
	case 3:
		m.Village = c.intn(villages)
	}
	m.Households = min(m.Households, cfg.Households)
	m.CraftSector = cfg.Ladder[c.intn(len(cfg.Ladder))].Sector
}

// normaliseTaxes scales down the rates of a regime under which a legal
// form would pay more than all its sales, so that the heaviest pays them
// all.
func normaliseTaxes(cfg *sim.Config) {
	for i := range cfg.Regimes {
		gov := &cfg.Regimes[i].Governance
		x := taxValues(gov)
		worst := 0.0
		for f := range agents.NumForms {
			worst = math.Max(worst, taxRates(agents.LegalForm(f), x).Total())
		}
		if worst <= 1 {
			continue
		}
		for _, p := range []*float64{&gov.CommuneFee, &gov.VillageFee, &gov.StateTax, &gov.GetihuTax, &gov.PrivateTax, &gov.CityTax, &gov.CollectiveRemit} {
			*p /= worst
		}
	}
}

// run runs cfg for g.months months; a run longer than that is stopped
// there through its context. It returns the results of a run simulated to
// its end, nil for one stopped.
func (g *generated) run(t *testing.T, cfg *sim.Config) *sim.Results {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	opt := sim.Options{Seed: g.seed, Scale: g.scale, NoFirmSnapshots: g.noSnap, Context: ctx,
		Progress: func(done, total int) {
			if done >= g.months {
				cancel()
			}
		}}
	res, err := sim.Run(cfg, opt)
	stopped := g.lastSimulated() < cfg.End
	switch {
	case stopped && errors.Is(err, context.Canceled):
		return nil
	case err != nil:
		t.Fatalf("the engine refused a scenario the loader accepted: %v", err)
	case stopped:
		t.Fatalf("the run went on past the %d months it was to be stopped at", g.months)
	}
	return res
}

// nonFinite counts the values of the series that are infinite, or NaN
// other than the mantang_* series of a county without Mantang (which are
// NaN by design).
func nonFinite(res *sim.Results, cfg *sim.Config) int {
	n := 0
	for _, s := range res.Series {
		noMantang := cfg.Mantang.Village < 0 && strings.HasPrefix(s.Name, "mantang_")
		for _, x := range s.Values {
			if math.IsInf(x, 0) || math.IsNaN(x) && !noMantang {
				n++
			}
		}
	}
	return n
}

// fuzzCounts are what a fuzzing process counts.
type fuzzCounts struct {
	execs, refused, engine, completed, large, nonFinite int
	lastRefusal                                         string
}

// fuzzStats counts executions and, if dir is set, writes the counts to
// dir/<pid>.txt after each.
type fuzzStats struct {
	mu  sync.Mutex
	c   fuzzCounts
	dir string
}

func newFuzzStats(dir string) *fuzzStats { return &fuzzStats{dir: dir} }

// add adds d to the counts.
func (s *fuzzStats) add(d *fuzzCounts) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := &s.c
	c.execs += d.execs
	c.refused += d.refused
	c.engine += d.engine
	c.completed += d.completed
	c.large += d.large
	c.nonFinite += d.nonFinite
	if d.lastRefusal != "" {
		c.lastRefusal = d.lastRefusal
	}
	if s.dir == "" {
		return
	}
	text := fmt.Sprintf("execs %d\nrefused %d\nengine %d\ncompleted %d\nlarge %d\nnon_finite %d\nlast_refusal %q\n",
		c.execs, c.refused, c.engine, c.completed, c.large, c.nonFinite, c.lastRefusal)
	_ = os.WriteFile(filepath.Join(s.dir, fmt.Sprintf("%d.txt", os.Getpid())), []byte(text), 0o644)
}
