package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"clustersim/scenarios"
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
	bad := writeScenario(t, "base: yongkang\nname: mine\ndescription: Mine.\nhousehods: 2000\n")
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
		{"run a missing file", []string{"run", "nope.yaml", "--out", t.TempDir()}, exitFailure, "", "clustersim: nope.yaml: cannot read the scenario file"},
		{"run an unknown built-in", []string{"run", "nope", "--out", t.TempDir()}, exitFailure, "", "clustersim: "},
		{"scenarios alone", []string{"scenarios"}, exitOK, "validate", ""},
		{"scenarios unknown", []string{"scenarios", "lst"}, exitUsage, "", "unknown command"},
		{"show without a name", []string{"scenarios", "show"}, exitUsage, "", "accepts 1 arg(s)"},
		{"show a file", []string{"scenarios", "show", good}, exitOK, "name: mine\n", ""},
		{"show a bad file", []string{"scenarios", "show", bad}, exitFailure, "", "clustersim: " + bad + ":4:1: househods"},
		{"validate without a file", []string{"scenarios", "validate"}, exitUsage, "", "requires at least 1 arg(s)"},
		{"validate ok", []string{"scenarios", "validate", good}, exitOK, good + ": ok\n", ""},
		{"validate bad", []string{"scenarios", "validate", good, bad}, exitFailure, good + ": ok\n", "clustersim: " + bad + ":4:1: househods: unknown key"},
		{"validate missing", []string{"scenarios", "validate", "nope.yaml"}, exitFailure, "", "clustersim: nope.yaml: cannot read"},
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
	if code != exitFailure || len(lines) != 2 ||
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

func TestRunCommand(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "out")
	code, stdout, stderr := run(context.Background(), "run", "--out", out, "--scale", "0.005", "--seed", "3", "--quiet")
	dir := filepath.Join(out, "yongkang")
	if code != exitOK || stdout != "outputs in "+dir+"\n" || stderr != "" {
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
