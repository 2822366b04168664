// Package seeds holds the historical figures of the source article (Shi Lu
// and Bernard Ganne, "From Farm Tools to Electric Cars", China Perspectives
// 2016/1) that the Yongkang model is calibrated and validated against, and
// compares model output with them.
//
// The figures live in targets.yaml, embedded in the binary. Each one carries
// its year, unit, tolerance band, role (calibrate, validate or context), the
// model series it is compared with and the article's own words. Load reads
// and checks them; Evaluate sets a run's values beside them; WriteFitCSV and
// FormatFitTable report the result.
package seeds

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"text/tabwriter"

	"go.yaml.in/yaml/v3"
)

//go:embed targets.yaml
var targetsYAML []byte

// TargetsFile is the name of the embedded targets file, used in errors.
const TargetsFile = "targets.yaml"

// Year range accepted for a target.
const (
	MinYear = 1950
	MaxYear = 2012
)

// PassageSeparator joins the fragments of a passage drawn from two places in
// the article. Each fragment occurs verbatim in the article.
const PassageSeparator = " [...] "

// Load reads and checks the embedded targets file.
func Load() ([]Target, error) {
	return Parse(TargetsFile, targetsYAML)
}

// ParseError is one problem found in a targets file. Parse returns them
// joined with errors.Join; errors.As retrieves the first.
type ParseError struct {
	File  string // the name given to Parse
	Line  int    // 1-based; 0 when unknown
	ID    string // the target's id, or "targets[i]" when it has none
	Field string // the offending key, when there is one
	Msg   string
}

func (e *ParseError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		b.WriteString(":")
		b.WriteString(strconv.Itoa(e.Line))
	}
	b.WriteString(": ")
	if e.ID != "" {
		b.WriteString(e.ID)
		b.WriteString(": ")
	}
	if e.Field != "" {
		b.WriteString(e.Field)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// targetFields maps each yaml key of Target to its struct field.
var targetFields = func() map[string]reflect.StructField {
	m := make(map[string]reflect.StructField)
	t := reflect.TypeFor[Target]()
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		key, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if key != "" && key != "-" {
			m[key] = f
		}
	}
	return m
}()

// requiredKeys must be present, with a non-null value, in every entry.
var requiredKeys = []string{"id", "what", "year", "observed", "low", "high", "unit", "role", "passage", "band"}

var (
	idPattern       = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
	yamlLinePattern = regexp.MustCompile(`(?s)^yaml: line (\d+): (.*)$`)
)

