package scenarios

import (
	"fmt"
	"strings"
	"testing"

	"clustersim/sim"
)

func TestCounterfactual(t *testing.T) {
	base := loadValid(t)
	s, err := Load("testdata/counterfactual.yaml")
	if err != nil {
		t.Fatal(err)
	}
	c, b := s.Config, base.Config
	if s.Name != "counterfactual" || s.Base != "valid.yaml" || s.Hash == base.Hash {
		t.Errorf("scenario = %q base %q hash %q", s.Name, s.Base, s.Hash)
	}
	// Present keys change, absent keys keep the base's value.
	if c.Households != 1200 || c.Collectives != b.Collectives || c.Start != b.Start {
		t.Errorf("top level: households %d collectives %d", c.Households, c.Collectives)
	}
	wantParams := b.Params
	wantParams.Firms.GetihuCap = 30
	wantParams.Land.AnnualQuota = 150000
	if c.Params != wantParams {
		t.Errorf("params:\n got %+v\nwant %+v", c.Params, wantParams)
	}
	if len(c.Ladder) != len(b.Ladder) || c.Ladder[1] != b.Ladder[1] {
		t.Errorf("ladder changed")
	}
	// regimes: replaces the list; governance inherits within it.
	if len(c.Regimes) != 2 || c.Regimes[1].Governance.Tolerance != 0.5 || c.Regimes[1].Governance.CityTax != 0.01 {
		t.Errorf("regimes = %+v", c.Regimes)
	}
	// Events: the base's minus red_hat_repression, plus two, sorted by date.
	var got []string
	for _, e := range c.Events {
		got = append(got, fmt.Sprintf("%s %s", e.Date, e.Kind))
	}
	want := "1980-01 household_responsibility, 1984-06 getihu_legal, 1990-01 legitimisation, " +
		"1992-02 southern_tour, 1992-02 export_opening, 1996-01 land_quota, 2008-10 financial_crisis"
	if strings.Join(got, ", ") != want {
		t.Errorf("events:\n got %s\nwant %s", strings.Join(got, ", "), want)
	}
	// The base is left alone.
	if base.Config.Params.Firms.GetihuCap != 7 || len(base.Config.Events) != 7 {
		t.Error("loading a counterfactual changed its base")
	}
}

// cf parses an inline counterfactual of the valid fixture.
func cf(t *testing.T, doc string) (*Scenario, error) {
	t.Helper()
	return Parse("cf.yaml", []byte(doc), resolveTo(loadValid(t)))
}

const head = "base: valid\nname: x\ndescription: y\n"

func TestBadCounterfactual(t *testing.T) {
	for _, tc := range []struct {
		name, doc string
		want      string // the whole message
	}{
		{"param out of range", head + "params:\n  firms:\n    getihu_cap: 250\n",
			"cf.yaml:6:5: params.firms.getihu_cap: 250 is outside the range 1–100"},
		{"typo in params", head + "params:\n  firms:\n    getihu_cpa: 25\n",
			`cf.yaml:6:5: params.firms.getihu_cpa: unknown key "getihu_cpa" (did you mean "getihu_cap"?)`},
		{"typo in a params section", head + "params:\n  firm:\n    getihu_cap: 25\n",
			`cf.yaml:5:3: params.firm: unknown key "firm" (did you mean "firms"?)`},
		{"list for params", head + "params: [1, 2]\n",
			"cf.yaml:4:1: params: expected a mapping, got a list"},
		{"mapping for a list", head + "ladder: {name: x}\n",
			"cf.yaml:4:1: ladder: expected a list, got a mapping"},
		{"typo in a cf key", head + "remove_event: [southern_tour]\n",
			`cf.yaml:4:1: remove_event: unknown key "remove_event" (did you mean "remove_events"?)`},
		{"remove an unknown kind", head + "remove_events:\n  - southern_tour\n  - southern_tur\n",
			`cf.yaml:6:5: remove_events[1]: unknown event kind "southern_tur"`},
		{"remove a kind the base lacks", head + "remove_events: [yongwujin]\n",
			"cf.yaml:4:17: remove_events[0]: the base valid has no yongwujin event to remove"},
		{"remove a kind twice", head + "remove_events: [land_quota, land_quota]\n",
			"cf.yaml:4:29: remove_events[1]: land_quota is listed twice"},
		{"added event overlaps", head + "add_events:\n  - date: 1983-01\n    kind: red_hat_repression\n",
			"cf.yaml:5:5: add_events[0]: red_hat_repression dated 1983-01 overlaps the red_hat_repression dated 1982-03 (events[1] at testdata/valid.yaml:62), in force to 1983-12"},
		{"added event lacks a date", head + "add_events:\n  - kind: yongwujin\n",
			`cf.yaml:5:5: add_events[0].date: missing key "date" in add_events[0]`},
		{"added event outside the run", head + "add_events:\n  - date: 2012-01\n    kind: yongwujin\n",
			"cf.yaml:5:5: add_events[0].date: yongwujin dated 2012-01 is outside the run 1978-01–2010-12"},
		{"events and add_events", head + "events: []\nadd_events: [{date: 1990-01, kind: yongwujin}]\n",
			"cf.yaml:5:1: add_events: cannot be used with events: (line 4), which replaces the whole list"},
		{"events replaced out of order", head + "events:\n  - {date: 1990-01, kind: yongwujin}\n  - {date: 1989-01, kind: tax_ranking}\n",
			"cf.yaml:6:5: events[1]: events out of order: tax_ranking dated 1989-01 follows yongwujin dated 1990-01"},
		{"empty ladder", head + "ladder: []\n",
			"cf.yaml:4:1: ladder: the ladder must have at least one rung"},
		{"no regimes", head + "regimes: []\n",
			"cf.yaml:4:1: regimes: there must be at least one regime"},
		{"first regime partial", head + "regimes:\n  - name: a\n    start: 1978-01\n    governance:\n      tolerance: 1\n",
			`cf.yaml:7:5: regimes[0].governance: missing keys "commune_fee", "village_fee", "state_tax", "getihu_tax", "private_tax", "city_tax", "collective_remit", "illegal_sanction" in regimes[0].governance`},
		{"first regime without governance", head + "regimes:\n  - name: a\n    start: 1978-01\n",
			`cf.yaml:5:5: regimes[0].governance: missing key "governance" in regimes[0]`},
		{"end cuts base events", head + "end: 2000-12\n",
			"testdata/valid.yaml:76:5: events[6].date: financial_crisis dated 2008-10 is outside the run 1978-01–2000-12 (end set at cf.yaml:4)"},
		{"start after the first regime", head + "start: 1979-01\n",
			"testdata/valid.yaml:39:5: regimes[0].start: the first regime must start with the run (1979-01), not 1978-01 (start set at cf.yaml:4)"},
		{"bad base", "base: [a]\nname: x\ndescription: y\n",
			"cf.yaml:1:1: base: expected the name or path of the base scenario, got a list"},
		{"counterfactual without a name", "base: valid\ndescription: y\n",
			`cf.yaml:1:1: name: missing key "name": a counterfactual needs its own`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := cf(t, tc.doc)
			asError(t, err)
			if s != nil {
				t.Error("a partial scenario was returned with the error")
			}
			if err.Error() != tc.want {
				t.Errorf("error:\n got %v\nwant %s", err, tc.want)
			}
		})
	}
}

