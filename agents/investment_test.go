package agents

import (
	"math"
	"testing"
)

func TestCapitalTerm(t *testing.T) {
	heavy := &Product{MinStock: 1000, Elasticity: 0.1}
	craft := &Product{MinStock: 1000}
	cases := []struct {
		name  string
		pr    *Product
		stock float64
		want  func(float64) bool
	}{
		{"equipped as its rung needs: 1", heavy, 1000, func(x float64) bool { return math.Abs(x-1) < 1e-12 }},
		{"none (a spin-off): below 1", heavy, 0, func(x float64) bool { return x < 1 && x > 0 }},
		{"more equipment: above 1", heavy, 9000, func(x float64) bool { return math.Abs(x-math.Pow(5, 0.1)) < 1e-12 }},
		{"equipment adds nothing to a craft", craft, 9000, func(x float64) bool { return x == 1 }},
		{"a product needing none", &Product{Elasticity: 0.1}, 9000, func(x float64) bool { return x == 1 }},
	}
	for _, c := range cases {
		if got := CapitalTerm(c.pr, c.stock); !c.want(got) {
			t.Errorf("%s: CapitalTerm = %g", c.name, got)
		}
	}
	var f Firm
	if f.EquipmentTerm() != 1 {
		t.Errorf("a firm built by hand: EquipmentTerm = %g, want 1", f.EquipmentTerm())
	}
	f.SetStock(heavy, 0)
	if f.EquipmentTerm() != CapitalTerm(heavy, 0) {
		t.Errorf("after SetStock(0): EquipmentTerm = %g, want %g", f.EquipmentTerm(), CapitalTerm(heavy, 0))
	}
}

func TestCreditLeverage(t *testing.T) {
	p := &testParams().Firms
	cases := []struct {
		form   LegalForm
		ranked bool
		want   float64
	}{
		{Underground, false, 0}, {Getihu, true, 0}, // no bank account
		{RedHat, false, p.BankLeverage}, {VillageCollective, false, p.BankLeverage},
		{Private, false, p.BankLeverage}, {Company, true, 0.9}, // 0.5 × (1 + 1) = 1, capped at 0.9
	}
	for _, c := range cases {
		if got := CreditLeverage(p, &Firm{Form: c.form, Ranked: c.ranked}); got != c.want {
			t.Errorf("%s (ranked %v): CreditLeverage = %g, want %g", c.form, c.ranked, got, c.want)
		}
	}
	if got := CreditLeverage(p, &Firm{Form: Private, Assisted: true}); got != CreditLeverage(p, &Firm{Form: Private, Ranked: true}) {
		t.Errorf("a firm the centre helps borrows %g, want what a ranked firm borrows", got)
	}
}

func TestFinanceableAndEquip(t *testing.T) {
	p := &testParams().Firms
	steel := &Product{MinStock: 20000, Elasticity: 0.1}
	getihu := &Firm{Form: Getihu, Capital: 5000, Stock: 2000}
	private := &Firm{Form: Private, Capital: 5000, Stock: 2000}
	if got := Financeable(p, getihu, 2); got != 2500 {
		t.Errorf("getihu: Financeable = %g, want its cash at the price level, 2500", got)
	}
	if got := Financeable(p, private, 2); !(got > 2500) {
		t.Errorf("private firm: Financeable = %g, want more than its cash buys (bank credit)", got)
	}
	if Affordable(p, steel, getihu, 2) {
		t.Error("a getihu with 2,500 of cash at prices ×2 cannot equip itself for steel (needs 18,000)")
	}
	q := *p
	q.CapitalBarriers = false
	if !Affordable(&q, steel, getihu, 2) {
		t.Error("without capital barriers any product is affordable")
	}
	rich := &Firm{Form: Private, Capital: 100000, Stock: 2000}
	if !Affordable(p, steel, rich, 2) {
		t.Error("a firm with 100,000 of cash at prices ×2 can buy 18,000 of equipment")
	}
	bought := Equip(p, steel, rich, 2)
	if bought != 18000 || rich.Stock != 20000 || rich.Capital != 100000-36000 {
		t.Errorf("Equip: bought %g, stock %g, cash %g; want 18,000, 20,000, 64,000", bought, rich.Stock, rich.Capital)
	}
	if got := Equip(&q, steel, &Firm{Stock: 100}, 2); got != 0 {
		t.Errorf("Equip without capital barriers bought %g, want 0", got)
	}
}

func TestInvest(t *testing.T) {
	p := &testParams().Firms
	e := testEconomy(1)
	heavy := &Product{MinStock: 1000, Elasticity: 0.1}
	mk := func(form LegalForm, cash float64) *Firm {
		f := &Firm{Form: form, Quality: 1, Capital: cash}
		f.SetEmployees(p, 50)
		f.SetStock(heavy, 1000)
		return f
	}
	margin := 0.5
	worn := mk(Private, 0)
	worn.SetStock(heavy, 1000*(1-p.Depreciation)) // Invest values output after the year's wear
	value := 12 * worn.MonthlyOutput(p, e.TFP) * margin
	want := WantedStock(p, heavy, worn, value, e.PriceLevel)
	if !(want > 1000) {
		t.Fatalf("WantedStock = %g, want above the minimum for a 50-employee firm", want)
	}
	rich := mk(Private, 1e9)
	bought := Invest(p, e, heavy, rich, margin)
	if math.Abs(rich.Stock-want) > 1e-6*want || math.Abs(bought-(want-1000*(1-p.Depreciation))) > 1e-6*want {
		t.Errorf("rich firm: stock %g after buying %g; want %g (what it wants)", rich.Stock, bought, want)
	}
	broke := mk(Getihu, 0)
	if got := Invest(p, e, heavy, broke, margin); got != 0 || broke.Stock != 1000*(1-p.Depreciation) {
		t.Errorf("a getihu without cash bought %g, stock %g; want nothing and depreciation only", got, broke.Stock)
	}
	borrower := mk(Private, 0)
	if got := Invest(p, e, heavy, borrower, margin); !(got > 0) || !(borrower.Capital < 0) {
		t.Errorf("a private firm without cash bought %g, cash %g; want a purchase on credit", got, borrower.Capital)
	}
	if i := Interest(p, borrower); math.Abs(i-p.InterestRate/12*-borrower.Capital) > 1e-9 {
		t.Errorf("Interest = %g, want a month's interest on the debt", i)
	}
	if i := Interest(p, rich); i != 0 {
		t.Errorf("Interest on positive cash = %g, want 0", i)
	}
	craft := &Product{MinStock: 1000}
	f := mk(Private, 1e9)
	f.SetStock(craft, 1000)
	if got := Invest(p, e, craft, f, margin); got != 0 {
		t.Errorf("a craft firm bought %g of equipment that adds nothing", got)
	}
}
