package calibration

import (
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"clustersim/scenarios"
	"clustersim/seeds"
	"clustersim/sim"
)

func yongkang(t testing.TB) *sim.Config {
	t.Helper()
	sc, err := scenarios.Builtin("yongkang")
	if err != nil {
		t.Fatal(err)
	}
	return &sc.Config
}

func TestPathApply(t *testing.T) {
	base := yongkang(t)
	cfg := CloneConfig(base)

	p, err := ParsePath("params.households.entry_rate")
	if err != nil {
		t.Fatal(err)
	}
	if lo, hi := p.Range(); lo != 0 || hi != 1 || p.Multiplier() {
		t.Errorf("range [%v, %v], multiplier %v", lo, hi, p.Multiplier())
	}
	if err := p.Apply(cfg, 0.123); err != nil {
		t.Fatal(err)
	}
	if cfg.Params.Households.EntryRate != 0.123 {
		t.Errorf("entry_rate = %v", cfg.Params.Households.EntryRate)
	}
	if err := p.Apply(cfg, 1.5); err == nil {
		t.Error("no error for a value outside the range tag")
	}

	m, err := ParsePath("ladder[0:4].market")
	if err != nil {
		t.Fatal(err)
	}
	if !m.Multiplier() {
		t.Error("ladder[0:4].market is not a multiplier")
	}
	if err := m.Apply(cfg, 2); err != nil {
		t.Fatal(err)
	}
	for i, r := range cfg.Ladder {
		want := base.Ladder[i].Market
		if i < 4 {
			want *= 2
		}
		if r.Market != want {
			t.Errorf("rung %d market %v, want %v", i, r.Market, want)
		}
	}
	vals, err := m.Values(cfg)
	if err != nil || len(vals) != 4 || vals[0] != 2*base.Ladder[0].Market {
		t.Errorf("Values = %v, %v", vals, err)
	}
	// The base is untouched: CloneConfig copied the ladder.
	if base.Ladder[0].Market == cfg.Ladder[0].Market {
		t.Error("Apply on a clone changed the base's ladder")
	}

	one, err := ParsePath("ladder[2].complexity")
	if err != nil {
		t.Fatal(err)
	}
	if one.Multiplier() {
		t.Error("ladder[2] is not a range")
	}
	if err := one.Apply(cfg, 0.7); err != nil || cfg.Ladder[2].Complexity != 0.7 {
		t.Errorf("ladder[2].complexity = %v, %v", cfg.Ladder[2].Complexity, err)
	}

	ip, err := ParsePath("params.firms.getihu_cap")
	if err != nil {
		t.Fatal(err)
	}
	if err := ip.Apply(cfg, 8.6); err != nil || cfg.Params.Firms.GetihuCap != 9 {
		t.Errorf("getihu_cap = %v, %v; want 9 (rounded)", cfg.Params.Firms.GetihuCap, err)
	}

	top, err := ParsePath("township_collective_share")
	if err != nil {
		t.Fatal(err)
	}
	if err := top.Apply(cfg, 0.4); err != nil || cfg.TownshipCollectiveShare != 0.4 {
		t.Errorf("township_collective_share = %v, %v", cfg.TownshipCollectiveShare, err)
	}

	gov, err := ParsePath("regimes[0].governance.tolerance")
	if err != nil {
		t.Fatal(err)
	}
	if err := gov.Apply(cfg, 0.25); err != nil || cfg.Regimes[0].Governance.Tolerance != 0.25 {
		t.Errorf("tolerance = %v, %v", cfg.Regimes[0].Governance.Tolerance, err)
	}
	if base.Regimes[0].Governance.Tolerance == 0.25 {
		t.Error("Apply on a clone changed the base's regimes")
	}

	far, _ := ParsePath("ladder[90].market")
	if err := far.Apply(cfg, 1); err == nil || !strings.Contains(err.Error(), "beyond") {
		t.Errorf("err = %v; want an index beyond the ladder", err)
	}
}

