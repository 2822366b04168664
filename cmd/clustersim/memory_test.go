package main

import (
	"context"
	"runtime"
	"runtime/metrics"
	"testing"
	"unsafe"

	"clustersim/scenarios"
	"clustersim/sim"
)

// liveHeap simulates an ensemble of runs runs of sc at smallScale, writing
// the files of each run as a job does. It returns the largest live heap (as
// of the latest collection) seen after any simulated month, and the live
// heap once the ensemble is done, what the job keeps to summarise it.
func liveHeap(t *testing.T, sc *scenarios.Scenario, runs int) (peak, kept float64) {
	t.Helper()
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	var top uint64
	o := job(t.TempDir())
	o.Scale, o.Runs = smallScale, runs
	progress := func(done, _ int) {
		metrics.Read(sample)
		top = max(top, sample[0].Value.Uint64())
	}
	runtime.GC()
	s, err := simulate(context.Background(), sc, o, nil, o.Out, progress)
	if err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	metrics.Read(sample)
	runtime.KeepAlive(s)
	return float64(top), float64(sample[0].Value.Uint64())
}

// TestEnsembleMemoryIsBounded runs ensembles of 4 and of 34 runs and
// measures what each further run adds to the peak live heap, and to what is
// kept once the runs are done. Each run may leave its series (a few tens of
// kilobytes, for the exact quantiles), but not its products and firm
// snapshots, which the ensemble hands to the writers and drops: the growth
// per run must stay well below their size. Not parallel,
// so that no other test shares the heap.
func TestEnsembleMemoryIsBounded(t *testing.T) {
	sc, err := scenarios.Builtin("yongkang")
	if err != nil {
		t.Fatal(err)
	}
	one, err := sim.Run(&sc.Config, sim.Options{Seed: 1, Scale: smallScale})
	if err != nil {
		t.Fatal(err)
	}
	full := float64(len(one.Firms))*float64(unsafe.Sizeof(sim.FirmSnapshot{})) +
		float64(len(one.Products))*float64(unsafe.Sizeof(sim.ProductYear{}))

	const few, many = 4, 34
	peakFew, keptFew := liveHeap(t, sc, few)
	peakMany, keptMany := liveHeap(t, sc, many)
	for _, m := range []struct {
		what      string
		few, many float64
		limit     float64
	}{
		{"peak live heap", peakFew, peakMany, full / 2},
		{"live heap kept at the end", keptFew, keptMany, full / 4},
	} {
		perRun := (m.many - m.few) / (many - few)
		t.Logf("%s: %.1f MB with %d runs, %.1f MB with %d: %.0f kB a run (a run's products and firm snapshots: %.0f kB)",
			m.what, m.few/1e6, few, m.many/1e6, many, perRun/1e3, full/1e3)
		if perRun > m.limit {
			t.Errorf("%s grows by %.0f kB a run (%.1f MB with %d runs, %.1f MB with %d): runs' products and firm snapshots (%.0f kB each) are kept",
				m.what, perRun/1e3, m.few/1e6, few, m.many/1e6, many, full/1e3)
		}
	}
}