// Parse decodes a targets file strictly and checks it: the file is a mapping
// with the single key "targets", a list of entries; entries have only the
// fields of Target, each of the right type; ids are unique; role is one of
// calibrate, validate, context; low <= high; low <= observed <= high unless
// observed_outside_band is true; the passage is not empty; the year lies in
// MinYear..MaxYear; calibrate and validate targets name a series. Errors are
// *ParseError values naming the file, line and field, e.g.
//
//	targets.yaml:42: getihu_1985: low: must not exceed high (2400 > 2354.4)
func Parse(name string, data []byte) ([]Target, error) {
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		if err == io.EOF {
			return nil, &ParseError{File: name, Msg: "empty file"}
		}
		return nil, yamlError(name, err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err != io.EOF {
		if err != nil {
			return nil, yamlError(name, err)
		}
		return nil, &ParseError{File: name, Line: extra.Line, Msg: "more than one YAML document"}
	}

	seq, err := targetList(name, &doc)
	if err != nil {
		return nil, err
	}

	var errs []error
	entries := make([]entry, len(seq.Content))
	for i, n := range seq.Content {
		var es []error
		entries[i], es = checkEntry(name, i, n)
		errs = append(errs, es...)
	}

	firstLine := make(map[string]int)
	for _, e := range entries {
		if !e.ok {
			continue
		}
		t := e.target
		at := func(field string) int {
			if l, ok := e.lines[field]; ok {
				return l
			}
			return e.line
		}
		fail := func(field, format string, args ...any) {
			errs = append(errs, &ParseError{File: name, Line: at(field), ID: t.ID, Field: field, Msg: fmt.Sprintf(format, args...)})
		}
		if !idPattern.MatchString(t.ID) {
			fail("id", "%q: want lower-case letters, digits and underscores, starting with a letter", t.ID)
		} else if l, dup := firstLine[t.ID]; dup {
			fail("id", "duplicate id (first at line %d)", l)
		} else {
			firstLine[t.ID] = at("id")
		}
		switch t.Role {
		case Calibrate, Validate, Context:
		default:
			fail("role", "%q: want calibrate, validate or context", string(t.Role))
		}
		if t.Year < MinYear || t.Year > MaxYear {
			fail("year", "%d: want a year in %d-%d", t.Year, MinYear, MaxYear)
		}
		for _, f := range []struct {
			field string
			v     float64
		}{{"observed", t.Observed}, {"low", t.Low}, {"high", t.High}} {
			if math.IsNaN(f.v) || math.IsInf(f.v, 0) {
				fail(f.field, "must be a finite number")
			}
		}
		if t.Low > t.High {
			fail("low", "must not exceed high (%s > %s)", fmtCSV(t.Low), fmtCSV(t.High))
		} else if !t.ObservedOutsideBand && (t.Observed < t.Low || t.Observed > t.High) {
			fail("observed", "%s lies outside the band [%s, %s] (set observed_outside_band: true if that is meant)",
				fmtCSV(t.Observed), fmtCSV(t.Low), fmtCSV(t.High))
		}
		if strings.TrimSpace(t.Passage) == "" {
			fail("passage", "must not be empty")
		} else {
			for _, frag := range PassageFragments(t.Passage) {
				if strings.TrimSpace(frag) == "" {
					fail("passage", "empty fragment around %q", strings.TrimSpace(PassageSeparator))
					break
				}
			}
		}
		if (t.Role == Calibrate || t.Role == Validate) && strings.TrimSpace(t.Series) == "" {
			fail("series", "required for a %s target", t.Role)
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}

	// The checks above decoded each value on its own, to report lines and
	// fields. The strict decode of the whole file is the authoritative one.
	var file struct {
		Targets []Target `yaml:"targets"`
	}
	strict := yaml.NewDecoder(bytes.NewReader(data))
	strict.KnownFields(true)
	if err := strict.Decode(&file); err != nil {
		return nil, yamlError(name, err)
	}
	for i := range file.Targets {
		if i >= len(entries) || !reflect.DeepEqual(file.Targets[i], entries[i].target) {
			return nil, &ParseError{File: name, Line: seq.Line, Field: "targets",
				Msg: fmt.Sprintf("entry %d decodes differently when checked and when decoded strictly", i)}
		}
	}
	if len(file.Targets) != len(entries) {
		return nil, &ParseError{File: name, Line: seq.Line, Field: "targets",
			Msg: fmt.Sprintf("decoded %d entries, found %d", len(file.Targets), len(entries))}
	}
	return file.Targets, nil
}

// entry is one entry of a targets file as checkEntry decoded it.
type entry struct {
	target Target
	line   int            // line of the entry
	lines  map[string]int // line of each key
	ok     bool           // well formed: known keys, right types, none missing
}

// PassageFragments splits a passage at PassageSeparator.
func PassageFragments(passage string) []string {
	return strings.Split(passage, PassageSeparator)
}

// yamlError turns an error of the yaml package into a *ParseError, keeping
// the line it names.
func yamlError(name string, err error) error {
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		errs := make([]error, len(te.Errors))
		for i, s := range te.Errors {
			errs[i] = lineError(name, s)
		}
		return errors.Join(errs...)
	}
	return lineError(name, err.Error())
}

var typeErrLine = regexp.MustCompile(`(?s)^line (\d+): (.*)$`)

func lineError(name, msg string) *ParseError {
	for _, re := range []*regexp.Regexp{yamlLinePattern, typeErrLine} {
		if m := re.FindStringSubmatch(msg); m != nil {
			l, _ := strconv.Atoi(m[1])
			return &ParseError{File: name, Line: l, Msg: m[2]}
		}
	}
	return &ParseError{File: name, Msg: strings.TrimPrefix(msg, "yaml: ")}
}

// targetList returns the sequence node under the top-level key "targets".
func targetList(name string, doc *yaml.Node) (*yaml.Node, error) {
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil, &ParseError{File: name, Line: doc.Line, Msg: "empty file"}
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, &ParseError{File: name, Line: root.Line, Msg: "want a mapping with the key targets, got " + describe(root)}
	}
	var seq *yaml.Node
	for k := 0; k+1 < len(root.Content); k += 2 {
		key, val := root.Content[k], root.Content[k+1]
		switch {
		case key.Value != "targets":
			return nil, &ParseError{File: name, Line: key.Line, Field: key.Value, Msg: "unknown field (want only targets)"}
		case seq != nil:
			return nil, &ParseError{File: name, Line: key.Line, Field: key.Value, Msg: "duplicate key"}
		case val.Kind != yaml.SequenceNode:
			return nil, &ParseError{File: name, Line: val.Line, Field: key.Value, Msg: "want a list, got " + describe(val)}
		}
		seq = val
	}
	if seq == nil {
		return nil, &ParseError{File: name, Line: root.Line, Field: "targets", Msg: "missing"}
	}
	return seq, nil
}

