package sim_test

import (
	"bytes"
	"encoding/gob"
	"math"
	"slices"
	"testing"

	"gonum.org/v1/gonum/stat"

	"clustersim/sim"
)

// TestCommonRandomNumbersBeforeAChange: a counterfactual that changes
// nothing before 1999 (the Innovation and Service Centre never opens)
// draws the baseline's numbers, so every series, product row and firm
// snapshot up to 1998 is identical to the baseline's, bit for bit, and the
// two differ after.
func TestCommonRandomNumbersBeforeAChange(t *testing.T) {
	base := builtinConfig(t, "yongkang")
	cf := *base
	cf.Events = slices.DeleteFunc(slices.Clone(base.Events), func(e sim.Event) bool { return e.Kind == sim.InnovationCentre })
	if len(cf.Events) != len(base.Events)-1 {
		t.Fatal("the baseline has no innovation_centre event")
	}
	opt := sim.Options{Seed: 5, Scale: 0.05}
	a, err := sim.Run(base, opt)
	if err != nil {
		t.Fatal(err)
	}
	b, err := sim.Run(&cf, opt)
	if err != nil {
		t.Fatal(err)
	}
	before := func(r *sim.Results) []byte {
		var buf bytes.Buffer
		enc := gob.NewEncoder(&buf)
		for _, s := range r.Series {
			for i, y := range r.Years {
				if y <= 1998 {
					enc.Encode([]any{s.Name, y, s.Values[i]})
				}
			}
		}
		for _, p := range r.Products {
			if p.Year <= 1998 {
				enc.Encode(p)
			}
		}
		for _, f := range r.Firms {
			if f.Year <= 1998 {
				enc.Encode(f)
			}
		}
		return buf.Bytes()
	}
	if !bytes.Equal(before(a), before(b)) {
		t.Error("the counterfactual differs from the baseline before 1999, when it changes nothing")
	}
	after, _ := a.Value("firms_total", 2006)
	cfAfter, _ := b.Value("firms_total", 2006)
	if after == cfAfter {
		t.Error("the counterfactual gives the baseline's firms in 2006: the test's change does nothing")
	}
}

// TestCommonRandomNumbersPairRuns: the difference a counterfactual makes
// (tight land quotas, from 1997) to the firms of 2006 is measured far more
// precisely on common random numbers: over 8 seeds, the variance of the
// paired difference (same seed) is at most a quarter of that of the
// unpaired one (each counterfactual run against another seed's baseline).
func TestCommonRandomNumbersPairRuns(t *testing.T) {
	base := builtinConfig(t, "yongkang")
	tight := builtinConfig(t, "tight_land")
	const seeds = 8
	var b, c [seeds]float64
	for i := range seeds {
		opt := sim.Options{Seed: uint64(100 + i), Scale: 0.1, NoFirmSnapshots: true}
		rb, err := sim.Run(base, opt)
		if err != nil {
			t.Fatal(err)
		}
		rc, err := sim.Run(tight, opt)
		if err != nil {
			t.Fatal(err)
		}
		b[i], _ = rb.Value("firms_total", 2006)
		c[i], _ = rc.Value("firms_total", 2006)
	}
	paired := make([]float64, seeds)
	unpaired := make([]float64, seeds)
	for i := range seeds {
		paired[i] = c[i] - b[i]
		unpaired[i] = c[i] - b[(i+1)%seeds]
	}
	vp, vu := stat.Variance(paired, nil), stat.Variance(unpaired, nil)
	t.Logf("firms 2006: paired difference %.0f ± %.0f (sd), unpaired %.0f ± %.0f; variance ratio %.3f",
		stat.Mean(paired, nil), math.Sqrt(vp), stat.Mean(unpaired, nil), math.Sqrt(vu), vp/vu)
	if !(vp <= vu/4) {
		t.Errorf("variance of the paired difference %.0f > a quarter of the unpaired %.0f", vp, vu)
	}
}
