package agents

import (
	"math"
	"testing"
)

func TestDevelop(t *testing.T) {
	cases := []struct {
		name                 string
		consequences, spends bool
		budget, developed    float64
		business, cost       float64
		wantDeveloped        float64
		wantSpent            float64
	}{
		{"pays in full", true, true, 1000, 0, 0.5, 1000, 0.5, 500},
		{"budget short", true, true, 200, 0, 0.5, 1000, 0.2, 200},
		{"already there", true, true, 1000, 0.5, 0.5, 1000, 0.5, 0},
		{"land stays developed", true, true, 1000, 0.6, 0.2, 1000, 0.6, 0},
		{"in debt", true, true, -50, 0, 1, 1000, 0, 0},
		{"no consequences", false, true, 1000, 0, 1, 1000, 0, 0},
		{"spends nothing", true, false, 1000, 0, 1, 1000, 0, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			vp := &testParams().Villages
			vp.LandRelease, vp.ElectionConsequences, vp.Spending = 1, c.consequences, c.spends
			v := &Village{Budget: c.budget, Developed: c.developed}
			spent := Develop(vp, v, c.business, c.cost)
			if math.Abs(v.Developed-c.wantDeveloped) > 1e-12 || math.Abs(spent-c.wantSpent) > 1e-9 {
				t.Errorf("developed %g, spent %g; want %g and %g", v.Developed, spent, c.wantDeveloped, c.wantSpent)
			}
			if math.Abs(v.Budget-(c.budget-spent)) > 1e-9 {
				t.Errorf("budget %g after spending %g of %g", v.Budget, spent, c.budget)
			}
		})
	}
}

func TestDevelopmentCost(t *testing.T) {
	p := testParams()
	p.Firms.VillageSiteCap, p.Land.SquareMetresPerEmployee, p.Land.BasePrice, p.Villages.DevelopmentCost = 30, 50, 100, 0.25
	// 30 places × 4 firms × 50 m² × 100 yuan × 0.25 × P 2
	if got := DevelopmentCost(&p.Firms, &p.Villages, &p.Land, 4, 2); got != 30*4*50*100*0.25*2 {
		t.Errorf("cost %g", got)
	}
	if DevelopmentCost(&p.Firms, &p.Villages, &p.Land, 0, 1) != DevelopmentCost(&p.Firms, &p.Villages, &p.Land, 1, 1) {
		t.Error("a village without firms should pay as for one")
	}
}

func TestLocalTaxes(t *testing.T) {
	r := LocalTaxes(Rates{State: 0.05, City: 0.01}, 0.5)
	if r.City != 0.005 || r.Village != 0.005 || r.State != 0.05 {
		t.Errorf("rates %+v: want half the city's share moved to the village", r)
	}
	if got := LocalTaxes(Rates{State: 0.05, City: 0.01}, 0.5).Total(); math.Abs(got-0.06) > 1e-15 {
		t.Errorf("the total %g should not change", got)
	}
}
