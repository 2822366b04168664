package agents

import (
	"math"
	"testing"
)

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

func TestElect(t *testing.T) {
	p := &VillageParams{ElectionInterval: 3, BusinessmanAdvantage: 8}
	if !ElectionYear(p, 1988, 1994) || ElectionYear(p, 1988, 1993) {
		t.Error("elections every three years from 1988: 1994 is one, 1993 is not")
	}
	for _, tc := range []struct {
		firm Firm
		want bool
	}{
		{Firm{Owner: 1, Form: Getihu, Employees: 2}, true}, // an "individual businessman"
		{Firm{Owner: 1, Form: RedHat, Employees: 12}, true},
		{Firm{Owner: 1, Form: Company, Employees: 300}, true},
		{Firm{Owner: 1, Form: Underground, Employees: 3}, false}, // not registered
		{Firm{Owner: -1, Form: VillageCollective, Employees: 80}, false},
		{Firm{Owner: -1, Form: ShareholdingCoop, Employees: 80}, true}, // its former manager took it over
		{Firm{Owner: -1, Form: TownshipCollective, Employees: 80}, false},
	} {
		if got := Businessman(&tc.firm); got != tc.want {
			t.Errorf("Businessman(%v owned by %d) = %v, want %v", tc.firm.Form, tc.firm.Owner, got, tc.want)
		}
	}
	v := &Village{Posts: 7, Households: []int32{0, 1, 2, 3}, Businessmen: 3}
	if Elect(p, v, 0, testDraws(1)); v.Businessmen != 0 {
		t.Errorf("%d businessmen elected in a village with none", v.Businessmen)
	}
	if Elect(p, v, 4, testDraws(2)); v.Businessmen != 7 {
		t.Errorf("%d businessmen elected in a village of businessmen, want all 7 posts", v.Businessmen)
	}
	empty := &Village{Posts: 7, Businessmen: 2}
	if Elect(p, empty, 0, testDraws(3)); empty.Businessmen != 2 {
		t.Errorf("a village without households changed its posts")
	}
}
