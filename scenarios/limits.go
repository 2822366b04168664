package scenarios

import (
	"fmt"
	"math"
	"strings"
	"unicode"

	"clustersim/agents"
	"clustersim/sim"
)

// The limits of the engine, which the loader enforces so that nothing it
// accepts can crash a run.
const (
	// MaxProducts bounds the products of all rungs of the ladder together:
	// the engine indexes products with an int16 (agents.Firm.Product,
	// agents.Household.Known, agents.Village.Modal).
	MaxProducts = math.MaxInt16
	// MaxRungs bounds the rungs of the ladder; each has a product at least.
	MaxRungs = MaxProducts
	// MaxDestinations bounds the places outside the county firms move to:
	// a firm's agents.Location names them in a byte.
	MaxDestinations = agents.MaxDestinations
	// MaxEstates bounds the industrial estates: the engine indexes them
	// with an int16 (agents.Firm.Estate), and so the locations of
	// firms.csv: the village sites, the estates and the destinations.
	MaxEstates = math.MaxInt16 - MaxDestinations
	// MaxVillageProducts bounds villages × products, the cells of the
	// engine's count of workshops per village and product (4 bytes each:
	// 400 MB at full scale).
	MaxVillageProducts = 100_000_000
	// FirstYear and LastYear are the engine's horizon: every date of a
	// scenario (start, end, estates' openings, regimes, events and their
	// ends, the years rungs become available, report_from) lies within it.
	FirstYear, LastYear = 1900, 2100
	// MinHouseholds is the fewest households a run below full scale may
	// simulate (see CheckScale).
	MinHouseholds = 100
	// maxNameBytes bounds the name, which names the output folder (with
	// the staging folder's prefix and suffix it must fit in 255 bytes).
	maxNameBytes = 200
)

// CheckScale reports whether a run of cfg at scale (a share of the county
// in (0, 1], as sim.Options.Scale) is one whose counts, divided by scale,
// still mean something: below full scale the simulated county must keep at
// least MinHouseholds households and one village, unclamped (that is,
// households·scale >= 100 and villages·scale >= 1). Full scale is always
// allowed.
func CheckScale(cfg *sim.Config, scale float64) error {
	if math.IsNaN(scale) || scale <= 0 || scale > 1 {
		return fmt.Errorf("scale %v is not in (0, 1]", scale)
	}
	if scale == 1 {
		return nil
	}
	min := MinScale(cfg)
	if scale < min {
		return fmt.Errorf("scale %v is below %.3g, the least at which %s keeps %d households (of %d) and one village (of %d) to simulate",
			scale, min, cfg.Name, MinHouseholds, cfg.Households, cfg.Params.Villages.Villages)
	}
	return nil
}

// MinScale is the least scale CheckScale accepts for cfg (at most 1).
func MinScale(cfg *sim.Config) float64 {
	s := math.Max(MinHouseholds/float64(cfg.Households), 1/float64(cfg.Params.Villages.Villages))
	return math.Min(1, s)
}

// checkLimits checks the sizes and dates against the engine's limits.
func checkLimits(cfg *sim.Config, where func(string) loc) *Error {
	for _, f := range []struct {
		path string
		m    sim.Month
	}{{"start", cfg.Start}, {"end", cfg.End}} {
		if y := f.m.Year(); !f.m.IsZero() && (y < FirstYear || y > LastYear) {
			return where(f.path).errorf("%s is outside the engine's horizon, %d-01–%d-12", f.m, FirstYear, LastYear)
		}
	}
	for i, e := range cfg.Events {
		if y := e.End.Year(); !e.End.IsZero() && y > LastYear {
			return where(index("events", i)+".end").errorf("%s is after the end of the engine's horizon, %d-12", e.End, LastYear)
		}
	}
	if n := len(cfg.Ladder); n > MaxRungs {
		return where(index("ladder", MaxRungs)).errorf("the ladder has %d rungs, more than the engine's %d", n, MaxRungs)
	}
	total := 0
	for i, r := range cfg.Ladder {
		total += r.Products
		if total > MaxProducts {
			return where(index("ladder", i)+".products").errorf("%d products bring the ladder to %d products, more than the engine's %d", r.Products, total, MaxProducts)
		}
	}
	if n := len(cfg.Estates); n > MaxEstates {
		return where(index("estates", MaxEstates)).errorf("there are %d estates, more than the engine's %d", n, MaxEstates)
	}
	if n := len(cfg.Destinations); n > MaxDestinations {
		return where(index("destinations", MaxDestinations)).errorf("there are %d destinations, more than the engine's %d", n, MaxDestinations)
	}
	if v := cfg.Params.Villages.Villages; v*total > MaxVillageProducts {
		return where("params.villages.villages").errorf("%d villages × %d products make %d village-product cells, more than the engine's %d",
			v, total, v*total, MaxVillageProducts)
	}
	return nil
}

