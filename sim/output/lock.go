package output

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Lock guards an output directory, parent/name, against a second writer:
// the lock file parent/.name.lock, which holds the owner's pid. Stage takes
// it for the life of a Staging; a long job that writes into a directory in
// place (the calibrator) takes it with LockDir.
//
// On Unix the lock is an flock(2) on that file, which the kernel drops
// when its owner dies however it dies (SIGKILL, the OOM killer), so a lock
// file left by a dead process is simply taken over. Where flock is not
// available the file itself is the lock (created exclusively), and one
// whose pid is no longer alive is stale and taken over.
//
// A second writer does not wait: it gets a *BusyError, which names the
// holder's pid.
type Lock struct {
	path string
	f    *os.File
}

// BusyError is the error of a lock held by another writer.
type BusyError struct {
	Dir  string // the directory guarded
	Lock string // the lock file
	PID  int    // the holder's pid; 0 if it could not be read
}

func (e *BusyError) Error() string {
	holder := "another process"
	if e.PID > 0 {
		holder = "process " + strconv.Itoa(e.PID)
	}
	return fmt.Sprintf("output: %s is being written by %s (lock %s); wait for it to finish or choose another output directory",
		e.Dir, holder, e.Lock)
}

// lockPath is the lock file of parent/name.
func lockPath(parent, name string) string { return filepath.Join(parent, "."+name+".lock") }

// LockDir takes the lock of the directory dir (which need not exist; its
// parent must).
func LockDir(dir string) (*Lock, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	parent, name := filepath.Split(abs)
	if err := checkName(name); err != nil {
		return nil, err
	}
	return lock(filepath.Clean(parent), name, dir)
}

// lock takes the lock of parent/name; shown is the directory as the user
// gave it, for messages.
func lock(parent, name, shown string) (*Lock, error) {
	path := lockPath(parent, name)
	f, err := acquire(path)
	var busy *BusyError
	if errors.As(err, &busy) {
		busy.Dir, busy.Lock = shown, path
		return nil, busy
	}
	if err != nil {
		return nil, fmt.Errorf("output: locking %s: %w", shown, err)
	}
	return &Lock{path: path, f: f}, nil
}

// Unlock releases the lock and removes its file. It does nothing on a nil
// or released Lock.
func (l *Lock) Unlock() error {
	if l == nil || l.f == nil {
		return nil
	}
	// Remove while still holding it: a writer that opened the file before
	// the removal finds, once it has the lock, that the path names another
	// file (or none), and starts again.
	err := os.Remove(l.path)
	if cerr := l.f.Close(); err == nil {
		err = cerr
	}
	l.f = nil
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("output: releasing the lock: %w", err)
	}
	return nil
}

// errNoFlock reports that the file system or platform has no flock.
var errNoFlock = errors.New("flock not supported")

// errHeld is what tryFlock returns for a lock held elsewhere.
var errHeld = errors.New("lock held")

// acquire takes the lock file at path, by flock where there is one and by
// exclusive creation otherwise, and writes the pid into it.
func acquire(path string) (*os.File, error) {
	for range 100 { // each turn loses a race with a writer that removed or replaced the file
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, err
		}
		switch err := tryFlock(f); {
		case errors.Is(err, errNoFlock):
			f.Close()
			return acquireExclusive(path)
		case errors.Is(err, errHeld):
			pid := holder(f)
			f.Close()
			return nil, &BusyError{PID: pid}
		case err != nil:
			f.Close()
			return nil, err
		}
		if !names(path, f) {
			f.Close()
			continue
		}
		if err := writePID(f); err != nil {
			f.Close()
			return nil, err
		}
		return f, nil
	}
	return nil, errors.New("the lock file keeps changing")
}

// acquireExclusive is the lock without flock: whoever creates the file
// holds the lock. A file whose pid is dead (or is this process's own
// pid, left by an earlier process of the same pid) is stale and removed.
func acquireExclusive(path string) (*os.File, error) {
	for range 100 {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
		if err == nil {
			if err := writePID(f); err != nil {
				f.Close()
				os.Remove(path)
				return nil, err
			}
			return f, nil
		}
		if !errors.Is(err, os.ErrExist) {
			return nil, err
		}
		old, err := os.Open(path)
		if errors.Is(err, os.ErrNotExist) {
			continue // released meanwhile
		} else if err != nil {
			return nil, err
		}
		pid := holder(old)
		fi, serr := old.Stat()
		old.Close()
		switch {
		case pid == 0 && serr == nil && time.Since(fi.ModTime()) > emptyLockAge:
			// Its creator died before writing its pid.
		case pid == 0 || (pid != os.Getpid() && processAlive(pid)):
			return nil, &BusyError{PID: pid}
		}
		if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
			return nil, err
		}
	}
	return nil, errors.New("the lock file keeps changing")
}

// emptyLockAge is how old a lock file without a pid must be to be stale.
const emptyLockAge = 10 * time.Second

// names reports whether path still names the open file f.
func names(path string, f *os.File) bool {
	a, err1 := f.Stat()
	b, err2 := os.Stat(path)
	return err1 == nil && err2 == nil && os.SameFile(a, b)
}

func writePID(f *os.File) error {
	if err := f.Truncate(0); err != nil {
		return err
	}
	if _, err := f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0); err != nil {
		return err
	}
	return f.Sync()
}

// holder reads the pid in a lock file, waiting a little for a holder that
// has just created it to write it; 0 if there is none.
func holder(f *os.File) int {
	for range 10 {
		b := make([]byte, 32)
		n, _ := f.ReadAt(b, 0)
		if pid, err := strconv.Atoi(strings.TrimSpace(string(b[:n]))); err == nil && pid > 0 {
			return pid
		}
		time.Sleep(10 * time.Millisecond)
	}
	return 0
}
