package main

import (
	"bytes"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"clustersim/sim"
)

// fakeClock advances by step each time it is read.
type fakeClock struct {
	t    time.Time
	step time.Duration
}

func (c *fakeClock) now() time.Time { c.t = c.t.Add(c.step); return c.t }

func TestProgressBarFrames(t *testing.T) {
	for _, tc := range []struct {
		done, total int
		want        string
	}{
		{0, 396, "\ryongkang  1978-01 [                    ] 0%"},
		{1, 396, "\ryongkang  1978-01 [                    ] 0%"},
		{198, 396, "\ryongkang  1994-06 [=========>          ] 50%"},
		{206, 396, "\ryongkang  1995-02 [=========>          ] 52%"},
		{218, 396, "\ryongkang  1996-02 [==========>         ] 55%"},
		{395, 396, "\ryongkang  2010-11 [==================> ] 99%"},
		{396, 396, "\ryongkang  2010-12 [====================] 100%"},
	} {
		var buf bytes.Buffer
		p := newProgressBar(&buf, "yongkang", sim.NewMonth(1978, 1))
		p.Update(tc.done, tc.total)
		if got := buf.String(); got != tc.want {
			t.Errorf("Update(%d, %d) drew %q, want %q", tc.done, tc.total, got, tc.want)
		}
	}
}

func TestProgressBarThrottle(t *testing.T) {
	for _, tc := range []struct {
		name  string
		step  time.Duration // clock advance per update
		draws int           // frames drawn for 396 updates
	}{
		{"fast run: first and last month only", time.Microsecond, 2},
		{"every 50ms: every other month and the last", 50 * time.Millisecond, 199},
		{"slow run: every month", time.Second, 396},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			p := newProgressBar(&buf, "yongkang", sim.NewMonth(1978, 1))
			clock := &fakeClock{t: time.Unix(0, 0), step: tc.step}
			p.now = clock.now
			for done := 1; done <= 396; done++ {
				p.Update(done, 396)
			}
			p.Finish()
			out := buf.String()
			if got := strings.Count(out, "\r"); got != tc.draws {
				t.Errorf("drew %d frames, want %d", got, tc.draws)
			}
			if !strings.HasSuffix(out, "\ryongkang  2010-12 [====================] 100%\n") {
				t.Errorf("output does not end with the full bar and a newline: %q", out[max(0, len(out)-80):])
			}
		})
	}
}

func TestProgressBarFinishWithoutDrawing(t *testing.T) {
	var buf bytes.Buffer
	p := newProgressBar(&buf, "x", sim.NewMonth(1978, 1))
	p.Finish()
	p.Update(3, 0) // no total: nothing to draw
	p.Finish()
	if buf.Len() != 0 {
		t.Errorf("drew %q", buf.String())
	}
}

func TestIsTerminal(t *testing.T) {
	f, err := os.CreateTemp(t.TempDir(), "stderr")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	for name, out := range map[string]io.Writer{"file": f, "pipe": w, "buffer": &bytes.Buffer{}} {
		if isTerminal(out) {
			t.Errorf("a %s is taken for a terminal", name)
		}
	}
}
