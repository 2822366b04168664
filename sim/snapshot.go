package sim

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/gob"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"clustersim/agents"
)

// A snapshot is the whole state of a run at the end of a month: the
// State, the recorders' history, the run's options and a fingerprint of
// the scenario. Its format:
//
//	magic    16 bytes  "clustersim-state"
//	version  uint32    SnapshotVersion (big-endian)
//	length   uint64    length of the payload (big-endian)
//	payload  gob of the SnapshotInfo, then gob of the State and the history
//	checksum 32 bytes  SHA-256 of everything before it
//
// A snapshot of another format version, of another scenario, truncated or
// corrupted is refused with an error saying which. It holds no random
// generator: draws are keyed by what they are for (docs/ODD.md 4.9).

// SnapshotVersion is the format version this build writes and reads.
const SnapshotVersion = 8 // 2: the local state (village and township accounts, stances, ties); 3: kin, developed land; 4: the supply network (buyers, links); 5: designs; 6: product life cycles and learning (market experience); 7: equipment (Stock, CapitalPow); 8: the choice of site (WantsPlot)

const snapshotMagic = "clustersim-state"

// maxSnapshotPayload bounds what Restore reads (a full-scale run in 2010
// is about 100 MB).
const maxSnapshotPayload = 4 << 30

// SnapshotInfo describes a snapshot: what it was made from and when.
type SnapshotInfo struct {
	Scenario        string   // the scenario's name
	ConfigHash      [32]byte // Fingerprint of the scenario's Config
	Seed            uint64
	Run             int
	Scale           float64
	Month           Month // the next month to simulate
	NoFirmSnapshots bool
}

// snapshotBody follows the SnapshotInfo in the payload.
type snapshotBody struct {
	State  State
	Record RecordState
}

// Fingerprint is the SHA-256 of a Config's JSON encoding: two configs with
// the same fingerprint run the same model.
func Fingerprint(cfg *Config) ([32]byte, error) {
	b, err := json.Marshal(cfg)
	if err != nil {
		return [32]byte{}, fmt.Errorf("sim: fingerprint of the scenario: %w", err)
	}
	return sha256.Sum256(b), nil
}

// Snapshot writes the engine's whole state to w. Restore reads it back;
// the restored engine continues exactly as this one would.
func (e *Engine) Snapshot(w io.Writer) error {
	fp, err := Fingerprint(e.w.cfg)
	if err != nil {
		return err
	}
	info := SnapshotInfo{
		Scenario: e.w.cfg.Name, ConfigHash: fp, Seed: e.opt.Seed, Run: e.opt.Run,
		Scale: e.w.scale, Month: e.w.Month, NoFirmSnapshots: e.opt.NoFirmSnapshots,
	}
	var payload bytes.Buffer
	enc := gob.NewEncoder(&payload)
	if err := enc.Encode(&info); err != nil {
		return fmt.Errorf("sim: encoding the state: %w", err)
	}
	if err := enc.Encode(&snapshotBody{State: e.w.State, Record: e.w.rec.RecordState}); err != nil {
		return fmt.Errorf("sim: encoding the state: %w", err)
	}
	h := sha256.New()
	bw := bufio.NewWriterSize(io.MultiWriter(w, h), 1<<20)
	var head [16 + 4 + 8]byte
	copy(head[:], snapshotMagic)
	binary.BigEndian.PutUint32(head[16:], SnapshotVersion)
	binary.BigEndian.PutUint64(head[20:], uint64(payload.Len()))
	bw.Write(head[:])
	bw.Write(payload.Bytes())
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("sim: writing the state: %w", err)
	}
	if _, err := w.Write(h.Sum(nil)); err != nil {
		return fmt.Errorf("sim: writing the state: %w", err)
	}
	return nil
}

// ErrSnapshot is wrapped by every error of a snapshot that cannot be read.
var ErrSnapshot = errors.New("not a usable clustersim state")

func snapshotErr(format string, a ...any) error {
	return fmt.Errorf("%w: %s", ErrSnapshot, fmt.Sprintf(format, a...))
}

// readSnapshot reads and checks a snapshot: its magic, version, length
// and checksum. It returns the decoder of its payload, positioned at the
// SnapshotInfo, and the info.
func readSnapshot(r io.Reader) (*gob.Decoder, SnapshotInfo, error) {
	var info SnapshotInfo
	payload, err := readChecked(r)
	if err != nil {
		return nil, info, err
	}
	dec := gob.NewDecoder(bytes.NewReader(payload))
	if err := dec.Decode(&info); err != nil {
		return nil, info, snapshotErr("its contents do not decode: %v", err)
	}
	return dec, info, nil
}

