package agents

import (
	"math"
	"testing"
)

func TestPeddlerLearns(t *testing.T) {
	p := &testParams().Households
	p.PeddleDiscovery = 0.5
	p.HotProducts = 3
	hot := []int{11, 4, 9, 2, 30} // by decreasing unmet demand
	t.Run("learns only from the top of the hot list", func(t *testing.T) {
		seen := map[int]bool{}
		for i := range 1000 {
			u2 := float64(i) / 1000
			got, ok := PeddlerLearns(p, hot, 0.1, u2)
			if !ok {
				t.Fatalf("PeddlerLearns(u1 0.1, u2 %g) learned nothing, want a product", u2)
			}
			if got != 11 && got != 4 && got != 9 {
				t.Fatalf("PeddlerLearns(u2 %g) = %d, want one of the %d hottest products %v", u2, got, p.HotProducts, hot[:3])
			}
			seen[got] = true
		}
		if len(seen) != 3 {
			t.Errorf("over all draws PeddlerLearns returned %v, want each of %v", seen, hot[:3])
		}
	})
	t.Run("never when discovery fails", func(t *testing.T) {
		for _, u1 := range []float64{0.5, 0.7, 0.999} {
			if got, ok := PeddlerLearns(p, hot, u1, 0); ok || got != -1 {
				t.Errorf("PeddlerLearns(u1 %g ≥ discovery %g) = %d, %v; want -1, false", u1, p.PeddleDiscovery, got, ok)
			}
		}
	})
	t.Run("never with discovery 0", func(t *testing.T) {
		q := *p
		q.PeddleDiscovery = 0
		if got, ok := PeddlerLearns(&q, hot, 0, 0); ok {
			t.Errorf("PeddlerLearns with peddle_discovery 0 = %d, true; want nothing learned", got)
		}
	})
	t.Run("empty hot list", func(t *testing.T) {
		if got, ok := PeddlerLearns(p, nil, 0, 0); ok || got != -1 {
			t.Errorf("PeddlerLearns(nil) = %d, %v; want -1, false", got, ok)
		}
	})
	t.Run("shorter hot list than hot_products", func(t *testing.T) {
		for _, u2 := range []float64{0, 0.5, 0.999} {
			got, ok := PeddlerLearns(p, []int{5}, 0, u2)
			if !ok || got != 5 {
				t.Errorf("PeddlerLearns([5], u2 %g) = %d, %v; want 5, true", u2, got, ok)
			}
		}
	})
}

func TestPeddleIncome(t *testing.T) {
	p := &testParams().Households
	if got, want := PeddleIncome(p, 700), 700*p.PeddleIncome; got != want {
		t.Errorf("PeddleIncome(700) = %g, want %g", got, want)
	}
}

func TestReviewHousehold(t *testing.T) {
	base := testParams().Households
	tests := []struct {
		name      string
		activity  Activity
		allowed   bool
		set       func(p *HouseholdParams)
		want      Activity
		emigrates bool
		income    float64 // its income, × farm income
	}{
		{"a farmer starts peddling", Farming, true, func(p *HouseholdParams) { p.PeddleStartRate = 1 }, Peddling, false, 1},
		{"not before household responsibility", Farming, false, func(p *HouseholdParams) { p.PeddleStartRate = 1 }, Farming, false, 1},
		{"a farmer stays", Farming, true, func(p *HouseholdParams) { p.PeddleStartRate = 0 }, Farming, false, 1},
		{"a pedlar stops", Peddling, true, func(p *HouseholdParams) { p.PeddleStopRate = 1 }, Farming, false, base.PeddleIncome},
		{"a pedlar goes on", Peddling, true, func(p *HouseholdParams) { p.PeddleStopRate = 0 }, Peddling, false, base.PeddleIncome},
		{"a farmer emigrates", Farming, true, func(p *HouseholdParams) { p.EmigrationRate = 1 }, Farming, true, 1},
		{"a workshop is not reviewed", Workshop, true, func(p *HouseholdParams) { p.EmigrationRate = 1 }, Workshop, false, 0},
		{"nor the gone", Left, true, func(p *HouseholdParams) { p.EmigrationRate = 1 }, Left, false, 0},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := base
			p.SavingsRate = 0.1
			tt.set(&p)
			rules := HouseholdReviewRules{Allowed: tt.allowed, FarmIncome: 700}
			h := Household{Activity: tt.activity, Known: -1, Savings: 100}
			rev := ReviewHousehold(&p, &rules, &h, testDraws(2*i), testDraws(2*i+1))
			if rev.Activity != tt.want || rev.Emigrates != tt.emigrates {
				t.Errorf("review = %+v, want activity %d, emigrates %v", rev, tt.want, tt.emigrates)
			}
			if want := 100 + 0.1*tt.income*700; math.Abs(h.Savings-want) > 1e-9 {
				t.Errorf("savings %g, want %g", h.Savings, want)
			}
			if h.Activity != tt.activity {
				t.Errorf("the rule changed the household's activity to %d: sim applies it", h.Activity)
			}
			if Reviewed(tt.activity) != (tt.activity == Farming || tt.activity == Peddling) {
				t.Errorf("Reviewed(%d) = %v", tt.activity, Reviewed(tt.activity))
			}
		})
	}
	t.Run("a pedlar learns a hot product", func(t *testing.T) {
		p := base
		p.PeddleDiscovery, p.HotProducts = 1, 1
		h := Household{Activity: Peddling, Known: -1}
		ReviewHousehold(&p, &HouseholdReviewRules{Allowed: true, FarmIncome: 700, Hot: []int{4, 2}}, &h, testDraws(1), testDraws(2))
		if h.Known != 4 {
			t.Errorf("known = %d, want the hottest product 4", h.Known)
		}
	})
}
