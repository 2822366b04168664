package sim_test

import (
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
