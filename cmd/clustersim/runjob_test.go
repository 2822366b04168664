package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"

	"clustersim/scenarios"
	"clustersim/sim/ensemble"
	"clustersim/sim/output"
)

// testScale keeps a run of the baseline well under a second. The model is
// being recalibrated, so these tests check structure, determinism and
// errors, never model values.
const testScale = 0.02

// smallScale is for tests that only check the plumbing.
const smallScale = 0.005

// job returns options for a quiet run of the baseline at testScale.
func job(out string) jobOptions {
	o := defaultJob()
	o.Out, o.Scale, o.Quiet = out, testScale, true
	return o
}

// entries lists the names in dir, sorted; nil if dir does not exist.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

func firstLine(t *testing.T, path string) string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Scan()
	return sc.Text()
}

func TestRunJob(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "out")
	var stdout bytes.Buffer
	o := job(out)
	o.Quiet = false
	o.Stdout = &stdout
	if err := runJob(context.Background(), o); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(out, "yongkang")
	if got := entries(t, out); !slices.Equal(got, []string{"yongkang"}) {
		t.Errorf("%s holds %v, want only yongkang", out, got)
	}
	for _, name := range []string{seriesFile, codebookFile, productsFile, firmsFile, runFile, fitFile,
		filepath.Join(figuresDir, "model_vs_article.png"), filepath.Join(figuresDir, "model_vs_article.svg")} {
		fi, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Error(err)
		} else if fi.Size() == 0 {
			t.Errorf("%s is empty", name)
		}
	}
	for file, want := range map[string]string{
		seriesFile:   "year,series,value",
		productsFile: "year,product,sector,producers,output_yuan,price,national_share",
		firmsFile:    "year,firm_id,legal_form,product,sector,location,employees,output_yuan,age_years",
		fitFile:      "target,role,year,observed,low,high,simulated,within",
		codebookFile: "series,unit,meaning",
	} {
		if got := firstLine(t, filepath.Join(dir, file)); got != want {
			t.Errorf("%s header = %q, want %q", file, got, want)
		}
	}
	if n := len(entries(t, filepath.Join(dir, figuresDir))); n < 3 || n%3 != 0 {
		t.Errorf("figures/ holds %d files, want a .png, a .svg and a .pdf of each figure", n)
	}

	// run.json describes the run.
	b, err := os.ReadFile(filepath.Join(dir, runFile))
	if err != nil {
		t.Fatal(err)
	}
	var info struct {
		Scenario string  `json:"scenario"`
		Hash     string  `json:"scenario_hash"`
		Seed     uint64  `json:"seed"`
		Runs     int     `json:"runs"`
		Scale    float64 `json:"scale"`
		Rescaled bool    `json:"rescaled"`
		Stats    struct {
			Households int `json:"households"`
		} `json:"stats"`
		Config map[string]any `json:"config"`
	}
	if err := json.Unmarshal(b, &info); err != nil {
		t.Fatal(err)
	}
	sc, _ := scenarios.Builtin("yongkang")
	if info.Scenario != "yongkang" || info.Hash != sc.Hash || info.Seed != 1 || info.Runs != 1 ||
		math.Abs(info.Scale-testScale) > 1e-9 || !info.Rescaled || info.Stats.Households <= 0 ||
		info.Config["name"] != "yongkang" || info.Config["params"] == nil {
		t.Errorf("run.json = %s", b)
	}

	// The series cover the reported years, year by year.
	lines := strings.Split(strings.TrimSpace(readFile(t, filepath.Join(dir, seriesFile))), "\n")[1:]
	if len(lines) == 0 {
		t.Fatal("series.csv has no rows")
	}
	last := 0
	for _, l := range lines {
		f := strings.Split(l, ",")
		y, err := strconv.Atoi(f[0])
		if len(f) != 3 || err != nil || y < last {
			t.Fatalf("bad or unordered row %q", l)
		}
		last = y
	}

	// The codebook documents every series of series.csv, once.
	var inSeries, inCodebook []string
	for _, l := range lines {
		if name := strings.Split(l, ",")[1]; !slices.Contains(inSeries, name) {
			inSeries = append(inSeries, name)
		}
	}
	for _, l := range strings.Split(strings.TrimSpace(readFile(t, filepath.Join(dir, codebookFile))), "\n")[1:] {
		inCodebook = append(inCodebook, strings.Split(l, ",")[0])
	}
	if !slices.Equal(inSeries, inCodebook) {
		t.Errorf("the codebook lists %v\nseries.csv has %v", inCodebook, inSeries)
	}

	text := stdout.String()
	if !strings.Contains(text, "calibrate") || !strings.HasSuffix(text, "outputs in "+dir+"\n") {
		t.Errorf("stdout = %q, want the fit table and where the outputs are", text)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestRunJobQuietAndProgress(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name      string
		quiet     bool
		terminal  bool
		wantBar   bool
		wantTable bool
	}{
		{"terminal", false, true, true, true},
		{"piped", false, false, false, true},
		{"quiet terminal", true, true, false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			out := t.TempDir()
			var stdout, stderr bytes.Buffer
			o := job(out)
			o.Scale = smallScale
			o.Quiet, o.Terminal, o.Stdout, o.Stderr = tc.quiet, tc.terminal, &stdout, &stderr
			if err := runJob(context.Background(), o); err != nil {
				t.Fatal(err)
			}
			bar := strings.Contains(stderr.String(), "yongkang run 1 of 1 100% [====================]")
			if bar != tc.wantBar || (!tc.wantBar && stderr.Len() > 0) {
				t.Errorf("stderr = %q, want a progress bar: %v", stderr.String(), tc.wantBar)
			}
			table := strings.Contains(stdout.String(), "within band")
			if table != tc.wantTable {
				t.Errorf("stdout = %q, want the fit table: %v", stdout.String(), tc.wantTable)
			}
			want := "outputs in " + filepath.Join(out, "yongkang") + "\n"
			if tc.quiet {
				want = ""
			}
			if !strings.HasSuffix(stdout.String(), want) || (tc.quiet && stdout.Len() > 0) {
				t.Errorf("stdout = %q, does not end with %q", stdout.String(), want)
			}
		})
	}
}

