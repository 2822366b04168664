package agents

import "clustersim/agents/rng"

// ODD 7.7: the spread of the compromise.

// ReviewCompromise lets a village without cover take up Mantang's model
// with probability compromise_diffusion: the confederation's cover, and a
// committee that encourages workshops ("four wheels turning together").
// Package sim calls it every month while the compromise is legitimised.
func ReviewCompromise(p *VillageParams, v *Village, r *rng.Draws) {
	if !v.Cover && r.Float64() < p.CompromiseDiffusion {
		v.Cover, v.Stance = true, Encourage
	}
}
