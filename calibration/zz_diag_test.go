package calibration

import (
	"context"
	"strings"
	"testing"
	"math"
	"fmt"
	"os"
	"strconv"
	"clustersim/seeds"
	"clustersim/sim/ensemble"
)

func TestZZDiag(t *testing.T) {
	budget, _ := strconv.Atoi(os.Getenv("ZBUDGET"))
	worst := 0.0
	for seed := 1; seed <= 16; seed++ {
		spec, err := ParseSpec("twin.yaml", []byte(strings.Replace(twinSpec, "seed: 5", fmt.Sprintf("seed: %d", seed), 1)))
		if err != nil { t.Fatal(err) }
		_, base, _ := twinSetup(t)
		truth := CloneConfig(base)
		for _, p := range spec.Parameters { p.ParsedPath().Apply(truth, twinTruth[p.Name]) }
		e, _ := ensemble.Run(context.Background(), truth, ensemble.Options{Runs: spec.Runs, Seed: spec.Seed, Scale: spec.Scale})
		var targets []seeds.Target
		for _, m := range twinMoments {
			v, _ := e.Mean(m.series, m.year)
			targets = append(targets, seeds.Target{ID: m.series, Series: m.series, Year: m.year, Observed: v, Low: 0.9 * v, High: 1.1 * v, Role: seeds.Calibrate})
		}
		res, err := Run(context.Background(), Options{Spec: spec, Base: base, Targets: targets, Budget: budget, OutDir: t.TempDir()})
		if err != nil { t.Fatal(err) }
		s := ""
		for i, n := range res.Names { d := math.Log(res.Values[i]/twinTruth[n]); worst = math.Max(worst, math.Abs(d)); s += fmt.Sprintf(" %s %.3g (%+.3f)", n, res.Values[i], d) }
		t.Logf("seed %d loss %.3g at %d%s", seed, res.Loss, res.BestEval, s)
	}
	t.Logf("worst %.3f", worst)
}
