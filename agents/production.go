package agents

import "math"

// ODD 7.8: production and accounts.

// Produce is a firm's month of production and accounts: its output (sold
// in full only if it can invoice, SalesAccess), sales at its unit price,
// wages of its hired employees, materials, taxes, the interest on its
// debts (Interest) and the rent of its estate plot (PlotRent), and the
// profit it keeps. It updates the firm's accounts and returns the rates it paid,
// for sim to credit each level of government with its share of f.Sales.
// A firm outside Yongkang pays its state and city rates to the state,
// unless it keeps its registered office in Yongkang.
func Produce(p *FirmParams, e *Economy, f *Firm) Rates {
	vol := f.MonthlyOutput(p, e.TFP)
	if f.Lead < 0 {
		vol *= SalesAccess(p, f.Form, e.InvoicingForAll)
	}
	f.Volume = vol
	sales := vol * UnitPrice(p, e, f)
	wages := max(0, f.Employees-f.Family) * e.Wage / 12
	materials := e.UnitCost[f.Product] * vol
	rates := e.Rates[f.Form]
	if !f.Location.InYongkang() && !f.Office {
		rates = Rates{State: rates.State + rates.City}
	} else if f.Location == VillageSite && rates.City > 0 {
		rates = LocalTaxes(rates, e.LocalTaxShare)
	}
	taxes := rates.Total() * sales
	profit := sales - wages - materials - taxes - Interest(p, f) - PlotRent(f, e.LandRent)
	f.Sales = sales
	f.Capital += profit
	f.YearSales += sales
	f.YearTaxes += taxes
	f.YearProfit += profit
	return rates
}

// Output is the real output in a month of a firm of the given quality
// and employment: TFP × quality × L^α / 12, scaled by the collective
// efficiency for collectives.
func Output(p *FirmParams, tfp, quality, employees float64, form LegalForm) float64 {
	return output(p, tfp, quality, math.Pow(max(employees, 0), p.LabourElasticity), form)
}

// MonthlyOutput is Output for a firm, from its cached labour term.
func (f *Firm) MonthlyOutput(p *FirmParams, tfp float64) float64 {
	return output(p, tfp, f.Efficiency(p), f.LabourPow, f.Form)
}

func output(p *FirmParams, tfp, quality, labourPow float64, form LegalForm) float64 {
	y := tfp * quality * labourPow / 12
	if form.Collective() {
		y *= p.CollectiveEfficiency
	}
	return y
}

// SalesAccess is the share of its output a firm can sell: firms that can
// invoice sell all of it, getihu and unregistered workshops only
// 1/(1+RedHatAccess) — the reason to borrow a red hat — until invoicing is
// open to all (after the southern tour).
func SalesAccess(p *FirmParams, form LegalForm, invoicingForAll bool) float64 {
	if form.CanInvoice() || (invoicingForAll && form != Underground) {
		return 1
	}
	return 1 / (1 + p.RedHatAccess)
}

// SoldMargin is what a unit of the firm's real output leaves it after
// taxes and materials (UnitMargin at its UnitPrice), times the share of its
// output it can sell if it sells to the market (SalesAccess): the margin
// its size review and its investment weigh.
func SoldMargin(p *FirmParams, e *Economy, f *Firm) float64 {
	m := UnitMargin(UnitPrice(p, e, f), e.Rates[f.Form].Total(), e.UnitCost[f.Product])
	if f.Lead < 0 {
		m *= SalesAccess(p, f.Form, e.InvoicingForAll)
	}
	return m
}

// UnitMargin is what a unit of real output leaves after taxes and
// materials: the price net of taxes (shares of sales) less the materials it
// takes, whose cost follows the price level and not the product's price —
// so margins shrink as producers crowd in and prices fall.
func UnitMargin(price, taxRate, unitCost float64) float64 {
	return price*(1-taxRate) - unitCost
}

// UnitCost is what a unit of real output of a product takes in materials
// and energy, in current yuan: materials_share of its value at the price
// level P, raised by the crisis's cost rise, and cut by Yongkang's
// experience of the product (learning by doing): × (1 + X / X₀)^(−learning),
// where X is the real output of the product Yongkang has made so far and
// X₀ its national market in the year it came out. ASSUME: costs fall by
// the same share for every doubling of experience (Wright's law), and
// Yongkang's producers share what each learns. Article: Yongkang "shifted
// from producing basic metal tools ... to operations outputting greater
// volumes of goods".
func UnitCost(p *FirmParams, priceLevel, costRise, experience, firstMarket float64) float64 {
	c := p.MaterialsShare * priceLevel * (1 + costRise)
	if p.Learning > 0 && experience > 0 && firstMarket > 0 {
		c *= math.Exp(-p.Learning * math.Log1p(experience/firstMarket))
	}
	return c
}

// Rates are the shares of sales a firm pays to each level of government.
type Rates struct {
	Township, Village, State, City float64
}

// Total is the sum of the rates.
func (r Rates) Total() float64 { return r.Township + r.Village + r.State + r.City }

// TaxRates gives what a firm of a legal form pays, as shares of sales, under
// a regime's rules. Confederated (red-hat) workshops pay 1% to the commune,
// 3% to the village and 5% to the state; collectives remit to the
// government that owns them; getihu pay the state; private firms pay the
// state and the city.
func TaxRates(form LegalForm, commune, village, state, getihu, private, city, remit float64) Rates {
	switch form {
	case Underground:
		return Rates{}
	case Getihu:
		return Rates{State: getihu}
	case RedHat:
		return Rates{Township: commune, Village: village, State: state}
	case TownshipCollective:
		return Rates{Township: remit, State: state}
	case VillageCollective:
		return Rates{Village: remit, State: state}
	default:
		return Rates{State: private, City: city}
	}
}
