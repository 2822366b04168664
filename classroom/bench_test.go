package classroom

import (
	"net/http/httptest"
	"sync"
	"testing"
)

// The page's speed: the time from a lever change to the answer, with the
// server's defaults (20 runs at full scale) and the baseline warm (it is
// simulated once, before the timer starts, as `clustersim serve` does when
// it starts). Cold: the answer is not in the cache, so its runs are
// simulated; cached: the same request again.
//
//	go test ./classroom -run XXX -bench LeverChange -benchtime 3x
var bench struct {
	once sync.Once
	srv  *Server
	ts   *httptest.Server
}

func benchServer(b *testing.B) (*Server, string) {
	bench.once.Do(func() {
		s, err := New("yongkang", DefaultOptions())
		if err != nil {
			b.Fatal(err)
		}
		if err := s.Warm(b.Context()); err != nil {
			b.Fatal(err)
		}
		bench.srv, bench.ts = s, httptest.NewServer(s)
	})
	return bench.srv, bench.ts.URL
}

func benchLever(b *testing.B, body string, cached bool) {
	s, url := benchServer(b)
	if cached {
		post(b, url+"/api/run", body)
	}
	b.ResetTimer()
	for range b.N {
		if !cached {
			b.StopTimer()
			s.cache = newLRU(s.opt.CacheSize)
			b.StartTimer()
		}
		resp, out := post(b, url+"/api/run", body)
		if resp.StatusCode != 200 {
			b.Fatalf("status %d: %s", resp.StatusCode, out)
		}
	}
}

// A lever that acts in 2008 (no crisis): the runs continue the baseline's
// state of 2007.
func BenchmarkLeverChangeColdLate(b *testing.B) {
	benchLever(b, `{"scenario": "yongkang", "levers": {"crisis": false}}`, false)
}

// A lever that acts in 1996 (the specialist market never built): from the
// state of 1996.
func BenchmarkLeverChangeColdMid(b *testing.B) {
	benchLever(b, `{"scenario": "yongkang", "levers": {"specialist_market_year": 0}}`, false)
}

// A lever that acts from 1978 (repression): every run from the start.
func BenchmarkLeverChangeColdEarly(b *testing.B) {
	benchLever(b, `{"scenario": "yongkang", "levers": {"repression": 0.05}}`, false)
}

func BenchmarkLeverChangeCached(b *testing.B) {
	benchLever(b, `{"scenario": "yongkang", "levers": {"repression": 0.05}}`, true)
}
