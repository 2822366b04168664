package agents

import (
	"math"
	"testing"
)

// entryBase is a household that can afford a workshop and expects it to pay
// a little better than farming, with no sanction risk, cover cost,
// neighbours or encouragement: its entry probability is strictly between 0
// and the cap, so that every input can move it either way.
func entryBase() EntryInputs {
	return EntryInputs{
		Allowed: true, ExpectedProfit: 800, FarmIncome: 700,
		SanctionLoss: 200, Savings: 2000, CapitalNeed: 1000,
	}
}

func TestEntryProbabilityZero(t *testing.T) {
	p := &testParams().Households
	tests := []struct {
		name string
		edit func(*EntryInputs)
	}{
		{"not allowed", func(in *EntryInputs) { in.Allowed = false }},
		{"savings below capital need", func(in *EntryInputs) { in.Savings = in.CapitalNeed - 1 }},
		{"no savings", func(in *EntryInputs) { in.Savings = 0 }},
		{"no farm income", func(in *EntryInputs) { in.FarmIncome = 0 }},
		{"not allowed even if very profitable", func(in *EntryInputs) {
			in.Allowed = false
			in.ExpectedProfit = 1e9
			in.NeighbourShare, in.Encouragement = 1, 100
		}},
		{"no capital even if very profitable", func(in *EntryInputs) {
			in.Savings = 0
			in.ExpectedProfit = 1e9
			in.NeighbourShare, in.Encouragement = 1, 100
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := entryBase()
			tt.edit(&in)
			if got := EntryProbability(p, in); got != 0 {
				t.Errorf("EntryProbability(%+v) = %g, want 0", in, got)
			}
		})
	}
	t.Run("exactly the capital need", func(t *testing.T) {
		in := entryBase()
		in.Savings = in.CapitalNeed
		if got := EntryProbability(p, in); got <= 0 {
			t.Errorf("EntryProbability with savings == capital need = %g, want > 0", got)
		}
	})
}

// TestEntryProbabilityDirections moves one input at a time from entryBase
// and checks the direction in which the probability moves.
func TestEntryProbabilityDirections(t *testing.T) {
	p := &testParams().Households
	base := EntryProbability(p, entryBase())
	if base <= 0 || base >= 1 {
		t.Fatalf("EntryProbability(base) = %g, want strictly inside (0, 1)", base)
	}
	tests := []struct {
		name string
		edit func(*EntryInputs)
		want int // sign of got - base
	}{
		{"higher sanction risk", func(in *EntryInputs) { in.SanctionProb = 0.5 }, -1},
		{"higher cover cost", func(in *EntryInputs) { in.CoverCost = 300 }, -1},
		{"higher expected profit", func(in *EntryInputs) { in.ExpectedProfit = 1500 }, +1},
		{"lower expected profit", func(in *EntryInputs) { in.ExpectedProfit = 100 }, -1},
		{"more neighbours with workshops", func(in *EntryInputs) { in.NeighbourShare = 0.3 }, +1},
		{"village encouragement", func(in *EntryInputs) { in.Encouragement = 1 }, +1},
		{"higher farm income forgone", func(in *EntryInputs) { in.FarmIncome = 1000 }, -1},
		{"more savings than needed", func(in *EntryInputs) { in.Savings = 1e6 }, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := entryBase()
			tt.edit(&in)
			got := EntryProbability(p, in)
			switch {
			case tt.want > 0 && !(got > base):
				t.Errorf("EntryProbability = %g, want > %g (base)", got, base)
			case tt.want < 0 && !(got < base):
				t.Errorf("EntryProbability = %g, want < %g (base)", got, base)
			case tt.want == 0 && got != base:
				t.Errorf("EntryProbability = %g, want %g (base)", got, base)
			}
		})
	}
}

