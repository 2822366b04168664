package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"clustersim/sim"
)

// dirFiles reads every file under dir, by path relative to dir.
func dirFiles(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		rel, _ := filepath.Rel(dir, path)
		files[rel] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestStateRoundTrip: a run saved at the end of 1985-01, 1992-06 or
// 2007-01 (one date in each regime) and continued with --from-state writes
// every output file — CSVs, run.json, figures — byte for byte as the
// uninterrupted run of the same scenario, seed and scale.
func TestStateRoundTrip(t *testing.T) {
	dir := t.TempDir()
	args := []string{"--scale", "0.02", "--seed", "11", "-q"}
	if code, _, stderr := run(context.Background(), append([]string{"run", "--out", filepath.Join(dir, "whole")}, args...)...); code != exitOK {
		t.Fatalf("uninterrupted run: exit %d, %s", code, stderr)
	}
	want := dirFiles(t, filepath.Join(dir, "whole", "yongkang"))
	for _, stop := range []string{"1985-01", "1992-06", "2007-01"} {
		t.Run(stop, func(t *testing.T) {
			state := filepath.Join(dir, stop+".state")
			code, stdout, stderr := run(context.Background(), append([]string{"run", "--stop-at", stop, "--state", state}, args...)...)
			if code != exitOK || stdout != "" || stderr != "" {
				t.Fatalf("--stop-at %s: exit %d, stdout %q, stderr %q", stop, code, stdout, stderr)
			}
			out := filepath.Join(dir, "from-"+stop)
			if code, _, stderr := run(context.Background(), "run", "--from-state", state, "--out", out, "-q"); code != exitOK {
				t.Fatalf("--from-state: exit %d, %s", code, stderr)
			}
			got := dirFiles(t, filepath.Join(out, "yongkang"))
			if len(got) != len(want) {
				t.Errorf("%d files, want %d", len(got), len(want))
			}
			for name, b := range want {
				if !bytes.Equal(got[name], b) {
					t.Errorf("%s differs from the uninterrupted run's", name)
				}
			}
		})
	}
}

// TestStateRefused: a state with a flipped byte, a truncated one, one of
// another format version, of another scenario or not a state at all is
// refused with a message saying which, exit 2, and nothing is written.
func TestStateRefused(t *testing.T) {
	dir := t.TempDir()
	state := filepath.Join(dir, "good.state")
	if code, _, stderr := run(context.Background(), "run", "--scale", "0.01", "--stop-at", "1981-03", "--state", state, "-q"); code != exitOK {
		t.Fatalf("--stop-at: exit %d, %s", code, stderr)
	}
	code, stdout, _ := run(context.Background(), "run", "--scale", "0.01", "--stop-at", "1981-03", "--state", state, "-o", "json")
	var info struct {
		Month string `json:"month"`
		Bytes int    `json:"bytes"`
	}
	if err := json.Unmarshal([]byte(stdout), &info); code != exitOK || err != nil || info.Month != "1981-03" || info.Bytes == 0 {
		t.Errorf("--stop-at -o json: exit %d, %q (%v)", code, stdout, err)
	}
	good, err := os.ReadFile(state)
	if err != nil {
		t.Fatal(err)
	}
	flipped := bytes.Clone(good)
	flipped[len(flipped)/3] ^= 1
	version := bytes.Clone(good)
	version[19] = 9
	for _, tc := range []struct {
		name     string
		data     []byte
		scenario string
		want     string
	}{
		{"flipped byte", flipped, "", "corrupted: its checksum does not match"},
		{"truncated", good[:len(good)/2], "", "truncated"},
		{"another version", version, "", fmt.Sprintf("format version 9; this build of clustersim reads version %d", sim.SnapshotVersion)},
		{"another scenario", good, "no_crisis", `saved from scenario "yongkang"`},
		{"not a state", []byte("name: yongkang\n"), "", "does not start as a state file does"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, tc.name+".state")
			if err := os.WriteFile(path, tc.data, 0o644); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(dir, "out-"+tc.name)
			args := []string{"run", "--from-state", path, "--out", out}
			if tc.scenario != "" {
				args = append(args, tc.scenario)
			}
			code, stdout, stderr := run(context.Background(), args...)
			if code != exitUsage || stdout != "" || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit %d saying %q", code, stdout, stderr, exitUsage, tc.want)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("%s was created", out)
			}
		})
	}
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"stop-at without state", []string{"run", "--stop-at", "1990-01"}, "--stop-at needs --state FILE"},
		{"state without stop-at", []string{"run", "--state", state}, "--state needs --stop-at"},
		{"a bad month", []string{"run", "--stop-at", "1990-13", "--state", filepath.Join(dir, "x")}, `"1990-13" is not a date of the form YYYY-MM`},
		{"after the end", []string{"run", "--stop-at", "2010-12", "--state", filepath.Join(dir, "x")}, "is not a month of the run before its last"},
		{"with --runs", []string{"run", "--from-state", state, "--runs", "2"}, "are for one run"},
		{"with --seed", []string{"run", "--from-state", state, "--seed", "3"}, "the state's own seed and scale"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := run(context.Background(), tc.args...)
			if code != exitUsage || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, stderr %q; want exit %d saying %q", code, stderr, exitUsage, tc.want)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "x")); !os.IsNotExist(err) {
		t.Error("a refused --stop-at wrote its state")
	}
}
