package plots

import (
	"image/color"
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"clustersim/seeds"
	"clustersim/sim/spread"
)

// style holds the sizes of one kind of figure.
type style struct {
	title, label, tick, legend, note vg.Length // font sizes
	line, glyph, thumb               vg.Length
}

var (
	figureStyle = style{title: 12, label: 10, tick: 9, legend: 9, note: 7, line: 1.5, glyph: 2.5, thumb: 18}
	gridStyle   = style{title: 11, label: 9, tick: 8, legend: 8, note: 7, line: 1.2, glyph: 2, thumb: 14}
)

// Colours: every series has a fixed colour (colourFor, colours.go); the
// article's figures are black.
var (
	articleColor = color.NRGBA{A: 0xff}
	markColor    = color.NRGBA{0x70, 0x70, 0x70, 0xff}
)

// Band alphas: the P05–P95 band and the lighter min–max band.
const (
	bandAlpha  = 0x50
	rangeAlpha = 0x22
)

// tile is one panel ready to draw: its plot and its legend.
type tile struct {
	plot   *plot.Plot
	legend plot.Legend
	labels []string // the legend's entries, to size its strip
}

// addLegend adds an entry to the tile's legend.
func (t *tile) addLegend(label string, thumbs ...plot.Thumbnailer) {
	t.legend.Add(label, thumbs...)
	t.labels = append(t.labels, label)
}

// legendWidth is the width the tile's legend needs: its thumbnails, a
// gap of an em (as plot.Legend draws them) and its longest label.
func (t *tile) legendWidth() vg.Length {
	var w vg.Length
	for _, l := range t.labels {
		w = max(w, t.legend.TextStyle.Width(l))
	}
	return t.legend.ThumbnailWidth + t.legend.TextStyle.Font.Size + w + t.legend.XOffs
}

// curveData is a drawn curve with its values and, if any, its band.
type curveData struct {
	Curve
	xs, ys []float64
	band   *spread.Band
}

// buildTile makes the plot of one panel, or nil if none of its series has a
// drawable value.
func buildTile(title string, p Panel, in Input, st style) (*tile, error) {
	curves := prepare(p, in)
	if len(curves) == 0 {
		return nil, nil
	}
	t := &tile{plot: newPlot(title, yLabel(p, in), p.Log, st), legend: newLegend(st)}
	t.plot.Add(timelineMarks{marks: marks(p, in), size: st.note})
	for _, c := range curves {
		label := c.Label
		if len(curves) == 1 && len(p.Families) == 0 {
			label = "model"
		}
		col := colourFor(c.Series)
		if err := addCurve(t, c, label, col, p.Log, st); err != nil {
			return nil, err
		}
	}
	if err := addTargets(t, p.Targets(in.Results, in.Targets), p.Log, st); err != nil {
		return nil, err
	}
	fixRange(t.plot, p.Log)
	return t, nil
}

func yLabel(p Panel, in Input) string {
	if p.divided(in.Results) && p.ShareYLabel != "" {
		return p.ShareYLabel
	}
	return p.YLabel
}

func newPlot(title, ylabel string, log bool, st style) *plot.Plot {
	pl := plot.New()
	pl.Title.Text = title
	pl.Title.TextStyle.Font = font.From(plot.DefaultFont, st.title)
	pl.Y.Label.Text = ylabel
	pl.Y.Label.TextStyle.Font = font.From(plot.DefaultFont, st.label)
	pl.X.Tick.Label.Font = font.From(plot.DefaultFont, st.tick)
	pl.Y.Tick.Label.Font = font.From(plot.DefaultFont, st.tick)
	pl.X.Tick.Marker = yearTicks{}
	pl.Y.Tick.Marker = plainTicks{}
	if log {
		pl.Y.Scale = plot.LogScale{}
		pl.Y.Tick.Marker = logTicks{}
	}
	return pl
}

func newLegend(st style) plot.Legend {
	l := plot.NewLegend()
	l.TextStyle.Font = font.From(plot.DefaultFont, st.legend)
	l.ThumbnailWidth = st.thumb
	l.Top, l.Left = true, true
	l.Padding = st.legend / 3
	return l
}

