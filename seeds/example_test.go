package seeds_test

import (
	"fmt"

	"clustersim/seeds"
)

// runValues stands in for a model run (*sim.Results in the program).
type runValues map[string]map[int]float64

func (r runValues) Value(series string, year int) (float64, bool) {
	v, ok := r[series][year]
	return v, ok
}

func ExampleEvaluate() {
	targets := []seeds.Target{
		{ID: "pedlars_1950s", Role: seeds.Context, Year: 1953, Observed: 40000, Low: 40000, High: 50000},
		{ID: "getihu_1985", Role: seeds.Calibrate, Series: "firms_getihu", Year: 1985, Observed: 1962, Low: 1569.6, High: 2354.4},
		{ID: "estate_firms_early1990s", Role: seeds.Validate, Series: "estate_firms", Year: 1995, Observed: 3800, Low: 2660, High: 3800},
	}
	run := runValues{
		"firms_getihu": {1985: 2100},
		"estate_firms": {1995: 4200},
	}
	for _, r := range seeds.Evaluate(targets, run) {
		fmt.Printf("%-9s %-24s has=%-5v within=%v\n", r.Target.Role, r.Target.ID, r.Has, r.Within)
	}
	calIn, calN, valIn, valN := seeds.Summary(seeds.Evaluate(targets, run))
	fmt.Printf("calibrate %d/%d, validate %d/%d\n", calIn, calN, valIn, valN)
	// Output:
	// calibrate getihu_1985              has=true  within=true
	// validate  estate_firms_early1990s  has=true  within=false
	// context   pedlars_1950s            has=false within=false
	// calibrate 1/1, validate 0/1
}
