package scenarios

import (
	"errors"
	"os"
	"strings"
	"testing"
)

const validPath = "testdata/valid.yaml"

func readValid(t testing.TB) string {
	t.Helper()
	b, err := os.ReadFile(validPath)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// mutate replaces old, which must occur exactly once, by new.
func mutate(t testing.TB, doc, old, new string) string {
	t.Helper()
	if n := strings.Count(doc, old); n != 1 {
		t.Fatalf("%q occurs %d times in the fixture, want once", old, n)
	}
	return strings.Replace(doc, old, new, 1)
}

// lineOf returns the 1-based line of the first occurrence of marker.
func lineOf(t testing.TB, doc, marker string) int {
	t.Helper()
	i := strings.Index(doc, marker)
	if i < 0 {
		t.Fatalf("marker %q not in the document", marker)
	}
	// A marker that starts with a newline names the line after it.
	return strings.Count(doc[:i+len(marker)-len(strings.TrimLeft(marker, "\n"))], "\n") + 1
}

// asError checks that err is an *Error and returns it.
func asError(t testing.TB, err error) *Error {
	t.Helper()
	if err == nil {
		t.Fatal("no error")
	}
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not an *Error", err, err)
	}
	return e
}

// resolveTo returns a resolver that gives s for any base.
func resolveTo(s *Scenario) func(string) (*Scenario, error) {
	return func(string) (*Scenario, error) { return s, nil }
}

func loadValid(t testing.TB) *Scenario {
	t.Helper()
	s, err := Load(validPath)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// errorAt returns the problem of err on line, or the first if none is
// there; err must be an *Error or an *Errors.
func errorAt(t testing.TB, err error, line int) *Error {
	t.Helper()
	first := asError(t, err)
	var list *Errors
	if errors.As(err, &list) {
		for _, e := range list.List {
			if e.Line == line {
				return e
			}
		}
	}
	return first
}
