package scenarios

import (
	"cmp"
	"errors"
	"maps"
	"reflect"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"clustersim/sim"
)

// cfKeys are the keys a counterfactual has beside the fields of sim.Config.
var cfKeys = []string{"base", "remove_events", "add_events", "title", "question", "passage", "look_at"}

// base loads the scenario named by a counterfactual's base: key. The
// errors of a broken base file are returned as they are, every one.
func (d *decoder) base(k, v *yaml.Node, resolve func(string) (*Scenario, error)) (*Scenario, error) {
	here := at(d.file, k, "base")
	v = deref(v)
	if v.Kind != yaml.ScalarNode || v.Tag == "!!null" || strings.TrimSpace(v.Value) == "" {
		return nil, here.errorf("expected the name or path of the base scenario, got %s", kindName(v))
	}
	b, err := resolve(v.Value)
	var e *Error
	switch {
	case err == nil && b == nil:
		return nil, here.errorf("cannot load base %s: nothing was loaded", quote(v.Value))
	case err == nil:
		return b, nil
	case errors.As(err, &e) && e.Line > 0:
		return nil, err // errors inside the base file: they say where
	default:
		l := here
		l.line, l.col = v.Line, v.Column
		return nil, &Error{File: l.file, Line: l.line, Column: l.col, Field: l.field,
			Msg: "cannot load base: " + err.Error(), err: err}
	}
}

// counterfactual decodes root on top of a copy of base into cfg: keys that
// are present replace the base's values (params and governance key by key,
// lists whole), then remove_events and add_events edit the base's events
// (unless they did not decode). It records the problems of the keys in
// d.errs and returns the one that stops the editing of events.
func (d *decoder) counterfactual(root *yaml.Node, cfg *sim.Config, base *Scenario) *Error {
	*cfg = clone(&base.Config)
	d.pos = maps.Clone(base.pos)
	if d.pos == nil {
		d.pos = map[string]loc{}
	}
	d.fallback = base.File
	d.record("", root)

	var remove []sim.EventKind
	var add []sim.Event
	var replaced, edited *yaml.Node // the events: key; the first remove_events: or add_events: key
	hook := func(name string, k, v *yaml.Node) (bool, *Error) {
		switch name {
		case "base":
			return true, nil // already loaded
		case "remove_events", "add_events":
			if edited == nil {
				edited = k
			}
			d.record(name, k)
			var dst reflect.Value
			if name == "remove_events" {
				dst = reflect.ValueOf(&remove).Elem()
			} else {
				dst = reflect.ValueOf(&add).Elem()
			}
			return true, d.decode(v, dst, name, false)
		case "title", "question", "passage", "look_at":
			d.record(name, k)
			return true, d.lessonKey(name, v)
		case "events":
			replaced = k
			fallthrough
		case "ladder", "estates", "regimes":
			d.forget(name) // the list is replaced whole
		}
		return false, nil
	}
	d.errs.add(d.mapping(root, reflect.ValueOf(cfg).Elem(), "", mapOpts{partial: true, extra: cfKeys, hook: hook}))
	for _, name := range []string{"name", "description"} {
		if k, _ := pair(root, name); k == nil {
			d.errs.add(at(d.file, root, name).errorf("missing key %q: a counterfactual needs its own", name))
		}
	}
	if edited == nil || d.errs.failedAt(d.file, "remove_events") || d.errs.failedAt(d.file, "add_events") {
		return nil
	}
	if replaced != nil {
		return at(d.file, edited, edited.Value).errorf("cannot be used with events: (line %d), which replaces the whole list", replaced.Line)
	}
	return d.editEvents(cfg, base, remove, add)
}

// editEvents drops the events of the removed kinds, appends the added ones
// and sorts the result stably by date, keeping track of where each event
// was written.
func (d *decoder) editEvents(cfg *sim.Config, base *Scenario, remove []sim.EventKind, add []sim.Event) *Error {
	drop := map[sim.EventKind]bool{}
	for i, kind := range remove {
		p := index("remove_events", i)
		switch {
		case !kind.Known():
			return d.where(p).errorf("unknown event kind %s", quote(string(kind)))
		case drop[kind]:
			return d.where(p).errorf("%s is listed twice", kind)
		case !slices.ContainsFunc(cfg.Events, func(e sim.Event) bool { return e.Kind == kind }):
			return d.where(p).errorf("the base %s has no %s event to remove", clip(base.Name, maxQuoted), kind)
		}
		drop[kind] = true
	}
	type item struct {
		ev   sim.Event
		locs map[string]loc // by path suffix
	}
	var items []item
	for i, e := range cfg.Events {
		locs := d.take(index("events", i))
		if !drop[e.Kind] {
			items = append(items, item{e, locs})
		}
	}
	for j, e := range add {
		items = append(items, item{e, d.take(index("add_events", j))})
	}
	slices.SortStableFunc(items, func(a, b item) int { return cmp.Compare(a.ev.Date, b.ev.Date) })
	cfg.Events = make([]sim.Event, len(items))
	for i, it := range items {
		cfg.Events[i] = it.ev
		for suffix, l := range it.locs {
			d.pos[index("events", i)+suffix] = l
		}
	}
	return nil
}

// take removes and returns the positions recorded at or under path, keyed
// by what follows path.
func (d *decoder) take(path string) map[string]loc {
	out := map[string]loc{}
	for k, l := range d.pos {
		if under(k, path) {
			out[k[len(path):]] = l
			delete(d.pos, k)
		}
	}
	return out
}

// clone returns a copy of c that shares no slice with it.
func clone(c *sim.Config) sim.Config {
	out := *c
	out.Ladder = slices.Clone(c.Ladder)
	out.Estates = slices.Clone(c.Estates)
	out.Regimes = slices.Clone(c.Regimes)
	out.Events = slices.Clone(c.Events)
	return out
}