func TestEntryProbabilityMonotone(t *testing.T) {
	p := &testParams().Households
	sweep := func(name string, set func(*EntryInputs, float64), xs []float64, rising bool) {
		t.Run(name, func(t *testing.T) {
			var first, prev float64
			for i, x := range xs {
				in := entryBase()
				set(&in, x)
				got := EntryProbability(p, in)
				if i == 0 {
					first = got
				} else if rising && got < prev || !rising && got > prev {
					t.Errorf("at %g: EntryProbability = %g after %g at %g; want it monotone (rising=%v)", x, got, prev, xs[i-1], rising)
				}
				prev = got
			}
			if rising && !(prev > first) || !rising && !(prev < first) {
				t.Errorf("EntryProbability went from %g to %g over %v; want a strict change (rising=%v)", first, prev, xs, rising)
			}
		})
	}
	xs := []float64{0, 0.1, 0.2, 0.5, 0.8, 1}
	sweep("sanction probability", func(in *EntryInputs, x float64) { in.SanctionProb = x }, xs, false)
	sweep("neighbour share", func(in *EntryInputs, x float64) { in.NeighbourShare = x }, xs, true)
	sweep("sanction loss at a fixed risk", func(in *EntryInputs, x float64) { in.SanctionProb, in.SanctionLoss = 0.3, 2000*x }, xs, false)
	sweep("cover cost", func(in *EntryInputs, x float64) { in.CoverCost = 1000 * x }, xs, false)
	sweep("expected profit", func(in *EntryInputs, x float64) { in.ExpectedProfit = 3000 * x }, xs, true)
}

func TestEntryProbabilityCappedAtOne(t *testing.T) {
	p := &testParams().Households
	p.EntryRate = 1
	in := entryBase()
	in.ExpectedProfit = 1e6
	in.NeighbourShare = 1
	in.Encouragement = 30
	if got := EntryProbability(p, in); got != 1 {
		t.Errorf("EntryProbability of a very attractive workshop = %g, want 1 (capped)", got)
	}
	for _, share := range []float64{0, 0.5, 1} {
		for _, enc := range []float64{0, 1, 30, 1000} {
			in.NeighbourShare, in.Encouragement = share, enc
			if got := EntryProbability(p, in); got < 0 || got > 1 {
				t.Errorf("EntryProbability(share %g, encouragement %g) = %g, want in [0, 1]", share, enc, got)
			}
		}
	}
}

func TestEntryProbabilityNoImitationWeight(t *testing.T) {
	p := &testParams().Households
	p.ImitationWeight = 0
	a := entryBase()
	b := entryBase()
	b.NeighbourShare = 0.9
	if pa, pb := EntryProbability(p, a), EntryProbability(p, b); pa != pb {
		t.Errorf("with imitation_weight 0, EntryProbability changes with neighbour share: %g (share 0) vs %g (share 0.9)", pa, pb)
	}
}

func TestChooseProduct(t *testing.T) {
	const known, modal = 3, 7
	// The copy probability is min(1, imitation_copy·(0.5 + modal share)).
	tests := []struct {
		name  string
		copy  float64 // imitation_copy
		known int
		modal int
		share float64
		u     float64
		want  int
	}{
		{"no village product", 0.4, known, -1, 0.9, 0, known},
		{"low draw copies", 0.4, known, modal, 0.5, 0.1, modal},
		{"draw just below the copy probability", 0.4, known, modal, 0.5, 0.399, modal},
		{"draw at the copy probability", 0.4, known, modal, 0.5, 0.4, known},
		{"high draw keeps its own", 0.4, known, modal, 0.5, 0.9, known},
		{"larger modal share copies at a higher draw", 0.4, known, modal, 1, 0.55, modal},
		{"smaller modal share does not", 0.4, known, modal, 0, 0.55, known},
		{"no imitation never copies", 0, known, modal, 1, 0, known},
		{"copy probability capped at 1", 5, known, modal, 1, 0.999, modal},
		{"household that knows nothing copies", 0.4, -1, modal, 1, 0.1, modal},
		{"household that knows nothing and no village product", 0.4, -1, -1, 0, 0, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &testParams().Households
			p.ImitationCopy = tt.copy
			if got := ChooseProduct(p, tt.known, tt.modal, tt.share, tt.u); got != tt.want {
				t.Errorf("ChooseProduct(known %d, modal %d, share %g, u %g) with imitation_copy %g = %d, want %d",
					tt.known, tt.modal, tt.share, tt.u, tt.copy, got, tt.want)
			}
		})
	}
}

