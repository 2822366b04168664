package plots

import (
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Figure sizes. A topic figure stacks its panels in one column, each with
// its legend in a strip on the right; the overview is a grid of cells.
const (
	figureWidth  = 9 * vg.Inch
	figureLegend = 2 * vg.Inch
	panelHeight  = 3.4 * vg.Inch
	headerHeight = 0.35 * vg.Inch

	overviewName = "model_vs_article"
	gridCols     = 3
	cellWidth    = 5.5 * vg.Inch
	cellHeight   = 3.3 * vg.Inch
	cellLegend   = 1.35 * vg.Inch

	dpi = 100 // PNG resolution
)

// layout is a figure before drawing: a size, a header and a builder of its
// tiles. The tiles are rebuilt for each format so that no drawing state is
// shared between the PNG and the SVG.
type layout struct {
	w, h    vg.Length
	header  string
	cols    int
	legendW vg.Length
	st      style
	build   func() ([]*tile, error)
}

// topicLayout returns the layout of a topic figure, false when none of its
// panels has data.
func topicLayout(t Topic, in Input) (layout, bool, error) {
	build := func() ([]*tile, error) {
		var out []*tile
		for _, p := range t.Panels {
			tl, err := buildTile(panelTitle(t, p)+rescaleSuffix(in), p, in, figureStyle)
			if err != nil {
				return nil, err
			}
			if tl != nil {
				out = append(out, tl)
			}
		}
		return out, nil
	}
	tiles, err := build()
	if err != nil || len(tiles) == 0 {
		return layout{}, false, err
	}
	l := layout{w: figureWidth, header: in.Title, cols: 1, legendW: figureLegend, st: figureStyle, build: build}
	l.h = vg.Length(len(tiles))*panelHeight + headerSpace(l.header)
	return l, true, nil
}

// overviewLayout returns the grid of the first drawable panel of each
// Overview topic, false when there is none.
func overviewLayout(in Input) (layout, bool, error) {
	build := func() ([]*tile, error) {
		var out []*tile
		for _, name := range Overview {
			t, ok := topicByName(name)
			if !ok {
				continue
			}
			tl, err := firstTile(t, in)
			if err != nil {
				return nil, err
			}
			if tl != nil {
				out = append(out, tl)
			}
		}
		return out, nil
	}
	tiles, err := build()
	if err != nil || len(tiles) == 0 {
		return layout{}, false, err
	}
	header := orDefault(in.Title, "Model and article") + rescaleSuffix(in)
	rows := (len(tiles) + gridCols - 1) / gridCols
	l := layout{w: gridCols * cellWidth, header: header, cols: gridCols, legendW: cellLegend, st: gridStyle, build: build}
	l.h = vg.Length(rows)*cellHeight + headerSpace(header)
	return l, true, nil
}

func firstTile(t Topic, in Input) (*tile, error) {
	for _, p := range t.Panels {
		tl, err := buildTile(panelTitle(t, p), p, in, gridStyle)
		if err != nil || tl != nil {
			return tl, err
		}
	}
	return nil, nil
}

func panelTitle(t Topic, p Panel) string {
	if p.Title == "" {
		return t.Title
	}
	return t.Title + ": " + p.Title
}

func headerSpace(header string) vg.Length {
	if header == "" {
		return 0
	}
	return headerHeight
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// render draws the layout's tiles on c: the header, then the tiles aligned
// in a grid of l.cols columns with plot.Align.
func (l layout) render(c draw.Canvas) error {
	tiles, err := l.build()
	if err != nil {
		return err
	}
	c = drawHeader(c, l.header, l.st)
	rows := (len(tiles) + l.cols - 1) / l.cols
	plots := make([][]*plot.Plot, rows)
	for j := range plots {
		plots[j] = make([]*plot.Plot, l.cols)
		for i := range plots[j] {
			if k := j*l.cols + i; k < len(tiles) {
				plots[j][i] = tiles[k].plot
			}
		}
	}
	pad := vg.Points(6)
	grid := draw.Tiles{Rows: rows, Cols: l.cols, PadX: pad, PadY: pad, PadTop: pad, PadBottom: pad, PadLeft: pad, PadRight: pad}
	cells := plot.Align(plots, grid, c)
	// Each column's legend strip is at least legendW and wide enough for
	// the longest label of its tiles, so that no label is cut.
	legendW := make([]vg.Length, l.cols)
	for k, t := range tiles {
		legendW[k%l.cols] = max(legendW[k%l.cols], l.legendW, t.legendWidth()+vg.Points(8))
	}
	for k, t := range tiles {
		drawTile(cells[k/l.cols][k%l.cols], t, legendW[k%l.cols])
	}
	return nil
}

// drawHeader writes the header centred at the top of c and returns the
// canvas below it.
func drawHeader(c draw.Canvas, header string, st style) draw.Canvas {
	if header == "" {
		return c
	}
	sty := text.Style{
		Font:    font.From(plot.DefaultFont, st.title+2),
		XAlign:  draw.XCenter,
		YAlign:  draw.YCenter,
		Handler: plot.DefaultTextHandler,
	}
	c.FillText(sty, vg.Point{X: c.Center().X, Y: c.Max.Y - headerHeight/2}, header)
	return draw.Crop(c, 0, 0, 0, -headerHeight)
}

// drawTile draws a tile's plot in its cell, less a strip on the right
// where the legend goes, level with the top of the data area.
func drawTile(cell draw.Canvas, t *tile, legendW vg.Length) {
	pc := draw.Crop(cell, 0, -legendW, 0, 0)
	t.plot.Draw(pc)
	top := t.plot.DataCanvas(pc).Max.Y
	strip := draw.Canvas{Canvas: cell.Canvas, Rectangle: vg.Rectangle{
		Min: vg.Point{X: pc.Max.X + vg.Points(6), Y: cell.Min.Y},
		Max: vg.Point{X: cell.Max.X, Y: top},
	}}
	t.legend.Draw(strip)
}