// TestRunJobDeterministic runs the same job twice, under one and under two
// threads, and compares the files byte for byte.
func TestRunJobDeterministic(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	var dirs []string
	for _, procs := range []int{1, 2} {
		runtime.GOMAXPROCS(procs)
		out := t.TempDir()
		if err := runJob(context.Background(), job(out)); err != nil {
			t.Fatal(err)
		}
		dirs = append(dirs, filepath.Join(out, "yongkang"))
	}
	for _, name := range []string{seriesFile, productsFile, firmsFile, runFile, fitFile} {
		a, b := readFile(t, filepath.Join(dirs[0], name)), readFile(t, filepath.Join(dirs[1], name))
		if a != b {
			t.Errorf("%s differs between two runs with the same seed", name)
		}
	}
}

// TestRunJobSeed checks that the seed reaches the model.
func TestRunJobSeed(t *testing.T) {
	t.Parallel()
	var runs []string
	for _, seed := range []uint64{1, 2} {
		o := job(t.TempDir())
		o.Seed, o.Scale = seed, smallScale
		if err := runJob(context.Background(), o); err != nil {
			t.Fatal(err)
		}
		runs = append(runs, readFile(t, filepath.Join(o.Out, "yongkang", firmsFile)))
	}
	if runs[0] == runs[1] {
		t.Error("seeds 1 and 2 gave the same firms.csv")
	}
}

func TestRunJobBadScenario(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		yaml string // "" for a missing file
		line int    // the line the error must name; 0 for none
		msg  string
	}{
		{"unknown key", "base: yongkang\nname: bad\ndescription: bad\nhousehods: 5\n", 4, `unknown key "househods"`},
		{"out of range", "base: yongkang\nname: bad\ndescription: bad\ntownship_collective_share: 2\n", 4, "outside the range"},
		{"events out of order", "base: yongkang\nname: bad\ndescription: bad\nevents:\n" +
			"  - {date: 1990-01, kind: southern_tour}\n  - {date: 1985-01, kind: getihu_legal}\n", 6, "events out of order"},
		{"YAML syntax", "base: yongkang\nname: [bad\n", 2, "YAML syntax error"},
		{"missing file", "", 0, "no such file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tmp := t.TempDir()
			file := filepath.Join(tmp, "bad.yaml")
			if tc.yaml != "" {
				if err := os.WriteFile(file, []byte(tc.yaml), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			o := job(filepath.Join(tmp, "out"))
			o.Scenario = file
			err := runJob(context.Background(), o)
			if err == nil {
				t.Fatal("no error")
			}
			var se *scenarios.Error
			if !errors.As(err, &se) {
				t.Errorf("error %v (%T) is not a *scenarios.Error", err, err)
			}
			prefix := file + ":"
			if tc.line > 0 {
				prefix += strconv.Itoa(tc.line) + ":"
			}
			if !strings.HasPrefix(err.Error(), prefix) || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("error = %v\nwant %s…%s…", err, prefix, tc.msg)
			}
			if got := entries(t, o.Out); got != nil {
				t.Errorf("the out directory was written: %v", got)
			}
		})
	}
}

