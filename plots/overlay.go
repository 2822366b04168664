package plots

import (
	"errors"
	"fmt"
	"image/color"
	"os"
	"slices"

	"gonum.org/v1/plot/vg"

	"clustersim/seeds"
	"clustersim/sim"
	"clustersim/sim/spread"
)

// Overlay is what WriteOverlay draws: two ensembles of the same period —
// a baseline and a counterfactual — series by series, with the article's
// figures and the regime and event dates on which the two scenarios
// differ.
type Overlay struct {
	Title            string
	BaseName, CFName string
	Series           []string      // one panel each, in order
	Base, CF         []spread.Band // the ensembles' quantiles (sorted by series)
	Runs             int           // runs of each ensemble, for the band label
	Targets          []seeds.Target
	BaseRegimes      []sim.Regime
	CFRegimes        []sim.Regime
	BaseEvents       []sim.Event
	CFEvents         []sim.Event
}

// Colours of the two scenarios of an overlay.
var (
	overlayBase = palette[9]  // blue
	overlayCF   = palette[10] // rose
)

// WriteOverlay writes <stem>.png, .svg and .pdf into dir: a grid with one
// panel per series of in.Series that both ensembles hold, each drawing
// the baseline's and the counterfactual's median with their 5–95% bands
// and ranges, the article's figures of that series, and a line for every
// regime start or dated event that is not the same in both scenarios.
func WriteOverlay(dir, stem string, in Overlay) ([]string, error) {
	if len(in.Series) == 0 {
		return nil, errors.New("plots: an overlay needs series")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	ms := differingMarks(in)
	build := func() ([]*tile, error) {
		var out []*tile
		for _, name := range in.Series {
			b, okb := band(in.Base, name)
			c, okc := band(in.CF, name)
			if !okb || !okc {
				continue
			}
			t := &tile{plot: newPlot(label(name), "", false, gridStyle), legend: newLegend(gridStyle)}
			t.plot.Add(timelineMarks{marks: ms, size: gridStyle.note})
			for _, s := range []struct {
				b    *spread.Band
				name string
				col  color.NRGBA
			}{{b, in.BaseName, overlayBase}, {c, in.CFName, overlayCF}} {
				cd := curveData{xs: years(s.b.Years), ys: s.b.P50, band: s.b}
				if err := addCurve(t, cd, s.name, s.col, false, gridStyle); err != nil {
					return nil, err
				}
			}
			var ts []seeds.Target
			for _, tg := range in.Targets {
				if tg.Series == name {
					ts = append(ts, tg)
				}
			}
			if err := addTargets(t, ts, false, gridStyle); err != nil {
				return nil, err
			}
			fixRange(t.plot, false)
			out = append(out, t)
		}
		return out, nil
	}
	tiles, err := build()
	if err != nil {
		return nil, err
	}
	if len(tiles) == 0 {
		return nil, fmt.Errorf("plots: none of the overlay's series is in both ensembles")
	}
	header := fmt.Sprintf("%s: median and 5–95%% of %d runs each, paired by seed", in.Title, in.Runs)
	if in.Runs < 20 {
		header = fmt.Sprintf("%s: median and range of %d runs each, paired by seed", in.Title, in.Runs)
	}
	rows := (len(tiles) + gridCols - 1) / gridCols
	l := layout{w: gridCols * cellWidth, header: header, cols: gridCols, legendW: cellLegend, st: gridStyle, build: build}
	l.h = vg.Length(rows)*cellHeight + headerSpace(header)
	return writeLayout(dir, stem, l)
}

// band finds a series' quantiles.
func band(bs []spread.Band, name string) (*spread.Band, bool) {
	i := slices.IndexFunc(bs, func(b spread.Band) bool { return b.Series == name })
	if i < 0 {
		return nil, false
	}
	return &bs[i], true
}

// differingMarks are the lines an overlay draws: each regime start and
// each dated event of either scenario that the other does not have at the
// same date, labelled with the scenario it belongs to.
func differingMarks(in Overlay) []mark {
	var out []mark
	regime := func(rs, other []sim.Regime, who string) {
		for i := 1; i < len(rs); i++ {
			if !slices.ContainsFunc(other, func(o sim.Regime) bool { return o.Name == rs[i].Name && o.Start == rs[i].Start }) {
				out = append(out, mark{year: decimalYear(rs[i].Start), after: label(rs[i].Name) + " (" + who + ")"})
			}
		}
	}
	event := func(es, other []sim.Event, who string) {
		for _, e := range es {
			if !slices.ContainsFunc(other, func(o sim.Event) bool { return o.Kind == e.Kind && o.Date == e.Date }) {
				out = append(out, mark{year: decimalYear(e.Date), after: label(string(e.Kind)) + " (" + who + ")", event: true})
			}
		}
	}
	regime(in.BaseRegimes, in.CFRegimes, in.BaseName)
	regime(in.CFRegimes, in.BaseRegimes, in.CFName)
	event(in.BaseEvents, in.CFEvents, in.BaseName)
	event(in.CFEvents, in.BaseEvents, in.CFName)
	sortMarks(out)
	return out
}
