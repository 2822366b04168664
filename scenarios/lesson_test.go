package scenarios

import (
	"strings"
	"testing"
)

func TestLesson(t *testing.T) {
	const head = "base: yongkang\nname: t\ndescription: d\n"
	s, err := Parse("cf.yaml", []byte(head+`title: No ranking
question: What if the city did not rank its taxpayers?
passage: "an official ranking of the 100 best companies"
look_at:
  - {series: largest_firm_employees, year: 2006, direction: lower}
  - {series: large_firms.steel, year: 2006, direction: higher}
`), nil)
	if err != nil {
		t.Fatal(err)
	}
	l := s.Lesson
	if l.Title != "No ranking" || !strings.HasPrefix(l.Question, "What if") || l.Passage == "" || len(l.LookAt) != 2 {
		t.Fatalf("Lesson = %+v", l)
	}
	if l.LookAt[0].Sign() != -1 || l.LookAt[1].Sign() != +1 || l.LookAt[1].Series != "large_firms.steel" {
		t.Errorf("LookAt = %+v", l.LookAt)
	}
	plain, err := Parse("cf.yaml", []byte(head), nil)
	if err != nil {
		t.Fatal(err)
	}
	if plain.Hash != s.Hash {
		t.Error("the lesson changed the scenario's hash: it is not part of the config")
	}

	bad := []struct{ name, body, want string }{
		{"unknown series", "look_at:\n  - {series: nosuch, year: 2006, direction: lower}\n", `cf.yaml:5:6: look_at[0].series: unknown series "nosuch"`},
		{"direction", "look_at:\n  - {series: exporters, year: 2006, direction: up}\n", `look_at[0].direction: direction "up": want higher or lower`},
		{"year not reported", "look_at:\n  - {series: exporters, year: 2030, direction: lower}\n", "look_at[0].year: year 2030 is not reported: the scenario reports 1980–2010"},
		{"year missing", "look_at:\n  - {series: exporters, direction: lower}\n", `missing key "year"`},
		{"unknown key", "look_at:\n  - {series: exporters, year: 2006, direction: lower, when: now}\n", `unknown key "when"`},
		{"title not a string", "title: [a, b]\n", "title: expected a string"},
	}
	for _, c := range bad {
		_, err := Parse("cf.yaml", []byte(head+c.body), nil)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want it to contain %q", c.name, err, c.want)
		}
	}
	if _, err := Parse("full.yaml", []byte("name: x\ntitle: y\n"), nil); err == nil || !strings.Contains(err.Error(), `unknown key "title"`) {
		t.Errorf("a full scenario with title: err = %v, want an unknown key (only counterfactuals carry a lesson)", err)
	}
}
