package agents

import "testing"

func TestNewCollective(t *testing.T) {
	p := &testParams().Firms
	p.TownshipCollectiveSize, p.VillageCollectiveSize, p.CollectiveSizeSpread = 50, 20, 0
	for i, form := range []LegalForm{VillageCollective, TownshipCollective} {
		s := &CollectiveSetup{Tradition: []float64{0, 1, 1}}
		c := NewCollective(p, s, form, testDraws(i))
		size := 20.0
		if form == TownshipCollective {
			size = 50
		}
		if c.Employees != size || c.Product != 1 || !(c.Quality > 0) {
			t.Errorf("%v: %+v, want %g employees making product 1", form, c, size)
		}
	}
}

func TestFoundsCollective(t *testing.T) {
	p := &testParams().Villages
	p.Spending = true
	tests := []struct {
		name         string
		spending     bool
		founding     bool
		budget, cost float64
		profit       float64
		want         bool
	}{
		{"the budget pays for it", true, true, 100, 100, 1, true},
		{"too little", true, true, 99, 100, 1, false},
		{"it would not pay its way", true, true, 1000, 100, -1, false},
		{"not rural companies yet, or being privatised", true, false, 1000, 100, 1, false},
		{"governments do not spend", false, true, 1000, 100, 1, false},
		{"nothing to found", true, true, 1000, 0, 1, false},
	}
	for _, tt := range tests {
		p.Spending = tt.spending
		if got := FoundsCollective(p, tt.founding, tt.budget, tt.cost, tt.profit); got != tt.want {
			t.Errorf("%s: FoundsCollective = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestPaidLossAndClosure(t *testing.T) {
	p := &testParams().Villages
	p.Spending, p.CollectiveDebtLimit = true, 1
	if got := PaidLoss(p, 50, 80); got != 50 {
		t.Errorf("a budget of 50 pays %g of a loss of 80, want 50", got)
	}
	if got := PaidLoss(p, 500, 80); got != 80 {
		t.Errorf("a budget of 500 pays %g of a loss of 80, want 80", got)
	}
	if got := PaidLoss(p, -10, 80); got != 0 {
		t.Errorf("a government in debt pays %g, want 0", got)
	}
	p.Spending = false
	if got := PaidLoss(p, 500, 80); got != 0 {
		t.Errorf("without spending a government pays %g, want 0", got)
	}
	f := &Firm{YearSales: 1200, Capital: -1000}
	if ClosesCollective(p, f, 1) {
		t.Error("a collective carrying less than a year of sales in losses is closed")
	}
	f.Capital = -1300
	if !ClosesCollective(p, f, 1) {
		t.Error("a collective carrying more than a year of sales in losses is kept")
	}
}
