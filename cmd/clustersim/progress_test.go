package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestProgressLabel(t *testing.T) {
	const months = 396 // 1978-01 to 2010-12
	for _, tc := range []struct {
		done, runs int
		want       string
	}{
		{0, 1, "yongkang run 1 of 1"},
		{200, 1, "yongkang run 1 of 1"},
		{months, 1, "yongkang run 1 of 1"},
		{0, 4, "yongkang run 1 of 4"},
		{months - 1, 4, "yongkang run 1 of 4"},
		{months, 4, "yongkang run 2 of 4"},
		{2*months + 5, 4, "yongkang run 3 of 4"},
		{4*months - 1, 4, "yongkang run 4 of 4"},
		{4 * months, 4, "yongkang run 4 of 4"},
	} {
		if got := progressLabel("yongkang", tc.done, tc.runs*months, tc.runs); got != tc.want {
			t.Errorf("progressLabel(%d of %d runs) = %q, want %q", tc.done, tc.runs, got, tc.want)
		}
	}
}

// TestProgressBarEnsemble draws the bar of --runs 4 part way: it names the
// run under way, shows the share done and the time left, and no date (it
// used to show the months of all runs as one run, past 2100).
func TestProgressBarEnsemble(t *testing.T) {
	var buf bytes.Buffer
	p := newProgress(&buf, "yongkang", 4)
	p.interval = 0
	total := 4 * 396
	for done := 1; done <= 2*396+5; done++ {
		p.Update(done, total)
	}
	out := buf.String()
	last := out[strings.LastIndex(out, "yongkang"):]
	if !regexp.MustCompile(`^yongkang run 3 of 4 +50% \[=+>\.+\] +\[\d+s:\d+s\]`).MatchString(last) {
		t.Errorf("last frame = %q, want run 3 of 4, 50%%, a bar and [elapsed:left]", last)
	}
	if regexp.MustCompile(`\b(19|20|21|22)\d\d-\d\d\b`).MatchString(out) {
		t.Errorf("the bar shows a date: %q", last)
	}
	p.Update(total, total)
	p.Finish()
	if out := buf.String(); !strings.Contains(out, "100%") || !strings.HasSuffix(out, "\n") {
		t.Errorf("the finished bar does not end at 100%% and a newline: %q", out[max(0, len(out)-100):])
	}
}

func TestProgressFinishWithoutDrawing(t *testing.T) {
	var buf bytes.Buffer
	p := newProgress(&buf, "x", 1)
	p.Finish()
	p.Update(3, 0) // no total: nothing to draw
	p.Finish()
	if buf.Len() != 0 {
		t.Errorf("drew %q", buf.String())
	}
}

// TestIsTerminal: files, pipes and /dev/null (a character device, which
// the check of the file mode used to take for a terminal) are not.
func TestIsTerminal(t *testing.T) {
	f, err := os.CreateTemp(t.TempDir(), "stderr")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer null.Close()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	for name, out := range map[string]io.Writer{"file": f, "pipe": w, "/dev/null": null, "buffer": &bytes.Buffer{}} {
		if isTerminal(out) {
			t.Errorf("a %s is taken for a terminal", name)
		}
	}
}

// TestRunDrawsNoBarOnAPipe runs the command with stderr a pipe and reads
// it: nothing is drawn.
func TestRunDrawsNoBarOnAPipe(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var stdout bytes.Buffer
	code := execute(context.Background(), []string{"run", "--out", filepath.Join(t.TempDir(), "out"), "--scale", "0.005"}, &stdout, w)
	w.Close()
	drawn, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	if code != exitOK || len(drawn) != 0 || !strings.Contains(stdout.String(), "within band") {
		t.Errorf("exit %d, stderr %q, stdout %.100q", code, drawn, stdout.String())
	}
}
