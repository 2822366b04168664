package sim

// Tests of engine sub-steps on a small world built by hand, for mechanisms
// that the county series do not show on their own: the tax ranking and the
// priority it gives for estate land.

import (
	"math"
	"testing"

	"clustersim/agents"
	"clustersim/agents/rng"
)

// testConfig is a minimal scenario: one product, two estates that open in
// January 1990, and a timeline with only the tax ranking.
func testConfig() *Config {
	start := NewMonth(1990, 1)
	return &Config{
		Name: "testworld", Start: start, End: NewMonth(1990, 12), ReportFrom: 1990,
		Households: 40,
		Ladder: []Rung{{Name: "tools", Sector: "farm_tools", Available: 1978, Products: 1,
			Market: 1e6, Growth: 0.05, Capital: 1000, Tradition: 1}},
		Estates: []Estate{
			{Name: "east", Open: start, Capacity: 10000},
			{Name: "west", Open: start, Capacity: 10000},
		},
		Regimes:      []Regime{{Name: "only", Start: NewMonth(1978, 1), Governance: Governance{StateTax: 0.05, PrivateTax: 0.05}}},
		Events:       []Event{{Date: start, Kind: TaxRanking}},
		Mantang:      Mantang{Village: 0, Households: 10},
		Destinations: []Destination{{Name: "wuyi", Share: 0.5, Yongwujin: true}, {Name: "elsewhere", Share: 0.5}},
		Params: agents.Params{
			Households: agents.HouseholdParams{PersonsPerHousehold: 4, WorkersPerHousehold: 2, FarmIncome: 700, HotProducts: 1},
			Firms:      agents.FirmParams{LabourElasticity: 0.6, Productivity: 2500, GetihuCap: 7, VillageSiteCap: 30},
			Land:       agents.LandParams{SquareMetresPerEmployee: 50, BasePrice: 100, PriceCap: 3000, RankingSize: 2},
			Villages:   agents.VillageParams{Villages: 2, Townships: 1, PostsPerVillage: 7, ElectionInterval: 3},
		},
	}
}

// newTestWorld builds the world of cfg at full scale and sets the policy
// of its first month.
func newTestWorld(t *testing.T, cfg *Config, seed uint64) *world {
	t.Helper()
	w, err := newWorld(cfg, Options{Seed: seed, Scale: 1})
	if err != nil {
		t.Fatalf("newWorld: %v", err)
	}
	w.policy.update(cfg, w.Month)
	return w
}

// addFirm adds a private firm on a village site that wants the given
// number of employees and asks for an estate plot.
func addFirm(w *world, wanted float64) *agents.Firm {
	f := w.newFirm(rng.NewID(idWorkshop, int(w.NextFirmID)), agents.Private, 0, 1, -1)
	f.SetEmployees(&w.p.Firms, 5)
	f.Wanted, f.WantsPlot = wanted, true
	return f
}

// fillEstates leaves room m² free in the first estate and fills the others.
func fillEstates(w *world, room float64) {
	for i := range w.Estates {
		w.Estates[i].Used = w.Estates[i].Capacity
	}
	w.Estates[0].Used -= room
}

func TestRankTaxpayers(t *testing.T) {
	taxes := []float64{300, 100, 500, 0, 400}
	// build adds a firm paying each of taxes, and returns them.
	build := func(t *testing.T, cfg *Config) (*world, []*agents.Firm) {
		w := newTestWorld(t, cfg, 1)
		var ids []int32
		for _, tax := range taxes {
			f := addFirm(w, 5)
			f.YearTaxes = tax
			ids = append(ids, f.ID)
		}
		fs := make([]*agents.Firm, len(ids)) // pointers only once w.firms has stopped growing
		for i, id := range ids {
			fs[i] = &w.Firms[id]
		}
		return w, fs
	}
	check := func(t *testing.T, fs []*agents.Firm, want []bool) {
		t.Helper()
		for i, f := range fs {
			if f.Ranked != want[i] {
				t.Errorf("firm %d paying %g at %s (office %v): Ranked = %v, want %v", f.ID, f.YearTaxes, f.Location, f.Office, f.Ranked, want[i])
			}
		}
	}
	t.Run("the largest taxpayers", func(t *testing.T) {
		w, fs := build(t, testConfig())
		w.rankTaxpayers()
		check(t, fs, []bool{false, false, true, false, true}) // 500 and 400; ranking size 2
	})
	t.Run("ties go to the older firm", func(t *testing.T) {
		w, fs := build(t, testConfig())
		fs[0].YearTaxes, fs[1].YearTaxes, fs[2].YearTaxes, fs[4].YearTaxes = 200, 200, 200, 100
		w.rankTaxpayers()
		check(t, fs, []bool{true, true, false, false, false})
	})
	t.Run("firms gone elsewhere are ranked only if they keep their office", func(t *testing.T) {
		w, fs := build(t, testConfig())
		fs[2].Location = agents.AwayTo(0)                     // pays 500, gone
		fs[4].Location, fs[4].Office = agents.AwayTo(1), true // pays 400, keeps its office in Yongkang
		w.rankTaxpayers()
		check(t, fs, []bool{true, false, false, false, true})
	})
	t.Run("no ranking before it is in force", func(t *testing.T) {
		cfg := testConfig()
		cfg.Events = nil
		w, fs := build(t, cfg)
		fs[2].Ranked = true // last year's ranking is cleared
		w.rankTaxpayers()
		check(t, fs, make([]bool, len(fs)))
	})
}

