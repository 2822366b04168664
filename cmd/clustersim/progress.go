package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// progress draws the progress of a job on one line of a terminal, redrawn
// in place (by github.com/schollz/progressbar), with the time spent and
// the time left:
//
//	yongkang run 2 of 4  45% [========>...........]  [1s:2s]
//
// The months of every run of an ensemble are counted together; run k is
// the one under way had the runs been simulated one after another.
type progress struct {
	w        io.Writer
	name     string
	runs     int
	interval time.Duration // the least time between two redraws

	bar   *progressbar.ProgressBar // made at the first update, when the total is known
	label string
}

func newProgress(w io.Writer, name string, runs int) *progress {
	return &progress{w: w, name: name, runs: max(runs, 1), interval: 100 * time.Millisecond}
}

// progressLabel names the run under way when done of total months, over
// runs runs of equal length, are simulated: "yongkang run 2 of 4".
func progressLabel(name string, done, total, runs int) string {
	runs = max(runs, 1)
	k := runs
	if months := total / runs; months > 0 {
		k = min(max(done, 0)/months+1, runs)
	}
	return fmt.Sprintf("%s run %d of %d", name, k, runs)
}

// Update is a sim.Options.Progress function: done of total months are
// simulated.
func (p *progress) Update(done, total int) {
	if total <= 0 {
		return
	}
	if p.bar == nil {
		p.bar = progressbar.NewOptions(total,
			progressbar.OptionSetWriter(p.w),
			progressbar.OptionSetTheme(progressbar.ThemeASCII),
			progressbar.OptionSetWidth(20),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionThrottle(p.interval),
		)
	}
	if label := progressLabel(p.name, done, total, p.runs); label != p.label {
		p.label = label
		p.bar.Describe(label)
	}
	p.bar.Set(min(max(done, 0), total)) // a bar that cannot be drawn is no reason to stop
}

// Finish ends the bar's line, if it drew one.
func (p *progress) Finish() {
	if p.bar != nil {
		p.bar.Finish()
		io.WriteString(p.w, "\n")
		p.bar = nil
	}
}

// isTerminal reports whether w is a terminal, where a progress bar makes
// sense; it is false for files, pipes and /dev/null.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