func TestRunJobBadOptions(t *testing.T) {
	for _, scale := range []float64{0, -0.5, 1.5, math.NaN(), math.Inf(1)} {
		tmp := t.TempDir()
		o := job(filepath.Join(tmp, "out"))
		o.Scale = scale
		if err := runJob(context.Background(), o); err == nil || !strings.Contains(err.Error(), "--scale") {
			t.Errorf("scale %v: error = %v", scale, err)
		}
		if got := entries(t, tmp); got != nil {
			t.Errorf("scale %v: wrote %v", scale, got)
		}
	}
	if err := runJob(context.Background(), jobOptions{Scenario: "yongkang", Scale: 1, Runs: 1}); err == nil {
		t.Error("no error for an empty --out")
	}
}

// TestRunJobPanic makes a run panic part way (in the progress callback,
// which the engine calls) and checks that the job returns the panic as an
// error and writes nothing, for a single run and for an ensemble, whose
// workers would otherwise end the program.
func TestRunJobPanic(t *testing.T) {
	for _, runs := range []int{1, 2} {
		tmp := t.TempDir()
		o := job(filepath.Join(tmp, "out"))
		o.Scale, o.Runs = smallScale, runs
		o.Progress = func(done, _ int) {
			if done == 5 {
				panic("boom")
			}
		}
		err := runJob(context.Background(), o)
		var pe *ensemble.PanicError // from run 0 or, with 2 workers, run 1
		if !errors.As(err, &pe) || !strings.Contains(err.Error(), "of seed 1: boom, in clustersim/cmd/clustersim.TestRunJobPanic") {
			t.Errorf("runs %d: error = %v", runs, err)
		}
		if got := entries(t, filepath.Join(tmp, "out")); got != nil {
			t.Errorf("runs %d: wrote %v", runs, got)
		}
	}
}

