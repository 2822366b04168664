package sim_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/gob"
	"errors"
	"fmt"
	"strings"
	"testing"

	"clustersim/scenarios"
	"clustersim/sim"
)

// encoded is a canonical encoding of a run's results, to compare runs.
func encoded(t *testing.T, r *sim.Results) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := gob.NewEncoder(&b).Encode(r); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func builtinConfig(t *testing.T, name string) *sim.Config {
	t.Helper()
	sc, err := scenarios.Builtin(name)
	if err != nil {
		t.Fatal(err)
	}
	return &sc.Config
}

// snapshotAt runs cfg to the end of month stop and returns its snapshot.
func snapshotAt(t *testing.T, cfg *sim.Config, opt sim.Options, stop sim.Month) []byte {
	t.Helper()
	e, err := sim.New(cfg, opt)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.RunUntil(context.Background(), stop); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := e.Snapshot(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestSnapshotRoundTrip saves the state at three dates (the three regimes),
// restores it and runs to the end: the results are those of the
// uninterrupted run, the recorders' history included.
func TestSnapshotRoundTrip(t *testing.T) {
	cfg := builtinConfig(t, "yongkang")
	opt := sim.Options{Seed: 3, Run: 2, Scale: 0.03}
	whole, err := sim.Run(cfg, opt)
	if err != nil {
		t.Fatal(err)
	}
	want := encoded(t, whole)
	for _, stop := range []sim.Month{sim.NewMonth(1985, 1), sim.NewMonth(1992, 6), sim.NewMonth(2007, 1)} {
		t.Run(stop.String(), func(t *testing.T) {
			snap := snapshotAt(t, cfg, opt, stop)
			info, err := sim.ReadSnapshotInfo(bytes.NewReader(snap))
			if err != nil {
				t.Fatal(err)
			}
			if info.Month != stop+1 || info.Seed != 3 || info.Run != 2 || info.Scale != 0.03 || info.Scenario != "yongkang" {
				t.Errorf("snapshot info %+v", info)
			}
			e, err := sim.Restore(bytes.NewReader(snap), cfg, sim.Options{Seed: 99, Scale: 1}) // the snapshot's own options win
			if err != nil {
				t.Fatal(err)
			}
			if e.Month() != stop+1 {
				t.Fatalf("restored at %s, want %s", e.Month(), stop+1)
			}
			if err := e.RunUntil(context.Background(), cfg.End); err != nil {
				t.Fatal(err)
			}
			if got := encoded(t, e.Results()); !bytes.Equal(got, want) {
				t.Errorf("restored at %s, the results differ from the uninterrupted run's", stop)
			}
		})
	}
}

// TestSnapshotRefused: a snapshot of another version, of another scenario,
// truncated, with a flipped byte or not a snapshot at all is refused with
// a message saying which.
func TestSnapshotRefused(t *testing.T) {
	cfg := builtinConfig(t, "yongkang")
	snap := snapshotAt(t, cfg, sim.Options{Seed: 1, Scale: 0.01}, sim.NewMonth(1980, 6))
	flipped := bytes.Clone(snap)
	flipped[len(flipped)/2] ^= 0x40
	version := bytes.Clone(snap)
	version[19]++
	huge := bytes.Clone(snap) // a header that announces 3 GiB of payload
	binary.BigEndian.PutUint64(huge[20:], 3<<30)
	other := builtinConfig(t, "no_crisis")
	cases := []struct {
		name string
		data []byte
		cfg  *sim.Config
		want string
	}{
		{"truncated", snap[:len(snap)-100], cfg, "truncated"},
		{"header only", snap[:10], cfg, "does not start as a state file"},
		{"empty", nil, cfg, "truncated"},
		{"flipped byte", flipped, cfg, "corrupted"},
		{"another version", version, cfg, fmt.Sprintf("format version %d; this build of clustersim reads version %d", sim.SnapshotVersion+1, sim.SnapshotVersion)},
		{"another scenario", snap, other, `saved from scenario "yongkang"`},
		{"not a state", []byte("name: yongkang\nbase: yongkang\n" + strings.Repeat("x", 100)), cfg, "does not start as a state file"},
		{"trailing bytes", append(bytes.Clone(snap), 0), cfg, "bytes follow its checksum"},
		{"a length it does not hold", huge, cfg, "truncated"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := sim.Restore(bytes.NewReader(c.data), c.cfg, sim.Options{})
			if err == nil || !errors.Is(err, sim.ErrSnapshot) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("Restore: %v; want an ErrSnapshot saying %q", err, c.want)
			}
		})
	}
}
