//go:build !linux

package output

// exchange: there is no atomic exchange of two names here; Commit falls
// back to two renames.
func exchange(from, to string) error { return errNoExchange }
