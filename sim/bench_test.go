package sim_test

import (
	"testing"

	"clustersim/scenarios"
	"clustersim/sim"
)

// BenchmarkFullScaleRun runs the Yongkang baseline at full scale (every
// household and firm, 1:1). Run with -cpu 1 to measure one core.
func BenchmarkFullScaleRun(b *testing.B) {
	sc, err := scenarios.Builtin("yongkang")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	var st sim.Stats
	for b.Loop() {
		res, err := sim.Run(&sc.Config, sim.Options{Seed: 1})
		if err != nil {
			b.Fatal(err)
		}
		st = res.Stats
	}
	b.ReportMetric(float64(st.HouseholdsEver), "households")
	b.ReportMetric(float64(st.FirmsEver), "firms")
	b.ReportMetric(float64(st.HouseholdMonths), "household-months")
}