// checkName refuses a name that cannot name the run's output folder.
func checkName(name string, l loc) *Error {
	switch {
	case strings.TrimSpace(name) == "":
		return l.errorf("must not be empty")
	case name == "." || name == "..":
		return l.errorf("%q cannot name the output folder", name)
	case strings.HasPrefix(name, "."):
		return l.errorf("%q starts with a dot: the output folder would be hidden", name)
	case strings.TrimSpace(name) != name || strings.HasSuffix(name, "."):
		return l.errorf("%q starts or ends with a space or ends with a dot, which a folder name cannot do everywhere", name)
	case len(name) > maxNameBytes:
		return l.errorf("%d bytes long, more than the %d a folder name may have here", len(name), maxNameBytes)
	}
	for _, c := range name {
		if unicode.IsControl(c) || strings.ContainsRune(`/\:*?"<>|`, c) || c == unicode.ReplacementChar {
			return l.errorf("%q holds %q, which a folder name cannot hold everywhere", name, c)
		}
	}
	return nil
}

// taxed are the rates of a regime's governance that are shares of sales, in
// the order agents.TaxRates takes them.
var taxed = []string{"commune_fee", "village_fee", "state_tax", "getihu_tax", "private_tax", "city_tax", "collective_remit"}

func taxRates(form agents.LegalForm, x []float64) agents.Rates {
	return agents.TaxRates(form, x[0], x[1], x[2], x[3], x[4], x[5], x[6])
}

func taxValues(g *sim.Governance) []float64 {
	return []float64{g.CommuneFee, g.VillageFee, g.StateTax, g.GetihuTax, g.PrivateTax, g.CityTax, g.CollectiveRemit}
}

// checkTaxes refuses a regime under which a legal form would pay more than
// all its sales in taxes and fees. The error points at the first rate the
// form pays that the regime itself sets, or else at its governance.
func checkTaxes(cfg *sim.Config, where func(string) loc) *Error {
	for i := range cfg.Regimes {
		r := &cfg.Regimes[i]
		x := taxValues(&r.Governance)
		for f := range agents.NumForms {
			form := agents.LegalForm(f)
			total := taxRates(form, x).Total()
			if total <= 1+1e-9 { // rates written to add up to 1 may round a little above
				continue
			}
			gp := index("regimes", i) + ".governance"
			l := where(gp)
			var terms []string
			first := true
			for k, name := range taxed {
				probe := make([]float64, len(taxed))
				probe[k] = 1
				if taxRates(form, probe).Total() == 0 {
					continue // the form does not pay this rate
				}
				terms = append(terms, fmt.Sprintf("%s %g", name, x[k]))
				if fl := where(gp + "." + name); first && (fl.line != l.line || fl.col != l.col) {
					l, first = fl, false
				}
			}
			if first {
				l.field = gp
			}
			return l.errorf("under regime %q a %s firm would pay %s = %g of its sales, more than all of them",
				r.Name, form, strings.Join(terms, " + "), total)
		}
	}
	return nil
}