// prepare resolves the panel's curves to values, dropping curves without a
// drawable value.
func prepare(p Panel, in Input) []curveData {
	r := in.Results
	divided := p.divided(r)
	var den []float64
	if divided {
		s, _ := r.Lookup(p.ShareOf)
		den = s.Values
	}
	var out []curveData
	for _, c := range p.Drawn(r) {
		s, _ := r.Lookup(c.Series)
		cd := curveData{Curve: c, xs: years(r.Years), ys: s.Values}
		switch {
		case divided && p.inFamily(c.Series):
			cd.ys = ratio(s.Values, den)
		default:
			cd = withBand(cd, in.Bands)
		}
		if len(runs(cd.xs, cd.ys, p.Log)) > 0 {
			out = append(out, cd)
		}
	}
	return out
}

// withBand attaches the first band of the curve's series, drawing its P50
// as the line when it has one.
func withBand(cd curveData, bands []spread.Band) curveData {
	for i := range bands {
		b := &bands[i]
		if b.Series != cd.Series || len(b.Years) == 0 {
			continue
		}
		cd.band = b
		if len(b.P50) == len(b.Years) {
			cd.xs, cd.ys = years(b.Years), b.P50
		}
		return cd
	}
	return cd
}

func years(ys []int) []float64 {
	out := make([]float64, len(ys))
	for i, y := range ys {
		out[i] = float64(y)
	}
	return out
}

func ratio(num, den []float64) []float64 {
	out := make([]float64, len(num))
	for i := range num {
		out[i] = math.NaN()
		if i < len(den) && den[i] > 0 {
			out[i] = num[i] / den[i]
		}
	}
	return out
}

// valid reports whether v can be drawn on the axis.
func valid(v float64, log bool) bool {
	return !math.IsNaN(v) && !math.IsInf(v, 0) && (!log || v > 0)
}

