package scenarios

import (
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"clustersim/sim"
)

// decoder fills Go values from a YAML node tree, strictly: every key must
// name a field (by its yaml tag), every value must have the field's type,
// and a full (non-partial) mapping must set every field that is not
// optional. It records where each value was written, by field path, so
// that later checks can point at the line.
//
// A decoding function returns the error that stops it; the loops over a
// mapping's keys and a list's items record the errors of each item in errs
// and go on, so that every problem of a file is reported at once.
type decoder struct {
	file string
	pos  map[string]loc // field path ("params.firms.getihu_cap", "events[3].date") -> where written
	// fallback is the file of paths that were not recorded (for a
	// counterfactual, the base's file).
	fallback string
	errs     problems
	lesson   Lesson // a counterfactual's title, question, passage and look_at
}

var (
	monthType   = reflect.TypeFor[sim.Month]()
	regimesType = reflect.TypeFor[[]sim.Regime]()
)

// optional lists, per struct type, the fields a mapping may leave out even
// when it is decoded in full.
var optional = map[reflect.Type]map[string]bool{
	reflect.TypeFor[sim.Config]():      {"plan": true},
	reflect.TypeFor[sim.Event]():       {"end": true, "note": true},
	reflect.TypeFor[sim.Rung]():        {"promoted": true, "returns": true},
	reflect.TypeFor[sim.Estate]():      {"yongwujin": true},
	reflect.TypeFor[sim.Destination](): {"land_discount": true, "moving_cost": true},
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

func index(path string, i int) string { return fmt.Sprintf("%s[%d]", path, i) }

// deref follows aliases to the node they name.
func deref(n *yaml.Node) *yaml.Node {
	for i := 0; n.Kind == yaml.AliasNode && n.Alias != nil && i < 100; i++ {
		n = n.Alias
	}
	return n
}

// record notes that the value at path was written at node n.
func (d *decoder) record(path string, n *yaml.Node) {
	d.pos[path] = at(d.file, n, path)
}

// forget drops every recorded position at or under path.
func (d *decoder) forget(path string) {
	for k := range d.pos {
		if under(k, path) {
			delete(d.pos, k)
		}
	}
}

// under reports whether field path k is path itself or lies below it.
func under(k, path string) bool {
	if !strings.HasPrefix(k, path) {
		return false
	}
	rest := k[len(path):]
	return rest == "" || rest[0] == '.' || rest[0] == '['
}

// where returns the location of the value at path: where it was written,
// or failing that where its closest recorded parent was written.
func (d *decoder) where(path string) loc {
	p := path
	for {
		if l, ok := d.pos[p]; ok {
			l.field += path[len(p):]
			if l.field != "" && l.field[0] == '.' {
				l.field = l.field[1:]
			}
			return l
		}
		if p == "" {
			return loc{file: d.fallback, field: path}
		}
		i := strings.LastIndexAny(p, ".[")
		if i < 0 {
			i = 0
		}
		p = p[:i]
	}
}

// decode fills v from n. With partial set, a struct keeps the value of
// every field whose key is absent; otherwise an absent key is an error.
func (d *decoder) decode(n *yaml.Node, v reflect.Value, path string, partial bool) *Error {
	here := d.where(path)
	if n.Kind == yaml.AliasNode && n.Alias == nil {
		return here.errorf("alias to nothing")
	}
	n = deref(n)
	switch v.Type() {
	case monthType:
		return d.month(n, v, here)
	case regimesType:
		return d.regimes(n, v, path)
	}
	switch v.Kind() {
	case reflect.Struct:
		return d.mapping(n, v, path, mapOpts{partial: partial})
	case reflect.Slice:
		return d.sequence(n, v, path)
	case reflect.String, reflect.Bool, reflect.Int, reflect.Int64, reflect.Float64:
		return d.scalar(n, v, here)
	}
	return here.errorf("internal error: cannot decode into %s", v.Type())
}

// mapOpts tune the decoding of one mapping.
type mapOpts struct {
	partial  bool
	optional map[string]bool // more fields that may be left out
	// extra names keys that are not fields of the struct; hook is called
	// with every key first and decodes it itself when it returns true.
	extra []string
	hook  func(name string, key, val *yaml.Node) (bool, *Error)
}

func (d *decoder) mapping(n *yaml.Node, v reflect.Value, path string, opt mapOpts) *Error {
	here := d.where(path)
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" && opt.partial {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		return here.errorf("expected a mapping, got %s", kindName(n))
	}
	fields := fieldsOf(v.Type())
	seen := map[string]*yaml.Node{}
	misspelt := map[string]bool{} // the keys that unknown keys were taken for
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := deref(n.Content[i]), n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.errs.add(at(d.file, k, path).errorf("a key must be a plain name, got %s", kindName(k)))
			continue
		}
		name := k.Value
		p := join(path, name)
		if k.Tag == "!!merge" {
			d.errs.add(at(d.file, k, p).errorf("merge keys (<<) are not supported"))
			continue
		}
		if first, dup := seen[name]; dup {
			d.errs.add(at(d.file, k, p).errorf("duplicate key (first set at line %d)", first.Line))
			continue
		}
		seen[name] = k
		if opt.hook != nil {
			handled, err := opt.hook(name, k, val)
			d.errs.add(err)
			if handled || err != nil {
				continue
			}
		}
		f, ok := fields.byName[name]
		if !ok {
			known := append(fields.names(), opt.extra...)
			d.errs.add(at(d.file, k, p).errorf("unknown key %s%s", quote(name), suggest(name, known)))
			misspelt[closest(name, known)] = true
			continue
		}
		d.record(p, k)
		d.errs.add(d.decode(val, v.Field(f), p, opt.partial))
	}
	if opt.partial {
		return nil
	}
	// A key that is missing because it was misspelt is reported once, as
	// the unknown key; the others missing are reported together.
	var missing []string
	for _, name := range fields.order {
		switch {
		case seen[name] != nil || optional[v.Type()][name] || opt.optional[name]:
		case misspelt[name]:
			d.errs.unset(d.file, join(here.field, name))
		default:
			missing = append(missing, name)
		}
	}
	switch l := here; len(missing) {
	case 0:
		return nil
	case 1:
		l.field = join(l.field, missing[0])
		return l.errorf("missing key %q in %s", missing[0], describe(path))
	default:
		quoted := make([]string, len(missing))
		for i, name := range missing {
			quoted[i] = strconv.Quote(name)
		}
		return l.errorf("missing keys %s in %s", strings.Join(quoted, ", "), describe(path))
	}
}

