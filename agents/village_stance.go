package agents

import "math"

// ODD 7.7.2: the stance of a village towards private workshops.

// StanceRules are the line from above as the cadres of a village weigh
// it: the political risk of each stance, set by the national and city
// events in force (package sim, policy.go), in multiples of a household's
// yearly farm income per household of the village.
type StanceRules struct {
	TolerateRisk float64 // the risk of turning a blind eye (the "capitalist tails" line)
	CoverRisk    float64 // the risk of covering workshops (the line, and the repression of fictitious collectives)
	FarmIncome   float64 // a household's yearly farm income, current yuan
	VillageFee   float64 // the village's fee on the sales of the workshops it covers
	OfficialCost float64 // the yearly cost of the confederation's official, in farm incomes (params.villages.official_cost)
	Scale        float64 // the share of the county simulated: a village has Scale of its households, and one official
	Month        int32   // this month (sim.Month), the date of a compromise
}

// StanceValues are the values a village's cadres give each stance this
// month, in farm incomes per household per year.
type StanceValues struct {
	Repress, Tolerate, Cover float64
	Devise                   bool // a village that has been through the conflict may devise the compromise
}

// ValueStances weighs the three stances. Repression costs local peace:
// the losses of the villagers it has raided, fading (the revolt pressure,
// RecordRaid). Tolerance and cover carry the political risk of the line
// from above; cover brings the village's fee on the sales of its
// workshops (their sales of last year: what it would collect had they
// been covered; or, if more, what a covered contact's workshops sold per
// household, Village.Seen), less the cost of the confederation's official
// ("an official appointed by the village and responsible for all the
// administrative and financial steps taken by the workshops"). A village
// that does not know the confederation can devise it if it has been
// through the conflict (its cadres have arrested villagers: "This event
// triggered the transformations that were to follow"). Article: "With a revolt brewing, the
// local government was obliged to change its tone and adopt a compromise.
// It agreed to turn a blind eye to the setting up of small-scale
// operations, on condition that they prosper under its cover." A village
// covers only where the fees pay for the official: Mantang, where "170 of
// the 183 households" ran workshops, before villages of few workshops.
func ValueStances(rules *StanceRules, v *Village) StanceValues {
	h := float64(len(v.Households))
	if h == 0 || !(rules.FarmIncome > 0) {
		return StanceValues{Repress: 0, Tolerate: math.Inf(-1), Cover: math.Inf(-1)}
	}
	unit := h * rules.FarmIncome
	sales := max(v.PrivateLY, v.Seen*h) // its workshops' sales, or what it saw a covered contact's make
	s := StanceValues{
		Repress:  -v.Pressure / unit,
		Tolerate: -rules.TolerateRisk,
		Cover:    rules.VillageFee*sales/unit - rules.CoverRisk - rules.OfficialCost*rules.Scale/h,
	}
	s.Devise = !v.Knows && v.Arrests > 0
	return s
}

// ChooseStance is the stance a village takes this month: the one of most
// value (ValueStances), the more liberal on a tie; cover only if it knows
// the confederation or devises it now. A village that has taken up the
// compromise keeps it (ASSUME: the confederation's official, its tax
// system and the workshops registered under the village's name stay),
// and a village whose cadres never yield (the no_compromise
// counterfactual) keeps repressing. It records the compromise's month.
func ChooseStance(rules *StanceRules, v *Village) {
	if v.Stance == Encourage {
		return
	}
	if v.NeverYields {
		v.Stance = Repress
		return
	}
	s := ValueStances(rules, v)
	best, val := Repress, s.Repress
	if s.Tolerate >= val {
		best, val = Tolerate, s.Tolerate
	}
	if (v.Knows || s.Devise) && s.Cover >= val {
		best = Encourage
	}
	v.Stance = best
	if best == Encourage {
		v.Knows = true
		v.CoverSince = rules.Month
	}
}

// RecordRaid adds a raid to a village's revolt pressure: the raided
// household's loss (its confiscated capital and the sanction) and its
// arrested workers. Article: "the village managers arrested villagers who
// were carrying out manufacturing operations (approximately 80 arrests
// were made) and threatened to exclude them from the village. This event
// triggered the transformations that were to follow."
//
// ASSUME: the pressure does not fade while the village represses: the
// losses of the raided and the arrests add up ("Having seemingly arrived
// at an impasse – because it effectively paralysed an entire village –
// the conflict was solved by adopting a compromise").
func RecordRaid(v *Village, loss, arrested float64) {
	v.Pressure += loss
	v.Arrests += arrested
}
