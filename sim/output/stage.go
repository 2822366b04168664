package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
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
// live in a hidden sibling, parent/.name.tmp-PID-*, and Commit puts that
// directory in place of parent/name in one step. A Staging holds the lock
// of parent/name (see Lock) from Stage to Commit or Abort, so a second
// writer of the same output is refused.
//
// What survives a crash: files are flushed to disk (fsync) before the
// directory is renamed, and the rename is flushed after, so after a power
// cut parent/name is the old output or the new one, complete. A process
// killed before it commits (SIGKILL, the OOM killer) leaves its staging
// directory, whose name carries its pid; the next Stage of the same
// output removes it.
type Staging struct {
	parent, name string
	dir          string   // the staging directory; "" once committed or aborted
	created      []string // directories Stage created for parent, deepest first
	lock         *Lock
	committed    bool
}

// Stage takes the lock of parent/name, removes what dead writers of it
// left behind, and creates a staging directory for it inside parent,
// creating parent (and its missing ancestors) if need be. name must be a
// single path element. If another writer holds the lock, the error is a
// *BusyError naming its pid.
func Stage(parent, name string) (*Staging, error) {
	if err := checkName(name); err != nil {
		return nil, err
	}
	created, err := mkdirAll(parent)
	if err != nil {
		return nil, err
	}
	lk, err := lock(parent, name, filepath.Join(parent, name))
	if err != nil {
		removeEmpty(created)
		return nil, err
	}
	st := &Staging{parent: parent, name: name, created: created, lock: lk}
	if err := st.removeDebris(); err != nil {
		st.release()
		return nil, err
	}
	dir, err := os.MkdirTemp(parent, st.prefix(tmpKind)+strconv.Itoa(os.Getpid())+"-")
	if err == nil {
		err = os.Chmod(dir, 0o755) // MkdirTemp makes it 0700
	}
	if err != nil {
		if dir != "" {
			os.RemoveAll(dir)
		}
		st.release()
		return nil, fmt.Errorf("output: %w", err)
	}
	st.dir = dir
	return st, nil
}

