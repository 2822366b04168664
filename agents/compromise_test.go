package agents

import "testing"

func TestReviewCompromise(t *testing.T) {
	for _, tt := range []struct {
		name      string
		diffusion float64
		cover     bool
		want      Stance
	}{{"takes it up", 1, false, Encourage}, {"not yet", 0, false, Tolerate}, {"already covered", 1, true, Tolerate}} {
		v := &Village{Stance: Tolerate, Cover: tt.cover}
		ReviewCompromise(&VillageParams{CompromiseDiffusion: tt.diffusion}, v, testDraws(1))
		if v.Stance != tt.want || v.Cover != (tt.cover || tt.want == Encourage) {
			t.Errorf("%s: stance %d, cover %v", tt.name, v.Stance, v.Cover)
		}
	}
}
