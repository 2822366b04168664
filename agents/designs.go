package agents

import (
	"math"

	"clustersim/agents/rng"
)

// ODD 7.23: designs — the varieties of Yongkang's products, as distinct
// designs in a shared pool. Each firm produces one design of its product:
// the one it created last, or the one it copied when it began to make the
// product. Firms create designs (CreatesDesign), imitators copy them
// (ImitatedDesign), and a design falls out of production when no firm
// makes it any longer; the county's varieties are the distinct designs
// its firms produce. Article: "In 2001, more than 11,000 varieties of
// metal product were registered there"; the city's centre is "helping
// companies design products, innovate, and obtain patents".

// CreatesDesign reports whether a firm creates a new design in its yearly
// review (u a uniform draw): with probability design_rate · boost · √E,
// where boost is the quality boost of the centres and subsidies in force
// (ReviewYear). A firm that creates one produces it from then on.
// ASSUME: a larger firm designs more often, less than in proportion to
// its size.
func CreatesDesign(p *FirmParams, boost, employees, u float64) bool {
	return u < p.DesignRate*boost*math.Sqrt(max(employees, 0))
}

// ImitatedDesign is the design a firm copies when it begins to make a
// product: that of a producer drawn uniformly from pool, the designs the
// product's producers in Yongkang make this month (one entry for each
// producer, so a design many make is copied more often). ok is false if
// nobody makes the product: the firm then creates a design of its own.
// ASSUME: a firm that takes up a product copies one of the designs it
// sees made ("imitation"), rather than designing its own.
func ImitatedDesign(pool []int32, r *rng.Draws) (design int32, ok bool) {
	if len(pool) == 0 {
		return 0, false
	}
	return pool[r.IntN(len(pool))], true
}
