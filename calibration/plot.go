package calibration

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"image/color"
	"math"
	"os"
	"path/filepath"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"clustersim/plots"
)

var phaseColours = []struct {
	phase string
	c     color.Color
}{
	{PhaseStart, color.RGBA{A: 255}},
	{PhaseScreen, color.RGBA{R: 150, G: 150, B: 150, A: 255}},
	{PhaseCMAES, color.RGBA{R: 31, G: 119, B: 180, A: 255}},
	{PhaseNM, color.RGBA{R: 214, G: 39, B: 40, A: 255}},
}

// savePlot writes p as name.png, .svg and .pdf (plots.Formats) in the
// output directory.
func (c *calibrator) savePlot(res *Result, p *plot.Plot, name string, w, h vg.Length) error {
	for _, format := range plots.Formats {
		wt, err := p.WriterTo(w, h, format)
		if err != nil {
			return err
		}
		var buf bytes.Buffer
		if _, err := wt.WriteTo(&buf); err != nil {
			return err
		}
		if err := c.write(res, name+"."+format, buf.Bytes()); err != nil {
			return err
		}
	}
	return nil
}

// writeTracePlot draws trace.csv: each evaluation's loss, coloured by
// phase, and the best loss so far, on a log scale.
func (c *calibrator) writeTracePlot(res *Result) error {
	f, err := os.Open(filepath.Join(c.dir, "trace.csv"))
	if err != nil {
		return err
	}
	recs, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil {
		return err
	}
	if len(recs) < 2 {
		return nil
	}
	floor := math.Inf(1)
	for _, r := range recs[1:] {
		if v, err := strconv.ParseFloat(r[2], 64); err == nil && v > 0 {
			floor = math.Min(floor, v)
		}
	}
	if math.IsInf(floor, 1) {
		floor = 1e-6
	}
	floor /= 2
	pos := func(v float64) float64 { return math.Max(v, floor) }

	byPhase := map[string]plotter.XYs{}
	var best plotter.XYs
	for _, r := range recs[1:] {
		n, _ := strconv.Atoi(r[0])
		loss, _ := strconv.ParseFloat(r[2], 64)
		b, _ := strconv.ParseFloat(r[3], 64)
		byPhase[r[1]] = append(byPhase[r[1]], plotter.XY{X: float64(n), Y: pos(loss)})
		best = append(best, plotter.XY{X: float64(n), Y: pos(b)})
	}
	p := plot.New()
	p.Title.Text = fmt.Sprintf("Calibration: %d evaluations, best loss %s", len(recs)-1, fmtLoss(res.Loss))
	p.X.Label.Text = "evaluation"
	p.Y.Label.Text = "loss (mean squared distance in half-bands)"
	p.Y.Scale = plot.LogScale{}
	p.Y.Tick.Marker = logTicks{}
	p.Add(plotter.NewGrid())
	for _, pc := range phaseColours {
		xy := byPhase[pc.phase]
		if len(xy) == 0 {
			continue
		}
		s, err := plotter.NewScatter(xy)
		if err != nil {
			return err
		}
		s.GlyphStyle.Color = pc.c
		s.GlyphStyle.Radius = vg.Points(1.5)
		s.GlyphStyle.Shape = draw.CircleGlyph{}
		p.Add(s)
		p.Legend.Add(pc.phase, s)
	}
	l, err := plotter.NewLine(best)
	if err != nil {
		return err
	}
	l.LineStyle.Width = vg.Points(1.5)
	p.Add(l)
	p.Legend.Add("best so far", l)
	p.Legend.Top = true
	return c.savePlot(res, p, "trace", 8*vg.Inch, 5*vg.Inch)
}

// writeProfilePlot draws the loss along one parameter.
func (c *calibrator) writeProfilePlot(res *Result, par *Parameter, id Identification) error {
	var xy plotter.XYs
	for _, pt := range id.Points {
		xy = append(xy, plotter.XY{X: pt.Value, Y: pt.Loss})
	}
	p := plot.New()
	p.Title.Text = fmt.Sprintf("%s: %s (rise %s, flat %.0f%%); red: the optimum", par.Name, id.Verdict,
		strconv.FormatFloat(id.Rise, 'g', 3, 64), 100*id.FlatShare)
	p.X.Label.Text = par.Path + " (" + string(par.Transform) + " scale)"
	p.Y.Label.Text = "loss, the other parameters at the optimum"
	if par.Transform == Log {
		p.X.Scale = plot.LogScale{}
		p.X.Tick.Marker = logTicks{}
	}
	p.Add(plotter.NewGrid())
	line, points, err := plotter.NewLinePoints(xy)
	if err != nil {
		return err
	}
	points.Shape = draw.CircleGlyph{}
	p.Add(line, points)
	opt, err := plotter.NewScatter(plotter.XYs{{X: id.Value, Y: id.Loss}})
	if err != nil {
		return err
	}
	opt.GlyphStyle.Color = color.RGBA{R: 214, G: 39, B: 40, A: 255}
	opt.GlyphStyle.Radius = vg.Points(4)
	opt.GlyphStyle.Shape = draw.CircleGlyph{}
	p.Add(opt)
	p.X.Min = math.Min(p.X.Min, par.Low)
	p.X.Max = math.Max(p.X.Max, par.High)
	return c.savePlot(res, p, filepath.Join("profiles", par.Name), 6*vg.Inch, 4*vg.Inch)
}

// logTicks labels a log axis at 1, 2 and 5 times the powers of ten, with
// unlabelled minor ticks between, so that a range narrower than a decade
// still has labels.
type logTicks struct{}

func (logTicks) Ticks(lo, hi float64) []plot.Tick {
	if !(lo > 0 && hi > lo) {
		return nil
	}
	var ticks []plot.Tick
	for e := math.Floor(math.Log10(lo)); e <= math.Ceil(math.Log10(hi)); e++ {
		for m := 1; m <= 9; m++ {
			v := float64(m) * math.Pow(10, e)
			if v < lo*(1-1e-9) || v > hi*(1+1e-9) {
				continue
			}
			t := plot.Tick{Value: v}
			if m == 1 || m == 2 || m == 5 {
				t.Label = strconv.FormatFloat(v, 'g', -1, 64)
			}
			ticks = append(ticks, t)
		}
	}
	return ticks
}