// readChecked reads a snapshot's header, payload and checksum, and returns
// the payload once the checksum matches. It reads no more than the file
// holds, whatever length its header announces.
func readChecked(r io.Reader) ([]byte, error) {
	var head [16 + 4 + 8]byte
	if n, err := io.ReadFull(r, head[:]); err != nil {
		if n >= len(snapshotMagic) && string(head[:16]) == snapshotMagic || n == 0 {
			return nil, snapshotErr("truncated: %d bytes, shorter than the header", n)
		}
		return nil, snapshotErr("it does not start as a state file does")
	}
	if string(head[:16]) != snapshotMagic {
		return nil, snapshotErr("it does not start as a state file does")
	}
	if v := binary.BigEndian.Uint32(head[16:]); v != SnapshotVersion {
		return nil, snapshotErr("format version %d; this build of clustersim reads version %d", v, SnapshotVersion)
	}
	n := binary.BigEndian.Uint64(head[20:])
	if n > maxSnapshotPayload {
		return nil, snapshotErr("its header announces %d bytes, more than a state can hold", n)
	}
	h := sha256.New()
	h.Write(head[:])
	want := int64(n) + sha256.Size
	body, err := io.ReadAll(io.LimitReader(r, want+1)) // grows with what is there, not with the header's claim
	if err != nil {
		return nil, snapshotErr("reading: %v", err)
	}
	switch {
	case int64(len(body)) < want:
		return nil, snapshotErr("truncated: %d of %d bytes after the header", len(body), want)
	case int64(len(body)) > want:
		return nil, snapshotErr("bytes follow its checksum")
	}
	h.Write(body[:n])
	if !bytes.Equal(h.Sum(nil), body[n:]) {
		return nil, snapshotErr("corrupted: its checksum does not match its contents")
	}
	return body[:n], nil
}

// ReadSnapshotInfo reads a snapshot and returns what it describes, to find
// its scenario before restoring it.
func ReadSnapshotInfo(r io.Reader) (SnapshotInfo, error) {
	_, info, err := readSnapshot(r)
	return info, err
}

// Restore reads a snapshot made from cfg and returns an engine that
// continues from it. A snapshot of another scenario (another Fingerprint)
// is refused. Of opt, only Progress and Context are used: the seed, run,
// scale and firm snapshots are the snapshot's.
func Restore(r io.Reader, cfg *Config, opt Options) (*Engine, error) {
	dec, info, err := openSnapshot(r, cfg, cfg, "this scenario")
	if err != nil {
		return nil, err
	}
	w, opt, err := resume(dec, info, cfg, opt)
	if err != nil {
		return nil, err
	}
	return newEngine(w, opt), nil
}

// openSnapshot reads a snapshot's header and checks it: that run, the
// config it will continue under, can run, and that the snapshot was saved
// from saved (its Fingerprint), which the refusal calls role.
func openSnapshot(r io.Reader, saved, run *Config, role string) (*gob.Decoder, SnapshotInfo, error) {
	dec, info, err := readSnapshot(r)
	if err != nil {
		return nil, info, err
	}
	if err := checkConfig(run); err != nil {
		return nil, info, err
	}
	fp, err := Fingerprint(saved)
	if err != nil {
		return nil, info, err
	}
	if fp != info.ConfigHash {
		return nil, info, fmt.Errorf("%w: it was saved from scenario %q as it was then (fingerprint %x…), not from %s %q (%x…)",
			ErrSnapshot, info.Scenario, info.ConfigHash[:6], role, saved.Name, fp[:6])
	}
	return dec, info, nil
}

// resume decodes the body of a snapshot whose header was read and checked
// against cfg, and rebuilds its world under cfg with the snapshot's seed,
// run, scale and firm snapshots (returned in opt).
func resume(dec *gob.Decoder, info SnapshotInfo, cfg *Config, opt Options) (*world, Options, error) {
	if info.Month < cfg.Start || info.Month > cfg.End+1 {
		return nil, opt, snapshotErr("its month %s is outside the scenario's %s–%s", info.Month, cfg.Start, cfg.End)
	}
	var body snapshotBody
	if err := dec.Decode(&body); err != nil {
		return nil, opt, snapshotErr("its contents do not decode: %v", err)
	}
	opt.Seed, opt.Run, opt.Scale, opt.NoFirmSnapshots = info.Seed, info.Run, info.Scale, info.NoFirmSnapshots
	w, err := restoreWorld(cfg, opt, &body.State, &body.Record)
	return w, opt, err
}

