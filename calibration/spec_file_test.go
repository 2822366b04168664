package calibration

import (
	"strings"
	"testing"
	"time"
)

// TestLoadSpecRefusesSpecialFiles: a spec must be a regular file of at
// most 1 MiB; /dev/zero is refused at once instead of being read until the
// memory runs out.
func TestLoadSpecRefusesSpecialFiles(t *testing.T) {
	done := make(chan error, 1)
	go func() { _, err := LoadSpec("/dev/zero"); done <- err }()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "cannot read the calibration spec: it is a character device") {
			t.Errorf("LoadSpec(/dev/zero): %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("LoadSpec(/dev/zero) still reading after 5 s")
	}
	if _, err := LoadSpec(t.TempDir()); err == nil || !strings.Contains(err.Error(), "a directory, not a regular file") {
		t.Errorf("LoadSpec(a directory): %v", err)
	}
}
