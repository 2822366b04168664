package classroom

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"

	"clustersim/sim"
)

// Lever is one setting a teacher may change on the page: what it does to
// the scenario, its range and the article's words behind it.
type Lever struct {
	Name    string  `json:"name"`
	Label   string  `json:"label"`
	Kind    string  `json:"kind"` // "number", "year" or "switch"
	Min     float64 `json:"min,omitempty"`
	Max     float64 `json:"max,omitempty"`
	Step    float64 `json:"step,omitempty"`
	Unit    string  `json:"unit,omitempty"`
	Never   bool    `json:"never,omitempty"` // a year lever that also takes 0: never
	Explain string  `json:"explain"`
	Passage string  `json:"passage"`
	// Value is the lever's setting in the scenario it is read from (a
	// switch: 1 on, 0 off; a year of 0: never).
	Value float64 `json:"value"`

	// A lever is either a number of the config (field) or a rule with its
	// own reading and writing (read and apply).
	field func(*sim.Config) *float64
	read  func(*sim.Config) float64
	apply func(*sim.Config, float64) error
}

// get is the lever's value in c.
func (l *Lever) get(c *sim.Config) float64 {
	if l.field != nil {
		return *l.field(c)
	}
	return l.read(c)
}

// set writes the lever's value into c.
func (l *Lever) set(c *sim.Config, v float64) error {
	if l.field != nil {
		*l.field(c) = v
		return nil
	}
	return l.apply(c, v)
}

// levers are the page's levers, in the order shown. Each reads its value
// from a config and writes a new one into it.
var levers = []Lever{
	{
		Name: "privatisation_year", Label: "Privatisation regime and southern tour", Kind: "year", Min: 1984, Max: 2005, Step: 1,
		Explain: "The year the second regime starts (its taxes, and no more raids on secret workshops) and the southern tour frees private firms.",
		Passage: `"It was in the 1990s, and more specifically after Deng Xiaoping's journey to Shenzhen in 1992, when he recognised and even openly encouraged the liberal economy in China, that a notable shift occurred"`,
		read:    func(c *sim.Config) float64 { return regimeYear(c, 1) },
		apply: func(c *sim.Config, v float64) error {
			return moveRegime(c, 1, int(v), sim.SouthernTour)
		},
	},
	{
		Name: "service_government_year", Label: "Service government", Kind: "year", Min: 1995, Max: 2009, Step: 1,
		Explain: "The year the third regime starts: the service centres, the subsidies for restructuring and equipment, then the registered office centre and the promotion of new sectors a year later.",
		Passage: `"in 2007 it created five specialised service centres for companies"; "the registered office centre (zongbu zhongxin), built between 2008 and 2012"`,
		read:    func(c *sim.Config) float64 { return regimeYear(c, 2) },
		apply: func(c *sim.Config, v float64) error {
			return moveRegime(c, 2, int(v), sim.ServiceCentres, sim.RestructuringSubsidy, sim.EnvironmentSubsidy, sim.RegisteredOfficeCentre, sim.SectorPromotion)
		},
	},
	{
		Name: "repression", Label: "How hard villages repress", Kind: "number", Min: 0, Max: 0.2, Step: 0.005, Unit: "raids a month per secret workshop",
		Explain: "The monthly probability that the cadres of a repressing village detect a secret workshop and raid it in the 1980s (its owner arrested, its capital confiscated).",
		Passage: `"So as to \"cut off the capitalist tails\" ... the local authorities ... intensified their watchful eye over private economic activities"`,
		field:   func(c *sim.Config) *float64 { return &c.Regimes[0].Governance.IllegalSanction },
	},
	{
		Name: "village_fee", Label: "Village fee", Kind: "number", Min: 0, Max: 0.2, Step: 0.005, Unit: "share of sales",
		Explain: "What a covered workshop pays its village under the confederation, a share of its sales.",
		Passage: `"1% of the total of sales would be paid to the commune, 3% to the village and 5% to the state"`,
		field:   func(c *sim.Config) *float64 { return &c.Regimes[0].Governance.VillageFee },
	},
	{
		Name: "state_tax", Label: "State tax", Kind: "number", Min: 0, Max: 0.3, Step: 0.005, Unit: "share of sales",
		Explain: "The state's tax on a covered workshop's or a collective's sales in the 1980s.",
		Passage: `"1% of the total of sales would be paid to the commune, 3% to the village and 5% to the state"`,
		field:   func(c *sim.Config) *float64 { return &c.Regimes[0].Governance.StateTax },
	},
	{
		Name: "land_quota", Label: "Land quota", Kind: "number", Min: 0, Max: 5e6, Step: 50000, Unit: "m² of estate land a year",
		Explain: "The estate land the city releases each year once quotas apply (1997).",
		Passage: `"On top of this, the city sets quotas. Applications need to be submitted every year."`,
		field:   func(c *sim.Config) *float64 { return &c.Params.Land.AnnualQuota },
	},
	{
		Name: "specialist_market_year", Label: "Specialist market opens", Kind: "year", Min: 1985, Max: 2010, Step: 1, Never: true,
		Explain: "The year the Technological City of Metals opens its fairs and exhibitions to Yongkang's firms (0: it is never built).",
		Passage: `"the Technological City of Metals (wujin jishucheng), which opened in 1996. This is a specialist market bringing together producers and traders"`,
		read:    func(c *sim.Config) float64 { return eventYear(c, sim.SpecialistMarket) },
		apply: func(c *sim.Config, v float64) error {
			return setEvent(c, sim.SpecialistMarket, int(v))
		},
	},
	{
		Name: "service_centres", Label: "Service centres", Kind: "switch",
		Explain: "The five service centres that help firms design, innovate and export (off: they are never created).",
		Passage: `"in 2007 it created five specialised service centres for companies"`,
		read:    func(c *sim.Config) float64 { return on(eventYear(c, sim.ServiceCentres) != 0) },
		apply: func(c *sim.Config, v float64) error {
			if v == 0 {
				c.Events = removeKind(c.Events, sim.ServiceCentres)
			}
			return nil
		},
	},
	{
		Name: "crisis", Label: "The 2008 crisis", Kind: "switch",
		Explain: "The global financial crisis of 2008–09: export prices fall, materials and labour cost more (off: it does not reach Yongkang).",
		Passage: `"The second part of the 2000s were a particularly difficult time, marked principally by flagging exports and an increase in the cost of raw materials and labour"`,
		read:    func(c *sim.Config) float64 { return on(eventYear(c, sim.FinancialCrisis) != 0) },
		apply: func(c *sim.Config, v float64) error {
			if v == 0 {
				c.Events = removeKind(c.Events, sim.FinancialCrisis)
			}
			return nil
		},
	},
}

