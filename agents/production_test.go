package agents

import (
	"math"
	"testing"
)

func TestOutput(t *testing.T) {
	p := &testParams().Firms
	t.Run("zero without employees", func(t *testing.T) {
		for _, l := range []float64{0, -3} {
			if got := Output(p, 2500, 1, l, Private); got != 0 {
				t.Errorf("Output(employees %g) = %g, want 0", l, got)
			}
		}
	})
	t.Run("rises with employees, quality and productivity", func(t *testing.T) {
		base := Output(p, 2500, 1, 5, Private)
		if got := Output(p, 2500, 1, 10, Private); !(got > base) {
			t.Errorf("Output(10 employees) = %g, want > %g (5 employees)", got, base)
		}
		if got := Output(p, 2500, 1.5, 5, Private); !(got > base) {
			t.Errorf("Output(quality 1.5) = %g, want > %g (quality 1)", got, base)
		}
		if got := Output(p, 5000, 1, 5, Private); !(got > base) {
			t.Errorf("Output(tfp 5000) = %g, want > %g (tfp 2500)", got, base)
		}
	})
	t.Run("monthly", func(t *testing.T) {
		if got, want := Output(p, 1200, 1, 1, Private), 100.0; math.Abs(got-want) > 1e-9 {
			t.Errorf("Output(tfp 1200, one worker) = %g, want %g (a twelfth of the yearly output)", got, want)
		}
	})
	t.Run("cached labour term", func(t *testing.T) {
		for _, form := range []LegalForm{Getihu, VillageCollective, Company} {
			for _, l := range []float64{0, 1, 2.4, 7, 130.5} {
				f := &Firm{Form: form, Quality: 1.3}
				f.SetEmployees(p, l)
				if f.Employees != l {
					t.Errorf("SetEmployees(%g): Employees = %g", l, f.Employees)
				}
				got, want := f.MonthlyOutput(p, 2500), Output(p, 2500, 1.3, l, form)
				if math.Abs(got-want) > 1e-12*math.Max(1, want) {
					t.Errorf("%s with %g employees: MonthlyOutput = %g, want Output = %g", form, l, got, want)
				}
			}
		}
	})
	t.Run("collective efficiency", func(t *testing.T) {
		priv := Output(p, 2500, 1, 10, Private)
		for _, f := range []LegalForm{TownshipCollective, VillageCollective} {
			if got, want := Output(p, 2500, 1, 10, f), priv*p.CollectiveEfficiency; math.Abs(got-want) > 1e-9*want {
				t.Errorf("Output(%s) = %g, want %g (private × collective_efficiency)", f, got, want)
			}
		}
	})
}

func TestUnitMargin(t *testing.T) {
	p := &testParams().Firms
	t.Run("falls as price falls", func(t *testing.T) {
		prev := math.Inf(1)
		for _, price := range []float64{1.2, 1, 0.8, 0.6, 0.4} {
			got := UnitMargin(price, 0.05, UnitCost(p, 1, 0, 0, 1))
			if !(got < prev) {
				t.Errorf("UnitMargin(price %g) = %g, want < %g (at the higher price before)", price, got, prev)
			}
			prev = got
		}
	})
	t.Run("negative when the price does not cover materials", func(t *testing.T) {
		if got := UnitMargin(p.MaterialsShare*0.9, 0, UnitCost(p, 1, 0, 0, 1)); !(got < 0) {
			t.Errorf("UnitMargin(price below materials) = %g, want < 0", got)
		}
	})
	t.Run("falls with taxes and cost rises", func(t *testing.T) {
		base := UnitMargin(1, 0.05, UnitCost(p, 1, 0, 0, 1))
		if got := UnitMargin(1, 0.09, UnitCost(p, 1, 0, 0, 1)); !(got < base) {
			t.Errorf("UnitMargin(tax 0.09) = %g, want < %g (tax 0.05)", got, base)
		}
		if got := UnitMargin(1, 0.05, UnitCost(p, 1, 0.1, 0, 1)); !(got < base) {
			t.Errorf("UnitMargin(cost rise 0.1) = %g, want < %g (no rise)", got, base)
		}
	})
	t.Run("materials follow the price level, not the product's price", func(t *testing.T) {
		// Doubling both the product's price and the price level doubles the margin.
		a := UnitMargin(0.8, 0.05, UnitCost(p, 1, 0, 0, 1))
		b := UnitMargin(1.6, 0.05, UnitCost(p, 2, 0, 0, 1))
		if math.Abs(b-2*a) > 1e-12 {
			t.Errorf("UnitMargin(1.6, level 2) = %g, want %g (twice UnitMargin(0.8, level 1))", b, 2*a)
		}
	})
}

