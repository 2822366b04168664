//go:build unix

package output

import (
	"errors"

	"golang.org/x/sys/unix"
)

// processAlive reports whether a process of that pid exists (one of
// another user's counts).
func processAlive(pid int) bool {
	err := unix.Kill(pid, 0)
	return err == nil || errors.Is(err, unix.EPERM)
}

// syncDir flushes a directory's entries (names created, renamed or
// removed in it) to disk.
func syncDir(dir string) error { return syncPath(dir) }
