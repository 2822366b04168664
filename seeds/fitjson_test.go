package seeds

import (
	"encoding/json"
	"testing"
)

func TestFitRowsJSON(t *testing.T) {
	rows := []FitRow{
		{Target: Target{ID: "a", Role: Calibrate, Year: 1985, Observed: 200, Low: 150, High: 250}, Simulated: 100, Has: true},
		{Target: Target{ID: "b", Role: Validate, Year: 2006, Observed: 0, Low: 0, High: 1}, Simulated: 0.5, Has: true, Within: true, P05: 0.25, P95: 0.75, HasBand: true},
		{Target: Target{ID: "c", Role: Context, Year: 1953, Observed: 7}},
	}
	b, err := json.Marshal(FitRowsJSON(rows))
	if err != nil {
		t.Fatal(err)
	}
	want := `[{"target":"a","role":"calibrate","what":"","year":1985,"observed":200,"low":150,"high":250,"simulated":100,"factor":0.5,"within":false},` +
		`{"target":"b","role":"validate","what":"","year":2006,"observed":0,"low":0,"high":1,"simulated":0.5,"factor":null,"within":true,"sim_p05":0.25,"sim_p95":0.75},` +
		`{"target":"c","role":"context","what":"","year":1953,"observed":7,"low":0,"high":0,"simulated":null,"factor":null,"within":false}]`
	if string(b) != want {
		t.Errorf("got  %s\nwant %s", b, want)
	}
}
