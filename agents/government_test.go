package agents

import (
	"math"
	"testing"
)

func TestTaxRates(t *testing.T) {
	// Arguments in TaxRates order: commune, village, state, getihu, private, city, remit.
	const commune, village, state, getihu, private, city, remit = 0.01, 0.03, 0.05, 0.02, 0.06, 0.012, 0.04
	tests := []struct {
		form LegalForm
		want Rates
	}{
		{Underground, Rates{}},
		{Getihu, Rates{State: getihu}},
		{RedHat, Rates{Township: commune, Village: village, State: state}},
		{TownshipCollective, Rates{Township: remit, State: state}},
		{VillageCollective, Rates{Village: remit, State: state}},
		{Private, Rates{State: private, City: city}},
		{ShareholdingCoop, Rates{State: private, City: city}},
		{Company, Rates{State: private, City: city}},
		{Group, Rates{State: private, City: city}},
	}
	for _, tt := range tests {
		t.Run(tt.form.String(), func(t *testing.T) {
			if got := TaxRates(tt.form, commune, village, state, getihu, private, city, remit); got != tt.want {
				t.Errorf("TaxRates(%s) = %+v, want %+v", tt.form, got, tt.want)
			}
		})
	}
	t.Run("confederation 1/3/5", func(t *testing.T) {
		r := TaxRates(RedHat, 0.01, 0.03, 0.05, 0.03, 0.06, 0, 0.05)
		want := Rates{Township: 0.01, Village: 0.03, State: 0.05}
		if r != want {
			t.Errorf("red-hat rates under the confederation = %+v, want %+v", r, want)
		}
		if got := r.Total(); math.Abs(got-0.09) > 1e-15 {
			t.Errorf("red-hat total = %g, want 0.09", got)
		}
	})
	t.Run("totals", func(t *testing.T) {
		for _, tt := range tests {
			w := tt.want
			if got, want := w.Total(), w.Township+w.Village+w.State+w.City; got != want {
				t.Errorf("%s: Total() = %g, want %g", tt.form, got, want)
			}
		}
		if got := (Rates{Township: 0.1, Village: 0.2, State: 0.3, City: 0.4}).Total(); math.Abs(got-1) > 1e-15 {
			t.Errorf("Rates{0.1, 0.2, 0.3, 0.4}.Total() = %g, want 1", got)
		}
	})
	t.Run("only the owning level takes a collective's remittance", func(t *testing.T) {
		tc := TaxRates(TownshipCollective, 0, 0, 0, 0, 0, 0, remit)
		vc := TaxRates(VillageCollective, 0, 0, 0, 0, 0, 0, remit)
		if tc.Village != 0 || vc.Township != 0 {
			t.Errorf("township collective pays village %g, village collective pays township %g; want 0, 0", tc.Village, vc.Township)
		}
	})
}

func TestBusinessmanPostShare(t *testing.T) {
	t.Run("zero without businessmen", func(t *testing.T) {
		for _, adv := range []float64{0, 1, 8, 100} {
			if got := BusinessmanPostShare(adv, 0); got != 0 {
				t.Errorf("BusinessmanPostShare(advantage %g, b 0) = %g, want 0", adv, got)
			}
		}
	})
	t.Run("proportional without advantage", func(t *testing.T) {
		for _, b := range []float64{0.1, 0.3, 0.5} {
			if got := BusinessmanPostShare(1, b); math.Abs(got-b) > 1e-12 {
				t.Errorf("BusinessmanPostShare(1, %g) = %g, want %g", b, got, b)
			}
		}
	})
	t.Run("rises with the share of businessmen", func(t *testing.T) {
		prev := 0.0
		for _, b := range []float64{0.01, 0.05, 0.1, 0.3, 0.6, 0.9} {
			got := BusinessmanPostShare(8, b)
			if !(got > prev) || got > 1 {
				t.Errorf("BusinessmanPostShare(8, %g) = %g, want in (%g, 1]", b, got, prev)
			}
			prev = got
		}
	})
	t.Run("rises with the advantage", func(t *testing.T) {
		prev := 0.0
		for _, adv := range []float64{0.5, 1, 2, 8, 32} {
			got := BusinessmanPostShare(adv, 0.05)
			if !(got > prev) {
				t.Errorf("BusinessmanPostShare(%g, 0.05) = %g, want > %g", adv, got, prev)
			}
			prev = got
		}
	})
	t.Run("all posts when all are businessmen", func(t *testing.T) {
		if got := BusinessmanPostShare(8, 1); math.Abs(got-1) > 1e-12 {
			t.Errorf("BusinessmanPostShare(8, 1) = %g, want 1", got)
		}
	})
}

func TestMigrantAdjustment(t *testing.T) {
	p := &testParams().Labour
	tests := []struct {
		name               string
		unfilled, migrants float64
		want               float64
	}{
		{"inflow when jobs are unfilled", 1000, 0, 1000 * p.MigrantResponse},
		{"inflow closes part of the gap", 1000, 400, 600 * p.MigrantResponse},
		{"no change at balance", 500, 500, 0},
		{"small surplus leaves in full", 990, 1000, -10},
		{"large surplus bounded by the return rate", 0, 1000, -1000 * p.MigrantReturnRate},
		{"nothing to do", 0, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := MigrantAdjustment(p, tt.unfilled, tt.migrants); math.Abs(got-tt.want) > 1e-9 {
				t.Errorf("MigrantAdjustment(unfilled %g, migrants %g) = %g, want %g", tt.unfilled, tt.migrants, got, tt.want)
			}
		})
	}
	t.Run("outflow never exceeds the stock", func(t *testing.T) {
		for _, m := range []float64{1, 10, 1e6} {
			if got := MigrantAdjustment(p, 0, m); got < -m || got > 0 {
				t.Errorf("MigrantAdjustment(0, %g) = %g, want in [−%g, 0]", m, got, m)
			}
		}
	})
	t.Run("no inflow with migrant_response 0", func(t *testing.T) {
		q := *p
		q.MigrantResponse = 0
		if got := MigrantAdjustment(&q, 1e6, 0); got != 0 {
			t.Errorf("MigrantAdjustment with migrant_response 0 = %g, want 0", got)
		}
	})
}

func TestElectedBusinessmen(t *testing.T) {
	seq := func(xs ...float64) func() float64 {
		i := 0
		return func() float64 { x := xs[i%len(xs)]; i++; return x }
	}
	tests := []struct {
		name  string
		posts int
		share float64
		draws []float64
		want  int
	}{
		{"share 0", 7, 0, []float64{0, 0.5, 0.9}, 0},
		{"share 1", 7, 1, []float64{0, 0.5, 0.999}, 7},
		{"draws below the share win", 4, 0.5, []float64{0.1, 0.6, 0.49, 0.5}, 2},
		{"no posts", 0, 1, []float64{0}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ElectedBusinessmen(tt.posts, tt.share, seq(tt.draws...)); got != tt.want {
				t.Errorf("ElectedBusinessmen(%d, %g, %v) = %d, want %d", tt.posts, tt.share, tt.draws, got, tt.want)
			}
		})
	}
	t.Run("one draw per post", func(t *testing.T) {
		n := 0
		ElectedBusinessmen(7, 0.5, func() float64 { n++; return 0.7 })
		if n != 7 {
			t.Errorf("ElectedBusinessmen(7 posts) drew %d numbers, want 7", n)
		}
	})
}
