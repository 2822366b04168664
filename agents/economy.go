package agents

import "math"

// Economy is what every agent sees of the month's markets and regime: the
// prices the markets set (sub-step 2), the wage and farm income, and the
// taxes of each legal form under the regime in force. Package sim builds
// it once a month; the rules read it and never change it.
type Economy struct {
	Year            int       // calendar year of the month
	PriceLevel      float64   // P
	TFP             float64   // A
	Wage            float64   // yearly wage, current yuan
	FarmIncome      float64   // yearly farm income of a household, current yuan
	CostRise        float64   // rise of materials costs in force (the 2008-09 crisis), else 0
	InvoicingForAll bool      // getihu sell as freely as firms that invoice (private firms free)
	Price           []float64 // home price of each product
	UnitCost        []float64 // materials and energy per unit of real output of each product, current yuan (UnitCost)
	ExportPrice     []float64 // export price of each product
	Share           []float64 // Yongkang's share of China's output of each product
	Rates           [NumForms]Rates
	LocalTaxShare   float64 // share of the city taxes of firms on village sites that goes to the village (LocalTaxes)
	LandRent        float64 // yearly rent of a m² of estate land, current yuan: the land price × land_rent (site_choice.go)

	// The last labour term asked of LabourPow, remembered: every
	// household has the same workers, so entry asks for one value.
	powOf, pow float64
	powSet     bool
}

// LabourPow is employees^α (math.Pow, exactly), remembering the last
// value asked for.
func (e *Economy) LabourPow(p *FirmParams, employees float64) float64 {
	employees = max(employees, 0)
	if !e.powSet || employees != e.powOf {
		e.powOf, e.pow, e.powSet = employees, math.Pow(employees, p.LabourElasticity), true
	}
	return e.pow
}
