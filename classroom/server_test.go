package classroom

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"clustersim/compare"
	"clustersim/scenarios"
	"clustersim/sim"
)

// testOptions are small runs, so the tests are quick.
func testOptions() Options {
	o := DefaultOptions()
	o.Runs, o.Scale = 2, 0.02
	o.Checkpoints = []int{1992, 1996, 2007}
	return o
}

// newTestServer starts a server with its baseline warm.
func newTestServer(t testing.TB, opt Options) (*Server, *httptest.Server) {
	t.Helper()
	s, err := New("yongkang", opt)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Warm(context.Background()); err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return s, ts
}

func post(t testing.TB, url, body string) (*http.Response, []byte) {
	t.Helper()
	resp, err := http.Post(url, "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, b
}

// TestScenariosList: the library is the baseline and its counterfactuals,
// each with its lesson and levers.
func TestScenariosList(t *testing.T) {
	_, ts := newTestServer(t, testOptions())
	resp, err := http.Get(ts.URL + "/api/scenarios")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct {
		Base      string
		Scenarios []ScenarioInfo
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatal(err)
	}
	want := 0
	for _, n := range scenarios.List() {
		if s, _ := scenarios.Resolve(n); s != nil && (s.Base == "yongkang" || n == "yongkang") {
			want++
		}
	}
	if len(out.Scenarios) != want || out.Scenarios[0].Name != "yongkang" {
		t.Fatalf("%d scenarios (first %q), want %d with yongkang first", len(out.Scenarios), out.Scenarios[0].Name, want)
	}
	for _, s := range out.Scenarios[1:] {
		if s.Question == "" || s.Passage == "" || len(s.LookAt) == 0 || len(s.Levers) != len(levers) {
			t.Errorf("%s: question %q, passage %q, %d look_at, %d levers", s.Name, s.Question, s.Passage, len(s.LookAt), len(s.Levers))
		}
	}
	for _, l := range out.Scenarios[0].Levers {
		if l.Explain == "" || l.Passage == "" {
			t.Errorf("lever %s has no explanation or passage", l.Name)
		}
	}
}

// TestRunMatchesCompare: the page's answer for a lever change is the
// comparison `clustersim compare` makes on the same seeds, though it
// continues the baseline's state of 2007; the same request is then
// answered from the cache with the same body.
func TestRunMatchesCompare(t *testing.T) {
	opt := testOptions()
	_, ts := newTestServer(t, opt)
	resp, body := post(t, ts.URL+"/api/run", `{"scenario": "yongkang", "levers": {"crisis": false}}`)
	if resp.StatusCode != 200 || resp.Header.Get("X-Cache") != "miss" {
		t.Fatalf("status %d, X-Cache %q: %s", resp.StatusCode, resp.Header.Get("X-Cache"), body)
	}
	var r Result
	if err := json.Unmarshal(body, &r); err != nil {
		t.Fatal(err)
	}
	if r.BranchedFrom != 2007 || r.FirstChange == nil || r.FirstChange.Month != "2008-01" {
		t.Errorf("branched from %d, first change %+v; want 2007 and 2008-01", r.BranchedFrom, r.FirstChange)
	}
	base, cf := baseConfig(t), baseConfig(t)
	noCrisis, err := Apply(cf, raw(map[string]any{"crisis": false}))
	if err != nil {
		t.Fatal(err)
	}
	c, err := compare.Run(context.Background(), base, []*sim.Config{noCrisis}, compare.Options{Runs: opt.Runs, Seed: opt.Seed, Scale: opt.Scale})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Differences) < len(compare.StandardHeadlines) {
		t.Fatalf("%d difference rows, want at least %d", len(r.Differences), len(compare.StandardHeadlines))
	}
	moved := false
	for _, d := range r.Differences {
		row, ok := c.Differences[0].Lookup(d.Series, d.Year)
		if !ok {
			t.Errorf("%s %d: not in the comparison", d.Series, d.Year)
			continue
		}
		if !same(float64(d.DiffP50), row.DiffP50) || !same(float64(d.CFP50), row.CFP50) || !same(float64(d.BaseP50), row.BaseP50) {
			t.Errorf("%s %d: page %v/%v/%v, compare %v/%v/%v", d.Series, d.Year, d.BaseP50, d.CFP50, d.DiffP50, row.BaseP50, row.CFP50, row.DiffP50)
		}
		moved = moved || d.DiffP50 != 0
	}
	if moved {
		t.Error("a headline row (all before 2008) moved without the crisis of 2008")
	}
	for _, sb := range r.Series {
		if sb.Name == "output_yuan" {
			i := slices.Index(r.Years, 2009)
			if i < 0 || !(sb.CF.P50[i] > sb.Base.P50[i]) {
				t.Errorf("output_yuan 2009: without the crisis %v, with it %v; want higher", sb.CF.P50[i], sb.Base.P50[i])
			}
		}
	}
	if len(r.Series) < 50 || len(r.Years) == 0 || len(r.Fit) == 0 || len(r.Article) == 0 {
		t.Errorf("%d series, %d years, %d fit rows, %d article points", len(r.Series), len(r.Years), len(r.Fit), len(r.Article))
	}
	again, body2 := post(t, ts.URL+"/api/run", `{"levers": {"crisis": 0}, "scenario": "yongkang"}`)
	if again.Header.Get("X-Cache") != "hit" || !bytes.Equal(body, body2) {
		t.Errorf("the same request again: X-Cache %q, same body %v", again.Header.Get("X-Cache"), bytes.Equal(body, body2))
	}
}

// same compares two numbers as the JSON carries them (8 significant
// digits).
func same(a, b float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return math.Abs(a-b) <= 1e-7*math.Max(1, math.Abs(b))
}

