package scenarios

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"testing"

	"clustersim/sim"
)

func TestLoadValid(t *testing.T) {
	s := loadValid(t)
	c := s.Config
	if s.Name != "valid" || s.File != validPath || s.Base != "" || len(s.Hash) != 64 {
		t.Errorf("scenario = %q %q %q %q", s.Name, s.File, s.Base, s.Hash)
	}
	if c.Start != sim.NewMonth(1978, 1) || c.End != sim.NewMonth(2010, 12) || c.ReportFrom != 1980 {
		t.Errorf("run = %s–%s from %d", c.Start, c.End, c.ReportFrom)
	}
	if len(c.Ladder) != 2 || !c.Ladder[1].Promoted || len(c.Estates) != 1 || len(c.Events) != 7 {
		t.Errorf("lists: %d rungs, %d estates, %d events", len(c.Ladder), len(c.Estates), len(c.Events))
	}
	if c.Events[1].End != sim.NewMonth(1983, 12) || c.Events[1].Note != "first campaign" || !c.Events[0].End.IsZero() {
		t.Errorf("event = %+v", c.Events[1])
	}
	// Governance inherits from the previous regime.
	g := c.Regimes[2].Governance
	if g.CommuneFee != 0.05 || g.GetihuTax != 0.03 || g.Tolerance != 0.5 || g.CityTax != 0.03 {
		t.Errorf("third regime's governance = %+v", g)
	}
	if c.Regimes[1].Governance.GetihuTax != 0.03 {
		t.Errorf("regimes = %+v", c.Regimes)
	}
	if c.Params.Firms.GetihuCap != 7 {
		t.Errorf("getihu_cap = %d", c.Params.Firms.GetihuCap)
	}
}

func TestErrorFormat(t *testing.T) {
	for _, tc := range []struct {
		e    Error
		want string
	}{
		{Error{File: "cf.yaml", Line: 12, Column: 5, Field: "params.firms.getihu_cap", Msg: "250 is outside the range 1–100"},
			"cf.yaml:12:5: params.firms.getihu_cap: 250 is outside the range 1–100"},
		{Error{File: "cf.yaml", Line: 3, Msg: "YAML syntax error: x"}, "cf.yaml:3: YAML syntax error: x"},
		{Error{File: "nope.yaml", Msg: "cannot read"}, "nope.yaml: cannot read"},
		{Error{Field: "end", Msg: "not set"}, "end: not set"},
	} {
		if got := tc.e.Error(); got != tc.want {
			t.Errorf("Error() = %q, want %q", got, tc.want)
		}
	}
}

