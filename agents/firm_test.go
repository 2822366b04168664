package agents

import (
	"math"
	"testing"
)

var allForms = []LegalForm{Underground, Getihu, RedHat, TownshipCollective, VillageCollective, Private, ShareholdingCoop, Company, Group}

func TestLegalFormPredicates(t *testing.T) {
	tests := []struct {
		form                                                 LegalForm
		name                                                 string
		collective, registered, enterprise, invoice, movable bool
	}{
		{Underground, "underground", false, false, false, false, false},
		{Getihu, "getihu", false, true, false, false, false},
		{RedHat, "red_hat", false, true, true, true, false},
		{TownshipCollective, "township", true, false, false, true, false},
		{VillageCollective, "village", true, false, false, true, false},
		{Private, "private", false, true, true, true, true},
		{ShareholdingCoop, "shareholding_coop", false, true, true, true, true},
		{Company, "company", false, true, true, true, true},
		{Group, "group", false, true, true, true, true},
	}
	if len(tests) != NumForms {
		t.Fatalf("table covers %d forms, NumForms = %d", len(tests), NumForms)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := tt.form
			if got := f.String(); got != tt.name {
				t.Errorf("String() = %q, want %q", got, tt.name)
			}
			check := func(pred string, got, want bool) {
				if got != want {
					t.Errorf("%s.%s() = %v, want %v", tt.name, pred, got, want)
				}
			}
			check("Collective", f.Collective(), tt.collective)
			check("Registered", f.Registered(), tt.registered)
			check("Enterprise", f.Enterprise(), tt.enterprise)
			check("CanInvoice", f.CanInvoice(), tt.invoice)
			check("Movable", f.Movable(), tt.movable)
		})
	}
}

func TestLocation(t *testing.T) {
	tests := []struct {
		loc  Location
		name string
		in   bool
	}{
		{VillageSite, "village", true},
		{EstateSite, "estate", true},
		{AwayTo(0), "away", false},
		{AwayTo(2), "away", false},
	}
	for _, tt := range tests {
		if got := tt.loc.String(); got != tt.name {
			t.Errorf("Location(%d).String() = %q, want %q", tt.loc, got, tt.name)
		}
		if got := tt.loc.InYongkang(); got != tt.in {
			t.Errorf("%s.InYongkang() = %v, want %v", tt.name, got, tt.in)
		}
	}
}

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
			got := UnitMargin(p, price, 1, 0.05, 0)
			if !(got < prev) {
				t.Errorf("UnitMargin(price %g) = %g, want < %g (at the higher price before)", price, got, prev)
			}
			prev = got
		}
	})
	t.Run("negative when the price does not cover materials", func(t *testing.T) {
		if got := UnitMargin(p, p.MaterialsShare*0.9, 1, 0, 0); !(got < 0) {
			t.Errorf("UnitMargin(price below materials) = %g, want < 0", got)
		}
	})
	t.Run("falls with taxes and cost rises", func(t *testing.T) {
		base := UnitMargin(p, 1, 1, 0.05, 0)
		if got := UnitMargin(p, 1, 1, 0.09, 0); !(got < base) {
			t.Errorf("UnitMargin(tax 0.09) = %g, want < %g (tax 0.05)", got, base)
		}
		if got := UnitMargin(p, 1, 1, 0.05, 0.1); !(got < base) {
			t.Errorf("UnitMargin(cost rise 0.1) = %g, want < %g (no rise)", got, base)
		}
	})
	t.Run("materials follow the price level, not the product's price", func(t *testing.T) {
		// Doubling both the product's price and the price level doubles the margin.
		a := UnitMargin(p, 0.8, 1, 0.05, 0)
		b := UnitMargin(p, 1.6, 2, 0.05, 0)
		if math.Abs(b-2*a) > 1e-12 {
			t.Errorf("UnitMargin(1.6, level 2) = %g, want %g (twice UnitMargin(0.8, level 1))", b, 2*a)
		}
	})
}