// runs splits a series into its contiguous stretches of drawable values.
func runs(xs, ys []float64, log bool) []plotter.XYs {
	var out []plotter.XYs
	var cur plotter.XYs
	for i := 0; i < len(xs) && i < len(ys); i++ {
		if valid(ys[i], log) {
			cur = append(cur, plotter.XY{X: xs[i], Y: ys[i]})
			continue
		}
		if len(cur) > 0 {
			out, cur = append(out, cur), nil
		}
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

// addCurve draws a curve (its bands first) and adds its legend entry.
func addCurve(t *tile, c curveData, label string, col color.NRGBA, log bool, st style) error {
	var thumbs []plot.Thumbnailer
	if c.band != nil {
		th, err := addBand(t.plot, c.band, col, log)
		if err != nil {
			return err
		}
		thumbs = append(thumbs, th...)
	}
	ls := draw.LineStyle{Color: col, Width: st.line}
	for i, xys := range runs(c.xs, c.ys, log) {
		th, err := addRun(t.plot, xys, ls, st)
		if err != nil {
			return err
		}
		if i == 0 {
			thumbs = append(thumbs, th)
		}
	}
	t.addLegend(label, thumbs...)
	return nil
}

// addRun draws one stretch as a line, or as a dot when it is one point.
func addRun(pl *plot.Plot, xys plotter.XYs, ls draw.LineStyle, st style) (plot.Thumbnailer, error) {
	if len(xys) == 1 {
		s, err := plotter.NewScatter(xys)
		if err != nil {
			return nil, err
		}
		s.GlyphStyle = draw.GlyphStyle{Color: ls.Color, Radius: st.glyph * 0.6, Shape: draw.CircleGlyph{}}
		pl.Add(s)
		line, _ := plotter.NewLine(xys) // thumbnail only
		line.LineStyle = ls
		return line, nil
	}
	line, err := plotter.NewLine(xys)
	if err != nil {
		return nil, err
	}
	line.LineStyle = ls
	pl.Add(line)
	return line, nil
}

// addBand fills the min–max and P05–P95 bands of a curve.
func addBand(pl *plot.Plot, b *spread.Band, col color.NRGBA, log bool) ([]plot.Thumbnailer, error) {
	var thumbs []plot.Thumbnailer
	xs := years(b.Years)
	for _, q := range []struct {
		lo, hi []float64
		alpha  uint8
	}{{b.Min, b.Max, rangeAlpha}, {b.P05, b.P95, bandAlpha}} {
		if len(q.lo) != len(xs) || len(q.hi) != len(xs) {
			continue
		}
		fill := col
		fill.A = q.alpha
		for i, ring := range bandRings(xs, q.lo, q.hi, log) {
			poly, err := plotter.NewPolygon(ring)
			if err != nil {
				return nil, err
			}
			poly.Color = fill
			poly.LineStyle = draw.LineStyle{}
			pl.Add(poly)
			if i == 0 {
				thumbs = append(thumbs, poly)
			}
		}
	}
	return thumbs, nil
}

// bandRings returns one closed ring per contiguous stretch (two points or
// more) where both bounds are drawable: the upper bound forward, the lower
// bound back.
func bandRings(xs, lo, hi []float64, log bool) []plotter.XYs {
	var out []plotter.XYs
	start := -1
	for i := 0; i <= len(xs); i++ {
		if i < len(xs) && valid(lo[i], log) && valid(hi[i], log) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 && i-start > 1 {
			out = append(out, ring(xs[start:i], lo[start:i], hi[start:i]))
		}
		start = -1
	}
	return out
}

func ring(xs, lo, hi []float64) plotter.XYs {
	r := make(plotter.XYs, 0, 2*len(xs))
	for i := range xs {
		r = append(r, plotter.XY{X: xs[i], Y: hi[i]})
	}
	for i := len(xs) - 1; i >= 0; i-- {
		r = append(r, plotter.XY{X: xs[i], Y: lo[i]})
	}
	return r
}

// addTargets draws the article's figures as points with vertical bars from
// Low to High, each in the colour of the series it belongs to (colourFor),
// under one legend entry.
func addTargets(t *tile, ts []seeds.Target, log bool, st style) error {
	var legend plot.Thumbnailer
	for _, tg := range ts {
		y, lo, hi, ok := targetBar(tg, log)
		if !ok {
			continue
		}
		pts := plotter.XYs{{X: float64(tg.Year), Y: y}}
		bars, err := plotter.NewYErrorBars(errPoints{pts, plotter.YErrors{{Low: y - lo, High: hi - y}}})
		if err != nil {
			return err
		}
		col := colourFor(tg.Series)
		bars.LineStyle = draw.LineStyle{Color: articleColor, Width: vg.Points(1)}
		dots, err := plotter.NewScatter(pts)
		if err != nil {
			return err
		}
		dots.GlyphStyle = draw.GlyphStyle{Color: col, Radius: st.glyph, Shape: draw.CircleGlyph{}}
		ring, _ := plotter.NewScatter(pts)
		ring.GlyphStyle = draw.GlyphStyle{Color: articleColor, Radius: st.glyph, Shape: draw.RingGlyph{}}
		t.plot.Add(bars, dots, ring)
		if legend == nil {
			legend = ring
		}
	}
	if legend != nil {
		t.addLegend("article", legend)
	}
	return nil
}

// targetBar returns a target's point and bar, reporting false when the
// point cannot be drawn. A band of 0–0 means no band; on a log axis a lower
// bound <= 0 is dropped (the bar starts at the point).
func targetBar(tg seeds.Target, log bool) (y, lo, hi float64, ok bool) {
	y, lo, hi = tg.Observed, tg.Low, tg.High
	if lo == 0 && hi == 0 {
		lo, hi = y, y
	}
	lo, hi = math.Min(lo, y), math.Max(hi, y)
	if !valid(y, log) || !valid(hi, log) || math.IsNaN(lo) || math.IsInf(lo, 0) {
		return 0, 0, 0, false
	}
	if log && lo <= 0 {
		lo = y
	}
	return y, lo, hi, true
}

// errPoints joins points and their errors for plotter.NewYErrorBars.
type errPoints struct {
	plotter.XYs
	plotter.YErrors
}

// fixRange makes the y range drawable: positive and non-degenerate on a
// log axis, starting at zero for non-negative linear data.
func fixRange(pl *plot.Plot, log bool) {
	if log {
		if pl.Y.Min == pl.Y.Max {
			pl.Y.Min, pl.Y.Max = pl.Y.Min/2, pl.Y.Max*2
		}
		return
	}
	if pl.Y.Min > 0 {
		pl.Y.Min = 0
	}
}

// timelineMarks draws the marks of a panel that fall in its x range (see
// visible) as thin vertical lines, dashed for a regime and dotted for an
// event, each with a tiny rotated label either side. It has no data range.
type timelineMarks struct {
	marks []mark
	size  vg.Length
}

func (m timelineMarks) Plot(c draw.Canvas, p *plot.Plot) {
	trX, _ := p.Transforms(&c)
	for _, mk := range visible(m.marks, p.X.Min, p.X.Max) {
		ls := draw.LineStyle{Color: markColor, Width: vg.Points(0.6), Dashes: []vg.Length{vg.Points(3), vg.Points(2)}}
		if mk.event {
			ls.Dashes = []vg.Length{vg.Points(1), vg.Points(1.5)}
		}
		x := trX(mk.year)
		c.StrokeLine2(ls, x, c.Min.Y, x, c.Max.Y)
		m.label(c, x-vg.Points(1.5), mk.before, draw.YBottom)
		m.label(c, x+vg.Points(1.5), mk.after, draw.YTop)
	}
}

// label writes txt upwards along the line, ending near the top of the data
// area; yalign puts it left (YBottom) or right (YTop) of x.
func (m timelineMarks) label(c draw.Canvas, x vg.Length, txt string, yalign text.YAlignment) {
	sty := text.Style{
		Color:    markColor,
		Font:     font.From(plot.DefaultFont, m.size),
		Rotation: math.Pi / 2,
		XAlign:   draw.XRight,
		YAlign:   yalign,
		Handler:  plot.DefaultTextHandler,
	}
	c.FillText(sty, vg.Point{X: x, Y: c.Max.Y - vg.Points(2)}, txt)
}

// yearTicks labels every tenth year and marks every fifth; in spans of a
// dozen years or less it labels every second year and marks every year.
type yearTicks struct{}

func (yearTicks) Ticks(min, max float64) []plot.Tick {
	major, minor := 10, 5
	if max-min <= 12 {
		major, minor = 2, 1
	}
	var ts []plot.Tick
	for y := int(math.Ceil(min)); float64(y) <= max; y++ {
		switch {
		case y%major == 0:
			ts = append(ts, plot.Tick{Value: float64(y), Label: strconv.Itoa(y)})
		case y%minor == 0:
			ts = append(ts, plot.Tick{Value: float64(y)})
		}
	}
	return ts
}

// plainTicks is plot.DefaultTicks with labels in their shortest form
// ("250", not "250.00").
type plainTicks struct{}

func (plainTicks) Ticks(min, max float64) []plot.Tick {
	ts := plot.DefaultTicks{}.Ticks(min, max)
	for i := range ts {
		if ts[i].Label != "" {
			ts[i].Label = number(ts[i].Value)
		}
	}
	return ts
}

// number formats v in plain decimal notation, rounded to ten significant
// digits to hide floating-point noise, with thousands separators from
// 10,000 on.
func number(v float64) string {
	r, err := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 10, 64), 64)
	if err != nil {
		r = v
	}
	s := strconv.FormatFloat(r, 'f', -1, 64)
	if math.Abs(r) < 10000 {
		return s
	}
	whole, frac, ok := strings.Cut(s, ".")
	if ok {
		frac = "." + frac
	}
	return seeds.GroupThousands(whole) + frac
}

