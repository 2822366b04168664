package agents

// ODD 7.15: migration (the labour market itself is kept by package sim).

// MigrantAdjustment is the monthly change in the stock of migrant workers:
// a fraction of the gap between the jobs natives leave unfilled and the
// migrants present (the brief's "migrants arriving to fill jobs"; the
// article: "a social policy favourable to migrant workers"), and returns
// when there are more migrants than jobs.
func MigrantAdjustment(p *LabourParams, unfilled, migrants float64) float64 {
	gap := unfilled - migrants
	if gap >= 0 {
		return p.MigrantResponse * gap
	}
	return max(gap, -p.MigrantReturnRate*migrants)
}
