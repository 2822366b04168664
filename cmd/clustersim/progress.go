package main

import (
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"clustersim/sim"
)

// progressBar draws one line on a terminal, redrawn in place:
//
//	yongkang  1994-06 [=========>          ] 52%
//
// It redraws at most once per interval, and always at the last month.
type progressBar struct {
	w        io.Writer
	label    string
	start    sim.Month // the first simulated month
	width    int       // characters between the brackets
	interval time.Duration
	now      func() time.Time

	last  time.Time // the last redraw
	drawn bool
	buf   []byte
}

func newProgressBar(w io.Writer, label string, start sim.Month) *progressBar {
	return &progressBar{w: w, label: label, start: start, width: 20, interval: 100 * time.Millisecond, now: time.Now}
}

// Update is a sim.Options.Progress function: done of total months are
// simulated.
func (p *progressBar) Update(done, total int) {
	if total <= 0 {
		return
	}
	now := p.now()
	if p.drawn && done < total && now.Sub(p.last) < p.interval {
		return
	}
	p.last, p.drawn = now, true
	done = min(max(done, 0), total)
	b := append(p.buf[:0], '\r')
	b = append(b, p.label...)
	b = append(b, "  "...)
	b = append(b, (p.start + sim.Month(max(done-1, 0))).String()...)
	b = append(b, " ["...)
	filled := done * p.width / total
	switch {
	case filled >= p.width:
		b = append(b, strings.Repeat("=", p.width)...)
	case filled > 0:
		b = append(b, strings.Repeat("=", filled-1)...)
		b = append(b, '>')
		fallthrough
	default:
		b = append(b, strings.Repeat(" ", p.width-filled)...)
	}
	b = append(b, "] "...)
	b = strconv.AppendInt(b, int64(done*100/total), 10)
	b = append(b, '%')
	p.buf = b
	p.w.Write(b) // a progress bar that cannot be drawn is no reason to stop
}

// Finish ends the bar's line, if it drew one.
func (p *progressBar) Finish() {
	if p.drawn {
		io.WriteString(p.w, "\n")
		p.drawn = false
	}
}

// isTerminal reports whether w is a terminal (a character device), where a
// progress bar makes sense; it is false for files and pipes.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
