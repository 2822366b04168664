package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCompareCommand runs a small comparison end to end: the folders, the
// CSV header, the headline table with the counterfactual's look_at row,
// and the refusal of an existing folder without --force.
func TestCompareCommand(t *testing.T) {
	out := t.TempDir()
	args := []string{"compare", "yongkang", "no_ranking", "--runs", "2", "--scale", "0.02", "--out", out}
	code, stdout, stderr := run(context.Background(), args...)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	dir := filepath.Join(out, "compare", "no_ranking")
	if !strings.Contains(stdout, dir) {
		t.Errorf("stdout does not name %s:\n%s", dir, stdout)
	}
	csv, err := os.ReadFile(filepath.Join(dir, "differences.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(csv), "series,year,base_p50,cf_p50,diff_p50,diff_low,diff_high,runs\n") {
		t.Errorf("differences.csv header: %q", strings.SplitN(string(csv), "\n", 2)[0])
	}
	md, err := os.ReadFile(filepath.Join(dir, "differences.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"# No tax ranking (`no_ranking`) against `yongkang`", "N = 2 runs", "| firms_total | 1985 |", "| taxes_city | 2003 |"} {
		if !strings.Contains(string(md), want) {
			t.Errorf("differences.md lacks %q:\n%s", want, md)
		}
	}
	if code, _, stderr := run(context.Background(), args...); code != exitUsage || !strings.Contains(stderr, "already exists") {
		t.Errorf("again without --force: exit %d, %q; want %d and already exists", code, stderr, exitUsage)
	}
}

func TestCompareRefuses(t *testing.T) {
	out := t.TempDir()
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"one scenario", []string{"compare", "yongkang"}, "requires at least 2 arg"},
		{"one run", []string{"compare", "yongkang", "no_ranking", "--runs", "1"}, "--runs 1: a paired range needs at least 2 runs"},
		{"scale", []string{"compare", "yongkang", "no_ranking", "--scale", "0"}, "--scale 0"},
		{"unknown", []string{"compare", "yongkang", "nosuch"}, "nosuch"},
		{"twice", []string{"compare", "yongkang", "no_ranking", "no_ranking"}, "no_ranking is given twice"},
		{"baseline as cf", []string{"compare", "yongkang", "yongkang"}, "yongkang is the baseline"},
		{"branch after a change", []string{"compare", "yongkang", "no_ranking", "--from-year", "2000"}, "no_ranking cannot start from yongkang's state of 2000: its event tax_ranking of 1995-01 removed changes the run in 1995-01"},
		{"branch at a parameter", []string{"compare", "yongkang", "tight_land", "--from-year", "2000"}, "params.land.annual_quota differs (it acts from the start)"},
		{"branch outside the run", []string{"compare", "yongkang", "no_crisis", "--from-year", "2030"}, "--from-year 2030"},
	}
	for _, c := range cases {
		code, _, stderr := run(context.Background(), append(c.args, "--out", out)...)
		if code != exitUsage || !strings.Contains(stderr, c.want) {
			t.Errorf("%s: exit %d, stderr %q; want %d and %q", c.name, code, stderr, exitUsage, c.want)
		}
	}
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Errorf("refused comparisons wrote %d entries in --out", len(entries))
	}
}
