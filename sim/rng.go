package sim

import (
	"hash/fnv"
	"math/rand/v2"
)

// Stream returns the random stream for one purpose of one run. Streams are
// derived from (seed, run, purpose) only, so the numbers of one purpose do
// not depend on how many draws another purpose made, and runs of an
// ensemble are independent of the order or the worker they run on. (A draw
// of one purpose may still change what is drawn later from another through
// the state: a collective founded in the governments sub-step draws its
// product, size and quality from the firms stream.)
func Stream(seed uint64, run int, purpose string) *rand.Rand {
	h := fnv.New64a()
	h.Write([]byte(purpose))
	a := splitmix(seed ^ splitmix(uint64(run)+0x9e3779b97f4a7c15))
	b := splitmix(a ^ h.Sum64())
	return rand.New(rand.NewPCG(a, b))
}

// splitmix is the SplitMix64 finaliser, used to spread seeds.
func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}