// TestRunJobInterrupt cancels runs part way: nothing is committed, no
// staging directory remains, and an earlier output is left as it was.
func TestRunJobInterrupt(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name     string
		earlier  bool // an earlier output of the scenario exists
		cancelAt int  // month at which to cancel; 0: before the run
	}{
		{"early", false, 3},
		{"late, over an earlier output (--force)", true, 300},
		{"cancelled before the run", false, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tmp := t.TempDir()
			out := filepath.Join(tmp, "out")
			final := filepath.Join(out, "yongkang")
			if tc.earlier {
				if err := os.MkdirAll(final, 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(final, seriesFile), []byte("earlier"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			if tc.cancelAt == 0 {
				cancel()
			}
			months := 0
			o := job(out)
			o.Force = tc.earlier
			o.Progress = func(done, total int) {
				months = done
				if done == tc.cancelAt {
					cancel()
				}
			}
			err := runJob(ctx, o)
			if !errors.Is(err, errInterrupted) {
				t.Fatalf("error = %v, want errInterrupted", err)
			}
			if months > tc.cancelAt+1 {
				t.Errorf("the run went on to month %d after cancelling at %d", months, tc.cancelAt)
			}
			if tc.earlier {
				if got := entries(t, out); !slices.Equal(got, []string{"yongkang"}) {
					t.Errorf("%s holds %v, want only the earlier yongkang", out, got)
				}
				if got := readFile(t, filepath.Join(final, seriesFile)); got != "earlier" {
					t.Errorf("the earlier output was changed: %q", got)
				}
			} else if got := entries(t, tmp); got != nil {
				t.Errorf("an interrupted run left %v", got)
			}
		})
	}
}

// TestRunJobEnsemble runs an ensemble of 3 seeds on 1 and on 2 workers:
// the ensemble files appear, fit.csv gains the band columns, and every
// file is identical whatever the number of workers.
func TestRunJobEnsemble(t *testing.T) {
	var dirs []string
	for _, workers := range []int{1, 2} {
		o := job(t.TempDir())
		o.Scale, o.Runs, o.Workers = smallScale, 3, workers
		if err := runJob(context.Background(), o); err != nil {
			t.Fatal(err)
		}
		dirs = append(dirs, filepath.Join(o.Out, "yongkang"))
	}
	if got, want := firstLine(t, filepath.Join(dirs[0], fitFile)), "target,role,year,observed,low,high,simulated,within,sim_p05,sim_p95"; got != want {
		t.Errorf("fit.csv header = %q, want %q", got, want)
	}
	if got, want := firstLine(t, filepath.Join(dirs[0], quantilesFile)), "year,series,p05,p50,p95,min,max"; got != want {
		t.Errorf("%s header = %q, want %q", quantilesFile, got, want)
	}
	runs := readFile(t, filepath.Join(dirs[0], runsFile))
	if !strings.HasPrefix(runs, "scenario,seed,run,year,series,value\n") {
		t.Errorf("%s starts %q", runsFile, runs[:min(len(runs), 60)])
	}
	for _, run := range []string{"\nyongkang,1,0,", "\nyongkang,1,1,", "\nyongkang,1,2,"} {
		if !strings.Contains(runs, run) {
			t.Errorf("%s has no rows of run %s", runsFile, strings.Trim(run, "\n,"))
		}
	}
	// series.csv holds the median, as the figures draw it: the p50 of
	// series_quantiles.csv, row for row (NaN there is an empty value).
	median := strings.Split(strings.TrimSpace(readFile(t, filepath.Join(dirs[0], seriesFile))), "\n")
	quantiles := strings.Split(strings.TrimSpace(readFile(t, filepath.Join(dirs[0], quantilesFile))), "\n")
	if len(median) != len(quantiles) {
		t.Fatalf("series.csv has %d lines, %s %d", len(median), quantilesFile, len(quantiles))
	}
	for i := 1; i < len(median); i++ {
		q := strings.Split(quantiles[i], ",")
		if q[3] == "NaN" {
			q[3] = ""
		}
		if want := strings.Join([]string{q[0], q[1], q[3]}, ","); median[i] != want {
			t.Fatalf("series.csv line %d = %q, want the median %q", i+1, median[i], want)
		}
	}
	for _, name := range []string{seriesFile, codebookFile, productsFile, firmsFile, runFile, fitFile, quantilesFile, runsFile} {
		if readFile(t, filepath.Join(dirs[0], name)) != readFile(t, filepath.Join(dirs[1], name)) {
			t.Errorf("%s differs between 1 and 2 workers", name)
		}
	}
}

func TestCapWorkers(t *testing.T) {
	cores := runtime.NumCPU()
	for _, tc := range []struct {
		workers, want int
		note          bool
	}{
		{0, 0, false}, {1, 1, false}, {cores, cores, false}, {cores + 1, cores, true}, {1000, cores, true},
	} {
		var stderr bytes.Buffer
		if got := capWorkers(tc.workers, &stderr); got != tc.want {
			t.Errorf("capWorkers(%d) = %d, want %d", tc.workers, got, tc.want)
		}
		if note := strings.Contains(stderr.String(), "note: --workers "+strconv.Itoa(tc.workers)); note != tc.note {
			t.Errorf("capWorkers(%d) wrote %q; want a note: %v", tc.workers, stderr.String(), tc.note)
		}
	}
}

// TestRunJobFirms writes the firm snapshots of no run, of run 0 and of
// every run, as CSV and as Parquet: the file appears or not, with the run
// column for all runs, run 0's rows are those of the default, and the
// files do not depend on the number of workers.
func TestRunJobFirms(t *testing.T) {
	t.Parallel()
	sc, err := scenarios.Builtin("yongkang")
	if err != nil {
		t.Fatal(err)
	}
	// write simulates and writes the files of the runs, without the
	// figures (runJob writes them after the simulation).
	write := func(firms, format string, workers int) string {
		o := job(t.TempDir())
		o.Scale, o.Runs, o.Workers, o.Firms, o.FirmsFormat = smallScale, 3, workers, firms, format
		if err := o.check(); err != nil {
			t.Fatal(err)
		}
		if _, err := simulate(context.Background(), sc, o, nil, o.Out, nil); err != nil {
			t.Fatal(err)
		}
		return o.Out
	}
	first := readFile(t, filepath.Join(write("first", "csv", 2), firmsFile))

	none := write("none", "csv", 2)
	for _, name := range []string{firmsFile, "firms.parquet"} {
		if _, err := os.Stat(filepath.Join(none, name)); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("--firms none wrote %s (%v)", name, err)
		}
	}

	all := readFile(t, filepath.Join(write("all", "csv", 2), firmsFile))
	header, rows, _ := strings.Cut(all, "\n")
	if header != "run,year,firm_id,legal_form,product,sector,location,employees,output_yuan,age_years" {
		t.Errorf("--firms all: header %q", header)
	}
	_, firstRows, _ := strings.Cut(first, "\n")
	var run0 strings.Builder
	perRun := map[string]int{}
	for line := range strings.Lines(rows) {
		run, rest, _ := strings.Cut(line, ",")
		perRun[run]++
		if run == "0" {
			run0.WriteString(rest)
		}
	}
	if run0.String() != firstRows {
		t.Error("--firms all: the rows of run 0 differ from those of --firms first")
	}
	if len(perRun) != 3 || perRun["1"] == 0 || perRun["2"] == 0 {
		t.Errorf("--firms all: rows per run %v, want runs 0, 1 and 2", perRun)
	}

	// Parquet: the same rows, the same bytes on 1 and 2 workers.
	var pq []string
	for _, workers := range []int{1, 2} {
		pq = append(pq, readFile(t, filepath.Join(write("all", "parquet", workers), "firms.parquet")))
	}
	if pq[0] != pq[1] {
		t.Error("firms.parquet differs between 1 and 2 workers")
	}
	got, err := parquet.Read[output.FirmRunRow](strings.NewReader(pq[0]), int64(len(pq[0])))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(rows, "\n"); len(got) != n {
		t.Errorf("firms.parquet holds %d rows, firms.csv %d", len(got), n)
	}
	if len(got) > 0 && (got[0].Run != 0 || got[len(got)-1].Run != 2) {
		t.Errorf("firms.parquet runs from %d to %d, want 0 to 2", got[0].Run, got[len(got)-1].Run)
	}
}

