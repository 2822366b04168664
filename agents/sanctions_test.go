package agents

import "testing"

func TestSanctionProbability(t *testing.T) {
	rules := &SanctionRules{Illegal: 0.02, Tolerance: 0.75, Mantang: 0.03}
	tests := []struct {
		name    string
		stance  Stance
		mantang bool
		want    float64
	}{
		{"repression", Repress, false, 0.02},
		{"repression in Mantang", Repress, true, 0.03},
		{"tolerance", Tolerate, false, 0.02 * 0.25},
		{"tolerance in Mantang", Tolerate, true, 0.02 * 0.25},
		{"encouragement", Encourage, false, 0},
		{"encouragement in Mantang", Encourage, true, 0},
	}
	for _, tt := range tests {
		if got := SanctionProbability(rules, tt.stance, tt.mantang); got != tt.want {
			t.Errorf("%s: SanctionProbability = %g, want %g", tt.name, got, tt.want)
		}
	}
}
