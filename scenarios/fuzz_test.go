package scenarios

import (
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"

	"clustersim/sim"
)

func FuzzParse(f *testing.F) {
	valid := readValid(f)
	f.Add([]byte(valid))
	cfData, err := os.ReadFile("testdata/counterfactual.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(cfData)
	for _, m := range [][2]string{
		{"getihu_cap: 7", "getihu_cap: 250"},
		{"getihu_cap: 7", "getihu_capp: 7"},
		{"open: 1996-06", "open: 1992-13"},
		{"date: 1984-06", "date: 1981-06"},
		{"end: 1983-12", "end: 1986-01"},
		{"capital: 2000", "capital: [1, 2]"},
		{"start: 1992-06", "start: 1983-06"},
		{"      city_tax: 0.02\n", ""},
		{"kind: southern_tour", "kind: northern_tour"},
		{"households: 1000", "households: &h 1000\ncollectives2: *h"},
		{"ladder:", "ladder: ["},
	} {
		f.Add([]byte(strings.Replace(valid, m[0], m[1], 1)))
	}
	for _, doc := range []string{
		"", "~", "- a\n- b\n", "name: [", "a: 1\n---\nb: 2\n",
		head + "params:\n  firms:\n    getihu_cap: 30\n",
		head + "remove_events: [southern_tour]\nadd_events:\n  - {date: 1990-01, kind: yongwujin, end: 1991-01}\n",
		head + "regimes:\n  - name: a\n    start: 1978-01\n    governance: {tolerance: 1}\n",
		head + "estates: []\nladder: []\n",
		head + "<<: {x: 1}\n",
		head + "params: &p {}\nevents: *p\n",
	} {
		f.Add([]byte(doc))
	}
	base := loadValid(f)
	baseCopy := clone(&base.Config)
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Parse("fuzz.yaml", data, resolveTo(base))
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v is a %T, not an *Error", err, err)
			}
			if s != nil {
				t.Fatalf("a scenario was returned with the error %v", err)
			}
			if e.File == "" || e.Msg == "" {
				t.Fatalf("error %q lacks a file or message", err)
			}
			return
		}
		if err := ValidateConfig(&s.Config); err != nil {
			t.Fatalf("a loaded scenario fails validation: %v", err)
		}
		if !reflect.DeepEqual(base.Config, baseCopy) {
			t.Fatal("the base changed")
		}
	})
}

// FuzzCanonical checks that whatever Parse accepts, Canonical writes in a
// form that loads back to the same config.
func FuzzCanonical(f *testing.F) {
	fuzzLoaded(f, []string{
		head,
		head + "description: \"a\\tb\\u2028c\\x01 \"\nparams:\n  firms:\n    getihu_cap: 30\n",
		head + "name: \"123\"\nevents: [{date: 1990-01, kind: yongwujin, note: \"- x: y\"}]\n",
		head + "township_collective_share: -0.0\nladder: [{name: '', sector: s, available: 1990, complexity: 1, products: 1, market: 1e15, growth: -0.5, capital: 0, tradition: 1}]\n",
	}, func(t *testing.T, s *Scenario) {
		b, err := Canonical(&s.Config)
		if err != nil {
			t.Fatal(err)
		}
		s2, err := Parse("canonical.yaml", b, nil)
		if err != nil {
			t.Fatalf("the canonical form does not load: %v\n%s", err, b)
		}
		if !reflect.DeepEqual(normal(s.Config), normal(s2.Config)) || s2.Hash != s.Hash {
			t.Fatalf("the config changed on a round trip through\n%s", b)
		}
	})
}

// fuzzLoaded adds docs to the seed corpus of f and calls check with every
// scenario that Parse accepts (a base resolves to the valid fixture).
func fuzzLoaded(f *testing.F, docs []string, check func(*testing.T, *Scenario)) {
	for _, doc := range docs {
		f.Add([]byte(doc))
	}
	base := loadValid(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		if s, err := Parse("fuzz.yaml", data, resolveTo(base)); err == nil {
			check(t, s)
		}
	})
}

// normal returns c with empty lists made nil, for comparisons.
func normal(c sim.Config) sim.Config {
	if len(c.Ladder) == 0 {
		c.Ladder = nil
	}
	if len(c.Estates) == 0 {
		c.Estates = nil
	}
	if len(c.Regimes) == 0 {
		c.Regimes = nil
	}
	if len(c.Events) == 0 {
		c.Events = nil
	}
	return c
}
