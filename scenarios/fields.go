package scenarios

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

// structFields maps the yaml names of a struct's fields to their index.
type structFields struct {
	order  []string
	byName map[string]int
}

func (s *structFields) names() []string { return append([]string(nil), s.order...) }

var fieldCache sync.Map // reflect.Type -> *structFields

func fieldsOf(t reflect.Type) *structFields {
	if f, ok := fieldCache.Load(t); ok {
		return f.(*structFields)
	}
	s := &structFields{byName: map[string]int{}}
	for i := range t.NumField() {
		name := yamlName(t.Field(i))
		if name == "" {
			continue
		}
		s.order = append(s.order, name)
		s.byName[name] = i
	}
	fieldCache.Store(t, s)
	return s
}

// yamlName returns the yaml key of a struct field, or "" if it has none.
func yamlName(f reflect.StructField) string {
	if !f.IsExported() {
		return ""
	}
	name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
	if name == "-" {
		return ""
	}
	if name == "" {
		name = strings.ToLower(f.Name)
	}
	return name
}

// suggest returns ` (did you mean "x"?)` for the known name closest to
// name, if it is close enough to be a likely typo.
func suggest(name string, known []string) string {
	best := closest(name, known)
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

// closest returns the known name nearest to name in edit distance, if any
// is near enough to be what was meant, or "".
func closest(name string, known []string) string {
	if len(name) > 64 {
		return ""
	}
	sort.Strings(known)
	best, bestD := "", len(name)/3+2
	for _, k := range known {
		if dist := editDistance(name, k); dist < bestD {
			best, bestD = k, dist
		}
	}
	return best
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c++
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// value returns the value of key in mapping node m, or nil.
func value(m *yaml.Node, key string) *yaml.Node {
	_, v := pair(m, key)
	return v
}

// pair returns the key and value nodes of key in mapping node m, or nils.
func pair(m *yaml.Node, key string) (k, v *yaml.Node) {
	if m.Kind != yaml.MappingNode {
		return nil, nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if deref(m.Content[i]).Value == key {
			return m.Content[i], m.Content[i+1]
		}
	}
	return nil, nil
}
