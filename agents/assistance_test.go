package agents

import "testing"

func TestAssist(t *testing.T) {
	mk := func() []Firm {
		fs := make([]Firm, 6)
		for i := range fs {
			fs[i] = Firm{ID: int32(i), Alive: true, Location: VillageSite}
		}
		fs[4].Ranked = true   // ranked, but last in the lottery
		fs[1].Location = Away // produces outside Yongkang
		fs[3].Alive, fs[3].Assisted = false, true
		return fs
	}
	// lottery: lower index first, but the ranked firm 4 last.
	lottery := func(i int) float64 {
		if i == 4 {
			return 0.9
		}
		return float64(i) / 10
	}
	cases := []struct {
		name     string
		capacity int
		want     []bool
	}{
		{"nobody", 0, []bool{false, false, false, false, false, false}},
		{"the ranked firm first", 1, []bool{false, false, false, false, true, false}},
		{"then the lottery", 3, []bool{true, false, true, false, true, false}},
		{"room for all candidates", 10, []bool{true, false, true, false, true, true}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fs := mk()
			got := Assist(fs, c.capacity, lottery, &AssistBuffer{})
			n := 0
			for i, f := range fs {
				if f.Assisted != c.want[i] {
					t.Errorf("firm %d assisted = %v, want %v", i, f.Assisted, c.want[i])
				}
				if c.want[i] {
					n++
				}
			}
			if len(got) != n {
				t.Errorf("returned %d firms, want %d", len(got), n)
			}
		})
	}
	// Without the ranking, firm 4 is not served when the centre is full.
	fs := mk()
	fs[4].Ranked = false
	Assist(fs, 3, lottery, &AssistBuffer{})
	if fs[4].Assisted {
		t.Error("unranked, last in the lottery, with three places: firm 4 should not be assisted")
	}
}

func TestReviewYearAssisted(t *testing.T) {
	p := &testParams().Firms
	p.QualityNoise, p.InnovationBoost, p.QualityGrowth, p.UpgradeRate = 0, 1, 0.1, 0
	rules := &YearlyReviewRules{InnovationCentre: true, MonthOfYear: 12, Products: []Product{{}}}
	grow := func(assisted bool) float64 {
		f := &Firm{Alive: true, Quality: 1, Owner: -1, Employees: 1, Assisted: assisted}
		ReviewYear(p, testEconomy(1), rules, f, testDraws(1))
		return f.Quality
	}
	if a, n := grow(true), grow(false); !(a > n) || n != 1.1 {
		t.Errorf("quality after a year: assisted %g, not assisted %g; want 1.2 and 1.1", a, n)
	}
}

func TestCentreCapacity(t *testing.T) {
	fp := &FirmParams{InnovationSpending: 0.25, AssistanceCost: 0.5}
	cases := []struct {
		name       string
		spending   bool
		taxes, wag float64
		want       int
	}{
		{"a quarter of the taxes at half a wage each", true, 8e6, 4000, 1000},
		{"twice the taxes, twice the firms", true, 16e6, 4000, 2000},
		{"twice the wage, half the firms", true, 8e6, 8000, 500},
		{"rounded down", true, 8e6 + 1999, 4000, 1000},
		{"the spending ablation pays for nothing", false, 8e6, 4000, 0},
		{"no taxes", true, 0, 4000, 0},
		{"no wage yet", true, 8e6, 0, 0},
	}
	for _, c := range cases {
		if got := CentreCapacity(fp, c.spending, c.taxes, c.wag); got != c.want {
			t.Errorf("%s: CentreCapacity = %d, want %d", c.name, got, c.want)
		}
	}
}
