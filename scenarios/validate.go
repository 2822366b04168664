package scenarios

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"

	"clustersim/sim"
)

// ValidateConfig checks a config however it was made: every numeric field
// against its range tag, and the timeline. The error, an *Error or an
// *Errors, names the field but, having no file to go by, no file or line.
func ValidateConfig(cfg *sim.Config) error {
	var p problems
	p.add(validate(cfg, func(p string) loc { return loc{field: p} })...)
	return p.err("")
}

// validate checks cfg and returns its problems: every value outside its
// range, and the first problem of each other check. where gives the
// location of a field path.
func validate(cfg *sim.Config, where func(path string) loc) []*Error {
	var errs []*Error
	checkRanges(reflect.ValueOf(cfg).Elem(), "", where, &errs)
	for _, check := range []func(*sim.Config, func(string) loc) *Error{
		checkRun, checkLimits, checkLadder, checkEstates, checkDestinations, checkMantang, checkFigures, checkPlan, checkRegimes, checkTaxes, checkEvents,
	} {
		if err := check(cfg, where); err != nil {
			errs = append(errs, err)
		}
	}
	return errs
}

// bounds is a parsed range tag.
type bounds struct {
	lo, hi    float64
	text      string // "1–100"
	malformed bool
}

var boundsCache sync.Map // tag string -> bounds

func parseRange(tag string) bounds {
	if b, ok := boundsCache.Load(tag); ok {
		return b.(bounds)
	}
	lo, hi, ok := strings.Cut(tag, ",")
	l, err1 := strconv.ParseFloat(strings.TrimSpace(lo), 64)
	h, err2 := strconv.ParseFloat(strings.TrimSpace(hi), 64)
	b := bounds{lo: l, hi: h, text: strings.TrimSpace(lo) + "–" + strings.TrimSpace(hi)}
	b.malformed = !ok || err1 != nil || err2 != nil || !(l <= h)
	boundsCache.Store(tag, b)
	return b
}

// checkRanges walks v, checks every field that has a range tag and appends
// the problems to errs.
func checkRanges(v reflect.Value, path string, where func(string) loc, errs *[]*Error) {
	switch v.Kind() {
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			f := t.Field(i)
			name := yamlName(f)
			if name == "" {
				continue
			}
			p := join(path, name)
			if tag, ok := f.Tag.Lookup("range"); ok {
				if err := checkRange(v.Field(i), tag, p, where); err != nil {
					*errs = append(*errs, err)
				}
				continue
			}
			checkRanges(v.Field(i), p, where, errs)
		}
	case reflect.Slice:
		for i := range v.Len() {
			checkRanges(v.Index(i), index(path, i), where, errs)
		}
	}
}

func checkRange(v reflect.Value, tag, path string, where func(string) loc) *Error {
	b := parseRange(tag)
	if b.malformed {
		return where(path).errorf("internal error: malformed range tag %q", tag)
	}
	var x float64
	var text string
	switch v.Kind() {
	case reflect.Int, reflect.Int64:
		x, text = float64(v.Int()), strconv.FormatInt(v.Int(), 10)
	case reflect.Float64:
		x, text = v.Float(), strconv.FormatFloat(v.Float(), 'g', -1, 64)
	default:
		return where(path).errorf("internal error: range tag on a %s", v.Type())
	}
	if !(x >= b.lo && x <= b.hi) { // also catches NaN
		return where(path).errorf("%s is outside the range %s", text, b.text)
	}
	return nil
}

func month(m sim.Month) string {
	if m.IsZero() {
		return "(not set)"
	}
	return m.String()
}

func checkRun(cfg *sim.Config, where func(string) loc) *Error {
	if err := checkName(cfg.Name, where("name")); err != nil {
		return err
	}
	if cfg.Start.IsZero() {
		return where("start").errorf("not set")
	}
	if cfg.End.IsZero() {
		return where("end").errorf("not set")
	}
	if cfg.End <= cfg.Start {
		return where("end").errorf("the run must end after it starts: end %s is not after start %s", cfg.End, cfg.Start)
	}
	if y := cfg.ReportFrom; y < cfg.Start.Year() || y > cfg.End.Year() {
		return where("report_from").errorf("%d is outside the run, %d–%d", y, cfg.Start.Year(), cfg.End.Year())
	}
	return nil
}

// names checks the names of a list's items: each not empty and given to
// no earlier item. list is the list's field ("estates"), kind what its
// items are ("estate").
type names struct {
	list, kind string
	first      map[string]int
}

func newNames(list, kind string) *names { return &names{list, kind, map[string]int{}} }

