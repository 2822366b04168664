package classroom

import (
	"math"
	"strconv"

	"clustersim/compare"
	"clustersim/scenarios"
	"clustersim/seeds"
	"clustersim/sim"
	"clustersim/sim/ensemble"
	"clustersim/sim/spread"
)

// Result is the answer to a run request: both scenarios' bands for every
// county series, the paired differences of the headline table, the fit of
// both to the article's figures, and the events and regimes the figures
// mark.
type Result struct {
	Scenario     string          `json:"scenario"`
	Title        string          `json:"title"`
	Question     string          `json:"question,omitempty"`
	Passage      string          `json:"passage,omitempty"`
	Hash         string          `json:"hash"` // SHA-256 of the resolved config (scenarios.Canonical), the cache's key
	Levers       []Lever         `json:"levers"`
	Runs         int             `json:"runs"`
	Seed         uint64          `json:"seed"`
	Scale        float64         `json:"scale"`
	FirstChange  *Change         `json:"first_change"`  // null: the levers change nothing
	BranchedFrom int             `json:"branched_from"` // the year the counterfactual continued the baseline's state from; 0: from the start
	Seconds      float64         `json:"seconds"`       // time the counterfactual's runs took
	Years        []int           `json:"years"`
	Series       []SeriesBands   `json:"series"`
	Differences  []DifferenceRow `json:"differences"`
	Fit          []seeds.FitJSON `json:"fit"`
	BaseFit      []seeds.FitJSON `json:"base_fit"`
	Marks        Marks           `json:"marks"`
	Article      []ArticlePoint  `json:"article"` // the article's figures, by the series they are read from
}

// ArticlePoint is one of the article's figures as a figure draws it.
type ArticlePoint struct {
	Target   string  `json:"target"`
	Series   string  `json:"series"`
	Year     int     `json:"year"`
	Observed float64 `json:"observed"`
	Low      float64 `json:"low"`
	High     float64 `json:"high"`
}

// Change is where the counterfactual first departs from the baseline.
type Change struct {
	Month string `json:"month"`
	What  string `json:"what"`
}

// SeriesBands are a series' median and 5–95% band over the runs, in both
// scenarios, one value per year (null where a year has none).
type SeriesBands struct {
	Name string `json:"name"`
	Unit string `json:"unit,omitempty"`
	Doc  string `json:"doc,omitempty"`
	Base Band   `json:"base"`
	CF   Band   `json:"cf"`
}

// Band is a series' quantiles over the runs.
type Band struct {
	P05 []Num `json:"p05"`
	P50 []Num `json:"p50"`
	P95 []Num `json:"p95"`
}

// DifferenceRow is a row of the headline table (compare.Row, with whether
// it clears zero and the direction a counterfactual's look_at expects).
type DifferenceRow struct {
	Series     string `json:"series"`
	Year       int    `json:"year"`
	BaseP50    Num    `json:"base_p50"`
	CFP50      Num    `json:"cf_p50"`
	DiffP50    Num    `json:"diff_p50"`
	DiffLow    Num    `json:"diff_low"`
	DiffHigh   Num    `json:"diff_high"`
	Runs       int    `json:"runs"`
	ClearsZero bool   `json:"clears_zero"`
	Expect     int    `json:"expect"` // +1 higher, −1 lower, 0 none
}

// Marks are the dated lines of the figures: each scenario's events and
// regime starts.
type Marks struct {
	Base []Mark `json:"base"`
	CF   []Mark `json:"cf"`
}

// Mark is one event or regime start.
type Mark struct {
	Month string `json:"month"`
	Year  int    `json:"year"`
	What  string `json:"what"`
}

// Num is a number that encodes NaN and infinities as JSON null.
type Num float64

// MarshalJSON writes the number, or null when it is not finite.
func (n Num) MarshalJSON() ([]byte, error) {
	f := float64(n)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return []byte("null"), nil
	}
	return strconv.AppendFloat(nil, f, 'g', 8, 64), nil
}

func nums(v []float64) []Num {
	out := make([]Num, len(v))
	for i, x := range v {
		out[i] = Num(x)
	}
	return out
}

// build assembles the result of a counterfactual's runs against the
// baseline's.
func build(s *scenarios.Scenario, baseCfg, cfg *sim.Config, hash string, base, cf *ensemble.Ensemble, d compare.Differences, targets []seeds.Target, opt *Options) *Result {
	r := &Result{
		Scenario: s.Name, Title: s.Lesson.Title, Question: s.Lesson.Question, Passage: s.Lesson.Passage,
		Hash: hash, Levers: Levers(cfg), Runs: opt.Runs, Seed: opt.Seed, Scale: opt.Scale,
	}
	if r.Title == "" {
		r.Title = s.Config.Description
	}
	for _, q := range base.Quantiles {
		c, ok := cf.Lookup(q.Series)
		if !ok {
			continue
		}
		if r.Years == nil {
			r.Years = q.Years
		}
		sb := SeriesBands{Name: q.Series, Base: band(&q), CF: band(c)}
		if doc, ok := sim.LookupSeries(q.Series); ok {
			sb.Unit, sb.Doc = doc.Unit, doc.Doc
		}
		r.Series = append(r.Series, sb)
	}
	heads := append([]compare.Headline(nil), compare.StandardHeadlines...)
	for _, la := range s.Lesson.LookAt {
		heads = append(heads, compare.Headline{Series: la.Series, Year: la.Year, Expect: la.Sign()})
	}
	for _, h := range heads {
		row, ok := d.Lookup(h.Series, h.Year)
		if !ok {
			continue
		}
		r.Differences = append(r.Differences, DifferenceRow{
			Series: row.Series, Year: row.Year, BaseP50: Num(row.BaseP50), CFP50: Num(row.CFP50),
			DiffP50: Num(row.DiffP50), DiffLow: Num(row.DiffLow), DiffHigh: Num(row.DiffHigh),
			Runs: row.Runs, ClearsZero: row.ClearsZero(), Expect: h.Expect,
		})
	}
	r.Fit = seeds.FitRowsJSON(seeds.Evaluate(targets, cf))
	r.BaseFit = seeds.FitRowsJSON(seeds.Evaluate(targets, base))
	r.Marks = Marks{Base: marks(baseCfg), CF: marks(cfg)}
	for _, t := range targets {
		if t.Series != "" {
			r.Article = append(r.Article, ArticlePoint{Target: t.ID, Series: t.Series, Year: t.Year, Observed: t.Observed, Low: t.Low, High: t.High})
		}
	}
	return r
}

func band(q *spread.Band) Band { return Band{P05: nums(q.P05), P50: nums(q.P50), P95: nums(q.P95)} }

// marks lists a config's regime starts and events.
func marks(cfg *sim.Config) []Mark {
	var out []Mark
	for _, r := range cfg.Regimes {
		out = append(out, Mark{Month: r.Start.String(), Year: r.Start.Year(), What: "regime " + r.Name})
	}
	for _, e := range cfg.Events {
		out = append(out, Mark{Month: e.Date.String(), Year: e.Date.Year(), What: string(e.Kind)})
	}
	return out
}
