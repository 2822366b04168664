package calibration

import (
	"fmt"
	"math"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"clustersim/sim"
)

// Path addresses numeric fields of a sim.Config by their yaml names, as a
// scenario file writes them: steps joined by dots, each a field name,
// optionally followed by a list index [i] or a range of indices [i:j]
// (i included, j excluded). For example
//
//	params.households.entry_rate       one field
//	township_collective_share          a top-level field
//	ladder[3].market                   the market of rung 3
//	ladder[0:4].market                 the markets of rungs 0, 1, 2 and 3
//
// The field a path ends on must be a number (float or integer) with a
// range tag. A path with a range of indices is a multiplier: Apply
// multiplies each addressed field by the value instead of setting it, so
// ladder[0:4].market = 1.5 makes the four traditional markets half as big
// again as they are in the base scenario. An integer field is set to the
// nearest integer.
type Path struct {
	raw   string
	steps []step
	lo    float64 // the range tag of the field addressed
	hi    float64
}

// step is one element of a path: a field, possibly indexed.
type step struct {
	name     string
	field    []int // reflect index of the field in its struct
	index    bool  // [i] or [i:j] follows
	from, to int   // [from:to]; to = from+1 for [i]
	isRange  bool
}

var stepPattern = regexp.MustCompile(`^([a-z][a-z0-9_]*)(?:\[(\d+)(?::(\d+))?\])?$`)

var configType = reflect.TypeFor[sim.Config]()

// ParsePath parses a path and checks it against the fields of sim.Config.
// It cannot check indices, which depend on the length of a config's lists;
// Values and Apply do.
func ParsePath(s string) (Path, error) {
	p := Path{raw: s}
	if strings.TrimSpace(s) == "" {
		return p, fmt.Errorf("empty path")
	}
	t := configType
	parts := strings.Split(s, ".")
	for k, part := range parts {
		m := stepPattern.FindStringSubmatch(part)
		if m == nil {
			return p, fmt.Errorf("%q: %q is not a field name with an optional [i] or [i:j]", s, part)
		}
		if t.Kind() != reflect.Struct {
			return p, fmt.Errorf("%q: %s is a number, it has no field %q", s, strings.Join(parts[:k], "."), m[1])
		}
		f, ok := fieldByYAML(t, m[1])
		if !ok {
			return p, fmt.Errorf("%q: unknown field %q%s (known: %s)", s, m[1], within(parts[:k]), strings.Join(yamlNames(t), ", "))
		}
		st := step{name: m[1], field: f.Index}
		ft := f.Type
		if m[2] != "" {
			if ft.Kind() != reflect.Slice {
				return p, fmt.Errorf("%q: %s is not a list and cannot be indexed", s, m[1])
			}
			st.index = true
			st.from, _ = strconv.Atoi(m[2])
			st.to = st.from + 1
			if m[3] != "" {
				st.isRange = true
				st.to, _ = strconv.Atoi(m[3])
				if st.to <= st.from {
					return p, fmt.Errorf("%q: empty range [%d:%d]", s, st.from, st.to)
				}
				if p.Multiplier() {
					return p, fmt.Errorf("%q: only one range [i:j] is allowed", s)
				}
			}
			ft = ft.Elem()
		} else if ft.Kind() == reflect.Slice {
			return p, fmt.Errorf("%q: %s is a list: give an index [i] or a range [i:j]", s, m[1])
		}
		p.steps = append(p.steps, st)
		if k == len(parts)-1 {
			if !isNumber(ft) {
				return p, fmt.Errorf("%q: %s is not a number", s, m[1])
			}
			tag := f.Tag.Get("range")
			lo, hi, err := parseRange(tag)
			if err != nil {
				return p, fmt.Errorf("%q: %s has no usable range tag (%v)", s, m[1], err)
			}
			p.lo, p.hi = lo, hi
		}
		t = ft
	}
	return p, nil
}

func within(parts []string) string {
	if len(parts) == 0 {
		return ""
	}
	return " in " + strings.Join(parts, ".")
}

// String returns the path as written.
func (p Path) String() string { return p.raw }

// Multiplier reports whether the path has a range of indices, and so
// multiplies the fields it addresses.
func (p Path) Multiplier() bool {
	for _, s := range p.steps {
		if s.isRange {
			return true
		}
	}
	return false
}

