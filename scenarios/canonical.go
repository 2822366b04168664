package scenarios

import (
	"crypto/sha256"
	"encoding/hex"
	"math"
	"reflect"
	"strconv"

	"go.yaml.in/yaml/v3"

	"clustersim/sim"
)

// Canonical writes cfg as a full scenario file in a canonical layout: every
// field under its yaml name, in the order of the Go structs, no comments;
// only an unset optional date (an event without an end) and an unset
// optional block (no plan) are left out, so a field added that way leaves
// the canonical form, and the hash, of older scenarios as they were. Parse
// reads it back to the same config, so it is what a run should store beside
// its results.
func Canonical(cfg *sim.Config) ([]byte, error) {
	return yaml.Marshal(encode(reflect.ValueOf(cfg).Elem()))
}

// hash is the hex SHA-256 of the canonical form of cfg.
func hash(cfg *sim.Config) (string, error) {
	b, err := Canonical(cfg)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:]), nil
}

// encode builds the node tree of v, the inverse of decoder.decode.
func encode(v reflect.Value) *yaml.Node {
	t := v.Type()
	if t == monthType {
		return scalar("!!str", sim.Month(v.Int()).String())
	}
	switch v.Kind() {
	case reflect.Struct:
		m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		fields := fieldsOf(t)
		for _, name := range fields.order {
			f := v.Field(fields.byName[name])
			if optional[t][name] && (f.Type() == monthType || f.Kind() == reflect.Struct) && f.IsZero() {
				continue
			}
			m.Content = append(m.Content, scalar("!!str", name), encode(f))
		}
		return m
	case reflect.Slice:
		s := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		for i := range v.Len() {
			s.Content = append(s.Content, encode(v.Index(i)))
		}
		return s
	case reflect.String:
		return scalar("!!str", v.String())
	case reflect.Bool:
		return scalar("", strconv.FormatBool(v.Bool()))
	case reflect.Int, reflect.Int64:
		return scalar("", strconv.FormatInt(v.Int(), 10))
	case reflect.Float64:
		return scalar("", formatFloat(v.Float()))
	}
	panic("scenarios: cannot encode a " + t.String())
}

func scalar(tag, value string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: value}
}

// formatFloat writes f so that YAML reads it back exactly.
func formatFloat(f float64) string {
	switch {
	case math.IsNaN(f):
		return ".nan"
	case math.IsInf(f, 1):
		return ".inf"
	case math.IsInf(f, -1):
		return "-.inf"
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}
