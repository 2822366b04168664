package scenarios

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"clustersim/sim"
)

// Scenario is a loaded, resolved and validated scenario.
type Scenario struct {
	Name string // the name: field of the file
	File string // the file it was read from (a built-in's is "<name>.yaml")
	// Hash is the hex SHA-256 of the resolved config written canonically
	// (see Canonical): files that resolve to the same config have the same
	// hash, whatever their layout, comments or chain of bases.
	Hash   string
	Base   string // the base: as written in the file; "" for a full scenario
	Config sim.Config
	Lesson Lesson // what a counterfactual asks and where its effect should show (not part of Config or Hash)

	pos map[string]loc // where each field of Config was written
}

// Load reads, resolves and validates the scenario file at path. A base
// that is a plain name (no dot, no slash) is a built-in scenario; any other
// base is a path relative to the directory of the file that names it.
func Load(path string) (*Scenario, error) {
	s, err := new(loader).file(path)
	if err != nil {
		return nil, err
	}
	return s, nil
}

// Resolve loads a built-in scenario by name (see List), or else the file
// at nameOrPath. A plain name (no dot, no slash) is taken as a file only if
// there is no built-in scenario of that name and the file exists.
func Resolve(nameOrPath string) (*Scenario, error) {
	var l loader
	var s *Scenario
	var err error
	if isName(nameOrPath) && (isBuiltin(nameOrPath) || !exists(nameOrPath)) {
		s, err = l.builtin(nameOrPath)
	} else {
		s, err = l.file(nameOrPath)
	}
	if err != nil {
		return nil, err
	}
	return s, nil
}

// Validate resolves nameOrPath as Resolve does and reports its problems
// (an *Error, or an *Errors of several in file order), or nil.
func Validate(nameOrPath string) error {
	_, err := Resolve(nameOrPath)
	return err
}

// Parse reads a scenario from data; file names it in errors. resolve loads
// the scenario a counterfactual names as its base; when nil, bases resolve
// as for Load, relative to the directory of file.
func Parse(file string, data []byte, resolve func(base string) (*Scenario, error)) (*Scenario, error) {
	if len(data) > MaxFileSize {
		return nil, tooLarge(file, strconv.Itoa(len(data)), "scenario file")
	}
	if resolve == nil {
		l := &loader{stack: []string{key(file)}, names: []string{file}}
		resolve = l.resolver(file, false)
	}
	s, err := parse(file, data, resolve)
	if err != nil {
		return nil, err
	}
	return s, nil
}

// isName reports whether s is a built-in scenario name rather than a path.
var isName = regexp.MustCompile(`^[A-Za-z0-9_-]+$`).MatchString

func isBuiltin(name string) bool {
	_, err := fs.Stat(files, name+".yaml")
	return err == nil
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// maxDepth bounds chains of bases.
const maxDepth = 16

// loader loads files and their bases, refusing cycles.
type loader struct {
	stack []string // the files being loaded, outermost first
	names []string // the same as given, for messages
}

func key(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		return abs
	}
	return filepath.Clean(path)
}

func (l *loader) enter(file, k string) *Error {
	for _, s := range l.stack {
		if s == k {
			return &Error{File: file, Msg: "cycle of bases: " + strings.Join(append(l.names, file), " → ")}
		}
	}
	if len(l.stack) >= maxDepth {
		return &Error{File: file, Msg: fmt.Sprintf("more than %d bases deep", maxDepth)}
	}
	l.stack = append(l.stack, k)
	l.names = append(l.names, file)
	return nil
}

func (l *loader) leave() {
	l.stack = l.stack[:len(l.stack)-1]
	l.names = l.names[:len(l.names)-1]
}

// file loads a scenario file from disk.
func (l *loader) file(path string) (*Scenario, error) {
	if err := l.enter(path, key(path)); err != nil {
		return nil, err
	}
	defer l.leave()
	data, err := readFile(path)
	if err != nil {
		return nil, err
	}
	return parse(path, data, l.resolver(path, false))
}

