package agents

import "testing"

func TestExitProbability(t *testing.T) {
	p := &testParams().Firms
	healthy := func(form LegalForm) *Firm {
		return &Firm{Form: form, Employees: 10, Capital: 1000, Sales: 500}
	}
	losing := func(form LegalForm) *Firm {
		f := healthy(form)
		f.Capital = -p.LossTolerance*f.Sales - 1
		return f
	}
	t.Run("loss-making firms are riskier", func(t *testing.T) {
		for _, f := range []LegalForm{Getihu, RedHat, Private, Company} {
			h, l := ExitProbability(p, healthy(f), true, 1), ExitProbability(p, losing(f), true, 1)
			if !(l > h) {
				t.Errorf("%s: ExitProbability(losing) = %g, want > %g (healthy)", f, l, h)
			}
			if h != p.ExitHazard {
				t.Errorf("%s: ExitProbability(healthy) = %g, want the base hazard %g", f, h, p.ExitHazard)
			}
		}
	})
	t.Run("losses within tolerance", func(t *testing.T) {
		f := healthy(Private)
		f.Capital = -p.LossTolerance*f.Sales + 1
		if got := ExitProbability(p, f, false, 1); got != p.ExitHazard {
			t.Errorf("ExitProbability(loss within tolerance) = %g, want %g", got, p.ExitHazard)
		}
	})
	t.Run("soft budget for collectives", func(t *testing.T) {
		for _, f := range []LegalForm{TownshipCollective, VillageCollective} {
			soft := ExitProbability(p, losing(f), true, 1)
			hard := ExitProbability(p, losing(f), false, 1)
			if soft != 0 {
				t.Errorf("%s losing under soft budget: ExitProbability = %g, want 0 (its government pays or closes it)", f, soft)
			}
			if !(hard > soft) {
				t.Errorf("%s losing: hard budget %g, want > soft budget %g", f, hard, soft)
			}
			if got := ExitProbability(p, healthy(f), false, 1); got != p.ExitHazard {
				t.Errorf("%s healthy: ExitProbability = %g, want %g", f, got, p.ExitHazard)
			}
		}
	})
	t.Run("soft budget does not shelter private firms", func(t *testing.T) {
		if soft, hard := ExitProbability(p, losing(Private), true, 1), ExitProbability(p, losing(Private), false, 1); soft != hard {
			t.Errorf("private losing: soft budget %g, hard %g; want equal", soft, hard)
		}
	})
	t.Run("zero hazard", func(t *testing.T) {
		q := *p
		q.ExitHazard = 0
		if got := ExitProbability(&q, healthy(Private), false, 1); got != 0 {
			t.Errorf("ExitProbability(healthy, exit_hazard 0) = %g, want 0", got)
		}
	})
	t.Run("at most 1", func(t *testing.T) {
		q := *p
		q.ExitHazard = 0.95
		if got := ExitProbability(&q, losing(Private), false, 1); got > 1 {
			t.Errorf("ExitProbability = %g, want ≤ 1", got)
		}
	})
}

func TestExits(t *testing.T) {
	p := &testParams().Firms
	f := &Firm{Form: Private, Sales: 1}
	if p.ExitHazard = 1; !Exits(ExitProbability(p, f, false, 1), testDraws(1)) {
		t.Error("a firm with exit hazard 1 stayed")
	}
	if p.ExitHazard, p.LossExitHazard = 0, 0; Exits(ExitProbability(p, f, false, 1), testDraws(2)) {
		t.Error("a firm with exit hazards 0 closed")
	}
}