// LeverError is a lever the request cannot apply: unknown, of the wrong
// type or outside its range. The server answers it with HTTP 400.
type LeverError struct {
	Lever string
	Msg   string
}

func (e *LeverError) Error() string { return "lever " + e.Lever + ": " + e.Msg }

// Levers returns the levers with their values in cfg.
func Levers(cfg *sim.Config) []Lever {
	out := slices.Clone(levers)
	for i := range out {
		out[i].Value = out[i].get(cfg)
	}
	return out
}

// Apply returns a copy of cfg with the levers set (by name, JSON numbers;
// a switch also takes true or false). Levers are applied in the page's
// order, so the result does not depend on the order of the request's keys.
// The copy is validated by the caller.
func Apply(cfg *sim.Config, set map[string]json.RawMessage) (*sim.Config, error) {
	for name := range set { // checks only; the values are applied below in order
		if !slices.ContainsFunc(levers, func(l Lever) bool { return l.Name == name }) {
			return nil, &LeverError{name, "unknown lever (the levers are " + leverNames() + ")"}
		}
	}
	c := *cfg
	c.Events = slices.Clone(cfg.Events)
	c.Regimes = slices.Clone(cfg.Regimes)
	for _, l := range levers {
		raw, ok := set[l.Name]
		if !ok {
			continue
		}
		v, err := l.parse(raw)
		if err != nil {
			return nil, err
		}
		if v == l.get(&c) {
			continue
		}
		if err := l.set(&c, v); err != nil {
			return nil, &LeverError{l.Name, err.Error()}
		}
	}
	return &c, nil
}

