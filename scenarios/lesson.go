package scenarios

import (
	"reflect"

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
// checks look_at's series (one the engine records, sim.LookupSeries) and
// direction (higher or lower). Its years are checked against the reported
// years once the config is resolved (parse).
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
		if _, ok := sim.LookupSeries(la.Series); !ok {
			return d.where(join(p, "series")).errorf("unknown series %s (see series_codebook.csv of a run)", quote(clip(la.Series, maxQuoted)))
		}
		if la.Direction != "higher" && la.Direction != "lower" {
			return d.where(join(p, "direction")).errorf("direction %s: want higher or lower", quote(clip(la.Direction, maxQuoted)))
		}
	}
	return nil
}
