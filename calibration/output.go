package calibration

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"clustersim/scenarios"
	"clustersim/seeds"
	"clustersim/sim"
	"clustersim/sim/ensemble"
	"clustersim/sim/output"
)

// finish writes the outputs of a completed search.
func (c *calibrator) finish(res *Result) error {
	losses, ens, err := c.evaluate([][]float64{res.X})
	if err != nil {
		return err
	}
	e := ens[0]
	if e == nil {
		return fmt.Errorf("calibration: the runs of the best point failed")
	}
	if losses[0] != res.Loss {
		// Cannot happen with a deterministic engine: every candidate is
		// run on the same seeds.
		c.logf("warning: the best point's loss is %s on re-running, %s in the trace: the model is not deterministic\n",
			fmtLoss(losses[0]), fmtLoss(res.Loss))
	}
	_, res.Terms = Loss(c.targets, e)
	res.Fit = seeds.Evaluate(c.targets, meanWithBand{e})

	var buf bytes.Buffer
	if err := seeds.WriteFitCSV(&buf, res.Fit, true); err != nil {
		return err
	}
	if err := c.write(res, "fit.csv", buf.Bytes()); err != nil {
		return err
	}
	buf.Reset()
	if err := WriteMomentsCSV(&buf, res.Terms); err != nil {
		return err
	}
	if err := c.write(res, "moments.csv", buf.Bytes()); err != nil {
		return err
	}
	buf.Reset()
	if err := e.WriteQuantilesCSV(&buf); err != nil {
		return err
	}
	if err := c.write(res, "series_quantiles.csv", buf.Bytes()); err != nil {
		return err
	}
	if err := c.writeCalibrated(res); err != nil {
		return err
	}
	if err := c.writeTracePlot(res); err != nil {
		return err
	}

	c.logf("\nbest loss %s at evaluation %d of %d\n", fmtLoss(res.Loss), res.BestEval, res.Evaluations)
	for i, p := range c.spec.Parameters {
		c.logf("  %-24s %-12s [%v, %v] %s\n", p.Name, strconv.FormatFloat(res.Values[i], 'g', 6, 64), p.Low, p.High, p.Transform)
	}
	c.logf("\nfit at the best point (simulated: the mean of %d runs at scale %v, the moment the loss fits):\n\n", c.spec.Runs, c.spec.Scale)
	if c.opt.Log != nil {
		if err := seeds.FormatFitTable(c.opt.Log, res.Fit); err != nil {
			return err
		}
	}

	if c.spec.ProfilePoints > 0 {
		if err := c.profiles(res); err != nil {
			return err
		}
	}
	c.logf("\nwrote %s: %s\n", c.dir, strings.Join(res.Files, ", "))
	return nil
}

// meanWithBand is the ensemble as the fit table reads it: the simulated
// value is the mean over the runs, the moment the loss fits, with the 5–95%
// band of the runs beside it.
type meanWithBand struct{ e *ensemble.Ensemble }

func (m meanWithBand) Value(series string, year int) (float64, bool) { return m.e.Mean(series, year) }
func (m meanWithBand) Band(series string, year int) (p05, p95 float64, ok bool) {
	return m.e.Band(series, year)
}

