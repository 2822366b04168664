package sim_test

import (
	"context"
	"math"
	"sync"
	"testing"

	"clustersim/agents/rng"
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

// population is the number of households and of living firms in each
// month of the baseline's full-scale run (seed 1).
type population struct {
	households, firms []int
}

var baselinePopulation = sync.OnceValues(func() (population, error) {
	sc, err := scenarios.Builtin("yongkang")
	if err != nil {
		return population{}, err
	}
	e, err := sim.New(&sc.Config, sim.Options{Seed: 1, NoFirmSnapshots: true})
	if err != nil {
		return population{}, err
	}
	var p population
	e.Attach(sim.ObserverFunc(func(at sim.Point, v *sim.View) {
		if at != sim.AfterMonth {
			return
		}
		alive := 0
		for i := range v.Firms {
			if v.Firms[i].Alive {
				alive++
			}
		}
		p.households = append(p.households, len(v.Households))
		p.firms = append(p.firms, alive)
	}))
	return p, e.RunUntil(context.Background(), sc.Config.End)
})

// BenchmarkBarePass is the floor of a full-scale run: a structure-of-
// arrays pass over the baseline's month-by-month numbers of households
// and firms, doing the least work a step must. Each household reviews
// once a year (a twelfth each month): three keyed draws (occupation,
// emigration, entry) and its savings. Each firm, every month: three keyed
// draws (legal form, trade, exit), its output (its labour term
// L^α) and accounts; and at its quarterly review the size rule, an exp and
// a log, and its new labour term, another exp and log. Compare its time
// with BenchmarkFullScaleRun's (go test -run XXX -bench
// 'FullScaleRun|BarePass' -benchmem -count 5 -cpu 1 ./sim). It stands for
// agents.Produce and agents.ReviewSize; a full-scale run makes as many exp
// and log calls (5.85 M and 5.64 M) as this pass (5.73 M each).
func BenchmarkBarePass(b *testing.B) {
	p, err := baselinePopulation()
	if err != nil {
		b.Fatal(err)
	}
	sc, err := scenarios.Builtin("yongkang")
	if err != nil {
		b.Fatal(err)
	}
	fp := &sc.Config.Params.Firms
	maxH, maxF := 0, 0
	for m := range p.households {
		maxH, maxF = max(maxH, p.households[m]), max(maxF, p.firms[m])
	}
	// The agents, as arrays.
	savings := make([]float64, maxH)
	hid := make([]rng.ID, maxH)
	for i := range hid {
		hid[i] = rng.NewID(rng.NewPurpose("household"), i)
	}
	employees, labourPow, quality, capital := make([]float64, maxF), make([]float64, maxF), make([]float64, maxF), make([]float64, maxF)
	fid := make([]rng.ID, maxF)
	for i := range fid {
		fid[i] = rng.NewID(rng.NewPurpose("firm"), i)
		employees[i], quality[i] = 3, 1
	}
	purposes := [6]rng.Purpose{}
	for i, n := range []string{"occupation", "emigration", "entry", "legal_form", "trade", "exit"} {
		purposes[i] = rng.NewPurpose(n)
	}
	run := rng.RunKey(1, 0)
	d := rng.NewDraws()
	a := fp.LabourElasticity
	b.ReportAllocs()
	sink := 0.0
	for b.Loop() {
		for m := range p.households {
			mk := run.With(uint64(m))
			var keys [6]rng.Key
			for i := range keys {
				keys[i] = mk.For(purposes[i])
			}
			for i := m % 12; i < p.households[m]; i += 12 {
				u := d.Reset(keys[0].Of(hid[i])).Float64()
				u += d.Reset(keys[1].Of(hid[i])).Float64()
				u += d.Reset(keys[2].Of(hid[i])).Float64()
				savings[i] += 0.1 * 700 * (1 + u)
			}
			for i := range p.firms[m] {
				u := d.Reset(keys[3].Of(fid[i])).Float64()
				u += d.Reset(keys[4].Of(fid[i])).Float64()
				u += d.Reset(keys[5].Of(fid[i])).Float64()
				y := 2500 * quality[i] * labourPow[i] / 12
				capital[i] += y*0.5 - employees[i]*30 + u
				if (i+m)%3 == 0 { // the quarterly size review
					want := math.Exp(math.Log(a*2500*quality[i]*0.5/350) / (1 - a))
					employees[i] = max(1, min(want, employees[i]*1.15))
					labourPow[i] = math.Exp(a * math.Log(employees[i]))
				}
			}
		}
		sink += capital[0] + savings[0]
	}
	if math.IsNaN(sink) {
		b.Fatal("NaN")
	}
	hm, fm := 0, 0
	for m := range p.households {
		hm += p.households[m]
		fm += p.firms[m]
	}
	b.ReportMetric(float64(hm), "household-months")
	b.ReportMetric(float64(fm), "firm-months")
}