// Range returns the closed interval of the range tag of the field the path
// addresses.
func (p Path) Range() (lo, hi float64) { return p.lo, p.hi }

// Values returns the current values of the fields the path addresses in
// cfg (one, or one per index of the range).
func (p Path) Values(cfg *sim.Config) ([]float64, error) {
	leaves, err := p.leaves(reflect.ValueOf(cfg).Elem())
	if err != nil {
		return nil, err
	}
	out := make([]float64, len(leaves))
	for i, l := range leaves {
		out[i] = number(l)
	}
	return out, nil
}

// Apply sets the field the path addresses to v or, for a multiplier,
// multiplies each field it addresses by v. It refuses a result outside the
// field's range tag. cfg's lists are modified in place: give it a copy
// (see CloneConfig) when they are shared.
func (p Path) Apply(cfg *sim.Config, v float64) error {
	leaves, err := p.leaves(reflect.ValueOf(cfg).Elem())
	if err != nil {
		return err
	}
	for _, l := range leaves {
		nv := v
		if p.Multiplier() {
			nv = number(l) * v
		}
		if l.Kind() != reflect.Float32 && l.Kind() != reflect.Float64 {
			nv = math.Round(nv)
		}
		if math.IsNaN(nv) || nv < p.lo || nv > p.hi {
			return fmt.Errorf("%s: %v is outside the field's range [%v, %v]", p.raw, nv, p.lo, p.hi)
		}
		if l.CanFloat() {
			l.SetFloat(nv)
		} else {
			l.SetInt(int64(nv))
		}
	}
	return nil
}

// leaves walks root along the path and returns the addressed fields.
func (p Path) leaves(root reflect.Value) ([]reflect.Value, error) {
	if len(p.steps) == 0 {
		return nil, fmt.Errorf("empty path")
	}
	cur := []reflect.Value{root}
	for _, s := range p.steps {
		var next []reflect.Value
		for _, v := range cur {
			f := v.FieldByIndex(s.field)
			if !s.index {
				next = append(next, f)
				continue
			}
			if s.to > f.Len() {
				if s.isRange {
					return nil, fmt.Errorf("%s: range [%d:%d] beyond the %d entries of %s", p.raw, s.from, s.to, f.Len(), s.name)
				}
				return nil, fmt.Errorf("%s: index %d beyond the %d entries of %s", p.raw, s.from, f.Len(), s.name)
			}
			for i := s.from; i < s.to; i++ {
				next = append(next, f.Index(i))
			}
		}
		cur = next
	}
	return cur, nil
}

// CloneConfig returns a copy of cfg that shares no list with it, so that
// Apply on the copy leaves cfg alone.
func CloneConfig(cfg *sim.Config) *sim.Config {
	out := *cfg
	out.Ladder = append([]sim.Rung(nil), cfg.Ladder...)
	out.Estates = append([]sim.Estate(nil), cfg.Estates...)
	out.Regimes = append([]sim.Regime(nil), cfg.Regimes...)
	out.Events = append([]sim.Event(nil), cfg.Events...)
	return &out
}

func isNumber(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Float32, reflect.Float64, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return true
	}
	return false
}

func number(v reflect.Value) float64 {
	if v.CanFloat() {
		return v.Float()
	}
	return float64(v.Int())
}

func parseRange(tag string) (lo, hi float64, err error) {
	a, b, ok := strings.Cut(tag, ",")
	if !ok {
		return 0, 0, fmt.Errorf("range tag %q", tag)
	}
	if lo, err = strconv.ParseFloat(strings.TrimSpace(a), 64); err != nil {
		return 0, 0, err
	}
	if hi, err = strconv.ParseFloat(strings.TrimSpace(b), 64); err != nil {
		return 0, 0, err
	}
	return lo, hi, nil
}

// fieldByYAML returns the field of struct type t whose yaml name is name.
func fieldByYAML(t reflect.Type, name string) (reflect.StructField, bool) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if n, _, _ := strings.Cut(f.Tag.Get("yaml"), ","); n == name && f.IsExported() {
			return f, true
		}
	}
	return reflect.StructField{}, false
}

func yamlNames(t reflect.Type) []string {
	var out []string
	for i := 0; i < t.NumField(); i++ {
		if n, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ","); n != "" && n != "-" {
			out = append(out, n)
		}
	}
	return out
}