func (n *names) check(where func(string) loc, i int, name string) *Error {
	p := index(n.list, i) + ".name"
	if strings.TrimSpace(name) == "" {
		return where(p).errorf("must not be empty")
	}
	if j, dup := n.first[name]; dup {
		return where(p).errorf("duplicate %s name %s (also %s)", n.kind, quote(name), where(index(n.list, j)).short())
	}
	n.first[name] = i
	return nil
}

func checkLadder(cfg *sim.Config, where func(string) loc) *Error {
	if len(cfg.Ladder) == 0 {
		return where("ladder").errorf("the ladder must have at least one rung")
	}
	seen := newNames("ladder", "rung")
	for i, r := range cfg.Ladder {
		if strings.TrimSpace(r.Name) != "" && strings.TrimSpace(r.Sector) == "" {
			return where(index("ladder", i) + ".sector").errorf("must not be empty")
		}
		if err := seen.check(where, i, r.Name); err != nil {
			return err
		}
	}
	return nil
}

func checkEstates(cfg *sim.Config, where func(string) loc) *Error {
	seen := newNames("estates", "estate")
	for i, e := range cfg.Estates {
		p := index("estates", i)
		if err := seen.check(where, i, e.Name); err != nil {
			return err
		}
		if e.Open < cfg.Start || e.Open > cfg.End {
			l := where(p + ".open")
			return l.errorf("estate %s opens %s, outside the run %s–%s%s", quote(e.Name), month(e.Open), cfg.Start, cfg.End, runSet(where, l, "start", "end"))
		}
	}
	return nil
}

// checkDestinations: at least one place to leave to, named once each, with
// shares that sum to 1.
func checkDestinations(cfg *sim.Config, where func(string) loc) *Error {
	if len(cfg.Destinations) == 0 {
		return where("destinations").errorf("must name at least one place where firms that leave the county go")
	}
	seen := newNames("destinations", "destination")
	sum := 0.0
	for i, d := range cfg.Destinations {
		if err := seen.check(where, i, d.Name); err != nil {
			return err
		}
		sum += d.Share
	}
	if math.Abs(sum-1) > 1e-6 {
		return where(index("destinations", len(cfg.Destinations)-1)+".share").errorf("the shares of the destinations sum to %.6g, not 1", sum)
	}
	return nil
}

// checkMantang: Mantang is one of the villages (or -1, none), no larger
// than the county, and its craft is a sector of the ladder.
func checkMantang(cfg *sim.Config, where func(string) loc) *Error {
	m := &cfg.Mantang
	if m.Village < 0 || len(cfg.Ladder) == 0 { // an empty ladder is reported as such
		return nil
	}
	if m.Village >= cfg.Params.Villages.Villages && cfg.Params.Villages.Villages >= 1 { // else reported by its range
		return where("mantang.village").errorf("village %d, but the county has %d villages (0–%d; -1 for none)",
			m.Village, cfg.Params.Villages.Villages, cfg.Params.Villages.Villages-1)
	}
	if m.Households > cfg.Households && cfg.Households >= 1 {
		return where("mantang.households").errorf("%d households, more than the county's %d", m.Households, cfg.Households)
	}
	if !slices.ContainsFunc(cfg.Ladder, func(r sim.Rung) bool { return r.Sector == m.CraftSector }) {
		return where("mantang.craft_sector").errorf("%s is not a sector of the ladder", quote(m.CraftSector))
	}
	return nil
}

// checkFigures: the rung and sectors the figures name are the ladder's.
func checkFigures(cfg *sim.Config, where func(string) loc) *Error {
	f := &cfg.Figures
	if len(cfg.Ladder) == 0 { // reported as such
		return nil
	}
	if f.DoorsRung != "" && !slices.ContainsFunc(cfg.Ladder, func(r sim.Rung) bool { return r.Name == f.DoorsRung }) {
		return where("figures.doors_rung").errorf("%s is not a rung of the ladder", quote(f.DoorsRung))
	}
	for i, s := range f.LargeFirmSectors {
		if !slices.ContainsFunc(cfg.Ladder, func(r sim.Rung) bool { return r.Sector == s }) {
			return where(index("figures.large_firm_sectors", i)).errorf("%s is not a sector of the ladder", quote(s))
		}
		if slices.Index(f.LargeFirmSectors, s) < i {
			return where(index("figures.large_firm_sectors", i)).errorf("%s is named twice", quote(s))
		}
	}
	return nil
}

