package sim

import "clustersim/agents"

// policy is the state of the timeline in the current month: which events
// are in force and which regime governs. It is recomputed from the scenario
// every month, so an event's rules apply exactly in its dated period; the
// one-off effects of an event's start on villages (applyEvents: Mantang's
// stance and cover, legitimisation) persist until another event changes them.
type policy struct {
	events []Event
	index  []event // kind index of each event
	active [len(eventIndex)]bool
	began  [len(eventIndex)]Month // start of the period in force (0: never)
	gov    Governance
	regime string
}

// event is the dense index of an event kind, in the order of eventIndex.
type event int

const (
	evHouseholdResponsibility event = iota
	evCapitalistTails
	evGetihuLegal
	evRedHatRepression
	evLegitimisation
	evRuralCompanies
	evVillageElections
	evSouthernTour
	evExportOpening
	evCollectiveShareholding
	evControlManagement
	evTaxRanking
	evSpecialistMarket
	evCompanyConversion
	evLandQuota
	evInnovationCentre
	evYongwujin
	evServiceCentres
	evRestructuringSubsidy
	evEnvironmentSubsidy
	evRegisteredOfficeCentre
	evSectorPromotion
	evFinancialCrisis
	evPrivateEnterpriseLegal
)

// eventIndex gives the kind of each event index.
var eventIndex = [...]EventKind{
	HouseholdResponsibility,
	CapitalistTails,
	GetihuLegal,
	RedHatRepression,
	Legitimisation,
	RuralCompanies,
	VillageElections,
	SouthernTour,
	ExportOpening,
	CollectiveShareholding,
	ControlManagement,
	TaxRanking,
	SpecialistMarket,
	CompanyConversion,
	LandQuota,
	InnovationCentre,
	Yongwujin,
	ServiceCentres,
	RestructuringSubsidy,
	EnvironmentSubsidy,
	RegisteredOfficeCentre,
	SectorPromotion,
	FinancialCrisis,
	PrivateEnterpriseLegal,
}

func kindIndex(k EventKind) event {
	for i, e := range eventIndex {
		if e == k {
			return event(i)
		}
	}
	return -1
}

func (p *policy) init(cfg *Config) {
	p.events = cfg.Events
	p.index = make([]event, len(cfg.Events))
	for i, e := range cfg.Events {
		p.index[i] = kindIndex(e.Kind)
	}
}

// update sets the events and regime in force in month m.
func (p *policy) update(cfg *Config, m Month) {
	var now [len(eventIndex)]bool
	for j, e := range p.events {
		if e.Date > m || (!e.End.IsZero() && e.End < m) {
			continue
		}
		i := p.index[j]
		if i < 0 {
			continue
		}
		now[i] = true
		p.began[i] = e.Date
	}
	p.active = now
	for _, r := range cfg.Regimes {
		if r.Start <= m {
			p.gov, p.regime = r.Governance, r.Name
		}
	}
}

func (p *policy) on(e event) bool { return p.active[e] }

// since returns the month the event in force began.
func (p *policy) since(e event) Month { return p.began[e] }

// rates gives the taxes a firm of a form pays under the current regime.
func (p *policy) rates(form agents.LegalForm) agents.Rates {
	g := &p.gov
	return agents.TaxRates(form, g.CommuneFee, g.VillageFee, g.StateTax, g.GetihuTax, g.PrivateTax, g.CityTax, g.CollectiveRemit)
}

// privateAllowed: private enterprises beyond the getihu cap are free, and
// getihu sell as freely as firms that can invoice, once the southern tour or
// a legalisation of private enterprises (private_enterprise_legal, which
// the baseline does not have: the private_firms_1984 counterfactual) is in
// force. The model's southern tour acts through this legal status only.
func (p *policy) privateAllowed() bool {
	return p.on(evSouthernTour) || p.on(evPrivateEnterpriseLegal)
}

// monthRules are the timeline's rules of the month as the agents' rules
// read them (set by stepTimeline).
type monthRules struct {
	registration agents.RegistrationRules
	sanctions    agents.SanctionRules
	stance       agents.StanceRules
}

// setRules sets the rules of the month from the events and regime in force.
func (w *world) setRules() {
	g := &w.policy.gov
	w.rules.registration = agents.RegistrationRules{
		GetihuLegal: w.policy.on(evGetihuLegal), PrivateFree: w.policy.privateAllowed(),
		RedHatRepression: w.policy.on(evRedHatRepression),
		RedHatFees:       g.CommuneFee + g.VillageFee + g.StateTax, GetihuTax: g.GetihuTax,
	}
	w.rules.sanctions = agents.SanctionRules{Illegal: g.IllegalSanction, Tolerance: g.Tolerance}
	w.rules.stance = w.stanceRules()
}

// stanceRules are the political risks of the line from above this month,
// as the villages weigh them (ODD 7.7.2); the month's farm income is set
// by the governments' sub-step, once the markets have set it. While "cut off the capitalist
// tails" is the line, turning a blind eye and covering both carry
// tails_risk; while fictitious collectives are repressed (1982–84) and the
// city has not legitimised them, covering carries red_hat_risk besides.
func (w *world) stanceRules() agents.StanceRules {
	vp := &w.p.Villages
	r := agents.StanceRules{VillageFee: w.policy.gov.VillageFee, OfficialCost: vp.OfficialCost, Scale: w.scale, Month: int32(w.Month)}
	if w.policy.on(evCapitalistTails) {
		r.TolerateRisk, r.CoverRisk = vp.TailsRisk, vp.TailsRisk
	}
	if w.policy.on(evRedHatRepression) && !w.policy.on(evLegitimisation) {
		r.CoverRisk += vp.RedHatRisk
	}
	return r
}