func TestParsePathErrors(t *testing.T) {
	for path, want := range map[string]string{
		"":                                "empty",
		"params.households.entry_rat":     `unknown field "entry_rat"`,
		"params.households":               "not a number",
		"params.households.entry_rate.x":  "is a number",
		"ladder.market":                   "is a list",
		"params[0].households.entry_rate": "not a list",
		"ladder[4:2].market":              "empty range",
		"ladder[0].name":                  "not a number",
		"start":                           "range tag",
		"Params.households.entry_rate":    "not a field name",
	} {
		_, err := ParsePath(path)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParsePath(%q) = %v; want an error with %q", path, err, want)
		}
	}
}

func TestTransformsRoundTripAndBounds(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	params := []Parameter{
		{Low: 0.01, High: 0.5, Transform: Log},
		{Low: 0.05, High: 0.95, Transform: Logit},
		{Low: -1, High: 3, Transform: Linear},
		{Low: 1e-6, High: 1e6, Transform: Log},
	}
	for _, p := range params {
		for range 2000 {
			// Bounds are respected for any x, however far out.
			x := (r.Float64() - 0.5) * math.Pow(10, float64(r.IntN(6)))
			v := p.FromX(x)
			if !(v >= p.Low && v <= p.High) {
				t.Fatalf("%s [%v, %v]: FromX(%v) = %v is out of bounds", p.Transform, p.Low, p.High, x, v)
			}
			// A value inside the bounds survives the round trip.
			u := 0.001 + 0.998*r.Float64()
			v = p.FromUnit(u)
			back := p.FromX(p.ToX(v))
			if math.Abs(back-v) > 1e-9*math.Max(1, math.Abs(v)) {
				t.Fatalf("%s: FromX(ToX(%v)) = %v", p.Transform, v, back)
			}
			if math.Abs(p.Unit(v)-u) > 1e-9 {
				t.Fatalf("%s: Unit(FromUnit(%v)) = %v", p.Transform, u, p.Unit(v))
			}
		}
		for _, x := range []float64{math.Inf(1), math.Inf(-1), math.NaN(), 1e300, -1e300} {
			if v := p.FromX(x); !(v >= p.Low && v <= p.High) {
				t.Errorf("%s: FromX(%v) = %v", p.Transform, x, v)
			}
		}
		// The bounds themselves map to finite x.
		for _, v := range []float64{p.Low, p.High} {
			if x := p.ToX(v); math.IsInf(x, 0) || math.IsNaN(x) {
				t.Errorf("%s: ToX(%v) = %v", p.Transform, v, x)
			}
		}
	}
	// The log transform is logarithmic: the geometric midpoint is at x = 0.
	p := Parameter{Low: 0.01, High: 1, Transform: Log}
	if x := p.ToX(0.1); math.Abs(x) > 1e-12 {
		t.Errorf("log: ToX(0.1) = %v, want 0", x)
	}
	q := Parameter{Low: 0, High: 1, Transform: Logit}
	if v := q.FromX(0); v != 0.5 {
		t.Errorf("logit: FromX(0) = %v, want 0.5", v)
	}
}

func TestDefaultSpec(t *testing.T) {
	s, err := DefaultSpec()
	if err != nil {
		t.Fatal(err)
	}
	if s.Scenario != "yongkang" || s.Runs < 1 || s.Scale <= 0 || len(s.Parameters) < 5 {
		t.Errorf("spec %+v", s)
	}
	if err := s.Check(yongkang(t)); err != nil {
		t.Error(err)
	}
	for _, p := range s.Parameters {
		if !p.ParsedPath().Multiplier() {
			v, _ := p.ParsedPath().Values(yongkang(t))
			if v[0] < p.Low || v[0] > p.High {
				t.Errorf("%s: the scenario's value %v lies outside the bounds [%v, %v]", p.Name, v[0], p.Low, p.High)
			}
		}
	}
}

