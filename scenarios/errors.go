package scenarios

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Error is the kind of error the loader reports, alone or several in an
// *Errors. It names the file,
// the line and column (when known, counted from 1) and the field path of
// the offending value, e.g.
//
//	counterfactual.yaml:12:5: params.firms.getihu_cap: 250 is outside the range 1–100
//
// Use errors.As to get at the parts.
type Error struct {
	File   string // the file as given to Load or Parse, or a built-in's file name
	Line   int    // 0 when unknown
	Column int    // 0 when unknown
	Field  string // the field path, e.g. "events[3].date"; "" for the whole document
	Msg    string

	err error // the underlying error, if any (see Unwrap)
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(clip(e.File, maxShownPath))
	if e.Line > 0 {
		b.WriteString(":" + strconv.Itoa(e.Line))
		if e.Column > 0 {
			b.WriteString(":" + strconv.Itoa(e.Column))
		}
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	if e.Field != "" {
		b.WriteString(clip(e.Field, maxShownField) + ": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// A message shows at most an excerpt of what the user wrote: a value is
// quoted whole up to maxQuoted bytes, a file name up to maxShownPath, a
// field path up to maxShownField; past that the message shows their start
// and their length (see quote and clip). Longer ones are never a real
// scenario's, and could be a 10 MB line or a whole file given as a base.
const (
	maxQuoted     = 64
	maxShownPath  = 256
	maxShownField = 128
)

// quote returns s quoted for a message: whole if at most maxQuoted bytes,
// else its start and its length, e.g. "root:x:0:0:root"… (1234 bytes).
func quote(s string) string {
	if len(s) <= maxQuoted {
		return strconv.Quote(s)
	}
	return strconv.Quote(prefix(s, maxQuoted)) + fmt.Sprintf("… (%d bytes)", len(s))
}

// clip returns s whole if at most n bytes, else its first n bytes and its
// length.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return prefix(s, n) + fmt.Sprintf("… (%d bytes)", len(s))
}

// prefix returns at most the first n bytes of s, cut at a character.
func prefix(s string, n int) string {
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// Unwrap returns the underlying error, e.g. an fs.ErrNotExist for a missing
// file, or nil.
func (e *Error) Unwrap() error { return e.err }

// MaxErrors is the most problems the loader reports for one scenario; an
// *Errors counts those left out.
const MaxErrors = 20

// Errors is the error of a scenario with more than one problem: each an
// *Error, in file order (the scenario's own file by line and column, then
// any other file, such as a base whose values the scenario made invalid),
// at most MaxErrors of them. errors.As finds the first.
type Errors struct {
	List    []*Error
	Omitted int // problems found beyond MaxErrors
}

// Error writes one problem per line, and how many were left out.
func (e *Errors) Error() string {
	lines := make([]string, 0, len(e.List)+1)
	for _, err := range e.List {
		lines = append(lines, err.Error())
	}
	if e.Omitted > 0 && len(e.List) > 0 {
		lines = append(lines, fmt.Sprintf("%s: %d more problems not shown", e.List[0].File, e.Omitted))
	}
	return strings.Join(lines, "\n")
}

// Unwrap returns the problems, for errors.As and errors.Is.
func (e *Errors) Unwrap() []error {
	out := make([]error, len(e.List))
	for i, err := range e.List {
		out[i] = err
	}
	return out
}

// problems collects the errors found in one scenario, so that a file with
// several mistakes gets them all at once.
type problems struct {
	list  []*Error
	quiet []*Error // fields left unset by a problem reported under another field
}

// unset notes that the field of file was left unset because of a problem
// reported elsewhere (a misspelt key).
func (p *problems) unset(file, field string) {
	p.quiet = append(p.quiet, &Error{File: file, Field: field})
}

// add records e; a nil e is nothing.
func (p *problems) add(errs ...*Error) {
	for _, e := range errs {
		if e != nil {
			p.list = append(p.list, e)
		}
	}
}

// failedAt reports whether a problem was recorded in file at field or at
// one of its parents (a value that did not decode is left unset, so what
// its checks would say of it is noise).
func (p *problems) failedAt(file, field string) bool {
	failed := func(e *Error) bool { return e.File == file && (e.Field == "" || under(field, e.Field)) }
	return slices.ContainsFunc(p.list, failed) || slices.ContainsFunc(p.quiet, failed)
}

// err returns nil, the one problem, or an *Errors of them in file order,
// the problems of file top first.
func (p *problems) err(top string) error {
	if len(p.list) == 0 {
		return nil
	}
	list := slices.Clone(p.list)
	rank := func(e *Error) int {
		if e.File == top {
			return 0
		}
		return 1
	}
	slices.SortStableFunc(list, func(a, b *Error) int {
		return cmp.Or(
			cmp.Compare(rank(a), rank(b)),
			cmp.Compare(a.File, b.File),
			cmp.Compare(lineOrLast(a.Line), lineOrLast(b.Line)),
			cmp.Compare(a.Column, b.Column),
		)
	})
	if len(list) == 1 {
		return list[0]
	}
	e := &Errors{List: list}
	if len(list) > MaxErrors {
		e.List, e.Omitted = list[:MaxErrors], len(list)-MaxErrors
	}
	return e
}

// lineOrLast puts problems of unknown line after those with one.
func lineOrLast(line int) int {
	if line <= 0 {
		return int(^uint(0) >> 1)
	}
	return line
}

// loc is where a value was written: its file, position and the field path
// under which the user wrote it (which for add_events differs from the
// path in the merged config).
type loc struct {
	file      string
	line, col int
	field     string
}

func (l loc) errorf(format string, args ...any) *Error {
	return &Error{File: l.file, Line: l.line, Column: l.col, Field: l.field, Msg: fmt.Sprintf(format, args...)}
}

// at returns the location of node n in file, under the field path field.
func at(file string, n *yaml.Node, field string) loc {
	return loc{file: file, line: n.Line, col: n.Column, field: field}
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// parserProblems are the messages of yaml.v3's parser (as opposed to its
// scanner). For these it reports the line counted from 0 (of the construct
// it was parsing, or else of the problem), so one must be added.
var parserProblems = map[string]bool{
	"did not find expected <stream-start>":   true,
	"did not find expected <document start>": true,
	"found undefined tag handle":             true,
	"did not find expected node content":     true,
	"did not find expected '-' indicator":    true,
	"did not find expected key":              true,
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found duplicate %TAG directive":         true,
}

// syntaxError turns an error of the YAML parser into an *Error, taking the
// line out of the message when the parser gives one.
func syntaxError(file string, err error) *Error {
	msg := err.Error()
	e := &Error{File: file, err: err}
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		e.Line, _ = strconv.Atoi(m[1])
		msg = m[2]
		if parserProblems[msg] {
			e.Line++
		}
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	e.Msg = "YAML syntax error: " + clip(msg, 4*maxQuoted)
	return e
}

// kindName describes a node kind for "expected X, got Y" messages.
func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "nothing"
		}
		return quote(n.Value)
	case yaml.DocumentNode:
		return "a document"
	case yaml.AliasNode:
		return "an alias"
	}
	return "an unknown node"
}
