package sim

import "clustersim/agents"

// View is the read-only access observers have to a run: the State (through
// the embedded pointer) and what the engine derives from the scenario.
// Observers must not modify what it points to; the engine's next step
// changes it.
type View struct {
	*State
	w *world
}

// Config is the scenario the run simulates.
func (v *View) Config() *Config { return v.w.cfg }

// Params are the scenario's behavioural parameters.
func (v *View) Params() *agents.Params { return v.w.p }

// Scale is the share of the county simulated.
func (v *View) Scale() float64 { return v.w.scale }

// Sectors names the sectors of the ladder, by index (agents.Product.Sector).
func (v *View) Sectors() []string { return v.w.sectors }

// ModalShare is the share of a village's workshops making its main product.
func (v *View) ModalShare(village int32) float64 { return v.w.modalShare(village) }

// Mantang is the index of the village the scenario names Mantang, or -1.
func (v *View) Mantang() int { return v.w.mantang }

// InForce reports whether an event of kind k is in force this month.
func (v *View) InForce(k EventKind) bool { return v.w.policy.on(kindIndex(k)) }

// LocationIndex is the firm's place as an index into Results.LocationNames.
func (v *View) LocationIndex(f *agents.Firm) int16 { return v.w.locationIndex(f) }

// MonthsDone is the number of months simulated so far, and MonthsTotal
// the number the scenario has.
func (v *View) MonthsDone() int  { return int(v.Month - v.w.cfg.Start) }
func (v *View) MonthsTotal() int { return int(v.w.cfg.End-v.w.cfg.Start) + 1 }
