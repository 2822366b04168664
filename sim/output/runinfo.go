package output

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"runtime"
	"runtime/debug"
	"strconv"

	"go.yaml.in/yaml/v3"

	"clustersim/sim"
)

// Build identifies the binary that made a run.
type Build struct {
	Version   string // the main module's version, or "devel"
	Revision  string // the VCS revision it was built from; "" when unknown
	Modified  bool   // the working tree had uncommitted changes
	GoVersion string // the Go toolchain, e.g. "go1.26.0"
}

// CurrentBuild describes the running binary from its build information.
func CurrentBuild() Build {
	b := Build{Version: "devel", GoVersion: runtime.Version()}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return b
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		b.Version = v
	}
	if bi.GoVersion != "" {
		b.GoVersion = bi.GoVersion
	}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			b.Revision = s.Value
		case "vcs.modified":
			b.Modified = s.Value == "true"
		}
	}
	return b
}

// String is "devel (abc123…, modified) go1.26.0" or the like.
func (b Build) String() string {
	s := b.Version
	if b.Revision != "" {
		s += " (" + b.Revision
		if b.Modified {
			s += ", modified"
		}
		s += ")"
	}
	return s + " " + b.GoVersion
}

// RunInfo describes a run for run.json: what made it, what it simulated
// and with which settings. It holds no timestamps, so the same run gives
// the same file.
type RunInfo struct {
	Build        Build
	Scenario     string // the scenario's name
	ScenarioFile string // the file it was read from (a built-in's is "<name>.yaml")
	ScenarioHash string // scenarios.Scenario.Hash
	Seed         uint64
	Runs         int     // runs in the ensemble; 1 for a single run
	Scale        float64 // the share of the county simulated
	Rescaled     bool    // counts were divided by Scale
	// Overrides are the parameters set on the command line (run --set), in
	// the order given; Config already holds their values.
	Overrides []Override
	Stats     sim.Stats
	// Config is every parameter value: the resolved config written as its
	// canonical scenario file (scenarios.Canonical), which the caller makes.
	Config []byte
}

// Override is one parameter set on the command line: its path (as
// calibration.ParsePath reads it) and the value given. A path with a range
// of indices multiplies the fields it addresses by the value.
type Override struct {
	Path  string  `json:"path"`
	Value float64 `json:"value"`
}

// runJSON is the layout of run.json; the order of its fields is the order
// of the file.
type runJSON struct {
	Version      string          `json:"version"`
	Revision     string          `json:"revision,omitempty"`
	Modified     bool            `json:"modified,omitempty"`
	GoVersion    string          `json:"go_version"`
	Scenario     string          `json:"scenario"`
	ScenarioFile string          `json:"scenario_file"`
	ScenarioHash string          `json:"scenario_hash"`
	Seed         uint64          `json:"seed"`
	Runs         int             `json:"runs"`
	Scale        float64         `json:"scale"`
	Rescaled     bool            `json:"rescaled"`
	Overrides    []Override      `json:"overrides"`
	Stats        statsJSON       `json:"stats"`
	Config       json.RawMessage `json:"config"`
}

type statsJSON struct {
	Households      int   `json:"households"`
	HouseholdsEver  int   `json:"households_ever"`
	FirmsEver       int   `json:"firms_ever"`
	FirmsAlive      int   `json:"firms_alive"`
	HouseholdMonths int64 `json:"household_months"`
	FirmMonths      int64 `json:"firm_months"`
}

