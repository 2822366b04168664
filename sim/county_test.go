package sim_test

import (
	"math"
	"testing"

	"clustersim/sim"
)

// TestMantangFromTheScenario: which village is Mantang comes from the
// scenario. A county without Mantang runs, with empty mantang_* series;
// Mantang moved to another village has its history there: its 183
// households and, once the compromise is struck, its workshops.
func TestMantangFromTheScenario(t *testing.T) {
	base := builtinConfig(t, "yongkang")
	run := func(village int) *sim.Results {
		c := *base
		c.Mantang.Village = village
		c.End = sim.NewMonth(1986, 12)
		res, err := sim.Run(&c, sim.Options{Seed: 1, Scale: 0.2})
		if err != nil {
			t.Fatalf("mantang.village %d: %v", village, err)
		}
		return res
	}
	none := run(-1)
	for _, s := range []string{"mantang_households", "mantang_workshops_per_183", "mantang_arrests"} {
		if v, ok := none.Value(s, 1985); !ok || !math.IsNaN(v) {
			t.Errorf("no Mantang: %s in 1985 = %v, %v; want NaN (no such village)", s, v, ok)
		}
	}
	if v, _ := none.Value("firms_total", 1985); !(v > 0) {
		t.Errorf("no Mantang: firms_total in 1985 = %v, want firms", v)
	}
	moved := run(100) // village 100 of the 144 simulated at scale 0.2
	if v, _ := moved.Value("mantang_households", 1980); v < 183 || v > 183*1.3 {
		t.Errorf("Mantang in village 100: %g households in 1980, want 183 and those formed since 1978", v)
	}
	if v, _ := moved.Value("mantang_workshops_per_183", 1984); !(v > 100) {
		t.Errorf("Mantang in village 100: %g workshops per 183 households in 1984, want the compromise's take-off (> 100)", v)
	}
}
