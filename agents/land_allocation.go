package agents

import "clustersim/agents/rng"

// ODD 7.16: the leaf rules of the land allocation (the queue itself, a
// market of estate land, is kept by package sim).

// PlotWanted is the floor space, in m², a firm's wanted size takes.
func PlotWanted(p *LandParams, f *Firm) float64 { return f.Wanted * p.SquareMetresPerEmployee }

// LandNeed is the floor space a waiting firm asks for, in m²: its wanted
// plot, less the plot it holds if it is in an estate.
func LandNeed(p *LandParams, f *Firm) float64 {
	if f.Location == EstateSite {
		return max(0, PlotWanted(p, f)-f.Plot)
	}
	return PlotWanted(p, f)
}

// QueueStart is where the visit of the n firms waiting for land starts.
func QueueStart(n int, r *rng.Draws) int { return r.IntN(n) }
