//go:build !unix || aix

package output

import "os"

// tryFlock: there is no flock here; the lock file is created exclusively
// instead (see acquireExclusive).
func tryFlock(*os.File) error { return errNoFlock }