func TestSpecErrors(t *testing.T) {
	head := "scenario: yongkang\nscale: 0.05\nruns: 2\nseed: 1\nparameters:\n"
	for name, c := range map[string]struct{ body, want string }{
		"unknown path": {head + "  - path: params.households.entry_rate\n    low: 0.01\n    high: 0.5\n" +
			"  - path: params.firms.no_such_thing\n    low: 1\n    high: 2\n", `my.yaml:9: parameters[1]: path: "params.firms.no_such_thing": unknown field "no_such_thing"`},
		"outside range": {head + "  - path: params.households.entry_rate\n    low: 0.01\n    high: 2\n",
			"my.yaml:8: entry_rate: bounds [0.01, 2] outside the range [0, 1]"},
		"low above high": {head + "  - path: params.households.entry_rate\n    low: 0.5\n    high: 0.1\n",
			"my.yaml:7: entry_rate: low 0.5 must be below high 0.1"},
		"log of zero": {head + "  - path: params.households.entry_rate\n    low: 0\n    high: 0.5\n    transform: log\n",
			"my.yaml:7: entry_rate: a log transform needs low > 0"},
		"bad transform": {head + "  - path: params.households.entry_rate\n    low: 0.1\n    high: 0.5\n    transform: cubic\n",
			`my.yaml:9: entry_rate: transform "cubic"`},
		"duplicate name": {head + "  - path: params.households.entry_rate\n    low: 0.1\n    high: 0.5\n" +
			"  - path: params.households.entry_rate\n    low: 0.1\n    high: 0.5\n", `my.yaml:9: parameters[1]: name "entry_rate" already used at line 6`},
		"unknown key": {head + "  - path: params.households.entry_rate\n    lo: 0.1\n    high: 0.5\n",
			"my.yaml:7: field lo not found"},
		"no scale":      {"scenario: yongkang\nruns: 2\nparameters:\n  - {path: params.households.entry_rate, low: 0.1, high: 0.5}\n", "my.yaml:1: scale: 0"},
		"no parameters": {"scenario: yongkang\nscale: 0.1\nruns: 1\n", "want at least one free parameter"},
		"not yaml":      {"scenario: [\n", "my.yaml"},
	} {
		_, err := ParseSpec("my.yaml", []byte(c.body))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v\nwant it to contain %q", name, err, c.want)
		}
	}

	// Check catches what needs the scenario: an index beyond the ladder, a
	// multiplier that leaves a field's range.
	s, err := ParseSpec("my.yaml", []byte(head+
		"  - path: ladder[10:20].market\n    low: 0.5\n    high: 2\n"+
		"  - path: ladder[0:2].tradition\n    low: 0.5\n    high: 2\n"))
	if err != nil {
		t.Fatal(err)
	}
	err = s.Check(yongkang(t))
	var se *SpecError
	if err == nil || !errors.As(err, &se) || se.Line != 6 ||
		!strings.Contains(err.Error(), "my.yaml:6: ladder[10:20].market: range [10:20] beyond the 13 entries of ladder") ||
		!strings.Contains(err.Error(), "my.yaml:9: ladder_0_2_tradition: 1 × [0.5, 2] leaves the range [0, 1]") {
		t.Errorf("Check: %v", err)
	}
}

// fakeMeans is a MeanSource from a map.
type fakeMeans map[string]float64

func (f fakeMeans) Mean(series string, year int) (float64, bool) {
	v, ok := f[series]
	return v, ok
}

func TestLoss(t *testing.T) {
	targets := []seeds.Target{
		{ID: "a", Series: "a", Year: 1985, Observed: 100, Low: 80, High: 120, Role: seeds.Calibrate},
		{ID: "b", Series: "b", Year: 1990, Observed: 10, Low: 10, High: 12.5, Role: seeds.Calibrate},
		{ID: "c", Series: "c", Year: 2000, Observed: 1, Low: 0.5, High: 1.5, Role: seeds.Calibrate},
		{ID: "v", Series: "a", Year: 1985, Observed: 1, Low: 0, High: 2, Role: seeds.Validate},
	}
	src := fakeMeans{"a": 130, "b": 10}
	loss, terms := Loss(targets, src)
	// a: (130−100)/20 = 1.5 → 2.25; b: (10−10)/1.25 = 0 → 0; c: missing → 100.
	if want := (2.25 + 0 + MissingPenalty) / 3; math.Abs(loss-want) > 1e-12 {
		t.Errorf("loss = %v, want %v", loss, want)
	}
	if len(terms) != 3 || terms[0].D != 1.5 || terms[1].D2 != 0 || terms[2].Has || terms[2].D2 != MissingPenalty {
		t.Errorf("terms = %+v", terms)
	}
	// At the observed values the loss is zero.
	if l, _ := Loss(targets, fakeMeans{"a": 100, "b": 10, "c": 1}); l != 0 {
		t.Errorf("loss at the targets = %v", l)
	}
	// NaN counts as missing.
	if l, _ := Loss(targets[2:3], fakeMeans{"c": math.NaN()}); l != MissingPenalty {
		t.Errorf("loss of a NaN moment = %v", l)
	}
	// No calibrate targets: zero.
	if l, terms := Loss(targets[3:], src); l != 0 || terms != nil {
		t.Errorf("loss without calibrate targets = %v, %v", l, terms)
	}
}

