package agents

import "testing"

func TestLandNeed(t *testing.T) {
	p := &LandParams{SquareMetresPerEmployee: 50}
	tests := []struct {
		name string
		f    Firm
		want float64
	}{
		{"on a village site", Firm{Location: VillageSite, Wanted: 10}, 500},
		{"in an estate, the extension", Firm{Location: EstateSite, Wanted: 10, Plot: 200}, 300},
		{"in an estate, large enough", Firm{Location: EstateSite, Wanted: 10, Plot: 800}, 0},
	}
	for _, tt := range tests {
		if got := LandNeed(p, &tt.f); got != tt.want {
			t.Errorf("%s: LandNeed = %g, want %g", tt.name, got, tt.want)
		}
		if got := PlotWanted(p, &tt.f); got != 500 {
			t.Errorf("%s: PlotWanted = %g, want 500", tt.name, got)
		}
	}
	for i := range 20 {
		if s := QueueStart(7, testDraws(i)); s < 0 || s >= 7 {
			t.Fatalf("QueueStart(7) = %d", s)
		}
	}
}
