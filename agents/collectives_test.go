package agents

import "testing"

func TestCollectivesFounded(t *testing.T) {
	p := &testParams().Firms
	p.CollectiveFoundRate = 3
	tests := []struct {
		rules CollectiveRules
		want  int
	}{
		{CollectiveRules{RuralCompanies: true, Scale: 1}, 3},
		{CollectiveRules{RuralCompanies: true, Scale: 0.5}, -1}, // 1 or 2
		{CollectiveRules{RuralCompanies: false, Scale: 1}, 0},
		{CollectiveRules{RuralCompanies: true, CollectiveShareholding: true, Scale: 1}, 0},
	}
	for i, tt := range tests {
		got := CollectivesFounded(p, tt.rules, testDraws(i))
		if tt.want >= 0 && got != tt.want || tt.want < 0 && got != 1 && got != 2 {
			t.Errorf("%+v: %d collectives founded, want %d", tt.rules, got, tt.want)
		}
	}
}

func TestNewCollective(t *testing.T) {
	p := &testParams().Firms
	p.TownshipCollectiveSize, p.VillageCollectiveSize, p.CollectiveSizeSpread = 50, 20, 0
	for _, share := range []float64{0, 1} {
		s := &CollectiveSetup{TownshipShare: share, Villages: 3, Tradition: []float64{0, 1, 1}}
		c := NewCollective(p, s, testDraws(int(share)))
		want, size := VillageCollective, 20.0
		if share == 1 {
			want, size = TownshipCollective, 50
		}
		if c.Form != want || c.Employees != size || c.Product != 1 || c.Village < 0 || c.Village >= 3 || !(c.Quality > 0) {
			t.Errorf("township share %g: %+v, want a %v of %g employees making product 1", share, c, want, size)
		}
	}
}
