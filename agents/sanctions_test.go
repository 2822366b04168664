package agents

import "testing"

func TestSanctionProbability(t *testing.T) {
	rules := &SanctionRules{Illegal: 0.02, Tolerance: 0.75}
	tests := []struct {
		name   string
		stance Stance
		want   float64
	}{
		{"repression", Repress, 0.02},
		{"tolerance", Tolerate, 0.02 * 0.25},
		{"cover", Encourage, 0},
	}
	for _, tt := range tests {
		if got := SanctionProbability(rules, tt.stance); got != tt.want {
			t.Errorf("%s: SanctionProbability = %g, want %g", tt.name, got, tt.want)
		}
	}
}