// TestRunRefuses: bad requests get a status and a JSON message naming the
// problem.
func TestRunRefuses(t *testing.T) {
	_, ts := newTestServer(t, testOptions())
	for _, tc := range []struct {
		name, body string
		status     int
		msg, field string
	}{
		{"unknown lever", `{"scenario": "yongkang", "levers": {"repressoin": 0.1}}`, 400, "unknown lever", "repressoin"},
		{"lever out of range", `{"scenario": "yongkang", "levers": {"land_quota": -5}}`, 400, "outside the range", "land_quota"},
		{"unknown scenario", `{"scenario": "no_such_thing"}`, 400, "unknown scenario", "scenario"},
		{"unknown field", `{"scenario": "yongkang", "lever": {}}`, 400, "unknown field", ""},
		{"not JSON", `scenario=yongkang`, 400, "not a run request", ""},
		{"two values", `{"scenario": "yongkang"} {}`, 400, "more than one JSON value", ""},
		{"too large", `{"scenario": "` + strings.Repeat("x", MaxBody) + `"}`, 413, "over 64 KiB", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := post(t, ts.URL+"/api/run", tc.body)
			var e apiError
			if err := json.Unmarshal(body, &e); err != nil {
				t.Fatalf("status %d, body %q: not a JSON error", resp.StatusCode, body)
			}
			if resp.StatusCode != tc.status || !strings.Contains(e.Error, tc.msg) || e.Field != tc.field {
				t.Errorf("status %d, %+v; want %d, %q, field %q", resp.StatusCode, e, tc.status, tc.msg, tc.field)
			}
		})
	}
	resp, err := http.Get(ts.URL + "/api/run")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET /api/run: status %d, want 405", resp.StatusCode)
	}
}

// TestRunStreams: ?stream=1 answers with lines of JSON, the last the
// result.
func TestRunStreams(t *testing.T) {
	_, ts := newTestServer(t, testOptions())
	resp, err := http.Post(ts.URL+"/api/run?stream=1", "application/json", strings.NewReader(`{"scenario": "no_specialist_market"}`))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var last map[string]json.RawMessage
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(nil, 1<<24)
	lines := 0
	for sc.Scan() {
		lines++
		last = nil
		if err := json.Unmarshal(sc.Bytes(), &last); err != nil {
			t.Fatalf("line %d is not JSON: %v", lines, err)
		}
	}
	var r Result
	if last == nil || json.Unmarshal(last["result"], &r) != nil || r.Scenario != "no_specialist_market" || r.BranchedFrom != 1996 {
		t.Fatalf("after %d lines the last has no result of no_specialist_market from 1996: %v", lines, last)
	}
}

// TestBusyAndTimeout: with the run slot taken, a second request beyond
// the waiting limit gets 429; a run over its time limit is cancelled with
// 503; the server answers afterwards.
func TestBusyAndTimeout(t *testing.T) {
	opt := testOptions()
	opt.MaxWaiting = 0
	opt.RunTimeout = 2 * time.Second
	s, ts := newTestServer(t, opt)
	s.slot <- struct{}{} // a run in progress
	first := make(chan int)
	go func() {
		resp, _ := post(t, ts.URL+"/api/run", `{"levers": {"repression": 0.05}}`)
		first <- resp.StatusCode
	}()
	deadline := time.Now().Add(time.Second)
	for s.waiting.Load() == 0 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	resp, body := post(t, ts.URL+"/api/run", `{"levers": {"repression": 0.06}}`)
	if resp.StatusCode != http.StatusTooManyRequests || !strings.Contains(string(body), "busy") {
		t.Errorf("second request: %d %s, want 429 busy", resp.StatusCode, body)
	}
	if code := <-first; code != http.StatusServiceUnavailable {
		t.Errorf("the request that waited past its time limit: %d, want 503", code)
	}
	<-s.slot
	resp, body = post(t, ts.URL+"/api/run", `{"levers": {"repression": 0.06}}`)
	if resp.StatusCode != 200 {
		t.Errorf("after the slot is free: %d %s", resp.StatusCode, body)
	}
}

// TestPrewarm: after Prewarm every counterfactual of the library is
// answered from the cache.
func TestPrewarm(t *testing.T) {
	s, ts := newTestServer(t, testOptions())
	s.Prewarm(context.Background())
	for _, sc := range s.library[1:] {
		resp, body := post(t, ts.URL+"/api/run", `{"scenario": "`+sc.Name+`"}`)
		if resp.StatusCode != 200 || resp.Header.Get("X-Cache") != "hit" {
			t.Errorf("%s: status %d, X-Cache %q: %.200s", sc.Name, resp.StatusCode, resp.Header.Get("X-Cache"), body)
		}
	}
}

// TestRunCancelledAtItsLimit: runs still going at the time limit are
// cancelled (the engine stops between months) and answered with 503; the
// next request is served.
func TestRunCancelledAtItsLimit(t *testing.T) {
	opt := testOptions()
	opt.Scale = 0.1
	opt.RunTimeout = 30 * time.Millisecond
	s, err := New("yongkang", opt)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Warm(context.Background()); err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	defer ts.Close()
	start := time.Now()
	resp, body := post(t, ts.URL+"/api/run", `{"levers": {"repression": 0.07}}`)
	if resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(string(body), "were cancelled") {
		t.Errorf("status %d %s, want 503: the runs took longer than their limit", resp.StatusCode, body)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("the cancelled request took %s", d)
	}
	s.opt.RunTimeout = time.Minute
	if resp, body := post(t, ts.URL+"/api/run", `{"levers": {"repression": 0.07}}`); resp.StatusCode != 200 {
		t.Errorf("after the cancelled request: %d %.200s", resp.StatusCode, body)
	}
}