func TestOptimalEmployees(t *testing.T) {
	p := &testParams().Firms
	const tfp, wage = 2500.0, 350.0
	base := OptimalEmployees(p, tfp, 1, 0.4, wage, Private)
	if !(base > 0) {
		t.Fatalf("OptimalEmployees(base) = %g, want > 0", base)
	}
	tests := []struct {
		name                 string
		quality, margin, wag float64
		form                 LegalForm
		want                 int // sign of got - base
	}{
		{"higher quality", 1.5, 0.4, wage, Private, +1},
		{"higher margin", 1, 0.5, wage, Private, +1},
		{"lower margin", 1, 0.3, wage, Private, -1},
		{"higher wage", 1, 0.4, 500, Private, -1},
		{"collective, less efficient", 1, 0.4, wage, VillageCollective, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := OptimalEmployees(p, tfp, tt.quality, tt.margin, tt.wag, tt.form)
			if tt.want > 0 && !(got > base) || tt.want < 0 && !(got < base) {
				t.Errorf("OptimalEmployees = %g, base %g; want sign %+d", got, base, tt.want)
			}
		})
	}
	t.Run("zero at a non-positive margin or wage", func(t *testing.T) {
		for _, c := range []struct{ margin, wage float64 }{{0, wage}, {-0.2, wage}, {0.4, 0}, {0.4, -1}} {
			if got := OptimalEmployees(p, tfp, 1, c.margin, c.wage, Private); got != 0 {
				t.Errorf("OptimalEmployees(margin %g, wage %g) = %g, want 0", c.margin, c.wage, got)
			}
		}
	})
	t.Run("marginal product equals the wage", func(t *testing.T) {
		// At L*, d/dL [tfp·q·L^α·margin] = wage.
		l := base
		a := p.LabourElasticity
		mp := a * tfp * 1 * math.Pow(l, a-1) * 0.4
		if math.Abs(mp-wage) > 1e-6*wage {
			t.Errorf("marginal value at L* = %g = %g, want the wage %g", l, mp, wage)
		}
	})
}

func TestGrowth(t *testing.T) {
	p := &testParams().Firms
	tests := []struct {
		name               string
		employees, desired float64
		want               int // sign
	}{
		{"toward a larger size", 5, 10, +1},
		{"toward a smaller size", 10, 5, -1},
		{"at the desired size", 7, 7, 0},
		{"no desired size", 5, 0, -1},
		{"no employees", 0, 5, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Growth(p, tt.employees, tt.desired)
			if got < -p.MaxMonthlyGrowth || got > p.MaxMonthlyGrowth {
				t.Errorf("Growth(%g → %g) = %g, want within ±%g", tt.employees, tt.desired, got, p.MaxMonthlyGrowth)
			}
			if tt.want > 0 && !(got > 0) || tt.want < 0 && !(got < 0) || tt.want == 0 && got != 0 {
				t.Errorf("Growth(%g → %g) = %g, want sign %+d", tt.employees, tt.desired, got, tt.want)
			}
		})
	}
	t.Run("bounded", func(t *testing.T) {
		for _, r := range []float64{1e-9, 1e-3, 0.1, 10, 1e3, 1e9} {
			got := Growth(p, 10, 10*r)
			if math.Abs(got) > p.MaxMonthlyGrowth+1e-15 {
				t.Errorf("Growth(10 → %g) = %g, want |g| ≤ %g", 10*r, got, p.MaxMonthlyGrowth)
			}
		}
		if got := Growth(p, 10, 1e9); got != p.MaxMonthlyGrowth {
			t.Errorf("Growth toward a huge size = %g, want the bound %g", got, p.MaxMonthlyGrowth)
		}
		if got := Growth(p, 10, 1e-9); got != -p.MaxMonthlyGrowth {
			t.Errorf("Growth toward a tiny size = %g, want the bound %g", got, -p.MaxMonthlyGrowth)
		}
	})
	t.Run("does not overshoot", func(t *testing.T) {
		for _, d := range []float64{10.1, 10.5, 11, 12} {
			if g := Growth(p, 10, d); 10*(1+g) > d {
				t.Errorf("Growth(10 → %g) = %g takes the firm to %g, past its desired size", d, g, 10*(1+g))
			}
		}
	})
}

