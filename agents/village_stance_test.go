package agents

import "testing"

// village returns a village of n households with the given pressure and
// last year's private sales.
func stanceVillage(n int, pressure, private float64) *Village {
	v := &Village{Households: make([]int32, n), Pressure: pressure, PrivateLY: private, Stance: Repress}
	if pressure > 0 {
		v.Arrests = 1 // a village under pressure has been through raids
	}
	return v
}

func TestChooseStance(t *testing.T) {
	const fi = 1000.0 // farm income
	tails := StanceRules{TolerateRisk: 0.1, CoverRisk: 0.1, FarmIncome: fi, VillageFee: 0.03, OfficialCost: 1, Scale: 1, Month: 42}
	after := StanceRules{FarmIncome: fi, VillageFee: 0.03, OfficialCost: 1, Scale: 1, Month: 50}
	tests := []struct {
		name  string
		rules StanceRules
		v     *Village
		want  Stance
		knows bool
	}{
		{"no revolt under the line: repress", tails, stanceVillage(100, 0, 1e6), Repress, false},
		// fees of 3% of 1e5 over 100 households of farm income 1000: 0.03;
		// cover is worth 0.03 − 0.1 − 1/100 = −0.08 under the line.
		{"a revolt short of the risk: repress", tails, stanceVillage(100, 0.05*100*fi, 1e5), Repress, false},
		{"a revolt past the risk devises the compromise", tails, stanceVillage(100, 0.2*100*fi, 1e5), Encourage, true},
		{"fees that outweigh the line: cover at the first raid", tails, stanceVillage(100, 0.01*100*fi, 1e6), Encourage, true},
		{"a revolt past the risk, nothing to collect: tolerate", tails, stanceVillage(100, 0.2*100*fi, 0), Tolerate, false},
		{"no line: tolerate, for a village that does not know the cover", after, stanceVillage(100, 0, 1e6), Tolerate, false},
		{"no line: a village that went through the conflict devises the cover if it pays", after, func() *Village { v := stanceVillage(100, 0, 1e6); v.Arrests = 3; return v }(), Encourage, true},
		{"a village sees what a covered contact's workshops sell", after, func() *Village { v := stanceVillage(100, 0, 0); v.Knows, v.Seen = true, 1e4; return v }(), Encourage, true},
		{"no line: a village that knows the cover takes it when it pays", after, func() *Village { v := stanceVillage(100, 0, 1e6); v.Knows = true; return v }(), Encourage, true},
		{"no line: a village that knows, too few workshops for the official", after, func() *Village { v := stanceVillage(100, 0, 1e4); v.Knows = true; return v }(), Tolerate, true},
		{"cadres that never yield", tails, func() *Village { v := stanceVillage(100, 1e9, 1e9); v.NeverYields = true; return v }(), Repress, false},
		{"a compromise is kept", tails, func() *Village { v := stanceVillage(100, 0, 0); v.Stance, v.Knows = Encourage, true; return v }(), Encourage, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			was := tt.v.Stance
			ChooseStance(&tt.rules, tt.v)
			if tt.v.Stance != tt.want || tt.v.Knows != tt.knows {
				t.Errorf("stance %v, knows %v; want %v, %v (values %+v)", tt.v.Stance, tt.v.Knows, tt.want, tt.knows, ValueStances(&tt.rules, tt.v))
			}
			if tt.want == Encourage && was != Encourage && tt.v.CoverSince != tt.rules.Month {
				t.Errorf("compromise month %d, want %d", tt.v.CoverSince, tt.rules.Month)
			}
		})
	}
}

func TestRevoltPressure(t *testing.T) {
	v := &Village{}
	RecordRaid(v, 300, 2)
	RecordRaid(v, 100, 3)
	if v.Pressure != 400 || v.Arrests != 5 {
		t.Fatalf("pressure %g, arrests %g; want 400, 5", v.Pressure, v.Arrests)
	}
}

func TestLearnsCompromise(t *testing.T) {
	p := &testParams().Villages
	p.ContactRate = 0.1
	if LearnsCompromise(p, 0, testDraws(0)) {
		t.Error("a village with no covered contact learns of the compromise")
	}
	// With more covered contacts, learning is more likely: count over keys.
	count := func(covered int) int {
		n := 0
		for i := range 2000 {
			if LearnsCompromise(p, covered, testDraws(i)) {
				n++
			}
		}
		return n
	}
	one, five := count(1), count(5)
	if one < 140 || one > 260 { // 2000 × 0.1
		t.Errorf("one covered contact: %d of 2000 learn, want about 200", one)
	}
	if five < 700 || five > 940 { // 2000 × (1 − 0.9⁵) ≈ 819
		t.Errorf("five covered contacts: %d of 2000 learn, want about 819", five)
	}
}

func TestCoveredContactsAndTies(t *testing.T) {
	township := []int32{0, 0, 1, 1, 2}
	villages := make([]Village, 5)
	villages[2].Stance, villages[4].Stance = Encourage, Encourage
	for v := range villages {
		villages[v].Ties = DrawTies(v, township, testDraws(v))
		for _, t2 := range villages[v].Ties {
			if t2 >= 0 && township[t2] == township[v] {
				t.Errorf("village %d has a tie %d in its own township", v, t2)
			}
		}
	}
	villages[0].Ties = [2]int32{2, 4}
	if got := CoveredContacts(&villages[0], villages, 0); got != 2 {
		t.Errorf("village 0 with two covered ties: %d covered contacts, want 2", got)
	}
	villages[3].Ties = [2]int32{-1, -1}
	if got := CoveredContacts(&villages[3], villages, 1); got != 1 {
		t.Errorf("village 3 with a covered township neighbour: %d, want 1", got)
	}
	villages[2].Ties = [2]int32{-1, -1}
	if got := CoveredContacts(&villages[2], villages, 1); got != 0 {
		t.Errorf("a covered village, the only one of its township, without ties: %d covered contacts, want 0 (not itself)", got)
	}
}

func TestBestContact(t *testing.T) {
	villages := []Village{
		{Households: make([]int32, 10), PrivateLY: 5000, Stance: Encourage}, // 500 a household
		{Households: make([]int32, 10), PrivateLY: 9000},                    // not covered
		{Households: make([]int32, 4), PrivateLY: 3200, Stance: Encourage},  // 800 a household, a tie
		{Stance: Encourage}, // no households
	}
	v := &Village{Ties: [2]int32{2, -1}}
	if got := BestContact(v, villages, []int32{0, 1, 3}); got != 800 {
		t.Errorf("BestContact = %g, want 800 (the covered tie's sales per household)", got)
	}
	v.Ties = [2]int32{-1, -1}
	if got := BestContact(v, villages, []int32{1}); got != 0 {
		t.Errorf("BestContact with no covered contact = %g, want 0", got)
	}
}

func TestTookUpCompromiseIn(t *testing.T) {
	for _, tt := range []struct {
		name   string
		v      Village
		month  int32
		wanted bool
	}{
		{"covering since that month", Village{Stance: Encourage, CoverSince: 40}, 40, true},
		{"covering since an earlier month", Village{Stance: Encourage, CoverSince: 39}, 40, false},
		{"covering since the first month", Village{Stance: Encourage, CoverSince: 0}, 0, true},
		{"tolerating", Village{Stance: Tolerate, CoverSince: 40}, 40, false},
	} {
		if got := tt.v.TookUpCompromiseIn(tt.month); got != tt.wanted {
			t.Errorf("%s: TookUpCompromiseIn(%d) = %v, want %v", tt.name, tt.month, got, tt.wanted)
		}
	}
}