// checkPlan: a plan names sectors of the ladder, each once, and keeps a
// craft of the first year, so that households and collectives have
// something to make from the start (ODD 7.25).
func checkPlan(cfg *sim.Config, where func(string) loc) *Error {
	pl := &cfg.Plan
	if len(pl.Sectors) == 0 || len(cfg.Ladder) == 0 {
		return nil
	}
	for i, s := range pl.Sectors {
		if !slices.ContainsFunc(cfg.Ladder, func(r sim.Rung) bool { return r.Sector == s }) {
			return where(index("plan.sectors", i)).errorf("%s is not a sector of the ladder", quote(s))
		}
		if slices.Index(pl.Sectors, s) < i {
			return where(index("plan.sectors", i)).errorf("%s is named twice", quote(s))
		}
	}
	if !slices.ContainsFunc(cfg.Ladder, func(r sim.Rung) bool {
		return r.Tradition > 0 && r.Available <= cfg.Start.Year() && pl.Planned(r.Sector)
	}) {
		return where("plan.sectors").errorf("the plan must keep a sector with a craft of %d (a rung with tradition above 0, available from the start), or households and collectives have nothing to make", cfg.Start.Year())
	}
	return nil
}

func checkRegimes(cfg *sim.Config, where func(string) loc) *Error {
	if len(cfg.Regimes) == 0 {
		return where("regimes").errorf("there must be at least one regime")
	}
	for i, r := range cfg.Regimes {
		p := index("regimes", i)
		if strings.TrimSpace(r.Name) == "" {
			return where(p + ".name").errorf("must not be empty")
		}
		switch {
		case i == 0 && r.Start != cfg.Start:
			l := where(p + ".start")
			return l.errorf("the first regime must start with the run (%s), not %s%s", cfg.Start, month(r.Start), runSet(where, l, "start"))
		case i > 0 && r.Start <= cfg.Regimes[i-1].Start:
			prev := cfg.Regimes[i-1]
			return where(p+".start").errorf("regimes out of order: %s starting %s follows %s starting %s", quote(r.Name), month(r.Start), quote(prev.Name), prev.Start)
		case r.Start > cfg.End:
			l := where(p + ".start")
			return l.errorf("regime %s starts %s, after the end of the run %s%s", quote(r.Name), r.Start, cfg.End, runSet(where, l, "end"))
		}
	}
	return nil
}

func checkEvents(cfg *sim.Config, where func(string) loc) *Error {
	last := map[sim.EventKind]int{} // kind -> index of its latest event
	for i, e := range cfg.Events {
		p := index("events", i)
		if !e.Kind.Known() {
			return where(p+".kind").errorf("unknown event kind %s", quote(string(e.Kind)))
		}
		if e.Date < cfg.Start || e.Date > cfg.End {
			l := where(p + ".date")
			return l.errorf("%s dated %s is outside the run %s–%s%s", e.Kind, month(e.Date), cfg.Start, cfg.End, runSet(where, l, "start", "end"))
		}
		if !e.End.IsZero() && e.End < e.Date {
			return where(p+".end").errorf("%s ends %s, before its date %s", e.Kind, e.End, e.Date)
		}
		if i > 0 {
			if prev := cfg.Events[i-1]; e.Date < prev.Date {
				return where(p).errorf("events out of order: %s dated %s follows %s dated %s", e.Kind, e.Date, prev.Kind, prev.Date)
			}
		}
		if j, ok := last[e.Kind]; ok {
			prev := cfg.Events[j]
			if prev.End.IsZero() || e.Date <= prev.End {
				until := "to the end of the run"
				if !prev.End.IsZero() {
					until = "to " + prev.End.String()
				}
				return where(p).errorf("%s dated %s overlaps the %s dated %s (%s), in force %s",
					e.Kind, e.Date, prev.Kind, prev.Date, where(index("events", j)).short(), until)
			}
		}
		last[e.Kind] = i
	}
	return nil
}

// runSet says where the given fields (start, end) were set when a
// counterfactual changed them and the value at l, which no longer fits,
// comes from its base.
func runSet(where func(string) loc, l loc, fields ...string) string {
	var parts []string
	top := where("").file
	for _, f := range fields {
		if w := where(f); w.file == top && w.file != l.file && w.line > 0 {
			parts = append(parts, fmt.Sprintf("%s set at %s:%d", f, w.file, w.line))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

// short describes a location for cross-references in messages.
func (l loc) short() string {
	switch {
	case l.line > 0:
		return fmt.Sprintf("%s at %s:%d", l.field, l.file, l.line)
	default:
		return l.field
	}
}