// checkEntry checks the shape of one entry (keys known, present, unique;
// values of the right type) and decodes it.
func checkEntry(name string, i int, n *yaml.Node) (entry, []error) {
	label := fmt.Sprintf("targets[%d]", i)
	e := entry{line: n.Line, lines: make(map[string]int)}
	if n.Kind != yaml.MappingNode {
		return e, []error{&ParseError{File: name, Line: n.Line, ID: label, Msg: "want a mapping, got " + describe(n)}}
	}
	for k := 0; k+1 < len(n.Content); k += 2 {
		if n.Content[k].Value == "id" && n.Content[k+1].Kind == yaml.ScalarNode && n.Content[k+1].Value != "" {
			label = n.Content[k+1].Value
			break
		}
	}
	var errs []error
	fail := func(line int, field, format string, args ...any) {
		errs = append(errs, &ParseError{File: name, Line: line, ID: label, Field: field, Msg: fmt.Sprintf(format, args...)})
	}
	lines := e.lines
	target := reflect.ValueOf(&e.target).Elem()
	for k := 0; k+1 < len(n.Content); k += 2 {
		key, val := n.Content[k], n.Content[k+1]
		if key.Kind != yaml.ScalarNode {
			fail(key.Line, "", "want a field name, got %s", describe(key))
			continue
		}
		if l, dup := lines[key.Value]; dup {
			fail(key.Line, key.Value, "duplicate key (first at line %d)", l)
			continue
		}
		lines[key.Value] = key.Line
		f, known := targetFields[key.Value]
		if !known {
			fail(key.Line, key.Value, "unknown field")
			continue
		}
		if val.Kind == yaml.AliasNode && val.Alias != nil {
			val = val.Alias
		}
		if val.Kind != yaml.ScalarNode {
			fail(key.Line, key.Value, "want %s, got %s", kindName(f.Type), describe(val))
			continue
		}
		tag := val.ShortTag()
		if tag == "!!null" {
			if isRequired(key.Value) {
				fail(key.Line, key.Value, "missing value")
			}
			continue
		}
		var ok bool
		switch f.Type.Kind() {
		case reflect.Int:
			ok = tag == "!!int"
		case reflect.Float64:
			ok = tag == "!!int" || tag == "!!float"
		case reflect.Bool:
			ok = tag == "!!bool"
		case reflect.String:
			ok = true
		}
		v := reflect.New(f.Type)
		if ok {
			ok = val.Decode(v.Interface()) == nil
		}
		if !ok {
			fail(key.Line, key.Value, "want %s, got %s", kindName(f.Type), describe(val))
			continue
		}
		target.FieldByIndex(f.Index).Set(v.Elem())
	}
	for _, k := range requiredKeys {
		if _, ok := lines[k]; !ok {
			fail(n.Line, k, "missing")
		}
	}
	e.ok = len(errs) == 0
	return e, errs
}