func describe(path string) string {
	if path == "" {
		return "a full scenario (a counterfactual names its base with base:)"
	}
	return path
}

func (d *decoder) sequence(n *yaml.Node, v reflect.Value, path string) *Error {
	here := d.where(path)
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		v.Set(reflect.MakeSlice(v.Type(), 0, 0))
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		return here.errorf("expected a list, got %s", kindName(n))
	}
	s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
	for i, e := range n.Content {
		p := index(path, i)
		d.record(p, e)
		d.errs.add(d.decode(e, s.Index(i), p, false))
	}
	v.Set(s)
	return nil
}

// regimes decodes a list of regimes in which each regime's governance
// starts from the previous regime's, so that it need only give what
// changes; the first regime must give every rule.
func (d *decoder) regimes(n *yaml.Node, v reflect.Value, path string) *Error {
	here := d.where(path)
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		v.Set(reflect.ValueOf([]sim.Regime{}))
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		return here.errorf("expected a list, got %s", kindName(n))
	}
	out := make([]sim.Regime, len(n.Content))
	for i, e := range n.Content {
		p := index(path, i)
		d.record(p, e)
		var r sim.Regime
		if i > 0 {
			r.Governance = out[i-1].Governance
		}
		partial := i > 0
		hook := func(name string, k, val *yaml.Node) (bool, *Error) {
			if name != "governance" {
				return false, nil
			}
			gp := join(p, name)
			d.record(gp, k)
			return true, d.mapping(deref(val), reflect.ValueOf(&r.Governance).Elem(), gp, mapOpts{partial: partial})
		}
		opt := mapOpts{hook: hook, optional: map[string]bool{"governance": partial}}
		d.errs.add(d.mapping(deref(e), reflect.ValueOf(&r).Elem(), p, opt))
		out[i] = r
	}
	v.Set(reflect.ValueOf(out))
	return nil
}

func (d *decoder) month(n *yaml.Node, v reflect.Value, here loc) *Error {
	if n.Kind != yaml.ScalarNode {
		return here.errorf("expected a date YYYY-MM, got %s", kindName(n))
	}
	if n.Tag == "!!null" {
		return here.errorf("missing value (expected a date YYYY-MM)")
	}
	m, err := sim.ParseMonth(n.Value)
	if err != nil && len(n.Value) > maxQuoted {
		return here.errorf("%s is not a date of the form YYYY-MM", quote(n.Value))
	} else if err != nil {
		return here.errorf("%v", err)
	}
	v.SetInt(int64(m))
	return nil
}

func (d *decoder) scalar(n *yaml.Node, v reflect.Value, here loc) *Error {
	want := map[reflect.Kind]string{
		reflect.String: "a string", reflect.Bool: "true or false",
		reflect.Int: "an integer", reflect.Int64: "an integer", reflect.Float64: "a number",
	}[v.Kind()]
	if n.Kind != yaml.ScalarNode {
		return here.errorf("expected %s, got %s", want, kindName(n))
	}
	if n.Tag == "!!null" {
		return here.errorf("missing value (expected %s)", want)
	}
	if v.Kind() == reflect.String {
		v.SetString(n.Value)
		return nil
	}
	var x any
	if err := n.Decode(&x); err != nil {
		return here.errorf("expected %s, got %s", want, quote(n.Value))
	}
	switch v.Kind() {
	case reflect.Bool:
		if b, ok := x.(bool); ok {
			v.SetBool(b)
			return nil
		}
	case reflect.Int, reflect.Int64:
		var i int64
		ok := true
		switch x := x.(type) {
		case int:
			i = int64(x)
		case int64:
			i = x
		case float64: // 1e6 is an integer
			ok = x == math.Trunc(x) && math.Abs(x) < 1<<53
			i = int64(x)
		default:
			ok = false
		}
		if ok && !v.OverflowInt(i) {
			v.SetInt(i)
			return nil
		}
	case reflect.Float64:
		var f float64
		ok := true
		switch x := x.(type) {
		case int:
			f = float64(x)
		case int64:
			f = float64(x)
		case uint64:
			f = float64(x)
		case float64:
			f = x
		default:
			ok = false
		}
		if ok {
			if f == 0 {
				f = 0 // no negative zero
			}
			v.SetFloat(f)
			return nil
		}
	}
	return here.errorf("expected %s, got %s", want, quote(n.Value))
}
