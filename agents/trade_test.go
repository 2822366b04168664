package agents

import "testing"

// tradeEconomy is a month in which every product sells at 1 at home and
// 1.3 abroad, so an exporter's markup (export_share 0.5) is 1.15.
func tradeEconomy(invoicingForAll bool) *Economy {
	return &Economy{Price: []float64{1, 1}, ExportPrice: []float64{1.3, 1.3}, InvoicingForAll: invoicingForAll}
}

func tradeParams() *Params {
	p := testParams()
	fp := &p.Firms
	fp.ExportEntryRate, fp.ExportQuality, fp.ExportMinEmployees = 1, 1, 10
	fp.SubcontractRate, fp.SubcontractMaxEmployees, fp.LeadMinEmployees, fp.SubcontractLinkBreak = 1, 30, 50, 0
	fp.EmployeesPerSupplier, fp.SubcontractPriceCut, fp.ExportShare = 10, 0.1, 0.5
	return p
}

func tradeFirm(p *Params, id int32, form LegalForm, employees float64, product int16) Firm {
	f := Firm{ID: id, Form: form, Quality: 1, Lead: -1, Alive: true, Product: product, Location: VillageSite}
	f.SetEmployees(&p.Firms, employees)
	return f
}

func TestTrade(t *testing.T) {
	p := tradeParams()
	products := []Product{{Sector: 0}, {Sector: 1}}
	villages := []Village{{Township: 0}, {Township: 0}}
	e := tradeEconomy(true)
	t.Run("an exporter", func(t *testing.T) {
		rules := &TradeRules{ExportOpening: true, Products: products, Buyers: [][]int32{nil, nil}}
		f := tradeFirm(p, 1, Private, 20, 0)
		lead := tradeFirm(p, 5, Private, 100, 0)
		f.Lead = 5
		Trade(p, rules, e, villages, nil, &lead, &f, testDraws(1))
		if !f.Exporter || f.Lead != -1 {
			t.Errorf("exporter %v, lead %d; want an exporter without lead", f.Exporter, f.Lead)
		}
	})
	t.Run("a buyer that closed", func(t *testing.T) {
		rules := &TradeRules{Products: products, Buyers: [][]int32{nil, nil}}
		f := tradeFirm(p, 1, Getihu, 5, 0)
		f.Lead = 5
		Trade(p, rules, e, villages, nil, nil, &f, testDraws(2))
		if f.Lead != -1 {
			t.Errorf("lead %d, want none", f.Lead)
		}
	})
	t.Run("finds the exporter of its sector, not the firm that sells at home", func(t *testing.T) {
		firms := []Firm{
			tradeFirm(p, 0, Private, 100, 1), // another sector
			tradeFirm(p, 1, Private, 5, 0),   // the searcher
			tradeFirm(p, 2, Private, 100, 0), // sells at home: supplying it does not pay
			tradeFirm(p, 3, Private, 100, 0), // an exporter
		}
		firms[3].Exporter = true
		rules := &TradeRules{Products: products, Month: 40, Buyers: [][]int32{{2, 3}, {0}}}
		f := &firms[1]
		for i := 0; i < 20 && f.Lead < 0; i++ {
			Trade(p, rules, e, villages, firms, nil, f, testDraws(10+i))
		}
		if f.Lead != 3 || !f.BuyerExports || f.LinkedSince != 40 || firms[3].Suppliers != 1 {
			t.Errorf("lead %d (exports %v, since %d), the exporter's suppliers %d; want the exporter 3, since month 40, with one supplier",
				f.Lead, f.BuyerExports, f.LinkedSince, firms[3].Suppliers)
		}
	})
}