func TestEmployeeCap(t *testing.T) {
	p := &testParams().Firms
	getihuCap := float64(p.GetihuCap)
	siteCap := float64(p.VillageSiteCap)
	inf := math.Inf(1)
	tests := []struct {
		form  LegalForm
		loc   Location
		inFor bool
		want  float64
	}{
		{Getihu, VillageSite, true, getihuCap},
		{Underground, VillageSite, true, getihuCap},
		{Getihu, EstateSite, true, getihuCap},
		{Getihu, VillageSite, false, siteCap},
		{Getihu, EstateSite, false, inf},
		{Underground, EstateSite, false, inf},
		{RedHat, VillageSite, true, siteCap},
		{Private, VillageSite, true, siteCap},
		{TownshipCollective, VillageSite, true, siteCap},
		{VillageCollective, VillageSite, false, siteCap},
		{RedHat, EstateSite, true, inf},
		{Private, EstateSite, true, inf},
		{Company, EstateSite, true, inf},
		{Group, EstateSite, false, inf},
		{Private, AwayTo(0), true, inf},
		{Private, AwayTo(2), true, inf},
	}
	for _, tt := range tests {
		if got := EmployeeCap(p, tt.form, tt.loc, tt.inFor); got != tt.want {
			t.Errorf("EmployeeCap(%s, %s, cap in force %v) = %g, want %g", tt.form, tt.loc, tt.inFor, got, tt.want)
		}
	}
	t.Run("village site cap below the getihu cap", func(t *testing.T) {
		q := *p
		q.VillageSiteCap = 3
		if got := EmployeeCap(&q, Getihu, VillageSite, true); got != 3 {
			t.Errorf("EmployeeCap(getihu, village, site cap 3) = %g, want 3 (the smaller cap)", got)
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

func TestWantsRedHat(t *testing.T) {
	const fee, getihuTax = 0.09, 0.03 // the confederation's 1+3+5%, a getihu's tax
	tests := []struct {
		name             string
		access, fee, tax float64
		propensity, u    float64
		want             bool
	}{
		{"access outweighs the fees", 0.4, fee, getihuTax, 0.25, 0.1, true},
		{"access outweighs the fees, draw above propensity", 0.4, fee, getihuTax, 0.25, 0.3, false},
		{"no access gain", 0, fee, getihuTax, 1, 0, false},
		{"small access gain below the extra fees", 0.05, fee, getihuTax, 1, 0, false},
		{"fees eat the whole sales", 0.4, 1, getihuTax, 1, 0, false},
		{"no fees, any access gain", 0.01, 0, 0, 1, 0, true},
		{"zero propensity", 0.4, fee, getihuTax, 0, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &testParams().Firms
			p.RedHatAccess, p.RedHatPropensity = tt.access, tt.propensity
			if got := WantsRedHat(p, tt.fee, tt.tax, tt.u); got != tt.want {
				t.Errorf("WantsRedHat(access %g, fee %g, getihu tax %g, propensity %g, u %g) = %v, want %v",
					tt.access, tt.fee, tt.tax, tt.propensity, tt.u, got, tt.want)
			}
		})
	}
	t.Run("higher fees need more access", func(t *testing.T) {
		p := &testParams().Firms
		p.RedHatPropensity = 1
		// Break-even access: (1+a)(1-fee) = 1-tax.
		for _, f := range []float64{0.05, 0.09, 0.2} {
			a := (1-getihuTax)/(1-f) - 1
			p.RedHatAccess = a * 0.99
			if WantsRedHat(p, f, getihuTax, 0) {
				t.Errorf("fee %g: wants a red hat just below break-even access %g", f, a)
			}
			p.RedHatAccess = a*1.01 + 1e-9
			if !WantsRedHat(p, f, getihuTax, 0) {
				t.Errorf("fee %g: does not want a red hat just above break-even access %g", f, a)
			}
		}
	})
}

func TestSpinoffProbability(t *testing.T) {
	p := &testParams().Firms
	firm := func(form LegalForm, employees, family float64) *Firm {
		return &Firm{Form: form, Employees: employees, Family: family}
	}
	t.Run("rises with hired employees", func(t *testing.T) {
		prev := -1.0
		for _, l := range []float64{2, 5, 10, 50, 200} {
			got := SpinoffProbability(p, firm(Private, l, 2), false)
			if !(got > prev) && l > 2 {
				t.Errorf("SpinoffProbability(%g employees) = %g, want > %g", l, got, prev)
			}
			prev = got
		}
	})
	t.Run("family labour does not spin off", func(t *testing.T) {
		if got := SpinoffProbability(p, firm(Getihu, 3, 3), true); got != 0 {
			t.Errorf("SpinoffProbability(family-only workshop) = %g, want 0", got)
		}
	})
	t.Run("manager term only for collectives when managers are free", func(t *testing.T) {
		for _, f := range allForms {
			free := SpinoffProbability(p, firm(f, 20, 0), true)
			bound := SpinoffProbability(p, firm(f, 20, 0), false)
			diff := free - bound
			want := 0.0
			if f.Collective() {
				want = p.ManagerSpinoffRate
			}
			if math.Abs(diff-want) > 1e-12 {
				t.Errorf("%s: free − not free = %g, want %g", f, diff, want)
			}
		}
	})
	t.Run("capped at 1", func(t *testing.T) {
		q := *p
		q.SpinoffRate = 0.5
		if got := SpinoffProbability(&q, firm(VillageCollective, 1000, 0), true); got != 1 {
			t.Errorf("SpinoffProbability(huge) = %g, want 1", got)
		}
	})
	t.Run("zero rates", func(t *testing.T) {
		q := *p
		q.SpinoffRate, q.ManagerSpinoffRate = 0, 0
		if got := SpinoffProbability(&q, firm(TownshipCollective, 100, 0), true); got != 0 {
			t.Errorf("SpinoffProbability with zero rates = %g, want 0", got)
		}
	})
}

func TestExitProbability(t *testing.T) {
	p := &testParams().Firms
	healthy := func(form LegalForm) *Firm {
		return &Firm{Form: form, Employees: 10, Capital: 1000, Sales: 500}
	}
	losing := func(form LegalForm) *Firm {
		f := healthy(form)
		f.Capital = -p.LossTolerance*f.Sales - 1
		return f
	}
	t.Run("loss-making firms are riskier", func(t *testing.T) {
		for _, f := range []LegalForm{Getihu, RedHat, Private, Company} {
			h, l := ExitProbability(p, healthy(f), true), ExitProbability(p, losing(f), true)
			if !(l > h) {
				t.Errorf("%s: ExitProbability(losing) = %g, want > %g (healthy)", f, l, h)
			}
			if h != p.ExitHazard {
				t.Errorf("%s: ExitProbability(healthy) = %g, want the base hazard %g", f, h, p.ExitHazard)
			}
		}
	})
	t.Run("losses within tolerance", func(t *testing.T) {
		f := healthy(Private)
		f.Capital = -p.LossTolerance*f.Sales + 1
		if got := ExitProbability(p, f, false); got != p.ExitHazard {
			t.Errorf("ExitProbability(loss within tolerance) = %g, want %g", got, p.ExitHazard)
		}
	})
	t.Run("soft budget for collectives", func(t *testing.T) {
		for _, f := range []LegalForm{TownshipCollective, VillageCollective} {
			soft := ExitProbability(p, losing(f), true)
			hard := ExitProbability(p, losing(f), false)
			if soft != p.CollectiveExitRate {
				t.Errorf("%s losing under soft budget: ExitProbability = %g, want %g (collective rate only)", f, soft, p.CollectiveExitRate)
			}
			if !(hard > soft) {
				t.Errorf("%s losing: hard budget %g, want > soft budget %g", f, hard, soft)
			}
			if got := ExitProbability(p, healthy(f), false); got != p.CollectiveExitRate {
				t.Errorf("%s healthy: ExitProbability = %g, want %g", f, got, p.CollectiveExitRate)
			}
		}
	})
	t.Run("soft budget does not shelter private firms", func(t *testing.T) {
		if soft, hard := ExitProbability(p, losing(Private), true), ExitProbability(p, losing(Private), false); soft != hard {
			t.Errorf("private losing: soft budget %g, hard %g; want equal", soft, hard)
		}
	})
	t.Run("zero hazard", func(t *testing.T) {
		q := *p
		q.ExitHazard = 0
		if got := ExitProbability(&q, healthy(Private), false); got != 0 {
			t.Errorf("ExitProbability(healthy, exit_hazard 0) = %g, want 0", got)
		}
	})
	t.Run("at most 1", func(t *testing.T) {
		q := *p
		q.ExitHazard = 0.95
		if got := ExitProbability(&q, losing(Private), false); got > 1 {
			t.Errorf("ExitProbability = %g, want ≤ 1", got)
		}
	})
}

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
