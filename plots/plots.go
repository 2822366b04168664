// Package plots draws the model's series beside the article's figures. It
// reads results; it knows nothing of how they were made.
package plots

import (
	"bytes"
	"errors"
	"fmt"
	"image/color"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgpdf"
	"gonum.org/v1/plot/vg/vgsvg"

	"clustersim/seeds"
	"clustersim/sim"
	"clustersim/sim/spread"
)

// Input is what WriteAll draws.
type Input struct {
	Results *sim.Results
	Targets []seeds.Target
	Bands   []spread.Band // optional ensemble bands; P50 replaces the series line
	// Regimes are the scenario's regimes (sim.Config.Regimes): every panel
	// marks the start of each after the first with a dashed line.
	Regimes []sim.Regime
	// Events are the scenario's dated events (sim.Config.Events): a panel
	// marks those of the kinds it names (Panel.Events) with a dotted line.
	Events   []sim.Event
	Title    string  // header of every figure (the overview's defaults to "Model and article")
	Rescaled bool    // counts were rescaled from a partial-scale run
	Scale    float64 // the run's scale, for the rescaled note (0: Results.Scale)
}

// Formats are the files written for each figure, by extension: a bitmap
// for screens, and SVG and PDF for papers. Every command writes all three
// (the calibrator's figures too).
var Formats = []string{"png", "svg", "pdf"}

// PDF files carry a creation date and, by default, whatever order the
// writer's maps give its catalogue: both are fixed, so that a figure is the
// same file at every run (the date is the article's year, not the run's).
func init() {
	fpdf.SetDefaultCatalogSort(true)
	fpdf.SetDefaultCreationDate(time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC))
	fpdf.SetDefaultModificationDate(time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC))
}

// WriteAll writes <stem>.png, .svg and .pdf into dir for every topic with
// data, and the overview grid model_vs_article.png/.svg/.pdf. It returns the
// paths written, sorted. Each file is written to a temporary name in dir
// and renamed into place.
func WriteAll(dir string, in Input) ([]string, error) {
	if in.Results == nil {
		return nil, errors.New("plots: no results")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var paths []string
	for _, t := range Topics {
		l, ok, err := topicLayout(t, in)
		if err != nil {
			return paths, fmt.Errorf("plots: %s: %w", t.Name, err)
		}
		if ok {
			ps, err := writeLayout(dir, t.Name, l)
			paths = append(paths, ps...)
			if err != nil {
				return paths, err
			}
		}
	}
	l, ok, err := overviewLayout(in)
	if err != nil {
		return paths, fmt.Errorf("plots: %s: %w", overviewName, err)
	}
	if ok {
		ps, err := writeLayout(dir, overviewName, l)
		paths = append(paths, ps...)
		if err != nil {
			return paths, err
		}
	}
	sort.Strings(paths)
	return paths, nil
}

// writeLayout renders a layout in every format and writes the files.
func writeLayout(dir, stem string, l layout) ([]string, error) {
	var paths []string
	for _, format := range Formats {
		b, err := renderBytes(l, format)
		if err != nil {
			return paths, fmt.Errorf("plots: %s.%s: %w", stem, format, err)
		}
		path := filepath.Join(dir, stem+"."+format)
		if err := writeAtomic(path, b); err != nil {
			return paths, err
		}
		paths = append(paths, path)
	}
	return paths, nil
}

// renderBytes draws the layout on a fresh canvas of the format and returns
// the encoded file.
func renderBytes(l layout, format string) ([]byte, error) {
	c := newCanvas(format, l.w, l.h)
	if err := l.render(draw.New(c)); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func newCanvas(format string, w, h vg.Length) vg.CanvasWriterTo {
	switch format {
	case "svg":
		return vgsvg.New(w, h)
	case "pdf":
		return vgpdf.New(w, h)
	}
	return vgimg.PngCanvas{Canvas: vgimg.NewWith(
		vgimg.UseWH(w, h), vgimg.UseDPI(dpi), vgimg.UseBackgroundColor(color.White))}
}

// pixels returns the PNG size of a figure of w×h.
func pixels(w, h vg.Length) (int, int) {
	return int(w/vg.Inch*dpi + 0.5), int(h/vg.Inch*dpi + 0.5)
}

// writeAtomic writes b to a temporary file in path's directory and renames
// it to path. (The figures of a run are written into its staging
// directory, which sim/output flushes to disk as a whole before putting it
// in place.)
func writeAtomic(path string, b []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(b)
	if err == nil {
		err = f.Chmod(0o644)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}

// rescaleSuffix is the note added to titles of a rescaled run.
func rescaleSuffix(in Input) string {
	if !in.Rescaled {
		return ""
	}
	scale := in.Scale
	if scale == 0 && in.Results != nil {
		scale = in.Results.Scale
	}
	return " (rescaled from scale " + strconv.FormatFloat(scale, 'g', -1, 64) + ")"
}
