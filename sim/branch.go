package sim

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"strings"
)

// Branching: a counterfactual continued from a baseline's saved state.
// Until the first month in which the two scenarios differ, a run of the
// counterfactual is the baseline's run (the same config up to that month,
// the same keyed draws), so it may start from the baseline's state at any
// month up to that one and give byte-identical results to a run of the
// counterfactual from the start.

// Change is where a counterfactual first departs from its base: the month
// its difference first acts and what it is.
type Change struct {
	Month Month
	What  string
}

// FirstChange returns the earliest difference between cf and base that
// the engine would act on, or ok false if the two run the same model.
// Events act from their dates (an end that moves, from the earlier end),
// regimes from their starts, estates from their openings; any other
// difference (parameters, the ladder, the county, Mantang, destinations,
// figures) acts from the start. Names, descriptions and events' notes are
// not differences.
func FirstChange(base, cf *Config) (c Change, ok bool) {
	const never Month = 1 << 30 // later than any month of a scenario
	best := Change{Month: never}
	note := func(m Month, what string) {
		if m < best.Month {
			best = Change{Month: m, What: what}
		}
	}
	if what := firstFieldChange(reflect.ValueOf(*base), reflect.ValueOf(*cf), ""); what != "" {
		note(min(base.Start, cf.Start), what+" differs (it acts from the start)")
	}
	// Estates: by position.
	if len(base.Estates) != len(cf.Estates) {
		note(min(base.Start, cf.Start), fmt.Sprintf("estates: %d against %d (the list acts from the start)", len(cf.Estates), len(base.Estates)))
	} else {
		for i := range base.Estates {
			if b, c := base.Estates[i], cf.Estates[i]; b != c {
				note(min(b.Open, c.Open), fmt.Sprintf("estates[%d] (%s)", i, c.Name))
			}
		}
	}
	// Regimes: by position.
	for i := 0; i < max(len(base.Regimes), len(cf.Regimes)); i++ {
		switch {
		case i >= len(base.Regimes):
			note(cf.Regimes[i].Start, "regime "+cf.Regimes[i].Name+" of "+cf.Regimes[i].Start.String()+" added")
		case i >= len(cf.Regimes):
			note(base.Regimes[i].Start, "regime "+base.Regimes[i].Name+" of "+base.Regimes[i].Start.String()+" removed")
		case base.Regimes[i] != cf.Regimes[i]:
			r := cf.Regimes[i]
			note(min(base.Regimes[i].Start, r.Start), "regime "+r.Name+" of "+r.Start.String())
		}
	}
	// Events: as a multiset of (kind, date, end).
	type key struct {
		kind      EventKind
		date, end Month
	}
	count := func(es []Event) map[key]int { // lookup only: iterated below in list order
		m := map[key]int{}
		for _, e := range es {
			m[key{e.Kind, e.Date, e.End}]++
		}
		return m
	}
	bc, cc := count(base.Events), count(cf.Events)
	endOf := func(m Month) Month {
		if m.IsZero() {
			return never
		}
		return m
	}
	for _, e := range base.Events {
		k := key{e.Kind, e.Date, e.End}
		if cc[k] < bc[k] {
			when, what := e.Date, "event "+string(e.Kind)+" of "+e.Date.String()+" removed"
			for _, o := range cf.Events { // an end moved: from the earlier end
				if o.Kind == e.Kind && o.Date == e.Date && o.End != e.End {
					when, what = min(endOf(e.End), endOf(o.End)), "end of event "+string(e.Kind)+" of "+e.Date.String()
				}
			}
			note(when, what)
		}
	}
	for _, e := range cf.Events {
		k := key{e.Kind, e.Date, e.End}
		if bc[k] < cc[k] {
			note(e.Date, "event "+string(e.Kind)+" of "+e.Date.String()+" added")
		}
	}
	if best.Month == never {
		return Change{}, false
	}
	return best, true
}

// firstFieldChange returns the yaml path of the first field in which a
// and b differ, outside the fields FirstChange reads by date (and the
// names and descriptions), or "".
func firstFieldChange(a, b reflect.Value, path string) string {
	t := a.Type()
	for i := range t.NumField() {
		f := t.Field(i)
		name := strings.Split(f.Tag.Get("yaml"), ",")[0]
		if name == "" {
			name = f.Name
		}
		if path == "" && (name == "name" || name == "description" || name == "events" || name == "regimes" || name == "estates") {
			continue
		}
		p := name
		if path != "" {
			p = path + "." + name
		}
		x, y := a.Field(i), b.Field(i)
		if x.Kind() == reflect.Struct && f.Type != reflect.TypeFor[Month]() {
			if w := firstFieldChange(x, y, p); w != "" {
				return w
			}
			continue
		}
		if !sameJSON(x.Interface(), y.Interface()) {
			return p
		}
	}
	return ""
}

func sameJSON(a, b any) bool {
	x, errA := json.Marshal(a)
	y, errB := json.Marshal(b)
	return errA == nil && errB == nil && bytes.Equal(x, y)
}

// Branch reads a snapshot made from base and returns an engine that
// continues it under cf: the run cf would have been, from the snapshot's
// month on. It is refused unless cf runs the same model as base until
// then (FirstChange at or after the snapshot's next month), and the
// refusal names the change. The estates' openings and capacities are
// cf's (they may differ from an opening after the snapshot on). Of opt,
// only Progress and Context are used, as for Restore.
func Branch(r io.Reader, base, cf *Config, opt Options) (*Engine, error) {
	dec, info, err := openSnapshot(r, base, cf, "the base")
	if err != nil {
		return nil, err
	}
	if c, changed := FirstChange(base, cf); changed && c.Month < info.Month {
		return nil, fmt.Errorf("%s cannot branch from %s in %s: its %s changes the run in %s, before the branch",
			cf.Name, base.Name, info.Month, c.What, c.Month)
	}
	w, opt, err := resume(dec, info, cf, opt)
	if err != nil {
		return nil, err
	}
	for i, e := range cf.Estates {
		w.Estates[i].Open, w.Estates[i].Capacity = e.Open, e.Capacity*w.scale
	}
	return newEngine(w, opt), nil
}