// parse reads a lever's JSON value and checks it against the lever's kind
// and range.
func (l *Lever) parse(raw json.RawMessage) (float64, error) {
	var b bool
	if l.Kind == "switch" && json.Unmarshal(raw, &b) == nil {
		return on(b), nil
	}
	var v float64
	if err := json.Unmarshal(raw, &v); err != nil {
		return 0, &LeverError{l.Name, fmt.Sprintf("%s is not a number", strings.TrimSpace(string(raw)))}
	}
	switch l.Kind {
	case "switch":
		if v != 0 && v != 1 {
			return 0, &LeverError{l.Name, fmt.Sprintf("%g: a switch is true or false (1 or 0)", v)}
		}
	case "year":
		if v != math.Trunc(v) || (v != 0 || !l.Never) && (v < l.Min || v > l.Max) {
			return 0, &LeverError{l.Name, fmt.Sprintf("%g is not a year in %g–%g%s", v, l.Min, l.Max, zeroNever(l))}
		}
	default:
		if v < l.Min || v > l.Max {
			return 0, &LeverError{l.Name, fmt.Sprintf("%g is outside the range %g–%g", v, l.Min, l.Max)}
		}
	}
	return v, nil
}

func zeroNever(l *Lever) string {
	if l.Never {
		return " (or 0: never)"
	}
	return ""
}

func leverNames() string {
	names := make([]string, len(levers))
	for i, l := range levers {
		names[i] = l.Name
	}
	return strings.Join(names, ", ")
}

func on(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// regimeYear is the start year of regime i, or 0 if there is none.
func regimeYear(c *sim.Config, i int) float64 {
	if i >= len(c.Regimes) {
		return 0
	}
	return float64(c.Regimes[i].Start.Year())
}

// moveRegime moves regime i to January of year, and each of the named
// events by as many years (an event keeps its place after the regime's
// start and its length). Regimes stay in order: the lever is refused if
// the move puts the regime before the one it follows or after the next.
func moveRegime(c *sim.Config, i, year int, kinds ...sim.EventKind) error {
	if i >= len(c.Regimes) {
		return fmt.Errorf("the scenario has no regime %d", i+1)
	}
	r := &c.Regimes[i]
	to := sim.NewMonth(year, 1)
	if i > 0 && to <= c.Regimes[i-1].Start {
		return fmt.Errorf("%d is not after the %s regime's start, %s", year, c.Regimes[i-1].Name, c.Regimes[i-1].Start)
	}
	if i+1 < len(c.Regimes) && to >= c.Regimes[i+1].Start {
		return fmt.Errorf("%d is not before the %s regime's start, %s", year, c.Regimes[i+1].Name, c.Regimes[i+1].Start)
	}
	shift := year - r.Start.Year()
	r.Start = to
	for j := range c.Events {
		e := &c.Events[j]
		if !slices.Contains(kinds, e.Kind) {
			continue
		}
		e.Date = sim.NewMonth(e.Date.Year()+shift, e.Date.MonthOfYear())
		if !e.End.IsZero() {
			e.End = sim.NewMonth(e.End.Year()+shift, e.End.MonthOfYear())
		}
		if e.Date > c.End {
			return fmt.Errorf("moving the regime to %d moves %s to %s, after the run's end (%s)", year, e.Kind, e.Date, c.End)
		}
	}
	sortEvents(c.Events)
	return nil
}

// eventYear is the year of the first event of a kind, or 0.
func eventYear(c *sim.Config, k sim.EventKind) float64 {
	for _, e := range c.Events {
		if e.Kind == k {
			return float64(e.Date.Year())
		}
	}
	return 0
}

// setEvent dates the events of a kind in year (keeping their month), adds
// one in the year's January if there is none, or removes them (year 0).
func setEvent(c *sim.Config, k sim.EventKind, year int) error {
	if year == 0 {
		c.Events = removeKind(c.Events, k)
		return nil
	}
	found := false
	for j := range c.Events {
		if e := &c.Events[j]; e.Kind == k {
			e.Date, found = sim.NewMonth(year, e.Date.MonthOfYear()), true
		}
	}
	if !found {
		c.Events = append(c.Events, sim.Event{Date: sim.NewMonth(year, 1), Kind: k, Note: "set on the classroom page"})
	}
	sortEvents(c.Events)
	return nil
}

func removeKind(events []sim.Event, k sim.EventKind) []sim.Event {
	return slices.DeleteFunc(events, func(e sim.Event) bool { return e.Kind == k })
}

// sortEvents keeps the events in date order, as the loader requires (a
// stable sort keeps the order of events of one month).
func sortEvents(events []sim.Event) {
	slices.SortStableFunc(events, func(a, b sim.Event) int { return int(a.Date) - int(b.Date) })
}
