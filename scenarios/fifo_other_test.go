//go:build !unix

package scenarios

import "testing"

// makeFIFO: there are no named pipes in the file system here.
func makeFIFO(*testing.T, string) (string, bool) { return "", false }
