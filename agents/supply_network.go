package agents

import "clustersim/agents/rng"

// ODD 7.12.2: the supply network — small firms that sell to a larger firm
// of their chain (its subcontractors and suppliers) rather than to the
// market. Article: "some 3,000 sold their finished products outside
// China, while another 12,000 served as subcontractors, suppliers, or
// distributors. Together, they formed a dense network of companies
// relatively well integrated with each other and operating according to
// rules that ... were nevertheless relatively well observed (honouring
// of engagements, fixed production sites, and the preservation of client
// and supplier relations)"; Jiake "worked for a long time with Bosch,
// initially as a supplier".

// Buys reports whether a firm buys parts and work from suppliers: a firm
// producing in Yongkang that can invoice and has at least
// lead_min_employees.
func Buys(p *FirmParams, f *Firm) bool {
	return f.Alive && f.Location.InYongkang() && f.Form.CanInvoice() && f.Employees >= float64(p.LeadMinEmployees)
}

// SupplierSlots is how many suppliers a buyer takes: one for every
// employees_per_supplier of its employees. ASSUME: a firm outsources
// parts and work in proportion to its size.
func SupplierSlots(p *FirmParams, f *Firm) int32 {
	return int32(f.Employees / p.EmployeesPerSupplier)
}

// BuyerMarkup is what a buyer's sales fetch per unit, relative to the home
// price of its product: an exporter sells the share export_share abroad
// at the export price; others sell at home.
func BuyerMarkup(p *FirmParams, e *Economy, product int16, exports bool) float64 {
	if !exports || e.Price[product] <= 0 {
		return 1
	}
	x := p.ExportShare
	return (1 - x) + x*e.ExportPrice[product]/e.Price[product]
}

// SupplierPrice is what a supplier gets for a unit of its output: the home
// price of its own product, times its buyer's markup, less the discount
// subcontract_price_cut it gives its buyer. ASSUME: a buyer passes on to
// its suppliers what its own customers pay above the home price.
func SupplierPrice(p *FirmParams, e *Economy, f *Firm) float64 {
	return e.Price[f.Product] * BuyerMarkup(p, e, f.BuyerProduct, f.BuyerExports) * (1 - p.SubcontractPriceCut)
}

// SupplyPays reports whether selling to a buyer that makes product and
// exports (or not) pays a firm better than selling on its own: the price
// it would get as a supplier (with every unit sold: the buyer invoices)
// against the home price times the share of its output it can sell on its
// own (SalesAccess). So before invoicing is open to all, a getihu gains
// from any buyer; after it, a firm gains only from a buyer whose customers
// pay more than the home price by more than the discount — an exporter.
func SupplyPays(p *FirmParams, e *Economy, f *Firm, product int16, exports bool) bool {
	own := SalesAccess(p, f.Form, e.InvoicingForAll)
	return BuyerMarkup(p, e, product, exports)*(1-p.SubcontractPriceCut) > own
}

// Distance is how far a buyer is from a firm, in steps: 0 in the same
// village, 1 in the same township, 2 elsewhere in Yongkang.
func Distance(villages []Village, f, buyer *Firm) int {
	switch {
	case f.Village == buyer.Village:
		return 0
	case villages[f.Village].Township == villages[buyer.Village].Township:
		return 1
	default:
		return 2
	}
}

// FindBuyer is a firm's search for a buyer among buyers (indices into
// firms of the buyers of its sector): it hears of up to eight of them
// (uniform draws), and takes the nearest (Distance; the first heard of
// among the nearest) that has a free slot (SupplierSlots), is not itself,
// and pays it better than selling on its own (SupplyPays). It returns nil
// if none does. ASSUME: a firm hears of a few buyers of its chain at a
// time, and prefers one nearby ("fixed production sites").
func FindBuyer(p *FirmParams, e *Economy, buyers []int32, villages []Village, firms []Firm, f *Firm, r *rng.Draws) *Firm {
	if len(buyers) == 0 {
		return nil
	}
	var best *Firm
	bestD := 3
	for range 8 {
		b := &firms[buyers[r.IntN(len(buyers))]]
		if b.ID == f.ID || !b.Alive || b.Suppliers >= SupplierSlots(p, b) || !SupplyPays(p, e, f, b.Product, b.Exporter) {
			continue
		}
		if d := Distance(villages, f, b); d < bestD {
			best, bestD = b, d
		}
	}
	return best
}

// KeepsBuyer reports whether a supplier keeps its buyer this month (u a
// uniform draw): the link breaks if the buyer has closed or no longer
// buys (lead nil, or not Buys: it left Yongkang, or shrank), if it no
// longer pays the supplier better than selling on its own (SupplyPays),
// or by chance, at subcontract_link_break a month divided by 1 + the
// link's age in years (experience: "the preservation of client and
// supplier relations"). It updates what the buyer makes and whether it
// exports.
func KeepsBuyer(p *FirmParams, e *Economy, month int32, f, lead *Firm, u float64) bool {
	if lead == nil || !Buys(p, lead) {
		return false
	}
	f.BuyerProduct, f.BuyerExports = lead.Product, lead.Exporter
	if !SupplyPays(p, e, f, lead.Product, lead.Exporter) {
		return false
	}
	years := float64(month-f.LinkedSince) / 12
	return u >= p.SubcontractLinkBreak/(1+max(0, years))
}

// InheritedBuyer is the buyer a spin-off takes with it from its parent
// (the customers a founder knows from his former employer): the parent
// itself, if it buys from suppliers (Buys) and has a free slot; else the
// parent's own buyer (parentBuyer, nil if none) if that has a free slot;
// in either case only if supplying it pays the spin-off (SupplyPays). It
// returns nil otherwise. Article: Mr Wang left the township factory he
// worked for to found his own; Jiake "worked for a long time with Bosch,
// initially as a supplier". ASSUME: a founder's first customer is the firm
// he worked for, or its customer. With the network switched off
// (subcontract_rate 0, the ablation) no firm has a buyer, inherited or
// not.
func InheritedBuyer(p *FirmParams, e *Economy, parent, parentBuyer, f *Firm) *Firm {
	if p.SubcontractRate <= 0 {
		return nil
	}
	for _, b := range [2]*Firm{parent, parentBuyer} {
		if b != nil && b.ID != f.ID && Buys(p, b) && b.Suppliers < SupplierSlots(p, b) && SupplyPays(p, e, f, b.Product, b.Exporter) {
			return b
		}
	}
	return nil
}

// Link makes b the buyer of supplier f from the month month.
func Link(f, b *Firm, month int32) {
	f.Lead, f.BuyerProduct, f.BuyerExports, f.LinkedSince = b.ID, b.Product, b.Exporter, month
	b.Suppliers++
}
