package plots

import (
	"hash/fnv"
	"image/color"
	"slices"
	"strings"
)

// palette is the figures' 12 colours (Paul Tol's "muted" nine, then three
// of his "bright"), distinct on screen and in print.
var palette = []color.NRGBA{
	{0x33, 0x22, 0x88, 0xff}, {0x88, 0xcc, 0xee, 0xff}, {0x44, 0xaa, 0x99, 0xff}, {0x11, 0x77, 0x33, 0xff},
	{0x99, 0x99, 0x33, 0xff}, {0xdd, 0xcc, 0x77, 0xff}, {0xcc, 0x66, 0x77, 0xff}, {0x88, 0x22, 0x55, 0xff},
	{0xaa, 0x44, 0x99, 0xff}, {0x44, 0x77, 0xaa, 0xff}, {0xee, 0x66, 0x77, 0xff}, {0x66, 0xcc, 0xee, 0xff},
}

// legalForms and sectors fix the colour of each legal form's and each
// sector's series across every figure and scenario: a form or a sector is
// drawn in the same colour wherever it appears, whichever others are drawn
// beside it.
var (
	legalForms = []string{"underground", "getihu", "red_hat", "township", "village", "private", "shareholding_coop", "company", "group", "collective", "private_registered", "total"}
	sectors    = []string{"farm_tools_household", "kitchenware", "scales", "locks_doors", "casting_sheet_metal", "appliances", "bicycles_motorcycles", "steel", "vehicle_parts", "electric_tools", "electric_vehicles_solar"}
)

// colourFor is the fixed colour of a series: by its legal form
// (firms_<form>), by its sector (<family>.<sector>), or else by a hash of
// its name.
func colourFor(series string) color.NRGBA {
	if form, ok := strings.CutPrefix(series, "firms_"); ok {
		if i := slices.Index(legalForms, form); i >= 0 {
			return palette[i%len(palette)]
		}
	}
	if _, sector, ok := strings.Cut(series, "."); ok {
		if i := slices.Index(sectors, sector); i >= 0 {
			return palette[i%len(palette)]
		}
	}
	h := fnv.New32a()
	h.Write([]byte(series))
	return palette[h.Sum32()%uint32(len(palette))]
}
