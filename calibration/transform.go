package calibration

import "math"

// Transform names how a free parameter, bounded by [Low, High], is mapped
// to the unbounded space the search works in. Every transform first takes
// the parameter to its position u in [0, 1] between the bounds, then u to
// the search coordinate x:
//
//	logit   u = (v − low) / (high − low)            x = logit(u) = ln(u / (1 − u))
//	log     u = (ln v − ln low) / (ln high − ln low) x = logit(u)   (low > 0)
//	linear  u = (v − low) / (high − low)            x = u, clamped to [0, 1] on the way back
//
// So with logit and log every x, however large, maps back inside the
// bounds, and the search never proposes a value outside them. Log suits a
// rate or size known only to an order of magnitude; logit a share or a
// value known on a linear scale. Linear enforces the bounds by clamping,
// which leaves the loss flat beyond them; prefer the other two.
type Transform string

// The transforms.
const (
	Logit  Transform = "logit"
	Log    Transform = "log"
	Linear Transform = "linear"
)

// unitEps keeps u off 0 and 1, where the logit is infinite: a value on a
// bound maps to x = ±20.7.
const unitEps = 1e-9

// Unit returns the position of v between the parameter's bounds, in [0, 1]
// (on a log scale for the log transform). Values outside the bounds are
// clamped.
func (p *Parameter) Unit(v float64) float64 {
	var u float64
	switch p.Transform {
	case Log:
		u = (math.Log(v) - math.Log(p.Low)) / (math.Log(p.High) - math.Log(p.Low))
	default:
		u = (v - p.Low) / (p.High - p.Low)
	}
	if math.IsNaN(u) {
		return 0.5
	}
	return clamp(u, 0, 1)
}

// FromUnit is the inverse of Unit: the value at position u in [0, 1]
// between the bounds. It always lies within [Low, High].
func (p *Parameter) FromUnit(u float64) float64 {
	u = clamp(u, 0, 1)
	var v float64
	switch p.Transform {
	case Log:
		v = math.Exp(math.Log(p.Low) + u*(math.Log(p.High)-math.Log(p.Low)))
	default:
		v = p.Low + u*(p.High-p.Low)
	}
	return clamp(v, p.Low, p.High)
}

// ToX maps a value to the search space.
func (p *Parameter) ToX(v float64) float64 {
	return p.unitToX(p.Unit(v))
}

// FromX maps a point of the search space to a value within the bounds.
func (p *Parameter) FromX(x float64) float64 {
	return p.FromUnit(p.xToUnit(x))
}

func (p *Parameter) unitToX(u float64) float64 {
	if p.Transform == Linear {
		return u
	}
	u = clamp(u, unitEps, 1-unitEps)
	return math.Log(u / (1 - u))
}

func (p *Parameter) xToUnit(x float64) float64 {
	switch {
	case math.IsNaN(x):
		return 0.5
	case p.Transform == Linear:
		return clamp(x, 0, 1)
	case x >= 0:
		return 1 / (1 + math.Exp(-x))
	default:
		e := math.Exp(x)
		return e / (1 + e)
	}
}

func clamp(v, lo, hi float64) float64 {
	return math.Max(lo, math.Min(hi, v))
}
