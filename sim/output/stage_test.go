package output

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// entries lists the names in dir, sorted.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

func write(t *testing.T, dir, name, text string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestStageCommit(t *testing.T) {
	for _, tc := range []struct {
		name     string
		existing func(t *testing.T, final string) // what is at parent/name before
	}{
		{"new", func(*testing.T, string) {}},
		{"replace a directory", func(t *testing.T, final string) {
			if err := os.MkdirAll(filepath.Join(final, "figures"), 0o755); err != nil {
				t.Fatal(err)
			}
			write(t, final, "series.csv", "old")
			write(t, final, "stale.csv", "old")
			write(t, filepath.Join(final, "figures"), "a.png", "old")
		}},
		{"replace an empty directory", func(t *testing.T, final string) {
			if err := os.Mkdir(final, 0o755); err != nil {
				t.Fatal(err)
			}
		}},
		{"replace a file", func(t *testing.T, final string) { write(t, filepath.Dir(final), filepath.Base(final), "old") }},
	} {
		for _, mode := range commitModes {
			t.Run(mode.name+"/"+tc.name, func(t *testing.T) {
				mode.set(t)
				parent := t.TempDir()
				final := filepath.Join(parent, "yongkang")
				tc.existing(t, final)
				before, _ := os.ReadDir(parent)

				st, err := Stage(parent, "yongkang")
				if err != nil {
					t.Fatal(err)
				}
				if filepath.Dir(st.Dir()) != parent || st.Path() != final {
					t.Errorf("Dir() = %s, Path() = %s", st.Dir(), st.Path())
				}
				write(t, st.Dir(), "series.csv", "new")
				// Before Commit, parent/name is as it was, beside the staging
				// directory and the lock.
				if got, _ := os.ReadDir(parent); len(got) != len(before)+2 {
					t.Errorf("before Commit the parent holds %v", entries(t, parent))
				}
				if got := read(t, filepath.Join(parent, ".yongkang.lock")); got != strconv.Itoa(os.Getpid())+"\n" {
					t.Errorf("the lock file holds %q, want the pid", got)
				}
				if err := st.Commit(); err != nil {
					t.Fatal(err)
				}
				if got := entries(t, parent); !slices.Equal(got, []string{"yongkang"}) {
					t.Errorf("after Commit the parent holds %v, want only yongkang", got)
				}
				if got := entries(t, final); !slices.Equal(got, []string{"series.csv"}) {
					t.Errorf("after Commit %s holds %v, want only series.csv", final, got)
				}
				if got := read(t, filepath.Join(final, "series.csv")); got != "new" {
					t.Errorf("series.csv = %q", got)
				}
				if fi, err := os.Stat(final); err != nil || fi.Mode().Perm() != 0o755 {
					t.Errorf("mode of the committed directory = %v, %v; want 0755", fi.Mode(), err)
				}
				// Abort after Commit does nothing; a second Commit fails.
				if err := st.Abort(); err != nil {
					t.Error(err)
				}
				if _, err := os.Stat(filepath.Join(final, "series.csv")); err != nil {
					t.Errorf("Abort after Commit removed the output: %v", err)
				}
				if err := st.Commit(); err == nil {
					t.Error("a second Commit succeeded")
				}
			})
		}
	}
}

// commitModes are the two ways Commit replaces an output: by exchanging
// the names (Linux), and the fallback of two renames.
var commitModes = []struct {
	name string
	set  func(t *testing.T)
}{
	{"exchange", func(*testing.T) {}},
	{"renames", withoutExchange},
}

// withoutExchange makes Commit fall back to two renames for the test.
func withoutExchange(t *testing.T) {
	exchangeNames = func(string, string) error { return errNoExchange }
	t.Cleanup(func() { exchangeNames = exchange })
}

func TestStageAbort(t *testing.T) {
	for _, tc := range []struct {
		name   string
		parent func(root string) string
		setup  func(t *testing.T, parent string)
		want   []string // entries of root after Abort
	}{
		{"existing parent keeps its contents", func(root string) string { return root },
			func(t *testing.T, parent string) {
				if err := os.Mkdir(filepath.Join(parent, "yongkang"), 0o755); err != nil {
					t.Fatal(err)
				}
				write(t, filepath.Join(parent, "yongkang"), "series.csv", "old")
				write(t, parent, "other", "x")
			}, []string{"other", "yongkang"}},
		{"created parent is removed", func(root string) string { return filepath.Join(root, "out", "deeper") },
			func(*testing.T, string) {}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			parent := tc.parent(root)
			if parent == root {
				tc.setup(t, parent)
			}
			st, err := Stage(parent, "yongkang")
			if err != nil {
				t.Fatal(err)
			}
			if err := os.Mkdir(filepath.Join(st.Dir(), "figures"), 0o755); err != nil {
				t.Fatal(err)
			}
			write(t, st.Dir(), "half.csv", "half written")
			write(t, filepath.Join(st.Dir(), "figures"), "a.png", "x")
			if err := st.Abort(); err != nil {
				t.Fatal(err)
			}
			if got := entries(t, root); !slices.Equal(got, tc.want) {
				t.Errorf("after Abort %s holds %v, want %v", root, got, tc.want)
			}
			if parent == root {
				if got := read(t, filepath.Join(root, "yongkang", "series.csv")); got != "old" {
					t.Errorf("Abort touched the previous output: %q", got)
				}
			}
			if err := st.Abort(); err != nil {
				t.Errorf("second Abort: %v", err)
			}
			if err := st.Commit(); err == nil {
				t.Error("Commit after Abort succeeded")
			}
		})
	}
}