func TestLogistic(t *testing.T) {
	if got := Logistic(0); got != 0.5 {
		t.Errorf("Logistic(0) = %g, want 0.5", got)
	}
	if a, b := Logistic(-1), Logistic(1); !(a < 0.5 && b > 0.5 && math.Abs(a+b-1) < 1e-12) {
		t.Errorf("Logistic(-1), Logistic(1) = %g, %g; want symmetric around 0.5", a, b)
	}
}

// TestConsiderWorkshop: the entry decision's gates stop it, and a household
// sure to open (entry rate 1, a workshop paying far more than farming)
// opens the workshop its village and knowledge give, paying its capital.
func TestConsiderWorkshop(t *testing.T) {
	sure := func() *Params {
		p := testParams()
		p.Households.EntryRate, p.Households.EntrySensitivity, p.Households.WorkshopStartCapital = 1, 100, 1
		p.Households.ImitationCopy = 0 // it makes what it knows
		p.Firms.QualityDispersion = 0  // quality 1
		p.Villages.EncouragementCredit, p.Villages.Spending = 0.5, true
		return p
	}
	products := []Product{{Name: "scales", Available: 1978, Capital: 100}, {Name: "later", Available: 2000, Capital: 100}}
	rules := func() EntryRules {
		return EntryRules{Allowed: true, Economy: testEconomy(2), Products: products, Registration: RegistrationRules{GetihuLegal: true}}
	}
	village := func(s Stance) *Village { return &Village{Stance: s, Modal: -1, Households: []int32{0, 1}} }
	tests := []struct {
		name       string
		rules      func() EntryRules
		known      int16
		savings    float64
		kinSavings float64
		stance     Stance
		open       bool
		capital    float64
		fromKin    float64
		form       LegalForm
	}{
		{"opens", rules, 0, 1000, 0, Tolerate, true, 100, 0, Getihu},
		{"encouraged: the committee's advance", rules, 0, 1000, 0, Encourage, true, 50, 0, anyRegistered},
		{"a secret workshop where the village represses", rules, 0, 1000, 0, Repress, true, 100, 0, Underground},
		{"not before household responsibility", func() EntryRules { r := rules(); r.Allowed = false; return r }, 0, 1000, 0, Tolerate, false, 0, 0, 0},
		{"without the capital", rules, 0, 99, 0, Tolerate, false, 0, 0, 0},
		{"kin lends the rest", rules, 0, 60, 100, Tolerate, true, 100, 40, Getihu},
		{"kin lends only half its savings", rules, 0, 60, 70, Tolerate, false, 0, 0, 0},
		{"own savings first", rules, 0, 1000, 1000, Tolerate, true, 100, 0, Getihu},
		{"knows no product", rules, -1, 1000, 0, Tolerate, false, 0, 0, 0},
		{"the product is not yet made", rules, 1, 1000, 0, Tolerate, false, 0, 0, 0},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := tt.rules()
			h := Household{Known: tt.known, Workers: 2, Savings: tt.savings}
			p := sure()
			p.Households.KinLending = 0.5
			e := ConsiderWorkshop(p, &r, &h, EntryView{Village: village(tt.stance), KinSavings: tt.kinSavings}, testDraws(i))
			if e.Open != tt.open {
				t.Fatalf("open = %v, want %v", e.Open, tt.open)
			}
			if !e.Open {
				return
			}
			formOK := e.Form == tt.form || tt.form == anyRegistered && (e.Form == Getihu || e.Form == RedHat)
			if e.Product != tt.known || !formOK || e.Quality != 1 || math.Abs(e.Capital-tt.capital) > 1e-9 {
				t.Errorf("entry = %+v, want product %d, form %v, quality 1 and capital %g", e, tt.known, tt.form, tt.capital)
			}
			if math.Abs(e.FromKin-tt.fromKin) > 1e-9 {
				t.Errorf("from kin %g, want %g", e.FromKin, tt.fromKin)
			}
			if tt.stance == Encourage && math.Abs(e.Advance-tt.capital) > 1e-9 {
				t.Errorf("advance %g, want %g (half the capital)", e.Advance, tt.capital)
			}
			if h.Savings != tt.savings {
				t.Errorf("the rule spent the savings: sim applies the entry")
			}
		})
	}
}

// anyRegistered, as the form a test wants: a getihu or a red hat, as the
// workshop's need of invoices draws.
const anyRegistered LegalForm = 255
