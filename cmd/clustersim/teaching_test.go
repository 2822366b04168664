package main

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"testing"

	"clustersim/classroom"
	"clustersim/scenarios"
)

// TestTeachingLessons: docs/teaching.md has three lessons; every
// clustersim command of its shell blocks runs (with --runs 2 --scale 0.02
// into a temporary folder, so the test is quick: the lessons' own
// settings are the defaults, 20 runs at full scale; serve's flags are
// checked with --help), and every page
// setting it gives names a scenario of the library and a lever of the
// page.
func TestTeachingLessons(t *testing.T) {
	doc := readRepoFile(t, "docs/teaching.md")
	if n := strings.Count(doc, "\n## Lesson "); n != 3 {
		t.Errorf("docs/teaching.md has %d lessons, want 3", n)
	}
	for _, part := range []string{"### The question", "### What the class should see", "### Points for discussion", "### On the page"} {
		if n := strings.Count(doc, part); n != 3 {
			t.Errorf("docs/teaching.md has %d %q sections, want one per lesson", n, part)
		}
	}
	var commands [][]string
	inShell := false
	for _, line := range strings.Split(doc, "\n") {
		switch {
		case strings.HasPrefix(line, "```sh"):
			inShell = true
		case strings.HasPrefix(line, "```"):
			inShell = false
		case inShell && strings.HasPrefix(line, "clustersim "):
			fields := strings.Fields(strings.SplitN(line, "#", 2)[0])
			commands = append(commands, fields[1:])
		}
	}
	if len(commands) < 3 {
		t.Fatalf("docs/teaching.md has %d clustersim commands, want one per lesson at least", len(commands))
	}
	out := t.TempDir()
	for _, args := range commands {
		if args[0] == "serve" { // a server does not end: its flags are checked
			if code, _, stderr := run(context.Background(), append(slices.Clone(args), "--help")...); code != exitOK {
				t.Errorf("clustersim %s --help: exit %d: %s", strings.Join(args, " "), code, stderr)
			}
			continue
		}
		if args[0] != "compare" && args[0] != "run" {
			t.Errorf("%v: the test runs compare, run and serve commands only", args)
			continue
		}
		full := append(slices.Clone(args), "--runs", "2", "--scale", "0.02", "--out", out, "--force", "-q")
		if code, _, stderr := run(context.Background(), full...); code != exitOK {
			t.Errorf("clustersim %s: exit %d: %s", strings.Join(args, " "), code, stderr)
		}
	}
	// Page settings: | `lever` | from | to | rows, and scenarios named as
	// "choose `name`".
	base, err := scenarios.Resolve("yongkang")
	if err != nil {
		t.Fatal(err)
	}
	levers := classroom.Levers(&base.Config)
	rows := regexp.MustCompile("(?m)^\\| `([a-z_]+)` \\|").FindAllStringSubmatch(doc, -1)
	if len(rows) < 3 {
		t.Errorf("docs/teaching.md gives %d lever settings, want one per lesson at least", len(rows))
	}
	for _, m := range rows {
		if !slices.ContainsFunc(levers, func(l classroom.Lever) bool { return l.Name == m[1] }) {
			t.Errorf("docs/teaching.md sets the lever %s, which the page does not have", m[1])
		}
	}
	for _, m := range regexp.MustCompile("choose `([a-z0-9_]+)`").FindAllStringSubmatch(doc, -1) {
		if s, err := scenarios.Resolve(m[1]); err != nil || s.Base != "yongkang" {
			t.Errorf("docs/teaching.md chooses %s, which is not a counterfactual of the library: %v", m[1], err)
		}
	}
}
