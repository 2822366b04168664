package agents

import (
	"math"
	"testing"
)

func TestMigrantAdjustment(t *testing.T) {
	p := &testParams().Labour
	tests := []struct {
		name               string
		unfilled, migrants float64
		want               float64
	}{
		{"inflow when jobs are unfilled", 1000, 0, 1000 * p.MigrantResponse},
		{"inflow closes part of the gap", 1000, 400, 600 * p.MigrantResponse},
		{"no change at balance", 500, 500, 0},
		{"small surplus leaves in full", 990, 1000, -10},
		{"large surplus bounded by the return rate", 0, 1000, -1000 * p.MigrantReturnRate},
		{"nothing to do", 0, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := MigrantAdjustment(p, tt.unfilled, tt.migrants); math.Abs(got-tt.want) > 1e-9 {
				t.Errorf("MigrantAdjustment(unfilled %g, migrants %g) = %g, want %g", tt.unfilled, tt.migrants, got, tt.want)
			}
		})
	}
	t.Run("outflow never exceeds the stock", func(t *testing.T) {
		for _, m := range []float64{1, 10, 1e6} {
			if got := MigrantAdjustment(p, 0, m); got < -m || got > 0 {
				t.Errorf("MigrantAdjustment(0, %g) = %g, want in [−%g, 0]", m, got, m)
			}
		}
	})
	t.Run("no inflow with migrant_response 0", func(t *testing.T) {
		q := *p
		q.MigrantResponse = 0
		if got := MigrantAdjustment(&q, 1e6, 0); got != 0 {
			t.Errorf("MigrantAdjustment with migrant_response 0 = %g, want 0", got)
		}
	})
}