// TestBadFullScenario breaks the valid fixture in one place at a time.
func TestBadFullScenario(t *testing.T) {
	valid := readValid(t)
	for _, tc := range []struct {
		name     string
		old, new string // the mutation of valid.yaml
		marker   string // text on the line the error must name; default new
		field    string
		msg      string
	}{
		{"unknown top-level key", "households: 1000", "households: 1000\nhousehods: 5", "househods", "househods", `unknown key "househods" (did you mean "households"?)`},
		{"typo in nested params", "getihu_cap: 7", "getihu_capp: 7", "", "params.firms.getihu_capp", `unknown key "getihu_capp" (did you mean "getihu_cap"?)`},
		{"unknown key in an event", "note: first campaign", "notes: first campaign", "", "events[1].notes", "unknown key"},
		{"unknown key in governance", "      tolerance: 0.5", "      tolerence: 0.5", "", "regimes[1].governance.tolerence", "unknown key"},
		{"duplicate key", "collectives: 12", "collectives: 12\ncollectives: 13", "collectives: 13", "collectives", "duplicate key (first set at line 10)"},
		{"string for a number", "households: 1000", "households: many", "", "households", `expected an integer, got "many"`},
		{"quoted number", "households: 1000", `households: "1000"`, "", "households", `expected an integer, got "1000"`},
		{"fraction for an integer", "products: 40", "products: 40.5", "", "ladder[0].products", "expected an integer"},
		{"list for a number", "capital: 2000", "capital: [1, 2]", "", "ladder[0].capital", "expected a number, got a list"},
		{"mapping for a string", "sector: tools", "sector: {a: 1}", "", "ladder[0].sector", "expected a string, got a mapping"},
		{"yes for a bool", "promoted: true", "promoted: yes", "", "ladder[1].promoted", "expected true or false"},
		{"missing value", "households: 1000", "households:", "", "households", "missing value"},
		{"bad month", "open: 1996-06", "open: 1992-13", "", "estates[0].open", `"1992-13" is not a date of the form YYYY-MM`},
		{"full date", "open: 1996-06", "open: 1996-06-01", "", "estates[0].open", "is not a date"},
		{"param out of range", "getihu_cap: 7", "getihu_cap: 250", "", "params.firms.getihu_cap", "250 is outside the range 1–100"},
		{"rung out of range", "tradition: 0.9", "tradition: 1.9", "", "ladder[0].tradition", "1.9 is outside the range 0–1"},
		{"governance out of range", "      tolerance: 0.5", "      tolerance: 5", "", "regimes[1].governance.tolerance", "5 is outside the range 0–1"},
		{"NaN", "township_collective_share: 0.4", "township_collective_share: .nan", "", "township_collective_share", "NaN is outside the range 0–1"},
		{"infinity", "township_collective_share: 0.4", "township_collective_share: -.inf", "", "township_collective_share", "-Inf is outside the range 0–1"},
		{"start after end", "end: 2010-12", "end: 1978-01", "", "end", "end 1978-01 is not after start 1978-01"},
		{"report_from outside the run", "report_from: 1980", "report_from: 2015", "", "report_from", "2015 is outside the run, 1978–2010"},
		{"regimes out of order", "start: 1992-06", "start: 1983-06", "", "regimes[2].start", `regimes out of order: "market" starting 1983-06 follows "reform" starting 1984-01`},
		{"first regime late", "name: collective\n    start: 1978-01", "name: collective\n    start: 1979-01", "start: 1979-01", "regimes[0].start", "the first regime must start with the run (1978-01), not 1979-01"},
		{"first regime's governance incomplete", "      city_tax: 0.02\n", "", "governance:", "regimes[0].governance.city_tax", `missing key "city_tax"`},
		{"first regime without governance", "    start: 1978-01\n    governance:\n", "    start: 1978-01\n    governance_:\n", "governance_", "regimes[0].governance_", "unknown key"},
		{"missing parameter", "    getihu_cap: 7\n", "", "  firms:", "params.firms.getihu_cap", `missing key "getihu_cap" in params.firms`},
		{"missing top-level key", "collectives: 12\n", "", "name: valid", "collectives", `missing key "collectives" in a full scenario`},
		{"events out of order", "date: 1984-06", "date: 1981-06", "- date: 1981-06", "events[2]", "events out of order: getihu_legal dated 1981-06 follows red_hat_repression dated 1982-03"},
		{"event after the run", "date: 2008-10\n    end: 2009-12", "date: 2011-01\n    end: 2011-12", "date: 2011-01", "events[6].date", "financial_crisis dated 2011-01 is outside the run 1978-01–2010-12"},
		{"event ends before its date", "end: 1983-12", "end: 1981-12", "", "events[1].end", "red_hat_repression ends 1981-12, before its date 1982-03"},
		{"unknown event kind", "kind: southern_tour", "kind: northern_tour", "", "events[4].kind", `unknown event kind "northern_tour"`},
		{"overlapping events of a kind", "end: 1983-12", "end: 1986-01", "- date: 1986-01", "events[3]", "red_hat_repression dated 1986-01 overlaps the red_hat_repression dated 1982-03 (events[1] at bad.yaml:"},
		{"open-ended event of a kind", "    end: 1983-12\n", "", "  - date: 1986-01", "events[3]", "in force to the end of the run"},
		{"estate outside the run", "open: 1996-06", "open: 1970-06", "", "estates[0].open", `estate "east_estate" opens 1970-06, outside the run`},
		{"duplicate rung", "name: scooters", "name: hand_tools", "  - name: hand_tools\n    sector: vehicles", "ladder[1].name", `duplicate rung name "hand_tools" (also ladder[0] at bad.yaml:13)`},
		{"empty rung name", "name: scooters", `name: ""`, "", "ladder[1].name", "must not be empty"},
		{"remove_events in a full scenario", "collectives: 12", "collectives: 12\nremove_events: [southern_tour]", "remove_events", "remove_events", "only a counterfactual"},
		{"merge key", "  - name: market\n", "  - <<: {name: x}\n    name: market\n", "<<", "regimes[2].<<", "merge keys"},
		{"sequence as a key", "collectives: 12", "collectives: 12\n? [a]\n: 1", "? [a]", "", "a key must be a plain name"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := mutate(t, valid, tc.old, tc.new)
			marker := tc.marker
			if marker == "" {
				marker = tc.new
			}
			line := lineOf(t, doc, marker)
			s, err := Parse("bad.yaml", []byte(doc), nil)
			if s != nil {
				t.Errorf("a partial scenario was returned with the error")
			}
			e := asError(t, err)
			if e.File != "bad.yaml" || e.Line != line || e.Field != tc.field || !strings.Contains(e.Msg, tc.msg) {
				t.Errorf("error = %v\nwant bad.yaml:%d:…: %s: …%s…", err, line, tc.field, tc.msg)
			}
			if want := fmt.Sprintf("bad.yaml:%d:", line); !strings.HasPrefix(err.Error(), want) {
				t.Errorf("error %q does not start with %q", err, want)
			}
		})
	}
}