// MaxFileSize is the largest scenario file the loader reads, in bytes
// (1 MiB; the baseline is 26 kB).
const MaxFileSize = 1 << 20

// readFile reads a scenario file: a regular file of at most MaxFileSize
// bytes. A device (/dev/zero), a FIFO or a directory is refused before
// it is opened, so that reading it neither hangs nor fills the memory.
func readFile(path string) ([]byte, *Error) { return readInput(path, "scenario file") }

// ReadInput reads an input file of another kind (a calibration spec, say)
// as the loader reads a scenario file: a regular file of at most
// MaxFileSize bytes; kind names it in messages ("calibration spec").
func ReadInput(path, kind string) ([]byte, error) {
	b, err := readInput(path, kind)
	if err != nil {
		return nil, err
	}
	return b, nil
}

func readInput(path, kind string) ([]byte, *Error) {
	cannot := func(err error) *Error {
		msg := err.Error()
		if pe := (*fs.PathError)(nil); errors.As(err, &pe) {
			msg = pe.Err.Error()
		}
		return &Error{File: path, Msg: "cannot read the " + kind + ": " + msg, err: err}
	}
	fi, err := os.Stat(path)
	if err != nil {
		return nil, cannot(err)
	}
	if err := checkFileInfo(path, fi, kind); err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, cannot(err)
	}
	defer f.Close()
	// The file opened is the one checked (not swapped for a FIFO meanwhile).
	if now, err := f.Stat(); err != nil {
		return nil, cannot(err)
	} else if !os.SameFile(fi, now) {
		return nil, &Error{File: path, Msg: "cannot read the " + kind + ": it changed while being opened"}
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, cannot(err)
	}
	if len(data) > MaxFileSize {
		return nil, tooLarge(path, "more than", kind)
	}
	return data, nil
}

// checkFileInfo refuses a file that is not regular or is too large.
func checkFileInfo(path string, fi fs.FileInfo, kind string) *Error {
	if !fi.Mode().IsRegular() {
		return &Error{File: path, Msg: "cannot read the " + kind + ": it is " + fileKind(fi.Mode()) + ", not a regular file"}
	}
	if fi.Size() > MaxFileSize {
		return tooLarge(path, strconv.FormatInt(fi.Size(), 10), kind)
	}
	return nil
}

// tooLarge is the error of a file of size bytes, more than MaxFileSize.
func tooLarge(file, size, kind string) *Error {
	return &Error{File: file, Msg: fmt.Sprintf("the file is %s bytes; a %s may have at most %d (1 MiB)", size, kind, MaxFileSize)}
}

// fileKind names the kind of a file that is not regular.
func fileKind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "a special file (mode " + m.String() + ")"
}

// embedded loads a file of the built-in scenarios.
func (l *loader) embedded(name string) (*Scenario, error) {
	if err := l.enter(name, "builtin:"+name); err != nil {
		return nil, err
	}
	defer l.leave()
	data, err := fs.ReadFile(files, name)
	if err != nil {
		return nil, &Error{File: name, Msg: fmt.Sprintf("no built-in scenario file %s (have: %s)", name, strings.Join(List(), ", ")), err: err}
	}
	return parse(name, data, l.resolver(name, true))
}

func (l *loader) builtin(name string) (*Scenario, error) {
	if !isName(name) {
		return nil, &Error{File: name, Msg: quote(name) + " is not a scenario name"}
	}
	return l.embedded(name + ".yaml")
}

// resolver returns the function that loads the bases named in file.
func (l *loader) resolver(file string, builtin bool) func(string) (*Scenario, error) {
	return func(base string) (*Scenario, error) {
		var s *Scenario
		var err error
		switch {
		case isName(base):
			s, err = l.builtin(base)
		case builtin:
			s, err = l.embedded(filepathToSlash(file, base))
		case filepath.IsAbs(base):
			s, err = l.file(base)
		default:
			s, err = l.file(filepath.Join(filepath.Dir(file), base))
		}
		if err != nil {
			return nil, err
		}
		return s, nil
	}
}

