package agents

import "math"

// ODD 7.24: equipment, investment and credit.
//
// A firm's equipment (Stock, in 1978 yuan) adds to its output with the
// elasticity of its product's rung (Product.Elasticity: the rung's returns
// to scale less labour's elasticity), so that output per worker does not
// fall with size where the rung's returns are constant. Each product needs
// the equipment of its rung (Product.MinStock): a household pays it to open
// a workshop (ConsiderWorkshop), and a firm that switches to a product of a
// heavier rung pays what it lacks (Affordable). Equipment wears out at
// depreciation a year; at its yearly review a firm buys what it wants
// (WantedStock) as far as its finance goes: its cash (retained profit), and
// bank credit against its equipment if it has a bank account — getihu and
// secret workshops have none (A: "they could not open a company bank
// account") — more for the firms of the tax ranking and those the
// Innovation and Service Centre helps (CreditLeverage). Debts pay
// interest (Produce).

// CapitalTerm is the factor a firm's equipment k (1978 yuan) makes of its
// output in a product: ((κ + k) / 2κ)^β, with κ the product's MinStock and
// β its Elasticity — 1 for a workshop equipped as its rung needs, rising
// with the equipment it adds, and below 1 for a firm without any (a
// spin-off). It is 1 when equipment adds nothing (β = 0) or the product
// needs none (κ = 0). ASSUME: the form; a workshop's start-up equipment is
// the unit.
func CapitalTerm(pr *Product, k float64) float64 {
	if pr.Elasticity == 0 || pr.MinStock <= 0 {
		return 1
	}
	return math.Exp(pr.Elasticity * math.Log((pr.MinStock+max(0, k))/(2*pr.MinStock)))
}

// SetStock sets the firm's equipment and its capital term for its product.
func (f *Firm) SetStock(pr *Product, k float64) {
	f.Stock = max(0, k)
	f.CapitalPow = CapitalTerm(pr, f.Stock)
}

// EquipmentTerm is the factor the firm's equipment makes of its output: its
// CapitalPow, or 1 if SetStock was never called (a firm built by hand).
func (f *Firm) EquipmentTerm() float64 {
	if f.CapitalPow == 0 {
		return 1
	}
	return f.CapitalPow
}

// NetWorth is the firm's cash (retained profit less what it paid for its
// equipment; negative: its debts) plus its equipment at the price level.
func (f *Firm) NetWorth(priceLevel float64) float64 {
	return f.Capital + f.Stock*priceLevel
}

// CreditLeverage is the share of the value of its equipment a bank lends
// the firm: none without a bank account (getihu and secret workshops),
// bank_leverage for the others, raised by ranked_credit for a firm of the
// tax ranking or one the Innovation and Service Centre helps; at most 0.9.
func CreditLeverage(p *FirmParams, f *Firm) float64 {
	if !f.Form.CanInvoice() {
		return 0
	}
	lev := p.BankLeverage
	if f.Ranked || f.Assisted {
		lev *= 1 + p.RankedCredit
	}
	return min(lev, 0.9)
}

// Financeable is the most equipment (1978 yuan) the firm can buy now: what
// its cash pays, with bank credit up to CreditLeverage of the value of its
// equipment, the new included.
func Financeable(p *FirmParams, f *Firm, priceLevel float64) float64 {
	if priceLevel <= 0 {
		return 0
	}
	lev := CreditLeverage(p, f)
	return max(0, (f.Capital+lev*f.Stock*priceLevel)/((1-lev)*priceLevel))
}

// Affordable reports whether the firm has, or can finance, the equipment
// product pr needs (always, without capital barriers).
func Affordable(p *FirmParams, pr *Product, f *Firm, priceLevel float64) bool {
	if !p.CapitalBarriers || f.Stock >= pr.MinStock {
		return true
	}
	return pr.MinStock-f.Stock <= Financeable(p, f, priceLevel)
}

// Equip buys the equipment product pr needs that the firm lacks (a switch
// to a heavier rung), from its cash or on credit, and returns what it
// bought (1978 yuan). Without capital barriers the firm gets nothing and
// pays nothing.
func Equip(p *FirmParams, pr *Product, f *Firm, priceLevel float64) float64 {
	buy := 0.0
	if p.CapitalBarriers {
		buy = max(0, pr.MinStock-f.Stock)
	}
	f.Capital -= buy * priceLevel
	f.SetStock(pr, f.Stock+buy)
	return buy
}

// WantedStock is the equipment (1978 yuan) at which a year's equipment
// earns its cost at the firm's present size: the marginal product of
// equipment, β·V/(κ + k) with V the year's output valued at its unit margin,
// equals the user cost (interest_rate + depreciation) at the price level.
// V is this month's, so the firm reaches it over the years as it grows.
func WantedStock(p *FirmParams, pr *Product, f *Firm, yearlyMarginValue, priceLevel float64) float64 {
	cost := (p.InterestRate + p.Depreciation) * priceLevel
	if pr.Elasticity == 0 || yearlyMarginValue <= 0 || cost <= 0 {
		return 0
	}
	return max(0, pr.Elasticity*yearlyMarginValue/cost-pr.MinStock)
}

// Invest is the firm's yearly investment: its equipment depreciates, then
// it buys toward WantedStock as far as Financeable allows. margin is the
// value (current yuan) of a unit of its real output after taxes and
// materials. It returns what it bought (1978 yuan).
func Invest(p *FirmParams, e *Economy, pr *Product, f *Firm, margin float64) float64 {
	f.SetStock(pr, f.Stock*(1-p.Depreciation))
	value := 12 * f.MonthlyOutput(p, e.TFP) * margin
	buy := min(WantedStock(p, pr, f, value, e.PriceLevel)-f.Stock, Financeable(p, f, e.PriceLevel))
	if buy <= 0 {
		return 0
	}
	f.Capital -= buy * e.PriceLevel
	f.SetStock(pr, f.Stock+buy)
	return buy
}

// Interest is a month's interest on the firm's debts (current yuan).
func Interest(p *FirmParams, f *Firm) float64 {
	return p.InterestRate / 12 * max(0, -f.Capital)
}
