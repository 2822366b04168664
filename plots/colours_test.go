package plots

import (
	"testing"
)

func TestColourFor(t *testing.T) {
	seen := map[[4]uint8]string{} // lookup only
	for _, form := range legalForms {
		c := colourFor("firms_" + form)
		k := [4]uint8{c.R, c.G, c.B, c.A}
		if other, ok := seen[k]; ok {
			t.Errorf("legal forms %s and %s share a colour", other, form)
		}
		seen[k] = form
	}
	if len(palette) < 12 {
		t.Errorf("palette of %d colours, want at least 12", len(palette))
	}
	for _, sector := range sectors {
		if colourFor("firms_sector."+sector) != colourFor("output_sector."+sector) || colourFor("large_firms."+sector) != colourFor("firms_sector."+sector) {
			t.Errorf("sector %s is drawn in different colours in different families", sector)
		}
	}
}

func TestNumber(t *testing.T) {
	for _, c := range []struct {
		v    float64
		want string
	}{{250, "250"}, {9999, "9999"}, {10000, "10,000"}, {1234567.5, "1,234,567.5"}, {-30000, "-30,000"}, {0.1 + 0.2, "0.3"}} {
		if got := number(c.v); got != c.want {
			t.Errorf("number(%g) = %q, want %q", c.v, got, c.want)
		}
	}
}