func TestExactMessages(t *testing.T) {
	valid := readValid(t)
	for _, tc := range []struct {
		old, new, want string
	}{
		{"getihu_cap: 7", "getihu_cap: 250", "bad.yaml:%d:5: params.firms.getihu_cap: 250 is outside the range 1–100"},
		{"date: 1984-06", "date: 1981-06", "bad.yaml:%d:5: events[2]: events out of order: getihu_legal dated 1981-06 follows red_hat_repression dated 1982-03"},
		{"open: 1996-06", "open: 1992-13", `bad.yaml:%d:5: estates[0].open: "1992-13" is not a date of the form YYYY-MM`},
	} {
		doc := mutate(t, valid, tc.old, tc.new)
		want := fmt.Sprintf(tc.want, lineOf(t, doc, tc.new))
		if _, err := Parse("bad.yaml", []byte(doc), nil); err == nil || err.Error() != want {
			t.Errorf("error = %v\nwant    %s", err, want)
		}
	}
}

func TestBadDocument(t *testing.T) {
	for _, tc := range []struct {
		name, doc string
		line      int
		msg       string
	}{
		{"empty", "", 1, "empty document"},
		{"only comments", "# nothing\n\n", 1, "empty document"},
		{"null document", "---\n~\n", 2, "empty document"},
		{"unclosed list", "name: x\nstart: [1978-01\nend: 2010-12\n", 2, "YAML syntax error: did not find expected ',' or ']'"},
		{"unclosed mapping", "a: 1\n\nb: {x: 1\nc: 2\n", 3, "YAML syntax error: did not find expected ',' or '}'"},
		{"extra bracket", "a: 1\n\nb: [a, b]]\n", 3, "YAML syntax error: did not find expected key"},
		{"list in a mapping", "a: 1\n- b\n", 2, "YAML syntax error: did not find expected key"},
		{"unclosed quote", "a: 1\nb: 'abc\n", 2, "YAML syntax error: found unexpected end of stream"},
		{"missing colon", "a: 1\nb: 2\nc 2\nd: 3\n", 3, "YAML syntax error: could not find expected ':'"},
		{"bad indentation", "name: x\n  start: 1978-01\n", 2, "YAML syntax error"},
		{"tab", "name: x\n\tstart: 1978\n", 2, "YAML syntax error"},
		{"a list", "- name: x\n- name: y\n", 1, "must be a mapping of keys to values, not a list"},
		{"a scalar", "\nhello\n", 2, `not "hello"`},
		{"two documents", "name: a\n---\nname: b\n", 2, "more than one YAML document"},
		{"unknown key", "name: x\nstrat: 1978-01\n", 2, `unknown key "strat" (did you mean "start"?)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Parse("doc.yaml", []byte(tc.doc), nil)
			if s != nil {
				t.Error("a scenario was returned with the error")
			}
			e := errorAt(t, err, tc.line)
			if e.File != "doc.yaml" || e.Line != tc.line || !strings.Contains(e.Msg, tc.msg) {
				t.Errorf("error = %v, want doc.yaml:%d: …%s…", err, tc.line, tc.msg)
			}
		})
	}
}

func TestMissingFile(t *testing.T) {
	for _, load := range []func(string) (*Scenario, error){Load, Resolve} {
		s, err := load("testdata/nope.yaml")
		e := asError(t, err)
		if s != nil || e.File != "testdata/nope.yaml" || !errors.Is(err, fs.ErrNotExist) ||
			err.Error() != "testdata/nope.yaml: cannot read the scenario file: no such file or directory" {
			t.Errorf("error = %v", err)
		}
	}
	if err := Validate("testdata/nope.yaml"); err == nil {
		t.Error("Validate of a missing file succeeded")
	}
	if err := Validate(validPath); err != nil {
		t.Error(err)
	}
}

func TestResolveUnknownBuiltin(t *testing.T) {
	_, err := Resolve("no_such_scenario")
	e := asError(t, err)
	if e.File != "no_such_scenario.yaml" || !strings.Contains(e.Msg, "no built-in scenario") {
		t.Errorf("error = %v", err)
	}
}

func TestAliases(t *testing.T) {
	doc := mutate(t, readValid(t), "capital: 2000", "capital: &cap 2000")
	doc = mutate(t, doc, "capital: 500000", "capital: *cap")
	s, err := Parse("alias.yaml", []byte(doc), nil)
	if err != nil {
		t.Fatal(err)
	}
	if s.Config.Ladder[1].Capital != 2000 {
		t.Errorf("capital = %g", s.Config.Ladder[1].Capital)
	}
}

func TestCanonicalRoundTrip(t *testing.T) {
	s := loadValid(t)
	b, err := Canonical(&s.Config)
	if err != nil {
		t.Fatal(err)
	}
	s2, err := Parse("canonical.yaml", b, nil)
	if err != nil {
		t.Fatalf("%v\n%s", err, b)
	}
	if s2.Hash != s.Hash {
		t.Errorf("hash changed on the round trip")
	}
	// Layout and comments do not change the hash.
	s3, err := Parse("x.yaml", []byte("# comment\n"+readValid(t)), nil)
	if err != nil || s3.Hash != s.Hash {
		t.Errorf("hash depends on comments: %v", err)
	}
}

// TestEveryProblemInFileOrder breaks the valid fixture in five places, of
// the decoder and of the checks, and wants all five, in the order of the
// file (the range checks used to come before the timeline's, whatever the
// lines).
func TestEveryProblemInFileOrder(t *testing.T) {
	doc := readValid(t)
	for _, m := range [][2]string{
		{"getihu_cap: 7", "getihu_cap: 250"},
		{"date: 1984-06", "date: 1981-06"},
		{"tradition: 0.9", "tradition: 1.9"},
		{"products: 40", "products: 40.5"},
		{"collectives: 12", "collectives: 12\nhousehods: 5"},
	} {
		doc = mutate(t, doc, m[0], m[1])
	}
	want := []struct {
		marker, field string
	}{
		{"househods", "househods"},
		{"products: 40.5", "ladder[0].products"},
		{"tradition: 1.9", "ladder[0].tradition"},
		{"- date: 1981-06", "events[2]"},
		{"getihu_cap: 250", "params.firms.getihu_cap"},
	}
	_, err := Parse("bad.yaml", []byte(doc), nil)
	var list *Errors
	if !errors.As(err, &list) {
		t.Fatalf("error %v (%T) is not an *Errors", err, err)
	}
	if len(list.List) != len(want) || list.Omitted != 0 {
		t.Fatalf("%d problems (%d omitted), want %d:\n%v", len(list.List), list.Omitted, len(want), err)
	}
	lines := strings.Split(err.Error(), "\n")
	for i, w := range want {
		e := list.List[i]
		if line := lineOf(t, doc, w.marker); e.File != "bad.yaml" || e.Line != line || e.Field != w.field {
			t.Errorf("problem %d = %v, want bad.yaml:%d: %s", i, e, line, w.field)
		}
		if lines[i] != e.Error() {
			t.Errorf("line %d of the message = %q, want %q", i, lines[i], e.Error())
		}
	}
	if first := asError(t, err); first != list.List[0] {
		t.Errorf("errors.As finds %v, not the first problem", first)
	}
}

// TestProblemLimit wants at most MaxErrors problems, then a count of the
// rest.
func TestProblemLimit(t *testing.T) {
	doc := readValid(t)
	extra := MaxErrors + 5
	var b strings.Builder
	for i := range extra {
		fmt.Fprintf(&b, "unknown_%02d: 1\n", i)
	}
	_, err := Parse("bad.yaml", []byte(doc+b.String()), nil)
	var list *Errors
	if !errors.As(err, &list) || len(list.List) != MaxErrors || list.Omitted != 5 {
		t.Fatalf("error = %v", err)
	}
	if list.List[MaxErrors-1].Field != fmt.Sprintf("unknown_%02d", MaxErrors-1) {
		t.Errorf("the last problem shown is %v", list.List[MaxErrors-1])
	}
	if !strings.HasSuffix(err.Error(), "\nbad.yaml: 5 more problems not shown") {
		t.Errorf("message ends %q", err.Error()[max(0, len(err.Error())-80):])
	}
}
