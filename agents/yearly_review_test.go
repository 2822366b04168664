package agents

import (
	"slices"
	"testing"
)

func TestOwnerQuits(t *testing.T) {
	p := &testParams().Firms
	tests := []struct {
		name         string
		profit, farm float64
		u            float64
		want         bool
	}{
		{"earns less than farming, low draw", 100, 700, 0.1, true},
		{"earns less than farming, high draw", 100, 700, 0.9, false},
		{"loses money, low draw", -500, 700, 0.1, true},
		{"earns as much as farming", 700, 700, 0, false},
		{"earns more than farming", 5000, 700, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := OwnerQuits(p, tt.profit, tt.farm, tt.u); got != tt.want {
				t.Errorf("OwnerQuits(profit %g, farm %g, u %g) = %v, want %v", tt.profit, tt.farm, tt.u, got, tt.want)
			}
		})
	}
	t.Run("never with owner_quit_rate 0", func(t *testing.T) {
		q := *p
		q.OwnerQuitRate = 0
		if OwnerQuits(&q, -1e6, 700, 0) {
			t.Error("OwnerQuits with owner_quit_rate 0 = true, want false")
		}
	})
}

func TestReviewsYear(t *testing.T) {
	if !ReviewsYear(&Firm{ID: 14}, 3) || ReviewsYear(&Firm{ID: 14}, 2) {
		t.Error("firm 14 reviews its year in March only")
	}
}

// TestReviewYear: quality grows, an owner earning less than farming quits,
// and a loss-making firm switches to a product it can make.
func TestReviewYear(t *testing.T) {
	p := &testParams().Firms
	p.QualityGrowth, p.QualityNoise, p.OwnerQuitRate, p.UpgradeRate = 0.1, 0, 1, 1
	products := []Product{{Available: 1978}, {Available: 1978, Complexity: 0.5}}
	e := testEconomy(2)
	rules := &YearlyReviewRules{Month: 100, MonthOfYear: 6, Products: products}
	t.Run("quits", func(t *testing.T) {
		f := &Firm{Owner: 3, Born: 10, Quality: 1, YearProfit: -1, Lead: -1}
		if rev := ReviewYear(p, e, rules, f, testDraws(1)); !rev.Quits {
			t.Errorf("review %+v, want the owner to quit", rev)
		}
		if f.Quality != 1.1 {
			t.Errorf("quality %g, want 1.1", f.Quality)
		}
	})
	t.Run("switches to a product nobody makes: a design of its own", func(t *testing.T) {
		rules := *rules
		rules.Designs = [][]int32{{5}, nil}
		f := &Firm{Owner: -1, Quality: 1, YearProfit: -1, Lead: 7, Design: 5}
		rev := ReviewYear(p, e, &rules, f, testDraws(2))
		if !rev.Switched || rev.From != 0 || f.Product != 1 || f.Lead != -1 || !rev.NewDesign {
			t.Errorf("review %+v, firm %+v; want a switch from 0 to 1 that drops the lead and needs a new design", rev, f)
		}
	})
	t.Run("switches to a product others make: it copies their design", func(t *testing.T) {
		rules := *rules
		rules.Designs = [][]int32{{5}, {9, 9}}
		f := &Firm{Owner: -1, Quality: 1, YearProfit: -1, Lead: -1, Design: 5}
		rev := ReviewYear(p, e, &rules, f, testDraws(2))
		if !rev.Switched || f.Design != 9 || rev.NewDesign {
			t.Errorf("review %+v, firm %+v; want a switch that copies design 9", rev, f)
		}
	})
	t.Run("never switches outside a top-down plan", func(t *testing.T) {
		rules := *rules
		rules.Products = slices.Clone(products)
		rules.Products[1].OutsidePlan = true
		rules.Designs = [][]int32{{5}, nil}
		for seed := range 20 {
			f := &Firm{Owner: -1, Quality: 1, YearProfit: -1, Lead: -1, Design: 5}
			if rev := ReviewYear(p, e, &rules, f, testDraws(seed)); rev.Switched {
				t.Fatalf("seed %d: review %+v; product 1 is outside the plan", seed, rev)
			}
		}
	})
}

func TestCreatesDesign(t *testing.T) {
	p := &FirmParams{DesignRate: 0.02}
	cases := []struct {
		name                string
		boost, employees, u float64
		want                bool
	}{
		{"a workshop of 4: 4% a year, draw below", 1, 4, 0.039, true},
		{"draw above", 1, 4, 0.041, false},
		{"the centre's boost doubles the chance", 2, 4, 0.079, true},
		{"a firm of 10,000 designs every year", 1, 10000, 0.999, true},
		{"nobody, no design", 1, 0, 0, false},
	}
	for _, c := range cases {
		if got := CreatesDesign(p, c.boost, c.employees, c.u); got != c.want {
			t.Errorf("%s: CreatesDesign = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestImitatedDesign(t *testing.T) {
	if _, ok := ImitatedDesign(nil, testDraws(1)); ok {
		t.Error("a design copied from an empty pool")
	}
	// A design two of three producers make is copied about two times in three.
	pool := []int32{4, 4, 7}
	n := 0
	const draws = 3000
	r := testDraws(3)
	for range draws {
		if d, _ := ImitatedDesign(pool, r); d == 4 {
			n++
		}
	}
	if got := float64(n) / draws; got < 0.63 || got > 0.70 {
		t.Errorf("design 4 copied in %.3f of draws, want about 2/3", got)
	}
}
