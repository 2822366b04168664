package scenarios

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Error is the only kind of error the loader returns. It names the file,
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