func TestSupplyPays(t *testing.T) {
	p := &tradeParams().Firms
	cases := []struct {
		name    string
		form    LegalForm
		all     bool // invoicing open to all
		exports bool // the buyer exports
		want    bool
	}{
		{"a getihu that cannot invoice gains from any buyer", Getihu, false, false, true},
		{"once it may, it gains only from an exporter", Getihu, true, false, false},
		{"a private firm gains from an exporter", Private, true, true, true},
		{"but not from a firm that sells at home", Private, false, false, false},
	}
	for _, c := range cases {
		f := Firm{Form: c.form}
		if got := SupplyPays(p, tradeEconomy(c.all), &f, 0, c.exports); got != c.want {
			t.Errorf("%s: SupplyPays = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestFindBuyerNearestWithASlot(t *testing.T) {
	p := tradeParams()
	// Villages 0 and 1 are in township 0, village 2 in township 1.
	villages := []Village{{Township: 0}, {Township: 0}, {Township: 1}}
	mk := func(id int32, village int32, employees float64) Firm {
		f := tradeFirm(p, id, Private, employees, 0)
		f.Village, f.Exporter = village, true
		return f
	}
	cases := []struct {
		name  string
		firms []Firm
		want  int32
	}{
		{"the same village before the township", []Firm{mk(0, 0, 5), mk(1, 1, 100), mk(2, 0, 100)}, 2},
		{"the township before the county", []Firm{mk(0, 0, 5), mk(1, 2, 100), mk(2, 1, 100)}, 2},
		{"a full buyer is passed over", []Firm{mk(0, 0, 5), mk(1, 0, 10), mk(2, 2, 100)}, 2},
		{"none with a slot", []Firm{mk(0, 0, 5), mk(1, 0, 9)}, -1},
	}
	for _, c := range cases {
		buyers := []int32{}
		for i := 1; i < len(c.firms); i++ {
			buyers = append(buyers, int32(i))
		}
		c.firms[1].Suppliers = SupplierSlots(&p.Firms, &c.firms[1]) // the second firm is full unless larger
		if c.firms[1].Employees >= 100 {
			c.firms[1].Suppliers = 0
		}
		got := int32(-1)
		// Eight draws among two or three buyers hear of each with near certainty; use several streams.
		for s := range 5 {
			if b := FindBuyer(&p.Firms, tradeEconomy(true), buyers, villages, c.firms, &c.firms[0], testDraws(100+s)); b != nil {
				got = b.ID
			}
			if got != c.want {
				break
			}
		}
		if got != c.want {
			t.Errorf("%s: FindBuyer = %d, want %d", c.name, got, c.want)
		}
	}
}

func TestKeepsBuyer(t *testing.T) {
	p := tradeParams()
	fp := &p.Firms
	fp.SubcontractLinkBreak = 0.1
	e := tradeEconomy(true)
	exporter := tradeFirm(p, 2, Private, 100, 0)
	exporter.Exporter = true
	home := tradeFirm(p, 3, Private, 100, 0)
	small := tradeFirm(p, 4, Private, 20, 0)
	away := exporter
	away.Location = Away
	cases := []struct {
		name  string
		lead  *Firm
		years float64
		u     float64
		want  bool
	}{
		{"a new link survives a draw above the hazard", &exporter, 0, 0.11, true},
		{"and breaks below it", &exporter, 0, 0.09, false},
		{"a link of four years breaks at a fifth of the hazard", &exporter, 4, 0.03, true},
		{"a buyer that closed", nil, 0, 0.9, false},
		{"a buyer that left Yongkang", &away, 0, 0.9, false},
		{"a buyer that shrank below the size that buys", &small, 0, 0.9, false},
		{"a buyer whose price no longer pays", &home, 0, 0.9, false},
	}
	for _, c := range cases {
		f := tradeFirm(p, 1, Private, 5, 0)
		f.Lead, f.LinkedSince = 2, 0
		if got := KeepsBuyer(fp, e, int32(12*c.years), &f, c.lead, c.u); got != c.want {
			t.Errorf("%s: KeepsBuyer = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestInheritedBuyer(t *testing.T) {
	p := tradeParams()
	fp := &p.Firms
	e := tradeEconomy(true)
	exporter := func(id int32, employees float64) *Firm {
		f := tradeFirm(p, id, Private, employees, 0)
		f.Exporter = true
		return &f
	}
	cases := []struct {
		name          string
		parent, buyer *Firm
		full          bool // the parent has no free slot
		want          int32
	}{
		{"the parent it worked for, if it buys", exporter(1, 100), exporter(2, 100), false, 1},
		{"the parent's buyer, if the parent is full", exporter(1, 100), exporter(2, 100), true, 2},
		{"the parent's buyer, if the parent is too small to buy", exporter(1, 20), exporter(2, 100), false, 2},
		{"no customer, if supplying the parent does not pay", func() *Firm { f := tradeFirm(p, 1, Private, 100, 0); return &f }(), nil, false, -1},
		{"none, if neither can take it", exporter(1, 20), nil, false, -1},
	}
	for _, c := range cases {
		if c.full {
			c.parent.Suppliers = SupplierSlots(fp, c.parent)
		}
		f := tradeFirm(p, 9, Private, 4, 0)
		got := int32(-1)
		if b := InheritedBuyer(fp, e, c.parent, c.buyer, &f); b != nil {
			got = b.ID
		}
		if got != c.want {
			t.Errorf("%s: InheritedBuyer = %d, want %d", c.name, got, c.want)
		}
	}
}
