package agents

import "testing"

func TestRankTaxpayers(t *testing.T) {
	firms := []Firm{
		{ID: 0, YearTaxes: 5, Location: VillageSite},
		{ID: 1, YearTaxes: 9, Location: AwayTo(0)},               // away, no office: not ranked
		{ID: 2, YearTaxes: 8, Location: AwayTo(0), Office: true}, // its office is in Yongkang
		{ID: 3, YearTaxes: 5, Location: EstateSite},
		{ID: 4, YearTaxes: 0, Location: EstateSite, Ranked: true}, // ranked last year, pays nothing now
	}
	RankTaxpayers(firms, 2)
	for i, want := range []bool{true, false, true, false, false} { // 5 ties with 5: the lower ID ranks higher
		if firms[i].Ranked != want {
			t.Errorf("firm %d ranked %v, want %v", i, firms[i].Ranked, want)
		}
	}
	RankTaxpayers(firms, 0)
	for i := range firms {
		if firms[i].Ranked {
			t.Errorf("firm %d ranked with no ranking", i)
		}
	}
}
