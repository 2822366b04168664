package output

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestStageBusy: while a Staging holds parent/name, a second Stage of the
// same output is refused with an error naming the holder's pid; another
// output of the same parent is not held up; once the first commits, the
// output can be staged again.
func TestStageBusy(t *testing.T) {
	parent := t.TempDir()
	first, err := Stage(parent, "yongkang")
	if err != nil {
		t.Fatal(err)
	}
	defer first.Abort()
	second, err := Stage(parent, "yongkang")
	var busy *BusyError
	if !errors.As(err, &busy) {
		second.Abort()
		t.Fatalf("second Stage: %v, want a *BusyError", err)
	}
	if busy.PID != os.Getpid() || !strings.Contains(err.Error(), "process "+strconv.Itoa(os.Getpid())) ||
		!strings.Contains(err.Error(), filepath.Join(parent, "yongkang")) {
		t.Errorf("second Stage: %v (pid %d), want the holder's pid %d and the output", err, busy.PID, os.Getpid())
	}
	other, err := Stage(parent, "no_estates")
	if err != nil {
		t.Fatalf("another output of the same parent: %v", err)
	}
	other.Abort()

	write(t, first.Dir(), "series.csv", "first")
	if err := first.Commit(); err != nil {
		t.Fatal(err)
	}
	again, err := Stage(parent, "yongkang")
	if err != nil {
		t.Fatalf("Stage after Commit: %v", err)
	}
	again.Abort()
	if got := entries(t, parent); !slices.Equal(got, []string{"yongkang"}) {
		t.Errorf("parent holds %v, want only yongkang", got)
	}
}

// TestConcurrentWriters stages and commits one output from many
// goroutines at once: each either commits or is refused with a
// *BusyError (nothing fails otherwise, nothing is lost silently), the
// output is that of the last commit, and nothing else is left.
func TestConcurrentWriters(t *testing.T) {
	parent := t.TempDir()
	const writers = 16
	var (
		mu   sync.Mutex
		last = -1 // the last writer that committed
		done int
		wg   sync.WaitGroup
	)
	start := make(chan struct{})
	for i := range writers {
		wg.Go(func() {
			<-start
			st, err := Stage(parent, "run")
			var busy *BusyError
			if errors.As(err, &busy) {
				return
			} else if err != nil {
				t.Errorf("writer %d: %v", i, err)
				return
			}
			defer st.Abort()
			if err := os.WriteFile(filepath.Join(st.Dir(), "a"), []byte(strconv.Itoa(i)), 0o644); err != nil {
				t.Error(err)
				return
			}
			mu.Lock() // a commit and its record go together
			defer mu.Unlock()
			if err := st.Commit(); err != nil {
				t.Errorf("writer %d: %v", i, err)
				return
			}
			last = i
			done++
		})
	}
	close(start)
	wg.Wait()
	if done == 0 {
		t.Fatal("no writer committed")
	}
	if got := read(t, filepath.Join(parent, "run", "a")); got != strconv.Itoa(last) {
		t.Errorf("the output is writer %s's, want the last committed, %d's", got, last)
	}
	if got := entries(t, parent); !slices.Equal(got, []string{"run"}) {
		t.Errorf("parent holds %v, want only run", got)
	}
}

// childEnv makes the test binary a child that stages an output, writes
// into it, reports its staging directory and waits to be killed.
const childEnv = "CLUSTERSIM_TEST_STAGE_CHILD"

// TestStageAfterKill kills (SIGKILL on Unix) a process that has staged and
// half written an output: while it lives a second writer is refused with
// its pid; once it is dead the next Stage takes over its lock and removes
// its staging directory, and the previous output was never touched.
func TestStageAfterKill(t *testing.T) {
	if parent := os.Getenv(childEnv); parent != "" {
		st, err := Stage(parent, "yongkang")
		if err != nil {
			fmt.Println("error:", err)
			os.Exit(1)
		}
		if err := os.WriteFile(filepath.Join(st.Dir(), "series.csv"), []byte("half"), 0o644); err != nil {
			fmt.Println("error:", err)
			os.Exit(1)
		}
		fmt.Println(st.Dir())
		time.Sleep(time.Minute) // until killed
		os.Exit(1)
	}

	parent := t.TempDir()
	final := filepath.Join(parent, "yongkang")
	if err := os.Mkdir(final, 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, final, "series.csv", "old")

	child := exec.Command(os.Args[0], "-test.run=^TestStageAfterKill$")
	child.Env = append(os.Environ(), childEnv+"="+parent)
	out, err := child.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	defer child.Process.Kill()
	line, err := bufio.NewReader(out).ReadString('\n')
	staging := strings.TrimSpace(line)
	if err != nil || filepath.Dir(staging) != parent {
		t.Fatalf("the child said %q (%v)", line, err)
	}

	_, err = Stage(parent, "yongkang")
	var busy *BusyError
	if !errors.As(err, &busy) || busy.PID != child.Process.Pid {
		t.Fatalf("Stage while the child holds the output: %v, want a *BusyError with pid %d", err, child.Process.Pid)
	}

	if err := child.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	child.Wait()
	if _, err := os.Stat(staging); err != nil {
		t.Fatalf("the killed child's staging directory is not there to clean: %v", err)
	}
	if got := read(t, filepath.Join(final, "series.csv")); got != "old" {
		t.Errorf("the previous output was touched: %q", got)
	}

	st, err := Stage(parent, "yongkang")
	if err != nil {
		t.Fatalf("Stage after the writer was killed: %v", err)
	}
	if _, err := os.Stat(staging); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the killed child's staging directory %s is still there (%v)", staging, err)
	}
	write(t, st.Dir(), "series.csv", "new")
	if err := st.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := entries(t, parent); !slices.Equal(got, []string{"yongkang"}) {
		t.Errorf("parent holds %v, want only yongkang", got)
	}
	if got := read(t, filepath.Join(final, "series.csv")); got != "new" {
		t.Errorf("series.csv = %q, want new", got)
	}
}

