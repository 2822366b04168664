package agents

import (
	"math"
	"testing"
)

func TestSpinoffProbability(t *testing.T) {
	p := &testParams().Firms
	firm := func(form LegalForm, employees, family float64) *Firm {
		return &Firm{Form: form, Employees: employees, Family: family}
	}
	t.Run("rises with hired employees", func(t *testing.T) {
		prev := -1.0
		for _, l := range []float64{2, 5, 10, 50, 200} {
			got := SpinoffProbability(p, firm(Private, l, 2), false)
			if !(got > prev) && l > 2 {
				t.Errorf("SpinoffProbability(%g employees) = %g, want > %g", l, got, prev)
			}
			prev = got
		}
	})
	t.Run("family labour does not spin off", func(t *testing.T) {
		if got := SpinoffProbability(p, firm(Getihu, 3, 3), true); got != 0 {
			t.Errorf("SpinoffProbability(family-only workshop) = %g, want 0", got)
		}
	})
	t.Run("manager term only for collectives when managers are free", func(t *testing.T) {
		for _, f := range allForms {
			free := SpinoffProbability(p, firm(f, 20, 0), true)
			bound := SpinoffProbability(p, firm(f, 20, 0), false)
			diff := free - bound
			want := 0.0
			if f.Collective() {
				want = p.ManagerSpinoffRate
			}
			if math.Abs(diff-want) > 1e-12 {
				t.Errorf("%s: free − not free = %g, want %g", f, diff, want)
			}
		}
	})
	t.Run("capped at 1", func(t *testing.T) {
		q := *p
		q.SpinoffRate = 0.5
		if got := SpinoffProbability(&q, firm(VillageCollective, 1000, 0), true); got != 1 {
			t.Errorf("SpinoffProbability(huge) = %g, want 1", got)
		}
	})
	t.Run("zero rates", func(t *testing.T) {
		q := *p
		q.SpinoffRate, q.ManagerSpinoffRate = 0, 0
		if got := SpinoffProbability(&q, firm(TownshipCollective, 100, 0), true); got != 0 {
			t.Errorf("SpinoffProbability with zero rates = %g, want 0", got)
		}
	})
}

func TestFoundSpinoff(t *testing.T) {
	p := &testParams().Firms
	parent := &Firm{Form: Private, Quality: 2}
	households := []Household{{Firm: 3, Workers: 2}, {Firm: -1, Workers: 2}, {Firm: -1, Activity: Left}}
	free := &RegistrationRules{GetihuLegal: true, PrivateFree: true}
	if SpinsOff(0, testDraws(1)) || !SpinsOff(1, testDraws(1)) {
		t.Error("SpinsOff(0) or not SpinsOff(1)")
	}
	t.Run("no household free to found", func(t *testing.T) {
		if s := FoundSpinoff(p, free, parent, &Village{Households: []int32{0, 2}}, households, testDraws(2)); s.Founder != -1 {
			t.Errorf("founder %d, want none: one owns a firm, one has left", s.Founder)
		}
	})
	t.Run("a manager of an enterprise founds an enterprise", func(t *testing.T) {
		s := FoundSpinoff(p, free, parent, &Village{Households: []int32{1}}, households, testDraws(3))
		if s.Founder != 1 || s.Form != Private || !(s.Quality > 0) {
			t.Errorf("spin-off %+v, want household 1 founding a private enterprise", s)
		}
	})
}
