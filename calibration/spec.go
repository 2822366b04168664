package calibration

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"clustersim/scenarios"
	"clustersim/sim"
)

//go:embed spec.yaml
var defaultSpecYAML []byte

// DefaultSpecFile is the name the embedded default spec goes by in errors.
const DefaultSpecFile = "calibration/spec.yaml"

// Spec is a calibration spec: the scenario to calibrate, the ensemble every
// candidate is run with, and the free parameters with their bounds. It is
// read from YAML:
//
//	scenario: yongkang        # a built-in name or a scenario file
//	scale: 0.03               # sim --scale of every run
//	runs: 4                   # runs per candidate: seeds (seed, 0..runs-1)
//	seed: 1                   # master seed: of the runs and of the search
//	profile_points: 9         # points of each identification profile
//	loss: point               # point (default) or band: see LossFor
//	parameters:
//	  - name: entry_rate      # optional; defaults to the path's last field
//	    path: params.households.entry_rate
//	    low: 0.01
//	    high: 0.5
//	    transform: log        # log, logit or linear (see Transform)
//
// Every candidate is run on the same seeds, 0 to runs−1 under seed (common
// random numbers), so the loss is a deterministic function of the
// parameters and differences between candidates are not seed noise.
type Spec struct {
	File          string      `yaml:"-"` // where it was read from, for messages
	Scenario      string      `yaml:"scenario"`
	Scale         float64     `yaml:"scale"`
	Runs          int         `yaml:"runs"`
	Seed          uint64      `yaml:"seed"`
	ProfilePoints int         `yaml:"profile_points"`
	Loss          string      `yaml:"loss"` // "point" (the default) or "band"; see LossFor
	Parameters    []Parameter `yaml:"parameters"`
}

// Parameter is one free parameter of a calibration.
type Parameter struct {
	Name      string    `yaml:"name"` // short name: CSV column, file name of its profile
	Path      string    `yaml:"path"` // the field(s) it sets; see Path
	Low       float64   `yaml:"low"`  // bounds, within the field's range tag
	High      float64   `yaml:"high"` // (for a multiplier, the products are)
	Transform Transform `yaml:"transform"`
	Note      string    `yaml:"note"` // free text

	path Path
	line int // of the entry in the spec file
}

// ParsedPath returns the parameter's parsed path.
func (p *Parameter) ParsedPath() Path { return p.path }

// SpecError is a problem of a spec file, with the line it is on.
type SpecError struct {
	File string
	Line int // 0 when unknown
	Msg  string
}

func (e *SpecError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return e.File + ": " + e.Msg
}

// DefaultSpec returns the spec embedded in the binary (calibration/spec.yaml).
func DefaultSpec() (*Spec, error) {
	return ParseSpec(DefaultSpecFile, defaultSpecYAML)
}

// LoadSpec reads a spec file.
func LoadSpec(path string) (*Spec, error) {
	data, err := scenarios.ReadInput(path, "calibration spec") // a regular file of at most 1 MiB
	if err != nil {
		return nil, err
	}
	return ParseSpec(path, data)
}

