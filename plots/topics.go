package plots

import (
	"strings"

	"clustersim/seeds"
	"clustersim/sim"
)

// Curve is one model series drawn on a panel, with its legend label.
type Curve struct {
	Series string // the series name in sim.Results
	Label  string // the legend label
}

// Panel is one plot of a figure: a y axis and the series drawn on it.
// The article's targets overlaid on a panel are those whose Series is one of
// the panel's drawn series (see Panel.Targets).
type Panel struct {
	Title  string // shown after the topic title when set
	YLabel string
	Log    bool    // log y axis; values <= 0 are dropped
	Curves []Curve // fixed series, in legend order
	// Families lists name prefixes: every series of the results whose name
	// starts with one is drawn too, in name order, labelled by the rest of
	// its name.
	Families []string
	// ShareOf, when set and present in the results, divides the family
	// series by this series; ShareYLabel then replaces YLabel. Targets and
	// ensemble bands are not overlaid on divided series.
	ShareOf     string
	ShareYLabel string
	// Events lists the kinds of the scenario's events (Input.Events) the
	// panel marks at their dates, besides the regime changes every panel
	// marks.
	Events []sim.EventKind
}

// Topic is one figure: a file stem, a title and its panels, stacked
// vertically. Panels with no series in the results are skipped; a topic
// with no drawable panel is skipped.
type Topic struct {
	Name   string // file stem
	Title  string
	Panels []Panel
}

// Topics lists the figures WriteAll draws, in order.
var Topics = []Topic{
	{Name: "firms_by_form", Title: "Firms by legal form", Panels: []Panel{{
		YLabel: "firms", Log: true,
		Curves: []Curve{
			{"firms_township", "township"},
			{"firms_village", "village"},
			{"firms_getihu", "getihu"},
			{"firms_red_hat", "red hat"},
			{"firms_private", "private"},
			{"firms_shareholding_coop", "shareholding coop"},
			{"firms_company", "company"},
			{"firms_group", "group"},
		},
	}}},
	{Name: "firms_total", Title: "Firms in Yongkang", Panels: []Panel{{
		YLabel: "firms", Log: true,
		Curves: []Curve{
			{"firms_total", "all firms"},
			{"firms_private_registered", "registered non-collective"},
		},
	}}},
	{Name: "mantang", Title: "Mantang village", Panels: []Panel{
		{YLabel: "households / persons", Curves: []Curve{
			{"mantang_workshops_per_183", "workshops per 183 households"},
			{"mantang_registered_per_183", "registered workshops per 183 households"},
			{"mantang_arrests", "arrests (cumulative)"},
		}},
		{Title: "scale making", YLabel: "share", Curves: []Curve{
			{"mantang_scale_share", "share making scales"},
		}},
	}},
	{Name: "specialised_villages", Title: "Specialised villages, the compromise's spread", Panels: []Panel{{
		YLabel: "villages",
		Curves: []Curve{
			{"specialised_villages", "specialised villages"},
			{"villages_covered", "villages that took up the compromise"},
			{"villages_repressing", "villages repressing workshops"},
		},
	}}},
	{Name: "businessmen_posts", Title: "Village posts held by businessmen", Panels: []Panel{{
		YLabel: "share",
		Curves: []Curve{{"businessmen_posts_share", "businessmen's share"}},
	}}},
	{Name: "land", Title: "Industrial land", Panels: []Panel{{
		YLabel: "yuan/m² (current)",
		Curves: []Curve{{"land_price", "land price"}},
	}}},
	{Name: "estates", Title: "Industrial estates", Panels: []Panel{
		{Title: "firms", YLabel: "firms", Curves: []Curve{{"estate_firms", "firms in estates"}}},
		{Title: "occupancy", YLabel: "share", Curves: []Curve{{"estate_occupancy", "occupied share"}}},
	}},
	{Name: "exporters_subcontractors", Title: "Exporters and subcontractors", Panels: []Panel{{
		YLabel: "firms",
		Curves: []Curve{
			{"exporters", "exporters"},
			{"subcontractors", "subcontractors"},
			{"suppliers_distributors", "suppliers / distributors"},
		},
	}}},
	{Name: "population", Title: "Population", Panels: []Panel{{
		YLabel: "persons",
		Curves: []Curve{
			{"population", "residents"},
			{"population_natives", "natives"},
			{"migrants", "migrants"},
		},
	}}},
	{Name: "sectors", Title: "Sectors", Panels: []Panel{
		{Title: "output", YLabel: "yuan (current)", Families: []string{"output_sector."},
			ShareOf: "output_yuan", ShareYLabel: "share of output"},
		{Title: "firms", YLabel: "firms", Families: []string{"firms_sector."}},
		{Title: "structuring sectors", YLabel: "sectors", Curves: []Curve{
			{"sectors_structuring", "structuring sectors"},
		}},
	}},
	{Name: "labour", Title: "Native labour and migrant employment", Panels: []Panel{{
		YLabel: "persons",
		Curves: []Curve{
			{"labour_farming", "farming"},
			{"labour_peddling", "peddling"},
			{"labour_workshop", "own workshop"},
			{"labour_wage", "wage work"},
			{"employment_migrants", "migrant employees"},
		},
	}}},
}

// Overview lists the topics of the model_vs_article grid, in reading order.
// Each contributes its first drawable panel.
var Overview = []string{
	"firms_by_form", "firms_total", "mantang",
	"specialised_villages", "exporters_subcontractors", "sectors",
	"labour", "land", "population",
}

// Drawn returns the curves of the panel present in r: the fixed curves
// first, then the families in name order.
func (p Panel) Drawn(r *sim.Results) []Curve {
	var out []Curve
	for _, c := range p.Curves {
		if _, ok := r.Lookup(c.Series); ok {
			out = append(out, c)
		}
	}
	for _, prefix := range p.Families {
		for _, s := range r.Series { // sorted by name
			if strings.HasPrefix(s.Name, prefix) && len(s.Name) > len(prefix) {
				label := strings.ReplaceAll(strings.TrimPrefix(s.Name, prefix), "_", " ")
				out = append(out, Curve{Series: s.Name, Label: label})
			}
		}
	}
	return out
}

// divided reports whether the panel's family series are divided by ShareOf.
func (p Panel) divided(r *sim.Results) bool {
	if p.ShareOf == "" {
		return false
	}
	_, ok := r.Lookup(p.ShareOf)
	return ok
}

// Targets returns the targets overlaid on the panel: those whose Series is
// one of the drawn curves (divided family series excluded), in input order.
func (p Panel) Targets(r *sim.Results, ts []seeds.Target) []seeds.Target {
	drawn := map[string]bool{}
	for _, c := range p.Drawn(r) {
		if !(p.divided(r) && p.inFamily(c.Series)) {
			drawn[c.Series] = true
		}
	}
	var out []seeds.Target
	for _, t := range ts {
		if t.Series != "" && drawn[t.Series] {
			out = append(out, t)
		}
	}
	return out
}

func (p Panel) inFamily(name string) bool {
	for _, prefix := range p.Families {
		if strings.HasPrefix(name, prefix) {
			return true
		}
	}
	return false
}

func topicByName(name string) (Topic, bool) {
	for _, t := range Topics {
		if t.Name == name {
			return t, true
		}
	}
	return Topic{}, false
}