func TestSalesAccess(t *testing.T) {
	p := &testParams().Firms
	restricted := 1 / (1 + p.RedHatAccess)
	for _, f := range allForms {
		for _, all := range []bool{false, true} {
			want := 1.0
			switch {
			case f == Underground:
				want = restricted
			case f == Getihu && !all:
				want = restricted
			}
			if got := SalesAccess(p, f, all); math.Abs(got-want) > 1e-12 {
				t.Errorf("SalesAccess(%s, invoicing for all %v) = %g, want %g", f, all, got, want)
			}
		}
	}
	t.Run("no access advantage", func(t *testing.T) {
		q := *p
		q.RedHatAccess = 0
		if got := SalesAccess(&q, Getihu, false); got != 1 {
			t.Errorf("SalesAccess(getihu) with red_hat_access 0 = %g, want 1", got)
		}
	})
}

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

// TestProduce: a firm's profit is its sales less wages, materials and
// taxes, kept in its capital and year's accounts; a firm outside the county
// pays its state and city rates to the state unless it keeps its office.
func TestProduce(t *testing.T) {
	p := &testParams().Firms
	e := testEconomy(1)
	for _, tt := range []struct {
		name   string
		loc    Location
		office bool
	}{{"in Yongkang", VillageSite, false}, {"away", AwayTo(0), false}, {"away with its office", AwayTo(0), true}} {
		t.Run(tt.name, func(t *testing.T) {
			f := Firm{Form: Private, Lead: -1, Location: tt.loc, Office: tt.office, Quality: 1, Family: 1, Capital: 10}
			f.SetEmployees(p, 5)
			rates := Produce(p, e, &f)
			want := e.Rates[Private]
			if !tt.loc.InYongkang() && !tt.office {
				want = Rates{State: want.State + want.City}
			}
			if rates != want {
				t.Errorf("rates %+v, want %+v", rates, want)
			}
			if rates.Total() != e.Rates[Private].Total() {
				t.Errorf("the total rate changed with the place: %g, want %g", rates.Total(), e.Rates[Private].Total())
			}
			if f.Volume != f.MonthlyOutput(p, e.TFP) || f.Sales != f.Volume*e.Price[0] {
				t.Errorf("volume %g and sales %g, want %g and %g", f.Volume, f.Sales, f.MonthlyOutput(p, e.TFP), f.Volume*e.Price[0])
			}
			profit := f.Sales - 4*e.Wage/12 - p.MaterialsShare*f.Volume - rates.Total()*f.Sales
			if math.Abs(f.Capital-10-profit) > 1e-9 || math.Abs(f.YearProfit-profit) > 1e-9 || f.YearSales != f.Sales ||
				math.Abs(f.YearTaxes-rates.Total()*f.Sales) > 1e-9 {
				t.Errorf("capital %g, year's profit %g, sales %g, taxes %g; want profit %g", f.Capital-10, f.YearProfit, f.YearSales, f.YearTaxes, profit)
			}
		})
	}
}

func TestUnitCostLearning(t *testing.T) {
	p := &FirmParams{MaterialsShare: 0.5, Learning: 0.1}
	fresh := UnitCost(p, 2, 0, 0, 100)
	if fresh != 1 {
		t.Errorf("UnitCost without experience = %g, want materials_share × P = 1", fresh)
	}
	// Each doubling of (1 + experience / first market) cuts the cost by 2^−0.1.
	a, b := UnitCost(p, 2, 0, 100, 100), UnitCost(p, 2, 0, 300, 100)
	if want := math.Exp2(-0.1); math.Abs(a-want) > 1e-12 || math.Abs(b/a-want) > 1e-12 {
		t.Errorf("UnitCost after one and two doublings = %g, %g; want %g and %g", a, b, want, want*want)
	}
	if got := UnitCost(&FirmParams{MaterialsShare: 0.5}, 2, 0.1, 300, 100); math.Abs(got-1.1) > 1e-12 {
		t.Errorf("UnitCost without learning, with a cost rise of 10%% = %g, want 1.1", got)
	}
}
