package agents

// ODD 7.6: the risk that an unregistered workshop is sanctioned.

// SanctionRules are the sanctions of the regime in force.
type SanctionRules struct {
	Illegal   float64 // illegal_sanction: the monthly risk under repression
	Tolerance float64 // how much tolerance reduces it
	Mantang   float64 // mantang.repression_sanction: the risk in Mantang while it represses
}

// SanctionProbability is the monthly risk of an unregistered workshop in a
// village of the given stance: the regime's sanction (Mantang's own in
// Mantang) under repression, reduced by tolerance, none under
// encouragement.
func SanctionProbability(rules *SanctionRules, stance Stance, mantang bool) float64 {
	switch stance {
	case Repress:
		if mantang {
			return rules.Mantang
		}
		return rules.Illegal
	case Tolerate:
		return rules.Illegal * (1 - rules.Tolerance)
	default:
		return 0
	}
}
