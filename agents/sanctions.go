package agents

// ODD 7.6: the risk that an unregistered workshop is sanctioned.

// SanctionRules are the sanctions of the regime in force.
type SanctionRules struct {
	Illegal   float64 // illegal_sanction: the monthly risk of a raid in a repressing village
	Tolerance float64 // how much tolerance reduces it
}

// SanctionProbability is the monthly risk of an unregistered workshop in a
// village of the given stance: the regime's sanction under repression,
// reduced by tolerance, none under cover. ASSUME: the cadres of a
// repressing village detect a secret workshop with this monthly
// probability.
func SanctionProbability(rules *SanctionRules, stance Stance) float64 {
	switch stance {
	case Repress:
		return rules.Illegal
	case Tolerate:
		return rules.Illegal * (1 - rules.Tolerance)
	default:
		return 0
	}
}