// logTicks is plot.LogTicks with plain number labels, labelling 1-2-5
// steps when fewer than two powers of ten fall in the range. It returns no
// ticks for a range that is not positive.
type logTicks struct{}

func (logTicks) Ticks(min, max float64) []plot.Tick {
	if !(min > 0) || !(max > 0) {
		return nil
	}
	var ts []plot.Tick
	labelled := 0
	for _, t := range (plot.LogTicks{Prec: -1}).Ticks(min, max) {
		if t.Label == "" && len(ts) > 0 && ts[len(ts)-1].Value == t.Value {
			continue // LogTicks repeats each power of ten unlabelled
		}
		if t.Label != "" && t.Value >= min && t.Value <= max {
			labelled++
		}
		ts = append(ts, t)
	}
	for i := range ts {
		ts[i].Label = ""
		if leading(ts[i].Value) || (labelled < 2 && leading(ts[i].Value, 2, 5)) {
			ts[i].Label = number(ts[i].Value)
		}
	}
	return ts
}

// leading reports whether v is d×10^k for d = 1 or one of ds.
func leading(v float64, ds ...int) bool {
	e := math.Floor(math.Log10(v) + 1e-9)
	d := v / math.Pow(10, e)
	if math.Abs(d-1) < 1e-6 {
		return true
	}
	for _, x := range ds {
		if math.Abs(d-float64(x)) < 1e-6 {
			return true
		}
	}
	return false
}