func checkName(name string) error {
	if name == "" || name == "." || name == ".." || strings.ContainsAny(name, `/\`) || filepath.Base(name) != name {
		return fmt.Errorf("output: %q is not a valid directory name", name)
	}
	return nil
}

// The kinds of hidden sibling a Staging makes: the staging directory, and
// (where names cannot be exchanged) the directory the old output is moved
// aside into.
const (
	tmpKind = "tmp"
	oldKind = "old"
)

// prefix is the start of the names of the hidden siblings of a kind:
// .name.tmp- or .name.old-, followed by the pid and a random number.
func (s *Staging) prefix(kind string) string { return "." + s.name + "." + kind + "-" }

// removeDebris removes the staging and set-aside directories of this
// output left by processes that are dead (or whose pid is this process's
// own: an earlier process of the same pid, as in a container). It runs
// under the lock, so no live writer is using them. An old output that
// a dead process had moved aside and not yet replaced is put back.
func (s *Staging) removeDebris() error {
	es, err := os.ReadDir(s.parent)
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	for _, e := range es {
		for _, kind := range []string{tmpKind, oldKind} {
			pid, ok := debrisPID(e.Name(), s.prefix(kind))
			if !ok || (pid != os.Getpid() && processAlive(pid)) {
				continue
			}
			path := filepath.Join(s.parent, e.Name())
			if kind == oldKind {
				s.restore(path)
			}
			if err := os.RemoveAll(path); err != nil {
				return fmt.Errorf("output: removing what a killed run left: %w", err)
			}
		}
	}
	return nil
}

// restore puts back the old output in a set-aside directory if there is
// no output: the writer died between its two renames.
func (s *Staging) restore(aside string) {
	final := s.Path()
	if _, err := os.Lstat(final); errors.Is(err, os.ErrNotExist) {
		if os.Rename(filepath.Join(aside, s.name), final) == nil {
			syncDir(s.parent)
		}
	}
}

// debrisPID parses name as prefix followed by PID-RANDOM.
func debrisPID(name, prefix string) (int, bool) {
	rest, ok := strings.CutPrefix(name, prefix)
	if !ok {
		return 0, false
	}
	digits, _, ok := strings.Cut(rest, "-")
	pid, err := strconv.Atoi(digits)
	return pid, ok && err == nil && pid > 0
}

// Dir returns the staging directory to write into.
func (s *Staging) Dir() string { return s.dir }

// Path returns the final directory, parent/name.
func (s *Staging) Path() string { return filepath.Join(s.parent, s.name) }

// errNoExchange reports that two names cannot be exchanged atomically
// here.
var errNoExchange = errors.New("atomic exchange not supported")

// exchangeNames is exchange; the tests of the fallback replace it.
var exchangeNames = exchange

// Commit flushes the staging directory to disk and puts it at
// parent/name, then releases the lock. An existing parent/name (from an
// earlier run) is exchanged with it in one atomic step, then removed;
// where the system cannot exchange two names, the old one is renamed
// aside first, and put back if the new one cannot be put in place.
// Commit after Commit or Abort is an error.
func (s *Staging) Commit() error {
	lk, err := s.CommitHolding()
	return errors.Join(err, lk.Unlock())
}

// CommitHolding is Commit, but keeps the lock of parent/name and returns
// it: for a writer that goes on writing in place (a calibration). The
// caller unlocks it; on an error it is nil and released.
func (s *Staging) CommitHolding() (*Lock, error) {
	lk, err := s.commit()
	if err != nil {
		return nil, errors.Join(err, lk.Unlock())
	}
	return lk, nil
}

func (s *Staging) commit() (*Lock, error) {
	if s.committed {
		return nil, errors.New("output: staging already committed")
	}
	if s.dir == "" {
		return nil, errors.New("output: staging was aborted")
	}
	if err := syncTree(s.dir); err != nil {
		return s.lock, fmt.Errorf("output: flushing to disk: %w", err)
	}
	final := s.Path()
	var old string // where the previous output is once replaced
	switch err := exchangeNames(s.dir, final); {
	case err == nil:
		old = s.dir
	case errors.Is(err, os.ErrNotExist):
		if err := os.Rename(s.dir, final); err != nil {
			return s.lock, fmt.Errorf("output: %w", err)
		}
	case errors.Is(err, errNoExchange):
		if old, err = s.replaceByRenames(); err != nil {
			return s.lock, err
		}
	default:
		return s.lock, fmt.Errorf("output: %w", err)
	}
	s.committed = true
	s.dir = ""
	s.created = nil
	err := syncDir(s.parent)
	if old != "" {
		if rerr := os.RemoveAll(old); rerr != nil {
			err = errors.Join(err, fmt.Errorf("removing the previous output: %w", rerr))
		}
	}
	if err != nil {
		return s.lock, fmt.Errorf("output: %w", err)
	}
	return s.lock, nil
}

// replaceByRenames moves parent/name (if any) aside into a fresh hidden
// directory, then the staging directory to parent/name, and returns the
// directory to remove. If the second rename fails the old output is put
// back. A crash between the two leaves the old output aside, where the
// next Stage finds and restores it.
func (s *Staging) replaceByRenames() (string, error) {
	final := s.Path()
	if _, err := os.Lstat(final); errors.Is(err, os.ErrNotExist) {
		if err := os.Rename(s.dir, final); err != nil {
			return "", fmt.Errorf("output: %w", err)
		}
		return "", nil
	} else if err != nil {
		return "", fmt.Errorf("output: %w", err)
	}
	aside, err := os.MkdirTemp(s.parent, s.prefix(oldKind)+strconv.Itoa(os.Getpid())+"-")
	if err != nil {
		return "", fmt.Errorf("output: %w", err)
	}
	old := filepath.Join(aside, s.name)
	if err := os.Rename(final, old); err != nil {
		os.Remove(aside)
		return "", fmt.Errorf("output: moving the previous %s aside: %w", final, err)
	}
	if err := os.Rename(s.dir, final); err != nil {
		if rerr := os.Rename(old, final); rerr != nil {
			return "", fmt.Errorf("output: %w (and the previous output is left at %s: %v)", err, old, rerr)
		}
		os.Remove(aside)
		return "", fmt.Errorf("output: %w", err)
	}
	return aside, nil
}

// syncTree flushes every file and directory under dir to disk, each
// directory after what it holds.
func syncTree(dir string) error {
	var dirs []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.IsDir():
			dirs = append(dirs, path)
		case d.Type().IsRegular():
			return syncPath(path)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, d := range slices.Backward(dirs) {
		if err := syncDir(d); err != nil {
			return err
		}
	}
	return nil
}

// Abort removes the staging directory and everything in it, releases the
// lock, and removes the directories Stage created for parent if they are
// left empty. It does nothing after Commit or a previous Abort, so it can
// be deferred.
func (s *Staging) Abort() error {
	if s.committed || s.dir == "" {
		return nil
	}
	err := os.RemoveAll(s.dir)
	s.dir = ""
	if rerr := s.release(); err == nil {
		err = rerr
	}
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	return nil
}

// release releases the lock and removes the directories Stage created
// that are left empty.
func (s *Staging) release() error {
	err := s.lock.Unlock()
	removeEmpty(s.created)
	s.created = nil
	return err
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
