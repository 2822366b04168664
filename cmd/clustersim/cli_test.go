package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"clustersim/scenarios"
	"clustersim/seeds"
)

// TestEveryCommandHasAnExample walks the command tree, cobra's help and
// completion commands included, and wants an Example in every help.
func TestEveryCommandHasAnExample(t *testing.T) {
	root := newRootCmd(&bytes.Buffer{}, &bytes.Buffer{})
	var walk func(c *cobra.Command)
	n := 0
	walk = func(c *cobra.Command) {
		n++
		if strings.TrimSpace(c.Example) == "" {
			t.Errorf("%q has no Example", c.CommandPath())
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	if n < 12 {
		t.Errorf("walked %d commands; help, completion and its shells are missing", n)
	}
	code, stdout, _ := run(context.Background(), "run", "--help")
	if code != exitOK || !strings.Contains(stdout, "Examples:\n  clustersim run") {
		t.Errorf("run --help shows no examples:\n%s", stdout)
	}
}

func TestVersionFlag(t *testing.T) {
	_, want, _ := run(context.Background(), "version")
	code, stdout, stderr := run(context.Background(), "--version")
	if code != exitOK || stdout != want || stderr != "" || !strings.HasPrefix(stdout, "clustersim ") {
		t.Errorf("--version: exit %d, stdout %q, stderr %q; want %q", code, stdout, stderr, want)
	}
}

// TestExitCodesDocumented wants the exit codes in the root's help and in
// the README.
func TestExitCodesDocumented(t *testing.T) {
	_, help, _ := run(context.Background(), "--help")
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, code := range []string{"0    success", "1    runtime error", "2    usage or bad input", "130  interrupted"} {
		if !strings.Contains(help, code) {
			t.Errorf("--help does not document %q", code)
		}
	}
	for _, code := range []string{"| 0 | success", "| 1 | runtime error", "| 2 | usage or bad input", "| 130 | interrupted"} {
		if !strings.Contains(string(readme), code) {
			t.Errorf("README.md does not document %q", code)
		}
	}
}

func TestOutputJSON(t *testing.T) {
	t.Run("version", func(t *testing.T) {
		code, stdout, _ := run(context.Background(), "version", "-o", "json")
		var v versionJSON
		if err := json.Unmarshal([]byte(stdout), &v); code != exitOK || err != nil || v.Version == "" || v.GoVersion == "" {
			t.Errorf("exit %d, %v: %q", code, err, stdout)
		}
	})
	t.Run("scenarios list", func(t *testing.T) {
		code, stdout, _ := run(context.Background(), "scenarios", "list", "-o", "json")
		var list []scenarioJSON
		if err := json.Unmarshal([]byte(stdout), &list); code != exitOK || err != nil {
			t.Fatalf("exit %d, %v: %q", code, err, stdout)
		}
		var names []string
		for _, s := range list {
			names = append(names, s.Name)
			if s.Description == "" || len(s.Hash) != 64 || (s.Name != "yongkang" && s.Base != "yongkang") {
				t.Errorf("entry %+v", s)
			}
		}
		if !slices.Equal(names, scenarios.List()) {
			t.Errorf("names %v, want %v", names, scenarios.List())
		}
	})
	t.Run("run", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "out")
		code, stdout, stderr := run(context.Background(), "run", "--out", out, "--scale", "0.005", "--runs", "2", "-o", "json")
		var r struct {
			Outputs string
			Runs    int
			Fit     []map[string]any
		}
		if err := json.Unmarshal([]byte(stdout), &r); code != exitOK || err != nil {
			t.Fatalf("exit %d, %v: stdout %q, stderr %q", code, err, stdout, stderr)
		}
		targets, err := seeds.Load()
		if err != nil {
			t.Fatal(err)
		}
		if r.Outputs != filepath.Join(out, "yongkang") || r.Runs != 2 || len(r.Fit) != len(targets) {
			t.Fatalf("outputs %q, runs %d, %d fit rows for %d targets", r.Outputs, r.Runs, len(r.Fit), len(targets))
		}
		// The rows are those of fit.csv, in its order.
		csvRows := strings.Split(strings.TrimSpace(readFile(t, filepath.Join(r.Outputs, fitFile))), "\n")[1:]
		for i, row := range r.Fit {
			for _, key := range []string{"target", "role", "year", "observed", "low", "high", "simulated", "factor", "within"} {
				if _, ok := row[key]; !ok {
					t.Errorf("row %d has no %q: %v", i, key, row)
				}
			}
			if id, _ := row["target"].(string); !strings.HasPrefix(csvRows[i], id+",") {
				t.Errorf("row %d is %q, fit.csv's is %q", i, id, csvRows[i])
			}
		}
	})
}