// TestRankingPriorityForLand: when there is land for only one of two
// waiting firms, the one in the tax ranking gets it, whatever the order of
// the queue; without the ranking either may.
func TestRankingPriorityForLand(t *testing.T) {
	const wanted = 10 // employees: 500 m² at 50 m² each
	need := wanted * testConfig().Params.Land.SquareMetresPerEmployee
	limits := []struct {
		name   string
		budget float64 // m² the allocation may hand out
		room   float64 // m² free in the estates
	}{
		{"budget for one (quota)", need, 10 * need},
		{"room for one (estates full)", math.Inf(1), need},
	}
	for _, lim := range limits {
		t.Run(lim.name, func(t *testing.T) {
			servedUnranked := 0
			for _, ranking := range []bool{true, false} {
				for seed := uint64(1); seed <= 16; seed++ {
					for _, rankedFirst := range []bool{true, false} {
						cfg := testConfig()
						if !ranking {
							cfg.Events = nil
						}
						w := newTestWorld(t, cfg, seed)
						fillEstates(w, lim.room)
						a := addFirm(w, wanted).ID
						b := addFirm(w, wanted).ID
						ranked, unranked := a, b
						if !rankedFirst {
							ranked, unranked = b, a
						}
						w.Firms[ranked].Ranked = true
						w.waiting = append(w.waiting, a, b)
						w.allocateLand(lim.budget)
						r, u := &w.Firms[ranked], &w.Firms[unranked]
						if ranking {
							if r.Location != agents.EstateSite || r.Plot != need {
								t.Errorf("ranking in force, seed %d, ranked firm queued first %v: ranked firm at %s with %g m², want an estate plot of %g m²",
									seed, rankedFirst, r.Location, r.Plot, need)
							}
							if u.Location != agents.VillageSite || u.Plot != 0 {
								t.Errorf("ranking in force, seed %d, ranked firm queued first %v: unranked firm at %s with %g m², want it still waiting on its village site",
									seed, rankedFirst, u.Location, u.Plot)
							}
							if got := w.Land.AllocatedRanked; got != need {
								t.Errorf("ranking in force, seed %d: %g m² allocated to ranked firms, want %g (land_allocated_ranked)", seed, got, need)
							}
						} else if u.Location == agents.EstateSite {
							servedUnranked++
						}
						if got := w.Land.Allocated; got != need {
							t.Errorf("seed %d: allocated %g m², want %g (land for one firm)", seed, got, need)
						}
					}
				}
			}
			if servedUnranked == 0 {
				t.Errorf("without the ranking, the unranked firm never got land in 32 allocations; want the queue order, not the ranking flag, to decide")
			}
		})
	}
}

// TestAllocateLandOnlyToFirmsThatAsk: a firm on the waiting list that
// looks for a place elsewhere but found no estate plot worth its rent
// (WantsPlot false, ODD 7.16.1) gets no plot and adds nothing to the
// demand for estate land; the firm behind it that asks is served.
func TestAllocateLandOnlyToFirmsThatAsk(t *testing.T) {
	w := newTestWorld(t, testConfig(), 1)
	fillEstates(w, 1000)
	mover := addFirm(w, 10)
	mover.WantsPlot = false
	asker := addFirm(w, 10).ID
	moverID := mover.ID
	w.waiting = append(w.waiting, moverID, asker)
	w.stepLand()
	if f := &w.Firms[moverID]; f.Location != agents.VillageSite || f.Plot != 0 {
		t.Errorf("a firm that does not ask for a plot is at %s with %g m²; want it left on its village site", f.Location, f.Plot)
	}
	if f := &w.Firms[asker]; f.Location != agents.EstateSite || f.Plot != 500 {
		t.Errorf("the firm that asks is at %s with %g m²; want an estate plot of 500 m²", f.Location, f.Plot)
	}
	if want := 500.0 / 12; math.Abs(w.Land.Demand-want) > 1e-9 {
		t.Errorf("land demand %g m², want %g (a twelfth of the asking firm's need only)", w.Land.Demand, want)
	}
}