var namePattern = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// ParseSpec decodes and checks a spec; file names it in errors. Unknown
// keys, a path that addresses no numeric field, bounds outside the field's
// range tag, low >= high, a log transform with low <= 0 and duplicate names
// are errors naming the file and line. Indices into lists are checked
// against a scenario by Check.
func ParseSpec(file string, data []byte) (*Spec, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, yamlErr(file, err)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil, &SpecError{File: file, Msg: "empty spec"}
	}
	root := doc.Content[0]
	spec := &Spec{File: file}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(spec); err != nil && err != io.EOF {
		return nil, yamlErr(file, err)
	}
	spec.File = file
	line := func(key string) int {
		if k := mapKey(root, key); k != nil {
			return k.Line
		}
		return root.Line
	}
	var errs []error
	fail := func(l int, format string, args ...any) {
		errs = append(errs, &SpecError{File: file, Line: l, Msg: fmt.Sprintf(format, args...)})
	}
	if strings.TrimSpace(spec.Scenario) == "" {
		fail(line("scenario"), "scenario: missing (a built-in name such as yongkang, or a scenario file)")
	}
	if !(spec.Scale > 0 && spec.Scale <= 1) {
		fail(line("scale"), "scale: %v: want 0 < scale <= 1", spec.Scale)
	}
	if spec.Runs < 1 {
		fail(line("runs"), "runs: %d: want at least 1", spec.Runs)
	}
	if mapKey(root, "profile_points") == nil {
		spec.ProfilePoints = 9
	} else if spec.ProfilePoints != 0 && spec.ProfilePoints < 3 {
		fail(line("profile_points"), "profile_points: %d: want 0 (no profiles) or at least 3", spec.ProfilePoints)
	}
	switch spec.Loss {
	case "":
		spec.Loss = "point"
	case "point", "band":
	default:
		fail(line("loss"), "loss: %q: want point or band", spec.Loss)
	}
	if len(spec.Parameters) == 0 {
		fail(line("parameters"), "parameters: want at least one free parameter")
	}
	var items []*yaml.Node
	if k := mapKey(root, "parameters"); k != nil {
		if v := mapValue(root, "parameters"); v != nil && v.Kind == yaml.SequenceNode {
			items = v.Content
		}
	}
	seen := map[string]int{}
	for i := range spec.Parameters {
		p := &spec.Parameters[i]
		p.line = root.Line
		pline := func(key string) int { return p.line }
		if i < len(items) {
			item := items[i]
			p.line = item.Line
			pline = func(key string) int {
				if k := mapKey(item, key); k != nil {
					return k.Line
				}
				return item.Line
			}
		}
		path, err := ParsePath(p.Path)
		if err != nil {
			fail(pline("path"), "parameters[%d]: path: %v", i, err)
			continue
		}
		p.path = path
		if p.Name == "" {
			p.Name = defaultName(p.Path)
		}
		if !namePattern.MatchString(p.Name) {
			fail(pline("name"), "parameters[%d]: name %q: want lower-case letters, digits and underscores", i, p.Name)
		} else if l, dup := seen[p.Name]; dup {
			fail(pline("name"), "parameters[%d]: name %q already used at line %d", i, p.Name, l)
		} else {
			seen[p.Name] = pline("name")
		}
		switch p.Transform {
		case "":
			p.Transform = Logit
		case Logit, Log, Linear:
		default:
			fail(pline("transform"), "%s: transform %q: want log, logit or linear", p.Name, p.Transform)
		}
		lo, hi := path.Range()
		switch {
		case !(p.Low < p.High):
			fail(pline("low"), "%s: low %v must be below high %v", p.Name, p.Low, p.High)
		case p.Transform == Log && p.Low <= 0:
			fail(pline("low"), "%s: a log transform needs low > 0, got %v", p.Name, p.Low)
		case path.Multiplier() && p.Low <= 0:
			fail(pline("low"), "%s: a multiplier needs low > 0, got %v", p.Name, p.Low)
		case !path.Multiplier() && p.Low < lo:
			fail(pline("low"), "%s: bounds [%v, %v] outside the range [%v, %v] of %s", p.Name, p.Low, p.High, lo, hi, p.Path)
		case !path.Multiplier() && p.High > hi:
			fail(pline("high"), "%s: bounds [%v, %v] outside the range [%v, %v] of %s", p.Name, p.Low, p.High, lo, hi, p.Path)
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return spec, nil
}

// Check checks the spec against the scenario it calibrates: indices lie
// within its lists, and a multiplier's bounds keep every field it scales
// within the field's range tag.
func (s *Spec) Check(cfg *sim.Config) error {
	var errs []error
	for i := range s.Parameters {
		p := &s.Parameters[i]
		vals, err := p.path.Values(cfg)
		if err != nil {
			errs = append(errs, &SpecError{File: s.File, Line: p.line, Msg: err.Error()})
			continue
		}
		if !p.path.Multiplier() {
			continue
		}
		lo, hi := p.path.Range()
		for _, v := range vals {
			if v*p.Low < lo || v*p.High > hi {
				errs = append(errs, &SpecError{File: s.File, Line: p.line,
					Msg: fmt.Sprintf("%s: %v × [%v, %v] leaves the range [%v, %v] of %s", p.Name, v, p.Low, p.High, lo, hi, p.Path)})
				break
			}
		}
	}
	return errors.Join(errs...)
}

// Names returns the names of the parameters, in order.
func (s *Spec) Names() []string {
	out := make([]string, len(s.Parameters))
	for i, p := range s.Parameters {
		out[i] = p.Name
	}
	return out
}

// defaultName makes a parameter name from its path: the last field, with
// the indices of any list it goes through, e.g. entry_rate, ladder_0_4_market.
func defaultName(path string) string {
	parts := strings.Split(path, ".")
	var idx []string
	for _, part := range parts[:len(parts)-1] {
		if m := stepPattern.FindStringSubmatch(part); m != nil && m[2] != "" {
			idx = append(idx, m[1], m[2])
			if m[3] != "" {
				idx = append(idx, m[3])
			}
		}
	}
	return strings.Join(append(idx, parts[len(parts)-1]), "_")
}

func mapKey(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for k := 0; k+1 < len(m.Content); k += 2 {
		if m.Content[k].Value == key {
			return m.Content[k]
		}
	}
	return nil
}

func mapValue(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for k := 0; k+1 < len(m.Content); k += 2 {
		if m.Content[k].Value == key {
			return m.Content[k+1]
		}
	}
	return nil
}

var yamlLine = regexp.MustCompile(`(?s)^(?:yaml: )?line (\d+): (.*)$`)

// yamlErr turns an error of the yaml package into SpecErrors with lines.
func yamlErr(file string, err error) error {
	var msgs []string
	var te *yaml.TypeError
	if errors.As(err, &te) {
		msgs = te.Errors
	} else {
		msgs = []string{err.Error()}
	}
	var errs []error
	for _, m := range msgs {
		if sm := yamlLine.FindStringSubmatch(m); sm != nil {
			l, _ := strconv.Atoi(sm[1])
			errs = append(errs, &SpecError{File: file, Line: l, Msg: sm[2]})
		} else {
			errs = append(errs, &SpecError{File: file, Msg: strings.TrimPrefix(m, "yaml: ")})
		}
	}
	return errors.Join(errs...)
}
