// Package rng gives clustersim its keyed random numbers. Every draw is a
// pure function of a Key and of the draw's index under that key; a Key is
// derived from the run (seed and run index) and from what the draw is for:
// the purpose (the submodel), the agent or place, and the month. Nothing
// of a generator's state lives between draws of different keys, so a
// snapshot of a run holds no generator, a counterfactual draws the same
// numbers as the baseline for every agent-month whose decisions it has not
// changed, and runs pair agent by agent.
//
// The generator is SplitMix64 (Steele, Lea and Flood 2014, "Fast
// splittable pseudorandom number generators", OOPSLA) used as a
// counter-based generator: draw i of key k is the SplitMix64 finaliser of
// k + i·γ, with γ the golden-ratio increment. Keys are chained through the
// same finaliser (a strong 64-bit mixer: every input bit affects every
// output bit with probability close to 1/2). SplitMix64's sequence passes
// TestU01's BigCrush; see docs/ODD.md ("Stochasticity") for how this use
// was tested (rng_test.go: uniformity, and independence across adjacent
// keys and indices).
package rng

import "math/rand/v2"

// Key identifies a sequence of draws.
type Key uint64

// golden is SplitMix64's increment, 2^64/φ.
const golden = 0x9e3779b97f4a7c15

// mix is the SplitMix64 finaliser.
func mix(x uint64) uint64 {
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// RunKey is the key of one run of an ensemble: the master seed and the
// run index.
func RunKey(seed uint64, run int) Key {
	return Key(mix(mix(seed+golden) ^ mix(uint64(run)^0x5851f42d4c957f2d)))
}

// With derives the key of a part of k: a purpose, an agent, a place, a
// month or an index. k.With(a).With(b) differs from k.With(b).With(a).
func (k Key) With(x uint64) Key {
	return Key(mix(uint64(k) ^ mix(x+golden)))
}

// ID is the identity of an agent or a place as the draws know it: a
// well-mixed 64-bit value, derived from what created the agent (see
// NewID and ID.Child), never from a counter of the run.
type ID uint64

// NewID is the identity of the i-th agent of a kind that exists from the
// start (the households and collectives of 1978, the villages).
func NewID(kind Purpose, i int) ID { return ID(mix(uint64(kind) ^ mix(uint64(i)+golden))) }

// Child is the identity of an agent created by id in a month, the n-th it
// creates of a kind that month (a household's workshop, a kin household).
func (id ID) Child(kind Purpose, month, n int) ID {
	return ID(mix(mix(uint64(id)^uint64(kind)) ^ mix(uint64(month)<<20^uint64(n)+golden)))
}

// Of derives the key of an agent or place under k: one round of the mixer,
// since an ID is already mixed.
func (k Key) Of(id ID) Key { return Key(mix(uint64(k) ^ uint64(id))) }

// Purpose names what draws are for (a submodel). Its value is a hash of
// the name, so that adding a purpose changes no other purpose's draws.
type Purpose uint64

// NewPurpose returns the purpose of a name (FNV-1a of the name, mixed).
func NewPurpose(name string) Purpose {
	h := uint64(14695981039346656037)
	for i := 0; i < len(name); i++ {
		h ^= uint64(name[i])
		h *= 1099511628211
	}
	return Purpose(mix(h))
}

// For derives the key of a purpose under k.
func (k Key) For(p Purpose) Key { return k.With(uint64(p)) }

// Stream is a counter-based source of draws: its i-th Uint64 since the
// last Reset is a pure function of the key and i.
type Stream struct {
	key, n uint64
}

// Reset starts the draws of key k.
func (s *Stream) Reset(k Key) { s.key, s.n = uint64(k), 0 }

// Uint64 returns the next draw. It implements rand.Source.
func (s *Stream) Uint64() uint64 {
	s.n++
	return mix(s.key + s.n*golden)
}

// Draws is a Stream with the methods of math/rand/v2's Rand (Float64,
// NormFloat64, IntN...), which hold no state of their own. Reset it to a
// key before the draws of a decision.
type Draws struct {
	src Stream
	*rand.Rand
}

// Float64 returns a uniform draw in [0, 1), as rand.Rand's Float64 does,
// without its indirect call.
func (d *Draws) Float64() float64 { return float64(d.src.Uint64()<<11>>11) / (1 << 53) }

// NewDraws returns Draws ready to Reset.
func NewDraws() *Draws {
	d := &Draws{}
	d.Rand = rand.New(&d.src)
	return d
}

// Reset starts the draws of key k and returns d.
func (d *Draws) Reset(k Key) *Draws {
	d.src.Reset(k)
	return d
}