func isRequired(key string) bool {
	for _, k := range requiredKeys {
		if k == key {
			return true
		}
	}
	return false
}

func kindName(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Int:
		return "an integer"
	case reflect.Float64:
		return "a number"
	case reflect.Bool:
		return "true or false"
	default:
		return "a string"
	}
}

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		kind := map[string]string{
			"!!str": "string", "!!int": "integer", "!!float": "number",
			"!!bool": "boolean", "!!null": "null",
		}[n.ShortTag()]
		if kind == "" {
			kind = n.ShortTag()
		}
		return fmt.Sprintf("%s %q", kind, n.Value)
	default:
		return "an alias"
	}
}

// ValueSource gives the model value of a series in a year. The model's
// *sim.Results satisfies it.
type ValueSource interface {
	Value(series string, year int) (float64, bool)
}

// BandSource is implemented by sources that also know the spread of a
// series across runs (for instance the mean of several seeds). Evaluate
// fills FitRow.P05 and P95 from it.
type BandSource interface {
	Band(series string, year int) (p05, p95 float64, ok bool)
}

// FitRow sets one target beside the model's value.
type FitRow struct {
	Target    Target
	Simulated float64 // the model value, when Has
	Has       bool    // the model produced a finite value for the series and year
	Within    bool    // Has and Low <= Simulated <= High
	P05, P95  float64 // 5th and 95th percentiles across runs, when HasBand
	HasBand   bool
}

// Evaluate reads each target's series at its year from src. Rows come
// calibrate targets first, then validate, then context, each group in the
// order of targets. A target without a series, or whose series src does not
// have, gets Has == false and Within == false.
func Evaluate(targets []Target, src ValueSource) []FitRow {
	rows := make([]FitRow, 0, len(targets))
	bands, _ := src.(BandSource)
	eval := func(t Target) FitRow {
		r := FitRow{Target: t}
		if t.Series == "" || src == nil {
			return r
		}
		if v, ok := src.Value(t.Series, t.Year); ok && !math.IsNaN(v) && !math.IsInf(v, 0) {
			r.Simulated, r.Has = v, true
			r.Within = t.Low <= v && v <= t.High
		}
		if bands != nil {
			if lo, hi, ok := bands.Band(t.Series, t.Year); ok {
				r.P05, r.P95, r.HasBand = lo, hi, true
			}
		}
		return r
	}
	order := []Role{Calibrate, Validate, Context}
	for _, role := range order {
		for _, t := range targets {
			if t.Role == role {
				rows = append(rows, eval(t))
			}
		}
	}
	for _, t := range targets { // roles Parse would reject, kept last
		if t.Role != Calibrate && t.Role != Validate && t.Role != Context {
			rows = append(rows, eval(t))
		}
	}
	return rows
}

// fmtCSV formats a number for files: at most six significant digits, never
// in exponent notation, so the text does not move with the last bits of a
// floating-point sum.
func fmtCSV(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	r, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 6, 64), 64)
	if r == 0 {
		r = 0 // no "-0"
	}
	return strconv.FormatFloat(r, 'f', -1, 64)
}