// TestRunRefusesAnExistingOutput: without --force an existing folder is
// refused with exit 2 and left as it was; with --force it is replaced.
func TestRunRefusesAnExistingOutput(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	final := filepath.Join(out, "yongkang")
	if err := os.MkdirAll(final, 0o755); err != nil {
		t.Fatal(err)
	}
	marker := filepath.Join(final, "mine.txt")
	if err := os.WriteFile(marker, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"run", "--out", out, "--scale", "0.005", "-q"}
	code, stdout, stderr := run(context.Background(), args...)
	if code != exitUsage || stdout != "" || !strings.Contains(stderr, final+" already exists: pass --force") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if got := entries(t, out); !slices.Equal(got, []string{"yongkang"}) {
		t.Errorf("%s holds %v", out, got)
	}
	if got := entries(t, final); !slices.Equal(got, []string{"mine.txt"}) {
		t.Errorf("the existing output was touched: %v", got)
	}

	code, _, stderr = run(context.Background(), append(args, "--force")...)
	if code != exitOK || stderr != "" {
		t.Fatalf("--force: exit %d, stderr %q", code, stderr)
	}
	if _, err := os.Stat(marker); !os.IsNotExist(err) {
		t.Errorf("--force kept the old output: %v", err)
	}
	if got := entries(t, out); !slices.Equal(got, []string{"yongkang"}) {
		t.Errorf("%s holds %v after --force", out, got)
	}
	if _, err := os.Stat(filepath.Join(final, seriesFile)); err != nil {
		t.Error(err)
	}
}

// TestQuietAndVerbose: -q prints nothing at all on success; -v logs
// through slog to stderr and leaves stdout as it is.
func TestQuietAndVerbose(t *testing.T) {
	good := writeScenario(t, "base: yongkang\nname: mine\ndescription: Mine.\nhouseholds: 2000\n")
	for _, args := range [][]string{
		{"run", "--out", filepath.Join(t.TempDir(), "out"), "--scale", "0.005", "-q"},
		{"scenarios", "validate", "-q", good},
		{"scenarios", "list", "-q"},
		{"-q", "version", "-o", "json"},
	} {
		code, stdout, stderr := run(context.Background(), args...)
		if code != exitOK || stdout != "" || stderr != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, stdout, stderr)
		}
	}

	out := filepath.Join(t.TempDir(), "out")
	code, stdout, stderr := run(context.Background(), "run", "--out", out, "--scale", "0.005", "-v")
	if code != exitOK || !strings.HasSuffix(stdout, "outputs in "+filepath.Join(out, "yongkang")+"\n") || strings.Contains(stdout, "level=") {
		t.Errorf("exit %d, stdout %q", code, stdout)
	}
	for _, want := range []string{
		`level=INFO msg="scenario read" name=yongkang file=yongkang.yaml`,
		`level=INFO msg=staging dir=`,
		`level=INFO msg=simulated runs=1 seed=1 scale=0.005 elapsed=`,
		`level=DEBUG msg=wrote file=series.csv elapsed=`,
		`level=DEBUG msg=wrote file=figures elapsed=`,
		`level=INFO msg=committed dir=` + filepath.Join(out, "yongkang"),
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
}

// TestCompleteScenarios completes scenario arguments: built-in names by
// prefix, .yaml files and directories, nothing else.
func TestCompleteScenarios(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"a.yaml", "b.txt", "no_mine.yaml", "sub/c.yaml"} {
		if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(f)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	sep := string(filepath.Separator)
	for _, tc := range []struct {
		prefix string
		want   []string
	}{
		{"", scenarios.List()}, // and whatever the test's directory holds
		{"no_c", []string{"no_compromise", "no_crisis"}},
		{"yong", []string{"yongkang"}},
		{dir + sep, []string{filepath.Join(dir, "a.yaml"), filepath.Join(dir, "no_mine.yaml"), filepath.Join(dir, "sub") + sep}},
		{filepath.Join(dir, "no"), []string{filepath.Join(dir, "no_mine.yaml")}},
		{filepath.Join(dir, "sub") + sep, []string{filepath.Join(dir, "sub", "c.yaml")}},
	} {
		got, directive := completeScenarios(tc.prefix)
		if tc.prefix == "" {
			got = got[:min(len(got), len(tc.want))]
		}
		if !slices.Equal(got, tc.want) || directive&cobra.ShellCompDirectiveNoFileComp == 0 {
			t.Errorf("completeScenarios(%q) = %v, %d; want %v", tc.prefix, got, directive, tc.want)
		}
	}
	// Through cobra, as a shell asks: `clustersim __complete run no_`.
	code, stdout, _ := run(context.Background(), cobra.ShellCompRequestCmd, "run", "no_")
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	names := slices.DeleteFunc(slices.Clone(scenarios.List()), func(s string) bool { return !strings.HasPrefix(s, "no_") })
	if code != exitOK || !slices.Equal(lines[:len(lines)-1], names) {
		t.Errorf("__complete run no_: exit %d, %q; want %v", code, stdout, names)
	}
}
