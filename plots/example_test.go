package plots_test

import (
	"fmt"
	"os"

	"clustersim/plots"
	"clustersim/seeds"
	"clustersim/sim"
)

func ExampleWriteAll() {
	r := &sim.Results{Scale: 1}
	var firms, getihu []float64
	for y := 1980; y <= 2010; y++ {
		r.Years = append(r.Years, y)
		firms = append(firms, float64(100*(y-1975)))
		getihu = append(getihu, float64(50*(y-1978)))
	}
	r.Series = []sim.Series{ // sorted by name
		{Name: "firms_getihu", Values: getihu},
		{Name: "firms_total", Values: firms},
	}
	targets := []seeds.Target{
		{ID: "getihu_1985", Year: 1985, Observed: 400, Low: 300, High: 500, Series: "firms_getihu"},
	}

	dir, err := os.MkdirTemp("", "plots-example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)

	paths, err := plots.WriteAll(dir, plots.Input{Results: r, Targets: targets, Title: "example"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(paths), "files")
	// Output: 9 files
}
