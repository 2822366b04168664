package seeds

// FitJSON is a row of the fit table in JSON, as `clustersim run -o json`
// prints it: the figure, its band, the model's value and their ratio.
type FitJSON struct {
	Target    string   `json:"target"`
	Role      Role     `json:"role"`
	What      string   `json:"what"`
	Year      int      `json:"year"`
	Observed  float64  `json:"observed"`
	Low       float64  `json:"low"`
	High      float64  `json:"high"`
	Simulated *float64 `json:"simulated"`         // null when the model does not simulate it
	Factor    *float64 `json:"factor"`            // simulated / observed; null without both
	Within    bool     `json:"within"`            // simulated falls in [low, high]
	P05       *float64 `json:"sim_p05,omitempty"` // the ensemble's 5–95% band
	P95       *float64 `json:"sim_p95,omitempty"`
}

// FitRowsJSON returns rows in the form of FitJSON, in the same order.
func FitRowsJSON(rows []FitRow) []FitJSON {
	out := make([]FitJSON, len(rows))
	for i, r := range rows {
		t := r.Target
		j := FitJSON{Target: t.ID, Role: t.Role, What: t.What, Year: t.Year,
			Observed: t.Observed, Low: t.Low, High: t.High, Within: r.Within}
		if r.Has {
			j.Simulated = &r.Simulated
			if t.Observed != 0 {
				f := r.Simulated / t.Observed
				j.Factor = &f
			}
		}
		if r.HasBand {
			j.P05, j.P95 = &r.P05, &r.P95
		}
		out[i] = j
	}
	return out
}