// TestAllocateLandSkipsRequestsThatDoNotFit: a firm that asks for more
// than any estate has left should not stop the allocation; smaller requests
// behind it that fit should still be served.
func TestAllocateLandSkipsRequestsThatDoNotFit(t *testing.T) {
	w := newTestWorld(t, testConfig(), 1)
	fillEstates(w, 1000)
	big := addFirm(w, 100).ID  // 5,000 m²: fits in no estate
	small := addFirm(w, 10).ID // 500 m²: fits
	w.Firms[big].Ranked = true // served first while the ranking is in force
	w.waiting = append(w.waiting, big, small)
	w.allocateLand(math.Inf(1))
	if f := &w.Firms[big]; f.Location != agents.VillageSite {
		t.Fatalf("firm wanting 5,000 m² was placed at %s with %g m², but no estate has more than 1,000 m² free", f.Location, f.Plot)
	}
	if f := &w.Firms[small]; f.Location != agents.EstateSite || f.Plot != 500 {
		t.Errorf("firm wanting 500 m² is at %s with %g m² after a larger request found no room; "+
			"want it on an estate with 500 m² (allocateLand must go on to the next firm)", f.Location, f.Plot)
	}
}

// TestAllocateLandMoveKeepsPlot: a firm in a full estate that is given
// room to grow in another estate moves there with all the floor space it
// wants, not only the extra space it asked for.
func TestAllocateLandMoveKeepsPlot(t *testing.T) {
	w := newTestWorld(t, testConfig(), 1)
	sq := w.p.Land.SquareMetresPerEmployee
	f := addFirm(w, 20) // wants 1,000 m²
	f.Location, f.Estate, f.Plot = agents.EstateSite, 0, 10*sq
	w.Estates[0].Used = w.Estates[0].Capacity // east is full, the firm's 500 m² included
	w.Estates[1].Used = 0
	w.waiting = append(w.waiting, f.ID)
	w.allocateLand(math.Inf(1))
	f = &w.Firms[f.ID]
	if f.Estate != 1 {
		t.Fatalf("firm is in estate %d, want it moved to estate 1 (the only one with room)", f.Estate)
	}
	if want := f.Wanted * sq; f.Plot < want {
		t.Errorf("after moving to estate 1 the firm holds %g m², want %g m² (its wanted size): "+
			"it gave up its old plot of %g m² and must get its whole size, not only the extra %g m²", f.Plot, want, 10*sq, f.Wanted*sq-10*sq)
	}
	if got, want := w.Estates[0].Used+w.Estates[1].Used, w.Estates[0].Capacity-10*sq+f.Plot; math.Abs(got-want) > 1e-9 {
		t.Errorf("estates use %g m² in all, want %g (the rest of east plus the firm's plot)", got, want)
	}
}

// TestWorkshopCountsAfterArrest: the per-village counts of workshops by
// product, which imitation and specialisation read, must count only living
// workshops. A workshop closed by a raid in its review month must not go on
// to change product.
func TestWorkshopCountsAfterArrest(t *testing.T) {
	cfg := testConfig()
	cfg.Ladder[0].Products = 3
	cfg.Ladder[0].Complexity = 0
	cfg.Events = []Event{{Date: cfg.Start, Kind: CapitalistTails}}
	cfg.Regimes[0].Governance.IllegalSanction = 1 // every unregistered workshop of a repressing village is raided
	cfg.Params.Villages.TailsRisk = 1             // and every village represses
	cfg.Params.Firms.UpgradeRate = 1              // every firm reviews its product in its review month
	cfg.Params.Firms.UpgradeProfitFloor = 1       // and, earning less than its sales,
	cfg.Params.Firms.MaterialsShare = 0.5         // takes any product it can make
	w := newTestWorld(t, cfg, 1)
	w.stepTimeline()
	w.updatePrices()
	w.stepGovernments() // the villages repress from the first month

	owner := w.Villages[0].Households[0]
	f := w.newFirm(w.Households[owner].UID.Child(idWorkshop, int(w.Month), 0), agents.Underground, 0, 0, owner)
	if int(f.ID)%12 != w.Month.MonthOfYear()-1 {
		t.Fatalf("firm %d does not review its product in month %d; the test needs it to", f.ID, w.Month.MonthOfYear())
	}
	f.SetEmployees(&w.p.Firms, 2)
	f.Family = 2
	w.Households[owner].Firm = f.ID
	w.setActivity(owner, agents.Workshop)

	w.stepFirms()

	if w.firm(f.ID) != nil {
		t.Fatalf("the workshop survived a raid with illegal_sanction 1")
	}
	np := len(w.Products)
	for v := range w.Villages {
		for p := range np {
			if c := w.VillProd[v*np+p]; c != 0 {
				t.Errorf("village %d counts %d workshops making product %d, want 0: no workshop is alive "+
					"(a firm closed by a raid must not go on to review its product)", v, c, p)
			}
		}
		if n := w.Villages[v].Workshops; n != 0 {
			t.Errorf("village %d counts %d workshops, want 0", v, n)
		}
	}
}