// WriteRunJSON writes info as an indented JSON object. The config appears
// under "config" as an object keyed by the scenario file's names (the yaml
// names of sim.Config), in the order of info.Config, so the same info
// always gives the same bytes. A NaN or infinite parameter, which the
// scenario loader rejects anyway, is written as null.
func WriteRunJSON(w io.Writer, info RunInfo) error {
	if len(info.Config) == 0 {
		return errors.New("output: run info without a config")
	}
	if math.IsNaN(info.Scale) || math.IsInf(info.Scale, 0) {
		return fmt.Errorf("output: scale %v is not a number", info.Scale)
	}
	for _, o := range info.Overrides {
		if math.IsNaN(o.Value) || math.IsInf(o.Value, 0) {
			return fmt.Errorf("output: override %s = %v is not a number", o.Path, o.Value)
		}
	}
	cfg, err := ConfigJSON(info.Config)
	if err != nil {
		return err
	}
	st := info.Stats
	doc := runJSON{
		Version: info.Build.Version, Revision: info.Build.Revision, Modified: info.Build.Modified,
		GoVersion: info.Build.GoVersion,
		Scenario:  info.Scenario, ScenarioFile: info.ScenarioFile, ScenarioHash: info.ScenarioHash,
		Seed: info.Seed, Runs: info.Runs, Scale: info.Scale, Rescaled: info.Rescaled,
		Overrides: append([]Override{}, info.Overrides...), // [] rather than null when none
		Stats: statsJSON{
			Households: st.Households, HouseholdsEver: st.HouseholdsEver,
			FirmsEver: st.FirmsEver, FirmsAlive: st.FirmsAlive,
			HouseholdMonths: st.HouseholdMonths, FirmMonths: st.FirmMonths,
		},
		Config: cfg,
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil { // Encode ends the text with a newline
		return err
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// ConfigJSON returns a scenario file in canonical form (scenarios.Canonical:
// every field under its yaml name, in the order of the Go structs) as a
// compact JSON object with the same keys in the same order.
func ConfigJSON(canonical []byte) (json.RawMessage, error) {
	dec := yaml.NewDecoder(bytes.NewReader(canonical))
	var doc, more yaml.Node
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("output: config: %w", err)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 || dec.Decode(&more) != io.EOF {
		return nil, errors.New("output: config: the canonical form is not one document")
	}
	var buf bytes.Buffer
	if err := nodeJSON(&buf, doc.Content[0]); err != nil {
		return nil, fmt.Errorf("output: config: %w", err)
	}
	return buf.Bytes(), nil
}

// nodeJSON writes the YAML node n as JSON, keeping the order of mapping
// keys.
func nodeJSON(buf *bytes.Buffer, n *yaml.Node) error {
	switch n.Kind {
	case yaml.MappingNode:
		buf.WriteByte('{')
		for i := 0; i+1 < len(n.Content); i += 2 {
			if i > 0 {
				buf.WriteByte(',')
			}
			if err := stringJSON(buf, n.Content[i].Value); err != nil {
				return err
			}
			buf.WriteByte(':')
			if err := nodeJSON(buf, n.Content[i+1]); err != nil {
				return err
			}
		}
		buf.WriteByte('}')
	case yaml.SequenceNode:
		buf.WriteByte('[')
		for i, c := range n.Content {
			if i > 0 {
				buf.WriteByte(',')
			}
			if err := nodeJSON(buf, c); err != nil {
				return err
			}
		}
		buf.WriteByte(']')
	case yaml.ScalarNode:
		return scalarJSON(buf, n)
	default:
		return fmt.Errorf("line %d: unexpected YAML node kind %v", n.Line, n.Kind)
	}
	return nil
}

func scalarJSON(buf *bytes.Buffer, n *yaml.Node) error {
	switch n.ShortTag() {
	case "!!null":
		buf.WriteString("null")
	case "!!bool":
		var b bool
		if err := n.Decode(&b); err != nil {
			return err
		}
		buf.WriteString(strconv.FormatBool(b))
	case "!!int":
		var i int64
		if err := n.Decode(&i); err != nil {
			return err
		}
		buf.WriteString(strconv.FormatInt(i, 10))
	case "!!float":
		var f float64
		if err := n.Decode(&f); err != nil {
			return err
		}
		if math.IsNaN(f) || math.IsInf(f, 0) {
			buf.WriteString("null")
			return nil
		}
		b, err := json.Marshal(f)
		if err != nil {
			return err
		}
		buf.Write(b)
	default: // !!str and anything else: the text as written
		return stringJSON(buf, n.Value)
	}
	return nil
}

// stringJSON writes s as a JSON string, leaving <, > and & as they are.
func stringJSON(buf *bytes.Buffer, s string) error {
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		return err
	}
	buf.Truncate(buf.Len() - 1) // the newline Encode adds
	return nil
}