func TestStageBadName(t *testing.T) {
	parent := t.TempDir()
	for _, name := range []string{"", ".", "..", "a/b", `a\b`, "../x"} {
		if st, err := Stage(parent, name); err == nil {
			st.Abort()
			t.Errorf("Stage(%q) succeeded", name)
		}
	}
	if got := entries(t, parent); len(got) != 0 {
		t.Errorf("bad names left %v", got)
	}
}

func TestStageParentIsFile(t *testing.T) {
	root := t.TempDir()
	write(t, root, "out", "a file")
	if _, err := Stage(filepath.Join(root, "out"), "x"); err == nil {
		t.Error("Stage under a file succeeded")
	}
}

// TestCommitAtomic watches parent/name from another goroutine while runs
// are committed over one another: once the first is in place parent/name
// is never missing, whenever the observer can read both files of a run
// they are from the same run, complete, and runs never go backwards.
func TestCommitAtomic(t *testing.T) {
	parent := t.TempDir()
	var committed atomic.Bool // the first run is in place
	final := filepath.Join(parent, "run")
	const runs = 20
	payload := func(i int) string { return strconv.Itoa(i) + "|" + strings.Repeat("x", 64<<10) }

	stop := make(chan struct{})
	var wg sync.WaitGroup
	var problems []string
	missing := 0 // times parent/name was missing after the first commit
	wg.Go(func() {
		last := -1
		for {
			select {
			case <-stop:
				return
			default:
			}
			after := committed.Load()
			root, err := os.OpenRoot(final) // follows the directory, not the name
			if err != nil {
				if after && errors.Is(err, fs.ErrNotExist) {
					missing++
				}
				continue
			}
			a, errA := root.ReadFile("a")
			b, errB := root.ReadFile("b")
			names, _ := fs.ReadDir(root.FS(), ".")
			root.Close()
			for _, n := range names {
				if n.Name() != "a" && n.Name() != "b" {
					problems = append(problems, "saw "+n.Name())
				}
			}
			if errA != nil || errB != nil { // the previous run being removed
				continue
			}
			head, _, _ := strings.Cut(string(a), "|")
			i, err := strconv.Atoi(head)
			if err != nil || string(a) != payload(i) || string(b) != payload(i) {
				problems = append(problems, "files of different or incomplete runs")
				continue
			}
			if i < last {
				problems = append(problems, "went back from run "+strconv.Itoa(last)+" to "+strconv.Itoa(i))
			}
			last = i
		}
	})
	for i := range runs {
		st, err := Stage(parent, "run")
		if err != nil {
			t.Fatal(err)
		}
		write(t, st.Dir(), "a", payload(i))
		write(t, st.Dir(), "partial", "x")
		write(t, st.Dir(), "b", payload(i))
		if err := os.Remove(filepath.Join(st.Dir(), "partial")); err != nil {
			t.Fatal(err)
		}
		if err := st.Commit(); err != nil {
			t.Fatal(err)
		}
		committed.Store(true)
	}
	close(stop)
	wg.Wait()
	for _, p := range problems {
		t.Error(p)
	}
	if missing > 0 {
		t.Errorf("%s was missing %d times while an output replaced another", final, missing)
	}
	if got := entries(t, parent); !slices.Equal(got, []string{"run"}) {
		t.Errorf("parent holds %v, want only run", got)
	}
	if _, err := os.Stat(final); errors.Is(err, fs.ErrNotExist) {
		t.Error("the last run is missing")
	}
}
