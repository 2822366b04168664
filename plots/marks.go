package plots

import (
	"slices"
	"strings"

	"clustersim/sim"
)

// mark is a dated vertical line on a panel, with a label either side.
type mark struct {
	year          float64 // a decimal year: 1992.0 is January 1992
	before, after string  // labels left and right of the line
	event         bool    // an event's line (dotted); else a regime's (dashed)
}

// marks returns the lines a panel draws from the scenario's timeline, in
// date order: the start of each regime after the first (in.Regimes),
// labelled with the regime before and the regime after, and the dated
// events of the kinds the panel names (Panel.Events), labelled with their
// kind.
func marks(p Panel, in Input) []mark {
	var out []mark
	for i := 1; i < len(in.Regimes); i++ {
		out = append(out, mark{
			year:   decimalYear(in.Regimes[i].Start),
			before: label(in.Regimes[i-1].Name),
			after:  label(in.Regimes[i].Name),
		})
	}
	for _, e := range in.Events {
		if slices.Contains(p.Events, e.Kind) {
			out = append(out, mark{year: decimalYear(e.Date), after: label(string(e.Kind)), event: true})
		}
	}
	sortMarks(out)
	return out
}

// sortMarks puts marks in date order, keeping the order of marks of the
// same date.
func sortMarks(ms []mark) {
	slices.SortStableFunc(ms, func(a, b mark) int {
		switch {
		case a.year < b.year:
			return -1
		case a.year > b.year:
			return 1
		}
		return 0
	})
}

// visible returns the marks within [min, max]. A regime's line keeps its
// "before" label only when no earlier regime line is shown, which already
// names that regime on its right.
func visible(ms []mark, min, max float64) []mark {
	var out []mark
	regimeShown := false
	for _, m := range ms {
		if m.year < min || m.year > max {
			continue
		}
		if !m.event {
			if regimeShown {
				m.before = ""
			}
			regimeShown = true
		}
		out = append(out, m)
	}
	return out
}

// decimalYear places a month on the year axis, where a year's value is
// drawn at the year itself.
func decimalYear(m sim.Month) float64 {
	return float64(m.Year()) + float64(m.MonthOfYear()-1)/12
}

// label is a name of the scenario file as a figure writes it.
func label(name string) string { return strings.ReplaceAll(name, "_", " ") }
