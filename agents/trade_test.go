package agents

import "testing"

func TestTrade(t *testing.T) {
	p := testParams()
	fp := &p.Firms
	fp.ExportEntryRate, fp.ExportQuality, fp.ExportMinEmployees = 1, 1, 10
	fp.SubcontractRate, fp.SubcontractMaxEmployees, fp.LeadMinEmployees, fp.SubcontractLinkBreak = 1, 30, 50, 0
	products := []Product{{Sector: 0}, {Sector: 1}}
	rules := &TradeRules{ExportOpening: true, Products: products}
	firm := func(id int32, form LegalForm, employees float64, product int16) Firm {
		f := Firm{ID: id, Form: form, Quality: 1, Lead: -1, Alive: true, Product: product}
		f.SetEmployees(fp, employees)
		return f
	}
	t.Run("an exporter", func(t *testing.T) {
		f := firm(1, Private, 20, 0)
		f.Lead = 5
		Trade(p, rules, nil, true, &f, testDraws(1))
		if !f.Exporter || f.Lead != -1 {
			t.Errorf("exporter %v, lead %d; want an exporter without lead", f.Exporter, f.Lead)
		}
	})
	t.Run("a lead that closed", func(t *testing.T) {
		f := firm(1, Getihu, 5, 0)
		f.Lead = 5
		Trade(p, rules, nil, false, &f, testDraws(2))
		if f.Lead != -1 {
			t.Errorf("lead %d, want none", f.Lead)
		}
	})
	t.Run("finds a lead of its sector", func(t *testing.T) {
		firms := []Firm{firm(0, Private, 100, 1), firm(1, Getihu, 5, 0), firm(2, Private, 100, 0)}
		f := &firms[1]
		for i := 0; i < 20 && f.Lead < 0; i++ {
			Trade(p, rules, firms, false, f, testDraws(10+i))
		}
		if f.Lead != 2 {
			t.Errorf("lead %d, want 2 (the only large firm of its sector)", f.Lead)
		}
	})
}