func TestCounterfactualOnly(t *testing.T) {
	// Removing every event is allowed; estates: [] empties the list.
	s, err := cf(t, head+"estates: []\nremove_events: [household_responsibility, red_hat_repression, getihu_legal, southern_tour, land_quota, financial_crisis]\n")
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Config.Events) != 0 || len(s.Config.Estates) != 0 || s.Config.Estates == nil {
		t.Errorf("events %v estates %v", s.Config.Events, s.Config.Estates)
	}
	// A counterfactual that changes nothing but its name has the base's
	// config apart from name and description.
	s, err = cf(t, head)
	if err != nil {
		t.Fatal(err)
	}
	base := loadValid(t).Config
	base.Name, base.Description = "x", "y"
	if h, _ := hash(&base); h != s.Hash {
		t.Error("an empty counterfactual changed the config")
	}
}

func TestBaseErrors(t *testing.T) {
	for _, tc := range []struct {
		path string
		want []string
	}{
		{"testdata/cycle_a.yaml", []string{"testdata/cycle_b.yaml:1:7: base: cannot load base: testdata/cycle_a.yaml: cycle of bases: testdata/cycle_a.yaml → testdata/cycle_b.yaml → testdata/cycle_a.yaml"}},
		{"testdata/on_broken_base.yaml", []string{"testdata/broken_base.yaml:6:5: params.firms.getihu_cap: 250 is outside the range 1–100"}},
	} {
		_, err := Load(tc.path)
		asError(t, err)
		for _, w := range tc.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("Load(%s) = %v, want it to contain %q", tc.path, err, w)
			}
		}
	}
	_, err := Parse("cf.yaml", []byte("base: nope.yaml\nname: x\ndescription: y\n"), nil)
	if want := "cf.yaml:1:7: base: cannot load base: nope.yaml: cannot read the scenario file: no such file or directory"; err == nil || err.Error() != want {
		t.Errorf("error = %v\nwant %s", err, want)
	}
	_, err = Parse("cf.yaml", []byte("base: not_builtin\nname: x\ndescription: y\n"), nil)
	if e := asError(t, err); e.Line != 1 || e.Field != "base" || !strings.Contains(e.Msg, "no built-in scenario file not_builtin.yaml") {
		t.Errorf("error = %v", err)
	}
}

func TestValidateConfig(t *testing.T) {
	c := loadValid(t).Config
	if err := ValidateConfig(&c); err != nil {
		t.Fatal(err)
	}
	c.Events = append(c.Events, sim.Event{Date: sim.NewMonth(1990, 1), Kind: sim.Yongwujin})
	e := asError(t, ValidateConfig(&c))
	if e.Error() != "events[7]: events out of order: yongwujin dated 1990-01 follows financial_crisis dated 2008-10" {
		t.Errorf("error = %v", e)
	}
}

// TestCounterfactualEveryProblem wants each problem of a counterfactual,
// in file order, including one in an added event.
func TestCounterfactualEveryProblem(t *testing.T) {
	_, err := cf(t, head+"households: lots\nadd_events:\n  - {date: 1990-01, kind: yongwujin, note: x, nope: 1}\nparams:\n  firms:\n    getihu_cap: 250\n")
	want := `cf.yaml:4:1: households: expected an integer, got "lots"
cf.yaml:6:47: add_events[0].nope: unknown key "nope" (did you mean "note"?)
cf.yaml:9:5: params.firms.getihu_cap: 250 is outside the range 1–100`
	if err == nil || err.Error() != want {
		t.Errorf("error:\n got %v\nwant %s", err, want)
	}
}
