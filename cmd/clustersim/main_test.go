package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"clustersim/scenarios"
	"clustersim/sim/output"
)

// run executes a command line and returns its exit code and output.
func run(ctx context.Context, args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = execute(ctx, args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func writeScenario(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "mine.yaml")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestExitCodes(t *testing.T) {
	good := writeScenario(t, "base: yongkang\nname: mine\ndescription: Mine.\nhouseholds: 2000\n")
	notADir := filepath.Join(t.TempDir(), "file") // --out under a file cannot be created
	if err := os.WriteFile(notADir, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	bad := writeScenario(t, "base: yongkang\nname: mine\ndescription: Mine.\nhousehods: 2000\n")
	dotdot := writeScenario(t, "base: yongkang\nname: ..\ndescription: Up.\n")
	for _, tc := range []struct {
		name   string
		args   []string
		code   int
		stdout string // a substring of stdout
		stderr string // a substring of stderr
	}{
		{"help", []string{"--help"}, exitOK, "scenarios", ""},
		{"no command", nil, exitOK, "Available Commands", ""},
		{"version", []string{"version"}, exitOK, "clustersim ", ""},
		{"unknown command", []string{"frobnicate"}, exitUsage, "", `clustersim: unknown command "frobnicate"`},
		{"unknown flag", []string{"run", "--sed", "3"}, exitUsage, "", "clustersim: unknown flag: --sed"},
		{"bad flag value", []string{"run", "--seed", "x"}, exitUsage, "", "clustersim: invalid argument"},
		{"scale too large", []string{"run", "--scale", "1.5"}, exitUsage, "", "clustersim: --scale 1.5 is not in (0, 1]"},
		{"scale zero", []string{"run", "--scale", "0"}, exitUsage, "", "--scale 0 is not in (0, 1]"},
		{"scale too small for the county", []string{"run", "--scale", "1e-9", "--out", t.TempDir()}, exitUsage, "",
			"clustersim: --scale: scale 1e-09 is below 0.00139, the least at which yongkang keeps 100 households (of 95000) and one village (of 720) to simulate"},
		{"scale denormal", []string{"run", "--scale", "5e-324", "--out", t.TempDir()}, exitUsage, "", "clustersim: --scale: scale 5e-324 is below"},
		{"no runs", []string{"run", "--runs", "0"}, exitUsage, "", "clustersim: --runs 0: want at least 1 run"},
		{"negative runs", []string{"run", "--runs", "-2"}, exitUsage, "", "clustersim: --runs -2: want at least 1 run"},
		{"no budget", []string{"calibrate", "--budget", "0", "--out", t.TempDir()}, exitUsage, "", "clustersim: --budget 0: want at least 1 evaluation"},
		{"negative budget", []string{"calibrate", "--budget", "-5", "--out", t.TempDir()}, exitUsage, "", "clustersim: --budget -5"},
		{"run a bad name", []string{"run", dotdot, "--out", t.TempDir()}, exitUsage, "", "clustersim: " + dotdot + ":2:1: name: \"..\" cannot name the output folder"},
		{"two scenarios", []string{"run", "a", "b"}, exitUsage, "", "clustersim: accepts at most 1 arg(s)"},
		{"bad --firms", []string{"run", "--firms", "some"}, exitUsage, "", `clustersim: --firms "some": want one of first, none, all`},
		{"--set without =", []string{"run", "--set", "households"}, exitUsage, "", `clustersim: --set "households": want PATH=VALUE`},
		{"--set unknown field", []string{"run", "--set", "params.households.entry_rat=0.1"}, exitUsage, "", `unknown field "entry_rat" in params.households`},
		{"--set not a number", []string{"run", "--set", "params.households.entry_rate=high"}, exitUsage, "", `"high" is not a number`},
		{"--set out of range", []string{"run", "--out", t.TempDir(), "--set", "params.households.entry_rate=2"}, exitUsage, "", "clustersim: --set params.households.entry_rate=2: params.households.entry_rate: 2 is outside the field's range [0, 1]"},
		{"--set beyond a list", []string{"run", "--out", t.TempDir(), "--set", "regimes[7].governance.city_tax=0.1"}, exitUsage, "", "index 7 beyond the 3 entries of regimes"},
		{"--set against the loader's checks", []string{"run", "--out", t.TempDir(), "--set", "report_from=2020"}, exitUsage, "", "clustersim: --set: report_from: 2020 is outside the run"},
		{"--set a fraction of a whole number", []string{"run", "--out", t.TempDir(), "--set", "households=2000.5"}, exitUsage, "", "households is a whole number"},
		{"bad --firms-format", []string{"run", "--firms-format", "xlsx"}, exitUsage, "", `clustersim: --firms-format "xlsx": want one of csv, parquet`},
		{"run a missing file", []string{"run", "nope.yaml", "--out", t.TempDir()}, exitUsage, "", "clustersim: nope.yaml: cannot read the scenario file"},
		{"run an unknown built-in", []string{"run", "nope", "--out", t.TempDir()}, exitUsage, "", "clustersim: "},
		{"run into an impossible --out", []string{"run", "--out", filepath.Join(notADir, "out"), "--scale", "0.005"}, exitFailure, "", "clustersim: output: "},
		{"quiet and verbose", []string{"run", "-q", "-v"}, exitUsage, "", "none of the others can be"},
		{"bad output format", []string{"version", "-o", "yaml"}, exitUsage, "", "want text or json"},
		{"scenarios alone", []string{"scenarios"}, exitOK, "validate", ""},
		{"scenarios unknown", []string{"scenarios", "lst"}, exitUsage, "", "unknown command"},
		{"show without a name", []string{"scenarios", "show"}, exitUsage, "", "accepts 1 arg(s)"},
		{"show a file", []string{"scenarios", "show", good}, exitOK, "name: mine\n", ""},
		{"show a bad file", []string{"scenarios", "show", bad}, exitUsage, "", "clustersim: " + bad + ":4:1: househods"},
		{"validate without a file", []string{"scenarios", "validate"}, exitUsage, "", "requires at least 1 arg(s)"},
		{"validate ok", []string{"scenarios", "validate", good}, exitOK, good + ": ok\n", ""},
		{"validate bad", []string{"scenarios", "validate", good, bad}, exitUsage, good + ": ok\n", "clustersim: " + bad + ":4:1: househods: unknown key"},
		{"validate missing", []string{"scenarios", "validate", "nope.yaml"}, exitUsage, "", "clustersim: nope.yaml: cannot read"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := run(context.Background(), tc.args...)
			if code != tc.code || !strings.Contains(stdout, tc.stdout) || !strings.Contains(stderr, tc.stderr) {
				t.Errorf("clustersim %s: exit %d, stdout %q, stderr %q\nwant exit %d, stdout with %q, stderr with %q",
					strings.Join(tc.args, " "), code, stdout, stderr, tc.code, tc.stdout, tc.stderr)
			}
			if code == exitOK && stderr != "" {
				t.Errorf("stderr = %q on success", stderr)
			}
		})
	}
}

// TestValidateEachError checks that each invalid file gets its own
// "clustersim: " line.
func TestValidateEachError(t *testing.T) {
	a := writeScenario(t, "base: yongkang\nname: a\ndescription: A.\nhousehods: 1\n")
	b := writeScenario(t, "base: yongkang\nname: b\ndescription: B.\ntownship_collective_share: 3\n")
	code, _, stderr := run(context.Background(), "scenarios", "validate", a, b)
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	if code != exitUsage || len(lines) != 2 ||
		!strings.HasPrefix(lines[0], "clustersim: "+a+":4:") || !strings.HasPrefix(lines[1], "clustersim: "+b+":4:") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

func TestScenariosList(t *testing.T) {
	code, stdout, stderr := run(context.Background(), "scenarios", "list")
	if code != exitOK || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	var names []string
	for _, l := range lines {
		name, desc, _ := strings.Cut(l, " ")
		if strings.TrimSpace(desc) == "" {
			t.Errorf("no description in %q", l)
		}
		names = append(names, name)
	}
	if !slices.IsSorted(names) || !slices.Contains(names, "yongkang") || !slices.Equal(names, scenarios.List()) {
		t.Errorf("names %v, want the sorted built-ins %v", names, scenarios.List())
	}
}

func TestScenariosShow(t *testing.T) {
	code, stdout, _ := run(context.Background(), "scenarios", "show", "yongkang")
	sc, err := scenarios.Builtin("yongkang")
	if err != nil {
		t.Fatal(err)
	}
	want, err := scenarios.Canonical(&sc.Config)
	if err != nil {
		t.Fatal(err)
	}
	if code != exitOK || stdout != string(want) {
		t.Errorf("exit %d; output is not the canonical YAML:\n%.300s", code, stdout)
	}
}

// TestRunCommand runs quietly: nothing printed, not even the note that
// --workers is capped at the cores.
func TestRunCommand(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "out")
	code, stdout, stderr := run(context.Background(), "run", "--out", out, "--scale", "0.005", "--seed", "3", "--workers", "100000", "--quiet")
	dir := filepath.Join(out, "yongkang")
	if code != exitOK || stdout != "" || stderr != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if !strings.Contains(readFile(t, filepath.Join(dir, runFile)), `"seed": 3,`) {
		t.Error("run.json does not record --seed 3")
	}
}

func TestRunCommandInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	tmp := t.TempDir()
	code, _, stderr := run(ctx, "run", "--out", filepath.Join(tmp, "out"), "--scale", "0.02", "--quiet")
	if code != exitInterrupted || !strings.HasPrefix(stderr, "clustersim: interrupted") {
		t.Errorf("exit %d, stderr %q; want %d and interrupted", code, stderr, exitInterrupted)
	}
	if got := entries(t, tmp); got != nil {
		t.Errorf("an interrupted run left %v", got)
	}
}

// TestValidateEveryProblem checks that a file with several problems gets
// one "clustersim: " line for each, in file order.
func TestValidateEveryProblem(t *testing.T) {
	bad := writeScenario(t, "base: yongkang\nname: b\ndescription: B.\nhouseholds: -1\nhousehods: 1\nparams: {firms: {getihu_cap: 0}}\n")
	code, _, stderr := run(context.Background(), "scenarios", "validate", bad)
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	want := []string{bad + ":4:1: households", bad + ":5:1: househods", bad + ":6:18: params.firms.getihu_cap"}
	if code == exitOK || len(lines) != len(want) {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	for i, w := range want {
		if !strings.HasPrefix(lines[i], "clustersim: "+w+":") {
			t.Errorf("line %d = %q, want it to start with %q", i, lines[i], "clustersim: "+w)
		}
	}
}

// TestRunCommandOutputBusy: a run into an output another writer holds is
// refused at once with exit 1 and the holder's pid, and writes nothing;
// the holder's output then commits as it would have.
func TestRunCommandOutputBusy(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "out")
	holder, err := output.Stage(out, "yongkang")
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Abort()
	if err := os.WriteFile(filepath.Join(holder.Dir(), seriesFile), []byte("the holder's"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := run(context.Background(), "run", "--out", out, "--scale", "0.005", "--quiet")
	want := fmt.Sprintf("clustersim: output: %s is being written by process %d", filepath.Join(out, "yongkang"), os.Getpid())
	if code != exitFailure || stdout != "" || !strings.HasPrefix(stderr, want) {
		t.Errorf("exit %d, stdout %q, stderr %q; want %d and %q", code, stdout, stderr, exitFailure, want)
	}
	if err := holder.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, filepath.Join(out, "yongkang", seriesFile)); got != "the holder's" {
		t.Errorf("series.csv = %q, want the holder's", got)
	}
	if got := entries(t, out); !slices.Equal(got, []string{"yongkang"}) {
		t.Errorf("%s holds %v", out, got)
	}
}

// TestRunCommandAfterKill: what a run killed before committing leaves
// (its staging directory and its lock file, with its dead pid) is removed
// by the next run of the same scenario.
func TestRunCommandAfterKill(t *testing.T) {
	t.Parallel()
	dead := exec.Command(os.Args[0], "-test.run=^$")
	if err := dead.Run(); err != nil {
		t.Fatal(err)
	}
	pid := strconv.Itoa(dead.Process.Pid)
	out := t.TempDir()
	staging := filepath.Join(out, ".yongkang.tmp-"+pid+"-12345")
	if err := os.MkdirAll(filepath.Join(staging, figuresDir), 0o755); err != nil {
		t.Fatal(err)
	}
	for path, text := range map[string]string{
		filepath.Join(staging, firmsFile):    "half written",
		filepath.Join(out, ".yongkang.lock"): pid + "\n",
	} {
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if code, _, stderr := run(context.Background(), "run", "--out", out, "--scale", "0.005", "--quiet"); code != exitOK {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if got := entries(t, out); !slices.Equal(got, []string{"yongkang"}) {
		t.Errorf("%s holds %v, want only yongkang", out, got)
	}
}