// restoreWorld rebuilds a world around a saved State.
func restoreWorld(cfg *Config, opt Options, st *State, rs *RecordState) (*world, error) {
	if opt.Scale <= 0 || opt.Scale > 1 {
		return nil, snapshotErr("its scale %g is outside (0, 1]", opt.Scale)
	}
	w := &world{cfg: cfg, p: &cfg.Params, scale: opt.Scale, keys: newDrawKeys(opt.Seed, opt.Run)}
	w.State = *st
	if err := w.checkRestored(); err != nil {
		return nil, snapshotErr("%v", err)
	}
	w.derive()
	w.keys.setMonth(w.Month)
	w.rec.RecordState = *rs
	w.rec.index = map[string]int{}
	for i, n := range w.rec.Names {
		w.rec.index[n] = i
	}
	w.slot = make([]int32, w.NextFirmID)
	for i := range w.slot {
		w.slot[i] = -1
	}
	for i := range w.Firms {
		if f := &w.Firms[i]; f.Alive {
			w.slot[f.ID] = int32(i)
		} else {
			w.closed++
		}
	}
	return w, nil
}

// checkRestored checks that a restored State fits its scenario, so that a
// snapshot that decodes but does not belong (or was forged) cannot crash
// the engine.
func (w *world) checkRestored() error {
	np := 0
	for _, r := range w.cfg.Ladder {
		np += r.Products
	}
	switch {
	case len(w.Products) != np:
		return fmt.Errorf("it has %d products, the scenario %d", len(w.Products), np)
	case len(w.Estates) != len(w.cfg.Estates):
		return fmt.Errorf("it has %d estates, the scenario %d", len(w.Estates), len(w.cfg.Estates))
	case len(w.VillProd) != len(w.Villages)*np:
		return fmt.Errorf("its village counts do not match its villages and products")
	case len(w.Townships) != w.scaledCount(w.p.Villages.Townships):
		return fmt.Errorf("it has %d townships, the scenario %d", len(w.Townships), w.scaledCount(w.p.Villages.Townships))
	}
	for _, s := range [][]float64{w.Market.Volume, w.Market.Export, w.Market.Share, w.Market.ExportShare, w.Market.Price, w.Market.ExportPrice} {
		if len(s) != np {
			return fmt.Errorf("its markets do not match its products")
		}
	}
	if len(w.Market.Producers) != np || len(w.Market.Experience) != np {
		return fmt.Errorf("its markets do not match its products")
	}
	for i := range w.Firms {
		f := &w.Firms[i]
		if f.ID < 0 || f.ID >= w.NextFirmID || int(f.Product) >= np || f.Product < 0 || int(f.Village) >= len(w.Villages) ||
			f.Village < 0 || int(f.Owner) >= len(w.Households) || int(f.Estate) >= len(w.Estates) ||
			f.Design < 0 || f.Design >= w.NextDesign || int(f.BuyerProduct) >= np || f.BuyerProduct < 0 ||
			(i > 0 && f.ID <= w.Firms[i-1].ID) {
			return fmt.Errorf("firm %d does not fit the scenario", i)
		}
	}
	for i := range w.Households {
		h := &w.Households[i]
		if int(h.Village) >= len(w.Villages) || h.Village < 0 || int(h.Known) >= np {
			return fmt.Errorf("household %d does not fit the scenario", i)
		}
	}
	for i := range w.Villages {
		v := &w.Villages[i]
		for _, h := range v.Households {
			if h < 0 || int(h) >= len(w.Households) {
				return fmt.Errorf("village %d lists a household it does not have", i)
			}
		}
		if v.Township < 0 || int(v.Township) >= len(w.Townships) || v.Stance > agents.Encourage {
			return fmt.Errorf("village %d does not fit the scenario", i)
		}
		for _, t := range v.Ties {
			if t < -1 || int(t) >= len(w.Villages) {
				return fmt.Errorf("village %d has a tie to a village it does not have", i)
			}
		}
	}
	for _, p := range w.Hot {
		if p < 0 || p >= np {
			return fmt.Errorf("its list of hot products names a product it does not have")
		}
	}
	return nil
}