// WriteFitCSV writes rows as CSV with the header
//
//	target,role,year,observed,low,high,simulated,within
//
// and, when withBands, the further columns sim_p05,sim_p95 (empty where a
// row has no band). simulated and within are both empty where the model has
// no value (context rows, which name no series, and figures the model did
// not produce): there is nothing to compare with the band. Numbers have at
// most six significant digits and no exponent.
func WriteFitCSV(w io.Writer, rows []FitRow, withBands bool) error {
	cw := csv.NewWriter(w)
	header := []string{"target", "role", "year", "observed", "low", "high", "simulated", "within"}
	if withBands {
		header = append(header, "sim_p05", "sim_p95")
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, r := range rows {
		t := r.Target
		sim, within := "", ""
		if r.Has {
			sim, within = fmtCSV(r.Simulated), strconv.FormatBool(r.Within)
		}
		rec := []string{
			t.ID, string(t.Role), strconv.Itoa(t.Year),
			fmtCSV(t.Observed), fmtCSV(t.Low), fmtCSV(t.High),
			sim, within,
		}
		if withBands {
			lo, hi := "", ""
			if r.HasBand {
				lo, hi = fmtCSV(r.P05), fmtCSV(r.P95)
			}
			rec = append(rec, lo, hi)
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// Summary counts the calibrate and validate rows, and those within band.
func Summary(rows []FitRow) (calIn, calN, valIn, valN int) {
	for _, r := range rows {
		switch r.Target.Role {
		case Calibrate:
			calN++
			if r.Within {
				calIn++
			}
		case Validate:
			valN++
			if r.Within {
				valIn++
			}
		}
	}
	return calIn, calN, valIn, valN
}

// WithinFactor reports whether every calibrate target was simulated within
// a factor f of its observed value: observed/f <= simulated <= observed*f
// (for f < 1, 1/f is used). An observed value of zero must be simulated as
// zero. With no calibrate rows it reports true.
func WithinFactor(rows []FitRow, f float64) bool {
	if f < 1 {
		f = 1 / f
	}
	for _, r := range rows {
		if r.Target.Role != Calibrate {
			continue
		}
		if !r.Has {
			return false
		}
		obs, sim := r.Target.Observed, r.Simulated
		if obs == 0 {
			if sim != 0 {
				return false
			}
			continue
		}
		ratio := sim / obs
		if !(ratio > 0) || ratio > f || ratio < 1/f {
			return false
		}
	}
	return true
}

// FormatFitTable writes a short aligned table for the terminal: calibrate
// and validate targets in two blocks (context targets are left out), each
// row marked ✓ or ✗, with the factor simulated/observed, then the line
//
//	calibrate: k/n within band; validate: k/n within band
func FormatFitTable(w io.Writer, rows []FitRow) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for i, role := range []Role{Calibrate, Validate} {
		if i > 0 {
			fmt.Fprintln(tw)
		}
		fmt.Fprintf(tw, "%s\ttarget\tyear\tobserved\tband\tsimulated\tfactor\n", role)
		for _, r := range rows {
			t := r.Target
			if t.Role != role {
				continue
			}
			mark, sim, factor := "✗", "n/a", "-"
			if r.Within {
				mark = "✓"
			}
			if r.Has {
				sim = HumanNumber(r.Simulated)
				if t.Observed != 0 {
					factor = fmtFactor(r.Simulated / t.Observed)
				}
			}
			fmt.Fprintf(tw, "  %s\t%s\t%d\t%s\t%s–%s\t%s\t%s\n",
				mark, t.ID, t.Year, HumanNumber(t.Observed), HumanNumber(t.Low), HumanNumber(t.High), sim, factor)
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	calIn, calN, valIn, valN := Summary(rows)
	_, err := fmt.Fprintf(w, "\ncalibrate: %d/%d within band; validate: %d/%d within band\n", calIn, calN, valIn, valN)
	return err
}

// HumanNumber formats a number for people: whole numbers (and any from
// 100 on) with thousands separators, smaller fractions with three
// significant digits. The fit table, the comparisons' tables and the
// figures' axes share it.
func HumanNumber(v float64) string {
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		return strconv.FormatFloat(v, 'g', -1, 64)
	case math.Abs(v) >= 100 || v == math.Trunc(v):
		return GroupThousands(strconv.FormatFloat(v, 'f', 0, 64))
	default:
		return strconv.FormatFloat(v, 'g', 3, 64)
	}
}

// fmtFactor formats simulated/observed: two decimals near 1, fewer digits
// far from it.
func fmtFactor(f float64) string {
	switch a := math.Abs(f); {
	case a >= 10:
		return strconv.FormatFloat(f, 'f', 0, 64)
	case a >= 0.01 || a == 0:
		return strconv.FormatFloat(f, 'f', 2, 64)
	default:
		return strconv.FormatFloat(f, 'g', 1, 64)
	}
}

// GroupThousands puts commas between the groups of three digits of s, a
// whole number in decimal with an optional leading minus sign.
func GroupThousands(s string) string {
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	if len(s) <= 3 {
		return sign + s
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return sign + b.String()
}