// deadPID returns the pid of a process that has exited.
func deadPID(t *testing.T) int {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	return cmd.Process.Pid
}

// TestStageRemovesDebris: Stage removes the staging directories of dead
// processes and of its own pid, keeps those of live processes and
// everything else, and puts back an old output that a writer killed
// between its two renames had moved aside.
func TestStageRemovesDebris(t *testing.T) {
	parent := t.TempDir()
	dead, live, self := deadPID(t), os.Getppid(), os.Getpid()
	mkdir := func(name string) string {
		t.Helper()
		path := filepath.Join(parent, name)
		if err := os.MkdirAll(path, 0o755); err != nil {
			t.Fatal(err)
		}
		write(t, path, "series.csv", name)
		return path
	}
	mkdir(fmt.Sprintf(".yongkang.tmp-%d-1", dead))
	mkdir(fmt.Sprintf(".yongkang.tmp-%d-2", self))
	mkdir(fmt.Sprintf(".yongkang.old-%d-3/yongkang", dead)) // the output, moved aside
	keep := []string{
		fmt.Sprintf(".yongkang.tmp-%d-4", live),   // a live writer's
		fmt.Sprintf(".no_estates.tmp-%d-5", dead), // another output's
		".yongkang.tmp-6",                         // not named by this package
		"notes",
	}
	for _, name := range keep {
		mkdir(name)
	}

	st, err := Stage(parent, "yongkang")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Abort()
	var got []string
	for _, name := range entries(t, parent) {
		if filepath.Join(parent, name) != st.Dir() && name != ".yongkang.lock" {
			got = append(got, name)
		}
	}
	want := append(slices.Clone(keep), "yongkang")
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("after Stage the parent holds %v, want %v", got, want)
	}
	if got := read(t, filepath.Join(parent, "yongkang", "series.csv")); got != fmt.Sprintf(".yongkang.old-%d-3/yongkang", dead) {
		t.Errorf("the output put back holds %q", got)
	}
}

// TestLockWithoutFlock tests the lock where there is no flock: the lock
// file is created exclusively; one whose pid is dead, or this process's
// own, is taken over; one of a live process, or just created without its
// pid yet, is held.
func TestLockWithoutFlock(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, ".out.lock")
	for _, tc := range []struct {
		name    string
		content string // of the lock file before; "-" for none
		busy    bool
	}{
		{"no lock file", "-", false},
		{"dead holder", strconv.Itoa(deadPID(t)) + "\n", false},
		{"own pid", strconv.Itoa(os.Getpid()) + "\n", false},
		{"live holder", strconv.Itoa(os.Getppid()) + "\n", true},
		{"pid not written yet", "", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			os.Remove(path)
			if tc.content != "-" {
				write(t, dir, filepath.Base(path), tc.content)
			}
			f, err := acquireExclusive(path)
			var busy *BusyError
			switch {
			case tc.busy && (!errors.As(err, &busy) || busy.PID != atoiOr0(tc.content)):
				t.Errorf("got %v, want a *BusyError with pid %q", err, tc.content)
			case !tc.busy && err != nil:
				t.Errorf("got %v, want the lock", err)
			case !tc.busy:
				if got := read(t, path); got != strconv.Itoa(os.Getpid())+"\n" {
					t.Errorf("the lock file holds %q, want this pid", got)
				}
				l := &Lock{path: path, f: f}
				if err := l.Unlock(); err != nil {
					t.Error(err)
				}
				if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
					t.Errorf("Unlock left the lock file: %v", err)
				}
			}
		})
	}
}

func atoiOr0(s string) int {
	n, _ := strconv.Atoi(strings.TrimSpace(s))
	return n
}

// TestLockDir: the lock of a directory written in place is a sibling lock
// file with the pid, released by Unlock; a second LockDir is refused.
func TestLockDir(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "calibration")
	l, err := LockDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(root, ".calibration.lock")); got != strconv.Itoa(os.Getpid())+"\n" {
		t.Errorf("lock file holds %q", got)
	}
	if _, err := LockDir(dir + "/"); err == nil || !strings.Contains(err.Error(), "process "+strconv.Itoa(os.Getpid())) {
		t.Errorf("second LockDir: %v, want refused naming this process", err)
	}
	if err := l.Unlock(); err != nil {
		t.Fatal(err)
	}
	if got := entries(t, root); len(got) != 0 {
		t.Errorf("after Unlock %s holds %v", root, got)
	}
	if err := l.Unlock(); err != nil {
		t.Errorf("second Unlock: %v", err)
	}
}
