package agents

import (
	"math"
	"testing"
)

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
		if got := EmployeeCap(p, tt.form, tt.loc, tt.inFor, float64(p.VillageSiteCap)); got != tt.want {
			t.Errorf("EmployeeCap(%s, %s, cap in force %v) = %g, want %g", tt.form, tt.loc, tt.inFor, got, tt.want)
		}
	}
	t.Run("village site cap below the getihu cap", func(t *testing.T) {
		q := *p
		q.VillageSiteCap = 3
		if got := EmployeeCap(&q, Getihu, VillageSite, true, float64(q.VillageSiteCap)); got != 3 {
			t.Errorf("EmployeeCap(getihu, village, site cap 3) = %g, want 3 (the smaller cap)", got)
		}
	})
}

func TestReviewsSize(t *testing.T) {
	f := &Firm{ID: 4, Wanted: 3}
	for month, want := range map[int]bool{2: true, 5: true, 3: false, 4: false} {
		if got := ReviewsSize(f, month); got != want {
			t.Errorf("firm 4 in month %d: ReviewsSize = %v, want %v", month, got, want)
		}
	}
	if f.Wanted = 0; !ReviewsSize(f, 3) {
		t.Error("a firm that wants no one reviews its size every month")
	}
}

// TestReviewSize: a firm in Yongkang that wants to grow plans hires and
// gets the share the labour market fills; outside the county it hires them
// all; a firm that outgrows its site waits for land; a family workshop
// does not fire its family.
func TestReviewSize(t *testing.T) {
	p := testParams()
	p.Land.SquareMetresPerEmployee = 50
	e := testEconomy(1)
	rules := &SizeRules{Fill: 0.5, GrowthLo: 0, GrowthHi: math.Inf(1)}
	newFirm := func(form LegalForm, loc Location, quality, employees, family float64) *Firm {
		f := &Firm{Form: form, Location: loc, Lead: -1, Quality: quality, Family: family}
		f.SetEmployees(&p.Firms, employees)
		return f
	}
	t.Run("grows at the fill rate", func(t *testing.T) {
		f := newFirm(Private, EstateSite, 1, 5, 1)
		f.Plot = 1e9
		planned := ReviewSize(p, e, rules, f)
		if !(planned > 0) || math.Abs(f.Employees-(5+0.5*planned)) > 1e-9 || f.Waiting != 0 {
			t.Errorf("planned %g, employees %g, waiting %d; want hires, half of them filled, no wait", planned, f.Employees, f.Waiting)
		}
	})
	t.Run("away, hires them all", func(t *testing.T) {
		f := newFirm(Private, AwayTo(0), 1, 5, 1)
		if planned := ReviewSize(p, e, rules, f); planned != 0 || !(f.Employees > 5) {
			t.Errorf("planned %g in Yongkang, employees %g; want none planned and growth", planned, f.Employees)
		}
	})
	t.Run("waits for land", func(t *testing.T) {
		f := newFirm(Private, VillageSite, 20, float64(p.Firms.VillageSiteCap), 1)
		ReviewSize(p, e, rules, f)
		if f.Waiting != SizeReviewMonths || f.Target != float64(p.Firms.VillageSiteCap) {
			t.Errorf("waiting %d, target %g; want %d and the village-site cap", f.Waiting, f.Target, SizeReviewMonths)
		}
	})
	t.Run("a family workshop keeps its family", func(t *testing.T) {
		f := newFirm(Getihu, VillageSite, 1e-6, 2, 2)
		ReviewSize(p, e, rules, f)
		if f.Employees != 2 {
			t.Errorf("employees %g, want the family of 2", f.Employees)
		}
	})
}

func TestSiteCap(t *testing.T) {
	fp := &testParams().Firms
	fp.VillageSiteCap = 30
	for _, c := range []struct{ developed, want float64 }{{0, 30}, {0.5, 45}, {1, 60}, {-1, 30}} {
		if got := SiteCap(fp, c.developed); got != c.want {
			t.Errorf("developed %g: site cap %g, want %g", c.developed, got, c.want)
		}
	}
}
