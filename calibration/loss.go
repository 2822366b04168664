package calibration

import (
	"encoding/csv"
	"io"
	"math"
	"strconv"

	"clustersim/seeds"
)

// MeanSource gives the mean of a series in a year over an ensemble's runs.
// *ensemble.Ensemble satisfies it.
type MeanSource interface {
	Mean(series string, year int) (float64, bool)
}

// MissingPenalty is the squared distance a calibrate target contributes
// when the model has no finite value for it: as if the simulated moment lay
// ten half-widths from the observed value.
const MissingPenalty = 100

// Term is one calibrate target's part of the loss.
type Term struct {
	Target seeds.Target
	Mean   float64 // the simulated moment: the ensemble mean, when Has
	Has    bool
	D      float64 // (Mean − Observed) / ((High − Low) / 2); NaN when !Has
	D2     float64 // D², or MissingPenalty when !Has
}

// Loss is the simulated-method-of-moments distance between the simulated
// moments in src and the targets whose role is calibrate (the others are
// ignored). Each target contributes d², where
//
//	d = (mean over runs − observed) / half-width,  half-width = (high − low) / 2
//
// so the tolerance band sets the weight (1 / half-width²) and a simulated
// moment on the edge of a symmetric band contributes 1. A target the model
// has no finite value for contributes MissingPenalty; a band of zero width
// has its half-width taken as 1% of |observed| (or 1 when observed is 0).
// The loss is the mean of the contributions over the calibrate targets; 0
// when there are none.
func Loss(targets []seeds.Target, src MeanSource) (float64, []Term) {
	var terms []Term
	sum := 0.0
	for _, t := range targets {
		if t.Role != seeds.Calibrate {
			continue
		}
		term := Term{Target: t, D: math.NaN(), D2: MissingPenalty}
		if v, ok := src.Mean(t.Series, t.Year); ok && !math.IsNaN(v) && !math.IsInf(v, 0) {
			term.Mean, term.Has = v, true
			term.D = (v - t.Observed) / halfWidth(t)
			term.D2 = term.D * term.D
		}
		sum += term.D2
		terms = append(terms, term)
	}
	if len(terms) == 0 {
		return 0, nil
	}
	return sum / float64(len(terms)), terms
}

// BandCentreWeight is the weight, in the band loss, of the distance to the
// observed value itself: small, so that it only chooses among points that
// are all within their bands.
const BandCentreWeight = 0.1

// BandLoss is a loss that asks first of all that every calibrate target be
// within its tolerance band: each target contributes o² + BandCentreWeight·d²,
// where o is how far the simulated moment lies outside the band, in
// half-widths (0 inside it), and d is Loss's distance to the observed value.
// Loss treats a moment just inside a band's edge and one just outside alike;
// BandLoss does not. A missing value contributes MissingPenalty.
func BandLoss(targets []seeds.Target, src MeanSource) (float64, []Term) {
	_, terms := Loss(targets, src)
	if len(terms) == 0 {
		return 0, nil
	}
	sum := 0.0
	for _, t := range terms {
		if !t.Has {
			sum += MissingPenalty
			continue
		}
		o := 0.0
		switch {
		case t.Mean > t.Target.High:
			o = (t.Mean - t.Target.High) / halfWidth(t.Target)
		case t.Mean < t.Target.Low:
			o = (t.Target.Low - t.Mean) / halfWidth(t.Target)
		}
		sum += o*o + BandCentreWeight*t.D2
	}
	return sum / float64(len(terms)), terms
}

// LossFor returns the loss a spec names: Loss for "point" (or ""), BandLoss
// for "band".
func LossFor(kind string) func([]seeds.Target, MeanSource) (float64, []Term) {
	if kind == "band" {
		return BandLoss
	}
	return Loss
}

func halfWidth(t seeds.Target) float64 {
	if h := (t.High - t.Low) / 2; h > 0 {
		return h
	}
	if t.Observed != 0 {
		return 0.01 * math.Abs(t.Observed)
	}
	return 1
}

// WriteMomentsCSV writes the terms of the loss with the header
//
//	target,series,year,observed,low,high,sim_mean,d,d2
func WriteMomentsCSV(w io.Writer, terms []Term) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"target", "series", "year", "observed", "low", "high", "sim_mean", "d", "d2"}); err != nil {
		return err
	}
	for _, t := range terms {
		mean, d := "", ""
		if t.Has {
			mean, d = ff(t.Mean), ff(t.D)
		}
		if err := cw.Write([]string{t.Target.ID, t.Target.Series, strconv.Itoa(t.Target.Year),
			ff(t.Target.Observed), ff(t.Target.Low), ff(t.Target.High), mean, d, ff(t.D2)}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// ff formats a number for the output files: ten significant digits.
func ff(v float64) string { return strconv.FormatFloat(v, 'g', 10, 64) }
