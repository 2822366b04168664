package classroom

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestLoad: 50 concurrent requests on loopback, each a different lever
// setting (so none shares another's computation or the cache), are each
// answered within their time limit, with a result or a clean refusal
// (429 or 503 with a JSON message); the server answers afterwards and its
// peak memory is reported.
func TestLoad(t *testing.T) {
	opt := testOptions()
	opt.Scale = 0.01
	opt.MaxWaiting = 8
	opt.RunTimeout = 30 * time.Second
	_, ts := newTestServer(t, opt)
	client := &http.Client{Timeout: 60 * time.Second}
	const n = 50
	codes := make([]int, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	stop := make(chan struct{})
	var peak uint64
	go func() { // sample the heap while the requests run
		var m runtime.MemStats
		for {
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
				runtime.ReadMemStats(&m)
				peak = max(peak, m.HeapInuse)
			}
		}
	}()
	start := time.Now()
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			body := fmt.Sprintf(`{"scenario": "yongkang", "levers": {"land_quota": %d}}`, 100000+10000*i)
			resp, err := client.Post(ts.URL+"/api/run", "application/json", strings.NewReader(body))
			if err != nil {
				errs[i] = err
				return
			}
			defer resp.Body.Close()
			codes[i] = resp.StatusCode
			var v map[string]any
			if err := json.NewDecoder(resp.Body).Decode(&v); err != nil {
				errs[i] = fmt.Errorf("status %d: the body is not JSON: %v", resp.StatusCode, err)
				return
			}
			if resp.StatusCode != 200 && v["error"] == nil {
				errs[i] = fmt.Errorf("status %d without an error message", resp.StatusCode)
			}
		}()
	}
	wg.Wait()
	close(stop)
	elapsed := time.Since(start)
	count := map[int]int{}
	for i := range n {
		if errs[i] != nil {
			t.Errorf("request %d: %v", i, errs[i])
			continue
		}
		switch codes[i] {
		case 200, http.StatusTooManyRequests, http.StatusServiceUnavailable:
			count[codes[i]]++
		default:
			t.Errorf("request %d: status %d", i, codes[i])
		}
	}
	if count[200] == 0 {
		t.Error("no request was answered")
	}
	if count[http.StatusTooManyRequests] == 0 {
		t.Errorf("50 requests against a limit of %d waiting: none was refused", opt.MaxWaiting)
	}
	resp, err := client.Get(ts.URL + "/api/status")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("the server after the load: %v %v", resp, err)
	}
	resp.Body.Close()
	t.Logf("%d requests in %.1f s: %d answered, %d refused with 429, %d with 503; peak heap in use %.0f MB, maximum resident set %s",
		n, elapsed.Seconds(), count[200], count[http.StatusTooManyRequests], count[http.StatusServiceUnavailable], float64(peak)/1e6, maxRSS())
}

// maxRSS is the process's peak resident set size, where /proc tells it.
func maxRSS() string {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "unknown"
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			return strings.TrimSpace(v)
		}
	}
	return "unknown"
}
