package output

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Staging is a directory that files are written into before it is moved
// into place as a whole. Use it as
//
//	st, err := output.Stage(parent, name)
//	if err != nil { … }
//	defer st.Abort() // does nothing once committed
//	… write files into st.Dir() …
//	return st.Commit()
//
// Nothing half written ever appears at parent/name: until Commit the files
// live in a hidden sibling, parent/.name.tmp-*, and Commit renames that
// directory to parent/name.
type Staging struct {
	parent, name string
	dir          string   // the staging directory; "" once committed or aborted
	created      []string // directories Stage created for parent, deepest first
	committed    bool
}

// Stage creates a staging directory for parent/name inside parent,
// creating parent (and its missing ancestors) if need be. name must be a
// single path element.
func Stage(parent, name string) (*Staging, error) {
	if name == "" || name == "." || name == ".." || strings.ContainsAny(name, `/\`) || filepath.Base(name) != name {
		return nil, fmt.Errorf("output: %q is not a valid directory name", name)
	}
	created, err := mkdirAll(parent)
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp(parent, "."+name+".tmp-")
	if err == nil {
		err = os.Chmod(dir, 0o755) // MkdirTemp makes it 0700
	}
	if err != nil {
		if dir != "" {
			os.RemoveAll(dir)
		}
		removeEmpty(created)
		return nil, fmt.Errorf("output: %w", err)
	}
	return &Staging{parent: parent, name: name, dir: dir, created: created}, nil
}

// Dir returns the staging directory to write into.
func (s *Staging) Dir() string { return s.dir }

// Path returns the final directory, parent/name.
func (s *Staging) Path() string { return filepath.Join(s.parent, s.name) }

// Commit moves the staging directory to parent/name. An existing
// parent/name (from an earlier run) is first renamed aside into a hidden
// sibling, then removed once the new directory is in place; if the new
// one cannot be put in place, the old one is put back. Commit after
// Commit or Abort is an error.
func (s *Staging) Commit() error {
	if s.committed {
		return errors.New("output: staging already committed")
	}
	if s.dir == "" {
		return errors.New("output: staging was aborted")
	}
	final := s.Path()
	if _, err := os.Lstat(final); errors.Is(err, os.ErrNotExist) {
		if err := os.Rename(s.dir, final); err != nil {
			return fmt.Errorf("output: %w", err)
		}
		s.done()
		return nil
	} else if err != nil {
		return fmt.Errorf("output: %w", err)
	}

	// Move the old directory aside, inside a fresh hidden directory so the
	// name cannot clash with anything.
	aside, err := os.MkdirTemp(s.parent, "."+s.name+".old-")
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	old := filepath.Join(aside, s.name)
	if err := os.Rename(final, old); err != nil {
		os.Remove(aside)
		return fmt.Errorf("output: moving the previous %s aside: %w", final, err)
	}
	if err := os.Rename(s.dir, final); err != nil {
		if rerr := os.Rename(old, final); rerr != nil {
			return fmt.Errorf("output: %w (and the previous output is left at %s: %v)", err, old, rerr)
		}
		os.Remove(aside)
		return fmt.Errorf("output: %w", err)
	}
	s.done()
	if err := os.RemoveAll(aside); err != nil {
		return fmt.Errorf("output: removing the previous output: %w", err)
	}
	return nil
}

func (s *Staging) done() {
	s.dir = ""
	s.created = nil
	s.committed = true
}

// Abort removes the staging directory and everything in it, and the
// directories Stage created for parent if they are left empty. It does
// nothing after Commit or a previous Abort, so it can be deferred.
func (s *Staging) Abort() error {
	if s.committed || s.dir == "" {
		return nil
	}
	err := os.RemoveAll(s.dir)
	s.dir = ""
	removeEmpty(s.created)
	s.created = nil
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	return nil
}

// mkdirAll creates dir and its missing ancestors, and returns those it
// created, deepest first.
func mkdirAll(dir string) ([]string, error) {
	var missing []string
	for d := filepath.Clean(dir); ; {
		if _, err := os.Lstat(d); err == nil {
			break
		} else if !errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("output: %w", err)
		}
		missing = append(missing, d)
		up := filepath.Dir(d)
		if up == d {
			break
		}
		d = up
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	return missing, nil
}

// removeEmpty removes the directories that are empty, in order.
func removeEmpty(dirs []string) {
	for _, d := range dirs {
		if os.Remove(d) != nil {
			return
		}
	}
}
