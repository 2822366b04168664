//go:build unix

package scenarios

import (
	"path/filepath"
	"syscall"
	"testing"
)

// makeFIFO makes a named pipe in dir.
func makeFIFO(t *testing.T, dir string) (string, bool) {
	path := filepath.Join(dir, "fifo.yaml")
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Fatal(err)
	}
	return path, true
}