// TestRunJobSet overrides a parameter and a regime's tax: run.json records
// the overrides and the config holds their values, the run differs from
// the baseline, and a bad override writes nothing.
func TestRunJobSet(t *testing.T) {
	t.Parallel()
	base := job(t.TempDir())
	base.Scale = smallScale
	set := base
	set.Out = t.TempDir()
	set.Set = []string{"params.households.entry_rate=0.2", "regimes[1].governance.city_tax = 0.05"}
	for _, o := range []jobOptions{base, set} {
		if err := runJob(context.Background(), o); err != nil {
			t.Fatal(err)
		}
	}
	var info struct {
		Overrides []struct {
			Path  string  `json:"path"`
			Value float64 `json:"value"`
		} `json:"overrides"`
		Config struct {
			Regimes []struct {
				Governance map[string]float64 `json:"governance"`
			} `json:"regimes"`
			Params struct {
				Households map[string]any `json:"households"`
			} `json:"params"`
		} `json:"config"`
	}
	if err := json.Unmarshal([]byte(readFile(t, filepath.Join(set.Out, "yongkang", runFile))), &info); err != nil {
		t.Fatal(err)
	}
	if len(info.Overrides) != 2 || info.Overrides[0].Path != "params.households.entry_rate" || info.Overrides[0].Value != 0.2 ||
		info.Overrides[1].Path != "regimes[1].governance.city_tax" || info.Overrides[1].Value != 0.05 {
		t.Errorf("run.json overrides = %+v", info.Overrides)
	}
	if info.Config.Params.Households["entry_rate"] != 0.2 || info.Config.Regimes[1].Governance["city_tax"] != 0.05 {
		t.Errorf("run.json config: entry_rate %v, regime 1 city_tax %v", info.Config.Params.Households["entry_rate"], info.Config.Regimes[1].Governance["city_tax"])
	}
	if readFile(t, filepath.Join(base.Out, "yongkang", seriesFile)) == readFile(t, filepath.Join(set.Out, "yongkang", seriesFile)) {
		t.Error("the overrides did not change the run")
	}
	if got := readFile(t, filepath.Join(base.Out, "yongkang", runFile)); !strings.Contains(got, `"overrides": [],`) {
		t.Error("run.json of a run without --set does not say so")
	}

	bad := base
	bad.Out = filepath.Join(t.TempDir(), "out")
	bad.Set = []string{"params.households.entry_rate=0.2", "params.households.entry_rate=7"}
	err := runJob(context.Background(), bad)
	var usage usageError
	if !errors.As(err, &usage) || !strings.Contains(err.Error(), "entry_rate=7") {
		t.Errorf("error = %v, want a usage error naming the bad override", err)
	}
	if got := entries(t, bad.Out); got != nil {
		t.Errorf("a bad --set wrote %v", got)
	}
}
