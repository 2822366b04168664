package scenarios

import (
	"reflect"
	"strings"

	"go.yaml.in/yaml/v3"

	"clustersim/sim"
)

// Lesson is what a counterfactual file says of itself for the reader and
// for `clustersim compare`: a title, the question it asks, the passage of
// the article it departs from, and the series where its effect should
// show. It is not part of the engine's Config, so it changes no run and no
// scenario hash.
type Lesson struct {
	Title    string   `yaml:"title"`
	Question string   `yaml:"question"`
	Passage  string   `yaml:"passage"`
	LookAt   []LookAt `yaml:"look_at"`
}

// LookAt is a series, a year and the direction the counterfactual should
// move it in, against its base.
type LookAt struct {
	Series    string `yaml:"series"`
	Year      int    `yaml:"year" range:"1900,2100"`
	Direction string `yaml:"direction"` // "higher" or "lower"
}

// Sign is +1 for "higher", −1 for "lower".
func (l LookAt) Sign() int {
	if l.Direction == "higher" {
		return 1
	}
	return -1
}

// lessonKey decodes one of the lesson's keys of a counterfactual, and
// checks look_at: a known series, a year within the scenario's reported
// years is checked by validateLesson once the config is resolved, and a
// direction that is higher or lower.
func (d *decoder) lessonKey(name string, v *yaml.Node) *Error {
	l := &d.lesson
	switch name {
	case "title":
		return d.decode(v, reflect.ValueOf(&l.Title).Elem(), name, false)
	case "question":
		return d.decode(v, reflect.ValueOf(&l.Question).Elem(), name, false)
	case "passage":
		return d.decode(v, reflect.ValueOf(&l.Passage).Elem(), name, false)
	}
	if err := d.decode(v, reflect.ValueOf(&l.LookAt).Elem(), name, false); err != nil {
		return err
	}
	for i, la := range l.LookAt {
		p := index(name, i)
		if !knownSeries(la.Series) {
			return d.where(join(p, "series")).errorf("unknown series %s (see series_codebook.csv of a run)", quote(clip(la.Series, maxQuoted)))
		}
		if la.Direction != "higher" && la.Direction != "lower" {
			return d.where(join(p, "direction")).errorf("direction %s: want higher or lower", quote(clip(la.Direction, maxQuoted)))
		}
	}
	return nil
}

// knownSeries reports whether the engine records a series of that name
// (sim.Catalogue, or a family of sim.Families).
func knownSeries(name string) bool {
	for _, d := range sim.Catalogue {
		if d.Name == name {
			return true
		}
	}
	for _, f := range sim.Families {
		prefix := strings.TrimSuffix(f.Name, "<sector>")
		if rest, ok := strings.CutPrefix(name, prefix); ok && rest != "" {
			return true
		}
	}
	return false
}