// write writes a file of the output directory atomically and notes it.
func (c *calibrator) write(res *Result, name string, b []byte) error {
	path := filepath.Join(c.dir, name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	if err := output.WriteFileAtomic(path, b); err != nil {
		return err
	}
	res.Files = append(res.Files, name)
	return nil
}

// writeCalibrated writes calibrated.yaml, checking that it loads back to
// the calibrated config when the base is the spec's own scenario.
func (c *calibrator) writeCalibrated(res *Result) error {
	b, err := CalibratedYAML(c.spec, res.Config, res.Values, fmt.Sprintf(
		"loss %s at evaluation %d of %d; scale %v, %d runs, seed %d", fmtLoss(res.Loss), res.BestEval, res.Evaluations,
		c.spec.Scale, c.spec.Runs, c.spec.Seed))
	if err != nil {
		return err
	}
	if err := c.write(res, "calibrated.yaml", b); err != nil {
		return err
	}
	if c.opt.Base == nil {
		path := filepath.Join(c.dir, "calibrated.yaml")
		sc, err := scenarios.Load(path)
		if err != nil {
			return fmt.Errorf("calibration: the calibrated scenario does not load: %w", err)
		}
		want := *res.Config
		want.Name, want.Description = sc.Config.Name, sc.Config.Description
		a, err1 := scenarios.Canonical(&sc.Config)
		w, err2 := scenarios.Canonical(&want)
		if err1 != nil || err2 != nil || !bytes.Equal(a, w) {
			return fmt.Errorf("calibration: %s does not load back to the calibrated config", path)
		}
	}
	return nil
}

var isBuiltinName = regexp.MustCompile(`^[A-Za-z0-9_-]+$`).MatchString

// CalibratedYAML writes cfg, the spec's scenario with the calibrated values
// applied, as a counterfactual scenario file of that scenario: base:, a
// name and description, a params: tree holding only the calibrated fields,
// the calibrated top-level fields, and whole any list a parameter reaches
// into (ladder: for a market multiplier, since a counterfactual replaces a
// list whole). values are the parameters' values, for the comments; note
// goes in the header.
func CalibratedYAML(spec *Spec, cfg *sim.Config, values []float64, note string) ([]byte, error) {
	base := spec.Scenario
	if !isBuiltinName(base) {
		abs, err := filepath.Abs(base)
		if err != nil {
			return nil, err
		}
		base = abs
	}
	named := *cfg
	named.Name = cfg.Name + "_calibrated"
	named.Description = fmt.Sprintf("%s with the parameters fitted by clustersim calibrate (%s).", cfg.Name, note)
	canon, err := scenarios.Canonical(&named)
	if err != nil {
		return nil, err
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(canon, &doc); err != nil {
		return nil, err
	}
	root := doc.Content[0]

	out := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	addPair(out, "base", strNode(base))
	addPair(out, "name", mapValue(root, "name"))
	addPair(out, "description", mapValue(root, "description"))

	// Top-level keys to write, with what under them.
	whole := map[string]string{} // list keys written whole → comment
	sparse := map[string]bool{}  // keys written as a sparse tree
	for i := range spec.Parameters {
		p := &spec.Parameters[i]
		top := p.path.steps[0].name
		indexed := false
		for _, s := range p.path.steps {
			indexed = indexed || s.index
		}
		comment := fmt.Sprintf("%s = %s (%s, in [%v, %v])", p.Name, fmtVal(values[i]), p.Path, p.Low, p.High)
		if indexed {
			if whole[top] != "" {
				whole[top] += "\n"
			}
			whole[top] += comment
		} else {
			sparse[top] = true
		}
	}
	picked := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"} // the sparse trees
	for i := range spec.Parameters {
		p := &spec.Parameters[i]
		if whole[p.path.steps[0].name] != "" {
			continue
		}
		src, dst := root, picked
		for k, s := range p.path.steps {
			v := mapValue(src, s.name)
			if v == nil {
				return nil, fmt.Errorf("calibration: %s not in the canonical scenario", p.Path)
			}
			if k == len(p.path.steps)-1 {
				leaf := *v
				leaf.LineComment = fmt.Sprintf("calibrated: %s in [%v, %v]", p.Transform, p.Low, p.High)
				addPair(dst, s.name, &leaf)
				break
			}
			next := mapValue(dst, s.name)
			if next == nil {
				next = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
				addPair(dst, s.name, next)
			}
			src, dst = v, next
		}
	}
	// In the order of the canonical file.
	for k := 0; k+1 < len(root.Content); k += 2 {
		name := root.Content[k].Value
		switch {
		case whole[name] != "":
			key := strNode(name)
			key.HeadComment = "Written whole: a counterfactual replaces a list. Calibrated:\n" + whole[name]
			out.Content = append(out.Content, key, root.Content[k+1])
		case sparse[name]:
			out.Content = append(out.Content, strNode(name), mapValue(picked, name))
		}
	}
	var buf bytes.Buffer
	buf.WriteString("# Calibrated by `clustersim calibrate` (" + note + ").\n" +
		"# A counterfactual of " + spec.Scenario + ": only the calibrated values differ from it.\n" +
		"# Spec: " + spec.File + ".\n\n")
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(out); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func fmtVal(v float64) string { return strconv.FormatFloat(v, 'g', 6, 64) }

func strNode(s string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
}

func addPair(m *yaml.Node, key string, v *yaml.Node) {
	m.Content = append(m.Content, strNode(key), v)
}

// ---------------------------------------------------------------- profiles

// Identification says how well the loss pins a parameter down, from its
// profile: the loss as the parameter moves across its bounds, the others
// held at the optimum.
type Identification struct {
	Name       string
	Value      float64 // at the optimum
	Loss       float64 // at the optimum
	ProfileMin float64 // lowest and highest loss along the profile
	ProfileMax float64
	// Rise is (ProfileMax − Loss) / max(Loss, 0.01): how much worse the
	// loss gets anywhere along the parameter's range.
	Rise float64
	// FlatShare is the share of profile points whose loss is within 10%
	// (of max(Loss, 0.01)) of the optimum's.
	FlatShare float64
	// Curvature is the second difference of the loss in the search
	// coordinate x at the optimum, with a step of CurvatureStep.
	Curvature float64
	// Verdict is "free" when Rise < 0.1 (the loss hardly moves anywhere in
	// the bounds: the targets do not identify the parameter), "weak" when
	// FlatShare >= 0.5 (a wide valley), and "pinned" otherwise.
	Verdict string
	// Improves reports that a point of the profile, or one of the two
	// next to the optimum (the curvature's), has a lower loss than the
	// optimum: the search had not converged, and Better is the value that
	// did best, with the loss BetterLoss.
	Improves   bool
	Better     float64
	BetterLoss float64
	Points     []ProfilePoint // along the profile, by increasing value
}

// ProfilePoint is one point of a profile.
type ProfilePoint struct {
	Value, X, Loss float64
}

// identify reads a parameter's profile (the points across its bounds, by
// increasing value) and the two points at ±CurvatureStep around the
// optimum (value, loss) into its Identification.
func identify(name string, value, loss float64, profile []ProfilePoint, near [2]ProfilePoint) Identification {
	id := Identification{Name: name, Value: value, Loss: loss, Points: profile,
		ProfileMin: math.Inf(1), ProfileMax: math.Inf(-1), BetterLoss: loss}
	for _, pt := range profile {
		id.ProfileMin = min(id.ProfileMin, pt.Loss)
		id.ProfileMax = max(id.ProfileMax, pt.Loss)
	}
	for _, pts := range [][]ProfilePoint{profile, near[:]} {
		for _, pt := range pts {
			if pt.Loss < id.BetterLoss {
				id.Improves, id.Better, id.BetterLoss = true, pt.Value, pt.Loss
			}
		}
	}
	scale := math.Max(loss, 0.01)
	id.Rise = (id.ProfileMax - loss) / scale
	flat := 0
	for _, pt := range profile {
		if pt.Loss <= loss+0.1*scale {
			flat++
		}
	}
	id.FlatShare = float64(flat) / float64(max(1, len(profile)))
	id.Curvature = (near[0].Loss - 2*loss + near[1].Loss) / (CurvatureStep * CurvatureStep)
	switch {
	case id.Rise < 0.1:
		id.Verdict = "free"
	case id.FlatShare >= 0.5:
		id.Verdict = "weak"
	default:
		id.Verdict = "pinned"
	}
	return id
}

// CurvatureStep is the step in x of Identification.Curvature.
const CurvatureStep = 0.1

// profiles evaluates, for every parameter, ProfilePoints values evenly
// spread between its bounds (0.02 to 0.98 of the way, on the transform's
// scale) and two at ±CurvatureStep around the optimum.
func (c *calibrator) profiles(res *Result) error {
	dim := len(res.X)
	k := c.spec.ProfilePoints
	type job struct {
		param int
		x     []float64
		pt    ProfilePoint
	}
	var jobs []job
	for i := range dim {
		p := &c.spec.Parameters[i]
		var xs []float64
		for j := range k {
			xs = append(xs, p.unitToX(0.02+0.96*float64(j)/float64(k-1)))
		}
		xs = append(xs, res.X[i]-CurvatureStep, res.X[i]+CurvatureStep)
		for _, xi := range xs {
			x := append([]float64(nil), res.X...)
			x[i] = xi
			jobs = append(jobs, job{param: i, x: x, pt: ProfilePoint{Value: p.FromX(xi), X: xi}})
		}
	}
	c.logf("\nprofiles: %d evaluations\n", len(jobs))
	for start := 0; start < len(jobs); start += 2 * c.workers {
		end := min(len(jobs), start+2*c.workers)
		xs := make([][]float64, 0, end-start)
		for _, j := range jobs[start:end] {
			xs = append(xs, j.x)
		}
		losses, _, err := c.evaluate(xs)
		if err != nil {
			return err
		}
		for n, l := range losses {
			jobs[start+n].pt.Loss = l
		}
	}
	res.Identification = make([]Identification, dim)
	var table bytes.Buffer
	cw := csv.NewWriter(&table)
	cw.Write([]string{"param", "value", "x", "loss", "kind"})
	for i := range dim {
		p := &c.spec.Parameters[i]
		var profile []ProfilePoint
		var near [2]ProfilePoint
		n := 0
		for _, j := range jobs {
			if j.param != i {
				continue
			}
			kind := "profile"
			if n >= k {
				kind = "curvature"
				near[n-k] = j.pt
			} else {
				profile = append(profile, j.pt)
			}
			cw.Write([]string{p.Name, ff(j.pt.Value), ff(j.pt.X), ff(j.pt.Loss), kind})
			n++
		}
		id := identify(p.Name, res.Values[i], res.Loss, profile, near)
		res.Identification[i] = id
		if err := c.writeProfilePlot(res, p, id); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := c.write(res, "profiles.csv", table.Bytes()); err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := WriteIdentificationCSV(&buf, c.spec, res.Identification); err != nil {
		return err
	}
	if err := c.write(res, "identification.csv", buf.Bytes()); err != nil {
		return err
	}
	c.logf("\nidentification (loss along each parameter, the others at the optimum):\n")
	for i, id := range res.Identification {
		c.logf("  %-24s %-7s rise %-8s flat %3.0f%%  curvature %-8s [%v, %v]\n", id.Name, id.Verdict,
			strconv.FormatFloat(id.Rise, 'g', 3, 64), 100*id.FlatShare, strconv.FormatFloat(id.Curvature, 'g', 3, 64),
			c.spec.Parameters[i].Low, c.spec.Parameters[i].High)
	}
	for _, id := range res.Identification {
		if id.Improves {
			c.logf("  note: %s = %s gives loss %s, below the optimum's %s: the search has not converged (more --budget, or --resume)\n",
				id.Name, fmtVal(id.Better), fmtLoss(id.BetterLoss), fmtLoss(id.Loss))
		}
	}
	return nil
}

// WriteIdentificationCSV writes one row per parameter with the header
//
//	param,path,value,low,high,transform,loss,profile_min,profile_max,rise,flat_share,curvature,verdict,better_value
//
// better_value is the profile point with a loss below the optimum's, if
// any (see Identification.Improves); empty otherwise.
func WriteIdentificationCSV(w io.Writer, spec *Spec, ids []Identification) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"param", "path", "value", "low", "high", "transform", "loss", "profile_min", "profile_max",
		"rise", "flat_share", "curvature", "verdict", "better_value"})
	for i, id := range ids {
		p := spec.Parameters[i]
		better := ""
		if id.Improves {
			better = ff(id.Better)
		}
		cw.Write([]string{id.Name, p.Path, ff(id.Value), ff(p.Low), ff(p.High), string(p.Transform), ff(id.Loss),
			ff(id.ProfileMin), ff(id.ProfileMax), ff(id.Rise), ff(id.FlatShare), ff(id.Curvature), id.Verdict, better})
	}
	cw.Flush()
	return cw.Error()
}
