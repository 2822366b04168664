//go:build !unix

package output

import "os"

// processAlive reports whether a process of that pid exists, as far as
// os.FindProcess can tell (on Windows it opens the process).
func processAlive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	p.Release()
	return true
}

// syncDir does nothing: directories cannot be opened for syncing here.
func syncDir(string) error { return nil }