func TestBandLoss(t *testing.T) {
	targets := []seeds.Target{
		{ID: "a", Series: "a", Role: seeds.Calibrate, Observed: 100, Low: 80, High: 120},
		{ID: "b", Series: "b", Role: seeds.Calibrate, Observed: 10, Low: 10, High: 20},
	}
	for _, tt := range []struct {
		name   string
		a, b   float64
		inside bool
	}{
		{"both in their bands", 115, 12, true},
		{"a above its band", 125, 12, false},
		{"b below its band", 100, 9, false},
	} {
		band, _ := BandLoss(targets, fakeMeans{"a": tt.a, "b": tt.b})
		point, _ := Loss(targets, fakeMeans{"a": tt.a, "b": tt.b})
		if inside := band <= BandCentreWeight*point+1e-12; inside != tt.inside {
			t.Errorf("%s: BandLoss = %g with point loss %g; all inside = %v, want %v", tt.name, band, point, inside, tt.inside)
		}
	}
	// Just inside an edge beats just outside it, which the point loss does not see.
	in, _ := BandLoss(targets, fakeMeans{"a": 119, "b": 15})
	out, _ := BandLoss(targets, fakeMeans{"a": 121, "b": 15})
	if !(in < out) {
		t.Errorf("BandLoss just inside %g, just outside %g: want inside lower", in, out)
	}
	if l, _ := BandLoss(targets, fakeMeans{"a": 100}); l < MissingPenalty/2 {
		t.Errorf("BandLoss with a missing target = %g, want at least MissingPenalty/2", l)
	}
}

func TestIdentify(t *testing.T) {
	pts := func(losses ...float64) []ProfilePoint {
		var p []ProfilePoint
		for i, l := range losses {
			p = append(p, ProfilePoint{Value: float64(i), X: float64(i), Loss: l})
		}
		return p
	}
	near := func(lo, hi float64) [2]ProfilePoint {
		return [2]ProfilePoint{{Value: 10, Loss: lo}, {Value: 11, Loss: hi}}
	}
	cases := []struct {
		name     string
		profile  []ProfilePoint
		near     [2]ProfilePoint
		verdict  string
		improves bool
		better   float64
	}{
		{"pinned, converged", pts(5, 2, 1.05, 2, 5), near(1.1, 1.1), "pinned", false, 0},
		{"free", pts(1.02, 1.01, 1.02, 1.03, 1.01), near(1.01, 1.01), "free", false, 0},
		{"weak", pts(1.05, 1.02, 1.01, 1.05, 3), near(1.01, 1.01), "weak", false, 0},
		{"a profile point does better", pts(5, 0.8, 1.05, 2, 5), near(1.1, 1.1), "pinned", true, 1},
		{"a point next to the optimum does better", pts(5, 2, 1.05, 2, 5), near(1.2, 0.9), "pinned", true, 11},
		{"the best of both", pts(5, 0.95, 1.05, 2, 5), near(0.9, 1.2), "pinned", true, 10},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			id := identify("p", 3, 1, c.profile, c.near)
			if id.Verdict != c.verdict || id.Improves != c.improves || (c.improves && id.Better != c.better) {
				t.Errorf("verdict %s, improves %v (better %g at %g); want %s, %v (%g)",
					id.Verdict, id.Improves, id.Better, id.BetterLoss, c.verdict, c.improves, c.better)
			}
			if !c.improves && id.BetterLoss != 1 {
				t.Errorf("BetterLoss %g without an improvement, want the optimum's 1", id.BetterLoss)
			}
		})
	}
}
