package sim_test

import (
	"bytes"
	"context"
	"fmt"
	"log"

	"clustersim/scenarios"
	"clustersim/sim"
)

// Run the Yongkang baseline at a small scale and read a series.
func ExampleRun() {
	sc, err := scenarios.Builtin("yongkang")
	if err != nil {
		log.Fatal(err)
	}
	res, err := sim.Run(&sc.Config, sim.Options{Seed: 1, Scale: 0.02})
	if err != nil {
		log.Fatal(err)
	}
	firms, _ := res.Value("firms_total", 2006)
	fmt.Printf("%d years reported, %d to %d\n", len(res.Years), res.Years[0], res.Years[len(res.Years)-1])
	fmt.Println("firms in 2006 (rescaled to the county):", firms > 0)
	// Output:
	// 31 years reported, 1980 to 2010
	// firms in 2006 (rescaled to the county): true
}

// Step an engine to a date, watch it with an observer, save its state and
// continue from the saved state.
func ExampleEngine() {
	sc, err := scenarios.Builtin("yongkang")
	if err != nil {
		log.Fatal(err)
	}
	e, err := sim.New(&sc.Config, sim.Options{Seed: 1, Scale: 0.02})
	if err != nil {
		log.Fatal(err)
	}
	years := 0
	e.Attach(sim.ObserverFunc(func(at sim.Point, v *sim.View) {
		if at == sim.YearRecord {
			years++ // v.Firms, v.Villages, v.Labour... are the state of December
		}
	}))
	if err := e.RunUntil(context.Background(), sim.NewMonth(1992, 6)); err != nil {
		log.Fatal(err)
	}
	var state bytes.Buffer
	if err := e.Snapshot(&state); err != nil {
		log.Fatal(err)
	}
	restored, err := sim.Restore(&state, &sc.Config, sim.Options{})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("years recorded by 1992-06:", years, "; restored at", restored.Month())
	if err := restored.RunUntil(context.Background(), sc.Config.End); err != nil {
		log.Fatal(err)
	}
	fmt.Println("done:", restored.Done(), "; years reported:", len(restored.Results().Years))
	// Output:
	// years recorded by 1992-06: 12 ; restored at 1992-07
	// done: true ; years reported: 31
}
