package rng

import (
	"math"
	"testing"
)

// TestDrawsArePureFunctionsOfKeyAndIndex: the same key gives the same
// draws whatever was drawn before under other keys.
func TestDrawsArePureFunctionsOfKeyAndIndex(t *testing.T) {
	k := RunKey(1, 0).For(NewPurpose("exit")).With(42).With(300)
	d := NewDraws()
	a := []float64{d.Reset(k).Float64(), d.Float64(), d.NormFloat64()}
	d.Reset(RunKey(9, 3)).Float64()
	d.Reset(RunKey(1, 0).For(NewPurpose("entry")))
	for range 17 {
		d.Uint64()
	}
	b := []float64{d.Reset(k).Float64(), d.Float64(), d.NormFloat64()}
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("draw %d under the same key: %v then %v", i, a[i], b[i])
		}
	}
}

// TestKeysDiffer: every part of a key changes the draws.
func TestKeysDiffer(t *testing.T) {
	base := RunKey(1, 0).For(NewPurpose("exit")).With(42).With(300)
	others := map[string]Key{
		"seed":    RunKey(2, 0).For(NewPurpose("exit")).With(42).With(300),
		"run":     RunKey(1, 1).For(NewPurpose("exit")).With(42).With(300),
		"purpose": RunKey(1, 0).For(NewPurpose("exits")).With(42).With(300),
		"agent":   RunKey(1, 0).For(NewPurpose("exit")).With(43).With(300),
		"month":   RunKey(1, 0).For(NewPurpose("exit")).With(42).With(301),
		"order":   RunKey(1, 0).For(NewPurpose("exit")).With(300).With(42),
	}
	var s Stream
	s.Reset(base)
	want := s.Uint64()
	for _, name := range []string{"seed", "run", "purpose", "agent", "month", "order"} {
		s.Reset(others[name])
		if s.Uint64() == want {
			t.Errorf("changing the %s gives the same first draw", name)
		}
	}
}

// TestUniformAcrossAdjacentKeys: the first draws of keys that differ only
// by consecutive agent numbers (the worst case for a weak hash) are
// uniform (chi-square over 64 cells) and uncorrelated with the next key's
// and with the second draw of the same key.
func TestUniformAcrossAdjacentKeys(t *testing.T) {
	const n, cells = 200000, 64
	base := RunKey(1, 0).For(NewPurpose("household_review")).With(24000)
	var s Stream
	var count [cells]int
	first := make([]float64, n)
	second := make([]float64, n)
	for i := range n {
		s.Reset(base.With(uint64(i)))
		u := float64(s.Uint64()>>11) / (1 << 53)
		first[i] = u
		second[i] = float64(s.Uint64()>>11) / (1 << 53)
		count[int(u*cells)]++
	}
	chi := 0.0
	e := float64(n) / cells
	for _, c := range count {
		chi += (float64(c) - e) * (float64(c) - e) / e
	}
	// 63 degrees of freedom: the 99.9% quantile is 103.4.
	if chi > 103.4 {
		t.Errorf("chi-square of first draws over %d cells = %.1f, want <= 103.4", cells, chi)
	}
	for name, pair := range map[string][2][]float64{
		"adjacent keys": {first[:n-1], first[1:]},
		"same key":      {first, second},
	} {
		if r := correlation(pair[0], pair[1]); math.Abs(r) > 4/math.Sqrt(n) {
			t.Errorf("correlation between draws of %s = %.4f, want |r| <= %.4f", name, r, 4/math.Sqrt(n))
		}
	}
}

func correlation(x, y []float64) float64 {
	var mx, my float64
	for i := range x {
		mx += x[i]
		my += y[i]
	}
	mx /= float64(len(x))
	my /= float64(len(y))
	var sxy, sxx, syy float64
	for i := range x {
		sxy += (x[i] - mx) * (y[i] - my)
		sxx += (x[i] - mx) * (x[i] - mx)
		syy += (y[i] - my) * (y[i] - my)
	}
	return sxy / math.Sqrt(sxx*syy)
}

func BenchmarkResetAndDraw(b *testing.B) {
	d := NewDraws()
	k := RunKey(1, 0).For(NewPurpose("exit"))
	x := 0.0
	for i := 0; b.Loop(); i++ {
		x += d.Reset(k.With(uint64(i))).Float64()
	}
	_ = x
}
