package sim_test

// Ablations of the local state (ODD 7.7, 7.19): each switches one
// mechanism off and runs the baseline and the ablated scenario on the same
// eight seeds at full scale (common random numbers: a village's story is
// one village's, and Mantang is 183 households only at full scale). For
// each named series it takes, per seed, the difference ablated − baseline
// of the series' mean over a span of years, and asserts that the mean of
// those paired differences has the sign history suggests and exceeds twice
// its standard error. Each test states its expectation and the passage
// behind it.

import (
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"
	"testing"

	"gonum.org/v1/gonum/stat"

	"clustersim/sim"
)

// ablationSeeds are the seeds of every ablation.
var ablationSeeds = []uint64{1, 2, 3, 4, 5, 6, 7, 8}

// runSeeds runs cfg on every ablation seed at full scale, two at a time.
func runSeeds(t *testing.T, cfg *sim.Config) []*sim.Results {
	t.Helper()
	out := make([]*sim.Results, len(ablationSeeds))
	errs := make([]error, len(ablationSeeds))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range max(1, min(2, runtime.GOMAXPROCS(0))) {
		wg.Go(func() {
			for i := range jobs {
				out[i], errs[i] = sim.Run(cfg, sim.Options{Seed: ablationSeeds[i], Scale: 1, NoFirmSnapshots: true})
			}
		})
	}
	for i := range ablationSeeds {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// ablationBaselines caches the baseline's runs by their last year.
var ablationBaselines = struct {
	sync.Mutex
	runs map[int][]*sim.Results
}{runs: map[int][]*sim.Results{}}

// ablationBaseline returns the baseline's runs to the end of year end.
func ablationBaseline(t *testing.T, end int) []*sim.Results {
	t.Helper()
	ablationBaselines.Lock()
	defer ablationBaselines.Unlock()
	if r, ok := ablationBaselines.runs[end]; ok {
		return r
	}
	cfg := baselineConfig(t)
	endIn(cfg, end)
	r := runSeeds(t, cfg)
	ablationBaselines.runs[end] = r
	return r
}

// effect is an expected consequence of switching a mechanism off: the
// series, averaged over from..to, is lower (sign −1) or higher (+1).
type effect struct {
	series   string
	from, to int
	sign     int
}

func (e effect) String() string {
	dir := "lower"
	if e.sign > 0 {
		dir = "higher"
	}
	return fmt.Sprintf("%s %d–%d %s", e.series, e.from, e.to, dir)
}

// pairedDifference is the mean over the seeds of (off − base) of the
// series' mean over from..to, its standard error and the baseline's mean.
func pairedDifference(t *testing.T, base, off []*sim.Results, series string, from, to int) (mean, se, level float64) {
	t.Helper()
	meanOver := func(r *sim.Results) float64 {
		s := 0.0
		for y := from; y <= to; y++ {
			v := valueIn(t, r, series, y)
			if math.IsNaN(v) {
				v = 0 // an empty series (e.g. no compromise yet) counts as none
			}
			s += v
		}
		return s / float64(to-from+1)
	}
	d := make([]float64, len(base))
	b := make([]float64, len(base))
	for i := range base {
		b[i] = meanOver(base[i])
		d[i] = meanOver(off[i]) - b[i]
	}
	return stat.Mean(d, nil), stat.StdDev(d, nil) / math.Sqrt(float64(len(d))), stat.Mean(b, nil)
}

// wantEffects checks each effect of an ablation against its baseline.
func wantEffects(t *testing.T, what string, base, off []*sim.Results, effects ...effect) {
	t.Helper()
	for _, e := range effects {
		mean, se, level := pairedDifference(t, base, off, e.series, e.from, e.to)
		t.Logf("%s: %-28s %d–%d  off − baseline %+.4g ± %.3g (se), baseline %.4g", what, e.series, e.from, e.to, mean, se, level)
		if !(float64(e.sign)*mean > 2*se) || mean == 0 {
			t.Errorf("%s: want %v by more than 2 standard errors; the paired difference is %+.4g, se %.3g", what, e, mean, se)
		}
	}
}

// builtinRuns runs the built-in scenario name to the end of year end.
func builtinRuns(t *testing.T, name string, end int) []*sim.Results {
	t.Helper()
	cfg := builtinConfig(t, name)
	endIn(cfg, end)
	return runSeeds(t, cfg)
}

// ablate runs the baseline edited by off to the end of year end.
func ablate(t *testing.T, end int, off func(*sim.Config)) []*sim.Results {
	t.Helper()
	cfg := baselineConfig(t)
	off(cfg)
	endIn(cfg, end)
	return runSeeds(t, cfg)
}

// localStateAblations are the ablations of the 1980s local state, each
// with the expectation and the passage behind it; all run to 1990 against
// the same baseline runs.
var localStateAblations = []ablation{
	{
		// Without raids on secret workshops (illegal_sanction 0 under the
		// red-hat regime) no villager is arrested, no village goes through
		// the conflict that makes it devise the compromise, and the
		// confederation never starts: fewer villages cover and fewer
		// workshops wear a red hat in the 1980s, while more secret workshops
		// survive until getihu are legal.
		name: "repression",
		off: func(c *sim.Config) {
			c.Regimes = slices.Clone(c.Regimes)
			c.Regimes[0].Governance.IllegalSanction = 0
		},
		effects: []effect{
			{"arrests", 1980, 1981, -1}, {"firms_underground", 1980, 1981, +1},
			{"villages_covered", 1982, 1988, -1}, {"firms_red_hat", 1983, 1988, -1},
		},
		why: `"the village managers arrested villagers who were carrying out manufacturing operations ... This event triggered the transformations that were to follow. With a revolt brewing, the local government was obliged to change its tone and adopt a compromise."`,
	},
	{
		// Where no village can cover (the confederation's official costs
		// more than any village's fees: official_cost 1000 farm incomes)
		// there are no red hats, and Mantang, tolerated but neither covered
		// nor encouraged, has fewer workshops.
		name: "cover",
		off:  func(c *sim.Config) { c.Params.Villages.OfficialCost = 1000 },
		effects: []effect{
			{"firms_red_hat", 1983, 1990, -1}, {"villages_covered", 1983, 1990, -1},
			{"mantang_workshops_per_183", 1982, 1986, -1},
		},
		why: `"It agreed to turn a blind eye to the setting up of small-scale operations, on condition that they prosper under its cover. In this context, the local government ultimately encouraged the peasants to create family workshops in Mantang."`,
	},
	{
		// If the compromise is not news (compromise_news false), households
		// weigh a workshop only at their yearly review: Mantang registers
		// fewer workshops in the year after its compromise, and the villages
		// that take it up later fill more slowly, so fewer red hats.
		name:    "compromise_news",
		off:     func(c *sim.Config) { c.Params.Villages.CompromiseNews = false },
		effects: []effect{{"mantang_registered_per_183", 1981, 1982, -1}, {"firms_red_hat", 1982, 1986, -1}},
		why:     `"the local government ultimately encouraged the peasants to create family workshops in Mantang. Therefore, in 1982, no fewer than 170 of the 183 households in the village were registered as small-scale workshops"`,
	},
	{
		// If villages never see how covered contacts fare (contact_rate 0),
		// the compromise stays where it was devised: fewer villages take it
		// up after the city legitimises it, and fewer workshops wear a red
		// hat.
		name:    "contagion",
		off:     func(c *sim.Config) { c.Params.Villages.ContactRate = 0 },
		effects: []effect{{"villages_covered", 1985, 1990, -1}, {"firms_red_hat", 1985, 1990, -1}},
		why:     `"it soon attracted the attention of neighbouring communes"; "Taken up and largely followed in the whole of the Yongkang area, the example of Mantang allowed the regional economy to swiftly take off."`,
	},
	{
		// Governments that collect but spend nothing (spending false)
		// advance no start-up capital and pay none of their collectives'
		// losses: fewer workshops open under cover, and collectives that
		// lose money shed labour and close sooner.
		name: "spending",
		off:  func(c *sim.Config) { c.Params.Villages.Spending = false },
		effects: []effect{
			{"advances", 1982, 1990, -1}, {"firms_red_hat", 1983, 1990, -1},
			{"firms_collective", 1982, 1990, -1},
		},
		why: `the confederation's official was "responsible for all the administrative and financial steps taken by the workshops"; the local collectivities acted "in order to safeguard their own local system of collective companies"`,
	},
	{
		// Without kin's loans (kin_lending 0) a household opens a workshop
		// only from its own savings (and its village's advance): fewer
		// households have the capital in the 1980s, fewer workshops open
		// and fewer getihu run.
		name:    "kin",
		off:     func(c *sim.Config) { c.Params.Households.KinLending = 0 },
		effects: []effect{{"entries", 1982, 1990, -1}, {"firms_getihu", 1983, 1990, -1}},
		why:     `using his savings (the "first pot of gold," diyi tong jin); kin as a source of start-up capital is an assumption (ODD 7.4)`,
	},
}

// ablation is one mechanism switched off (off edits the baseline), the
// effects expected and the passage behind them.
type ablation struct {
	name    string
	off     func(*sim.Config)
	effects []effect
	why     string
}

// runAblations runs each ablation to the end of year end and checks its
// effects against the baseline's runs to that year.
func runAblations(t *testing.T, end int, table []ablation) {
	t.Helper()
	base := ablationBaseline(t, end)
	for _, a := range table {
		t.Run(a.name, func(t *testing.T) {
			t.Logf("A: %s", a.why)
			wantEffects(t, "no "+a.name, base, ablate(t, end, a.off), a.effects...)
		})
	}
}

// TestLocalStateAblations switches off, one at a time, repression, cover,
// the compromise as news, its contagion, the spending of revenue and kin's
// loans, and checks each expectation of localStateAblations.
func TestLocalStateAblations(t *testing.T) {
	engineTest(t)
	runAblations(t, 1990, localStateAblations)
}

// TestAblateElections: the built-in no_elections counterfactual (posts
// counted, no consequences) against the baseline. Where businessmen hold
// the posts, the village develops its land for firms as far as its budget
// pays (ODD 7.7.5), and its firms grow on its sites; without it the
// villages spend nothing on land, more firms wait for estate land, more
// leave the county, and Yongkang employs fewer. The posts themselves go to
// businessmen as before. A: "The village of Qianhuang ... started by
// exploring a 59-acre plot of land near the river, in order to install
// dozens of family companies there"; the local government's support helps
// companies "when acquiring land to accommodate company expansion".
func TestAblateElections(t *testing.T) {
	engineTest(t)
	base, off := ablationBaseline(t, 2010), builtinRuns(t, "no_elections", 2010)
	wantEffects(t, "no_elections", base, off,
		effect{"sites_developed", 1996, 2010, -1},
		effect{"land_development", 1996, 2010, -1},
		effect{"employment", 1996, 2010, -1},
		effect{"estate_firms", 1996, 2010, +1},
		effect{"firms_left", 1996, 2010, +1},
	)
	mean, _, level := pairedDifference(t, base, off, "businessmen_posts_share", 1993, 2010)
	if math.Abs(mean) > 0.02*level {
		t.Errorf("no_elections changes the businessmen's share of posts by %+.3g (baseline %.3g): posts should be counted as before", mean, level)
	}
}

// TestNoCompromise: in the built-in no_compromise counterfactual Mantang's
// cadres never yield: the raids go on, so its arrests keep growing after
// 1982, and its workshops stay hidden or close, far below the baseline's
// registered workshops; it never takes up the compromise. A: "With a
// revolt brewing, the local government was obliged to change its tone and
// adopt a compromise" — here it is not.
func TestNoCompromise(t *testing.T) {
	engineTest(t)
	base, off := ablationBaseline(t, 1990), builtinRuns(t, "no_compromise", 1990)
	wantEffects(t, "no_compromise", base, off,
		effect{"mantang_arrests", 1983, 1990, +1},
		effect{"mantang_registered_per_183", 1982, 1990, -1},
	)
	grew := 0
	for i, r := range off {
		a82, a90 := valueIn(t, r, "mantang_arrests", 1982), valueIn(t, r, "mantang_arrests", 1990)
		if a90 > a82 {
			grew++
		}
		if c := valueIn(t, r, "mantang_compromise", 1990); !math.IsNaN(c) {
			t.Errorf("seed %d: Mantang took up the compromise in %g, though its cadres never yield", ablationSeeds[i], c)
		}
	}
	if grew < len(off)-1 {
		t.Errorf("Mantang's arrests grew after 1982 in %d of %d seeds, want at least %d", grew, len(off), len(off)-1)
	}
	// Far below: less than half the baseline's registered workshops.
	mean, _, level := pairedDifference(t, base, off, "mantang_registered_per_183", 1983, 1990)
	if !(level+mean < level/2) {
		t.Errorf("Mantang's registered workshops 1983–1990: %.3g without the compromise against %.3g, want less than half", level+mean, level)
	}
}