func filepathToSlash(file, base string) string {
	dir := filepath.ToSlash(filepath.Dir(file))
	if dir == "." {
		return filepath.ToSlash(base)
	}
	return dir + "/" + filepath.ToSlash(base)
}

// parseYAML reads data as exactly one YAML document whose root is a
// mapping.
func parseYAML(file string, data []byte) (root *yaml.Node, e *Error) {
	defer func() {
		if r := recover(); r != nil { // the YAML library must not bring us down
			root, e = nil, &Error{File: file, Msg: "YAML parser failed: " + clip(fmt.Sprint(r), 4*maxQuoted)}
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err == io.EOF {
		return nil, &Error{File: file, Line: 1, Msg: "empty document"}
	} else if err != nil {
		return nil, syntaxError(file, err)
	}
	var next yaml.Node
	if err := dec.Decode(&next); err == nil {
		return nil, &Error{File: file, Line: next.Line, Column: next.Column, Msg: "more than one YAML document (a scenario file holds one)"}
	} else if err != io.EOF {
		return nil, syntaxError(file, err)
	}
	if len(doc.Content) == 0 {
		return nil, &Error{File: file, Line: 1, Msg: "empty document"}
	}
	root = deref(doc.Content[0])
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return nil, &Error{File: file, Line: max(root.Line, 1), Msg: "empty document"}
	}
	if root.Kind != yaml.MappingNode {
		return nil, &Error{File: file, Line: root.Line, Column: root.Column, Msg: "the document must be a mapping of keys to values, not " + kindName(root)}
	}
	return root, nil
}

// parse decodes, resolves and validates one scenario. It reports every
// problem it finds (see problems.err), except the checks of values that
// did not decode.
func parse(file string, data []byte, resolve func(string) (*Scenario, error)) (*Scenario, error) {
	root, err := parseYAML(file, data)
	if err != nil {
		return nil, err
	}
	d := &decoder{file: file, pos: map[string]loc{}, fallback: file}
	var cfg sim.Config
	baseKey, baseVal := pair(root, "base")
	base := ""
	if baseVal == nil {
		d.record("", root)
		d.errs.add(d.mapping(root, reflect.ValueOf(&cfg).Elem(), "", mapOpts{hook: fullOnly(file)}))
	} else {
		b, err := d.base(baseKey, baseVal, resolve)
		if err != nil {
			return nil, err
		}
		base = deref(baseVal).Value
		d.errs.add(d.counterfactual(root, &cfg, b))
	}
	for _, e := range validate(&cfg, d.where) {
		if !d.errs.failedAt(e.File, e.Field) {
			d.errs.add(e)
		}
	}
	for i, la := range d.lesson.LookAt {
		if p := join(index("look_at", i), "year"); !d.errs.failedAt(file, p) && (la.Year < cfg.ReportFrom || la.Year > cfg.End.Year()) {
			d.errs.add(d.where(p).errorf("year %d is not reported: the scenario reports %d–%d", la.Year, cfg.ReportFrom, cfg.End.Year()))
		}
	}
	if err := d.errs.err(file); err != nil {
		return nil, err
	}
	h, herr := hash(&cfg)
	if herr != nil {
		return nil, &Error{File: file, Msg: "cannot hash the config: " + herr.Error(), err: herr}
	}
	return &Scenario{Name: cfg.Name, File: file, Hash: h, Base: base, Config: cfg, Lesson: d.lesson, pos: d.pos}, nil
}

// fullOnly rejects, in a full scenario, the keys only a counterfactual may
// have.
func fullOnly(file string) func(string, *yaml.Node, *yaml.Node) (bool, *Error) {
	return func(name string, k, _ *yaml.Node) (bool, *Error) {
		switch name {
		case "remove_events", "add_events":
			return true, at(file, k, name).errorf("only a counterfactual (a file with base:) may %s events",
				strings.TrimSuffix(name, "_events"))
		}
		return false, nil
	}
}
