package classroom

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"clustersim/compare"
	"clustersim/scenarios"
	"clustersim/seeds"
	"clustersim/sim"
	"clustersim/sim/ensemble"
)

// MaxBody is the largest request body the API reads; a larger one gets
// HTTP 413.
const MaxBody = 64 << 10

// Options are the server's settings.
type Options struct {
	Runs    int     // runs of every ensemble (the page's answers are paired over them)
	Seed    uint64  // the master seed every scenario shares
	Scale   float64 // share of the county simulated
	Workers int     // runs simulated at once (0: every core)
	// Checkpoints are the years at whose start the baseline's state is
	// kept, run by run, so that a request whose levers act from then on
	// continues it. Each costs memory: about 10–25 MB per run at full
	// scale.
	Checkpoints []int
	RunTimeout  time.Duration // a request's runs are cancelled after this
	MaxWaiting  int           // requests that may wait while one runs; more get 429
	CacheSize   int           // answers kept, by the resolved scenario's hash
	Logf        func(format string, args ...any)
}

// DefaultOptions are the settings of `clustersim serve`.
func DefaultOptions() Options {
	return Options{Runs: 20, Seed: 1, Scale: 1, Checkpoints: []int{1992, 1996, 2007},
		RunTimeout: 5 * time.Minute, MaxWaiting: 4, CacheSize: 64}
}

// Server is the classroom page and its API. Its zero value is not usable:
// make one with New and call Warm.
type Server struct {
	opt      Options
	base     *scenarios.Scenario
	library  []*scenarios.Scenario // the baseline first, then the counterfactuals of base
	targets  []seeds.Target
	baseline *warmBaseline
	slot     chan struct{} // one request runs at a time: it uses every core
	waiting  atomic.Int64

	mu       sync.Mutex
	cache    *lru
	inflight map[string]*call // lookup only; never iterated
	baseEns  *ensemble.Ensemble
	mux      *http.ServeMux
}

// warmBaseline is the baseline the server simulates when it starts; ready
// is closed when b or err is set.
type warmBaseline struct {
	cfg   *sim.Config
	ready chan struct{}
	b     *compare.Baseline
	err   error
	done  atomic.Int64 // runs finished
}

// call is a computation that identical requests share.
type call struct {
	done chan struct{}
	body []byte
	err  error
	prog atomic.Value // progress
}

type progress struct {
	Stage string `json:"stage"`
	Done  int    `json:"done"`
	Total int    `json:"total"`
}

// New makes the server of the baseline named base: the library is the
// built-in counterfactuals of that baseline.
func New(base string, opt Options) (*Server, error) {
	if opt.Runs < 2 {
		return nil, fmt.Errorf("classroom: %d runs: a paired interval needs at least 2", opt.Runs)
	}
	if !(opt.Scale > 0 && opt.Scale <= 1) {
		return nil, fmt.Errorf("classroom: scale %g is not in (0, 1]", opt.Scale)
	}
	if opt.Logf == nil {
		opt.Logf = func(string, ...any) {}
	}
	if opt.CacheSize < 1 {
		opt.CacheSize = 1
	}
	b, err := scenarios.Resolve(base)
	if err != nil {
		return nil, err
	}
	targets, err := seeds.Load()
	if err != nil {
		return nil, err
	}
	s := &Server{opt: opt, base: b, library: []*scenarios.Scenario{b}, targets: targets,
		slot: make(chan struct{}, 1), cache: newLRU(opt.CacheSize), inflight: map[string]*call{}}
	for _, name := range scenarios.List() {
		cf, err := scenarios.Resolve(name)
		if err != nil {
			return nil, err
		}
		if cf.Base == base {
			s.library = append(s.library, cf)
		}
	}
	s.baseline = &warmBaseline{cfg: &b.Config, ready: make(chan struct{})}
	web, _ := fs.Sub(webFiles, "web")
	s.mux = http.NewServeMux()
	files := http.FileServerFS(web)
	for _, p := range []string{"GET /{$}", "GET /app.js", "GET /style.css", "GET /vendor/"} {
		s.mux.Handle(p, files)
	}
	s.mux.HandleFunc("GET /api/scenarios", s.handleScenarios)
	s.mux.HandleFunc("GET /api/status", s.handleStatus)
	s.mux.HandleFunc("POST /api/run", s.handleRun)
	return s, nil
}

// Warm simulates the baseline (and keeps its checkpoints) until ctx ends;
// requests wait for it. Call it once, in its own goroutine.
func (s *Server) Warm(ctx context.Context) error {
	start := time.Now()
	wb := s.baseline
	defer close(wb.ready)
	wb.b, wb.err = compare.NewBaseline(ctx, wb.cfg, s.opt.Checkpoints, s.compareOptions(func(done, _ int) { wb.done.Store(int64(done)) }))
	if wb.err != nil {
		return wb.err
	}
	s.mu.Lock()
	s.baseEns = ensemble.New(wb.b.Runs)
	s.mu.Unlock()
	s.opt.Logf("baseline ready: %d runs at scale %g in %.1f s; %d checkpoints %v keep %.0f MB of saved states",
		s.opt.Runs, s.opt.Scale, time.Since(start).Seconds(), len(wb.b.Years), wb.b.Years, float64(wb.b.Bytes)/1e6)
	return nil
}

func (s *Server) compareOptions(progress func(done, total int)) compare.Options {
	return compare.Options{Runs: s.opt.Runs, Seed: s.opt.Seed, Scale: s.opt.Scale, Workers: s.opt.Workers, Progress: progress}
}

// Prewarm computes the answers of the library's counterfactuals (each as
// its file sets it) after the baseline, one at a time and only while no
// request waits, so that choosing one on the page is answered from the
// cache. A request that arrives meanwhile waits for at most the one being
// computed. It returns when all are done or ctx ends.
func (s *Server) Prewarm(ctx context.Context) {
	select {
	case <-s.baseline.ready:
	case <-ctx.Done():
		return
	}
	if s.baseline.err != nil {
		return
	}
	start := time.Now()
	for _, sc := range s.library[1:] {
		for s.waiting.Load() > 0 {
			select {
			case <-ctx.Done():
				return
			case <-time.After(200 * time.Millisecond):
			}
		}
		if ctx.Err() != nil {
			return
		}
		key, err := configHash(&sc.Config)
		if err != nil {
			continue
		}
		if _, ok := s.cache.get(key); ok {
			continue
		}
		c, started := s.join(key)
		if !started {
			<-c.done
			continue
		}
		s.waiting.Add(1)
		s.compute(key, c, sc, &sc.Config)
	}
	s.opt.Logf("library prewarmed: %d counterfactuals in %.0f s", len(s.library)-1, time.Since(start).Seconds())
}

// ServeHTTP serves the page and the API.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }

// ScenarioInfo is an entry of GET /api/scenarios.
type ScenarioInfo struct {
	Name        string             `json:"name"`
	Title       string             `json:"title"`
	Description string             `json:"description"`
	Question    string             `json:"question,omitempty"`
	Passage     string             `json:"passage,omitempty"`
	LookAt      []scenarios.LookAt `json:"look_at,omitempty"`
	Levers      []Lever            `json:"levers"`
}

func (s *Server) handleScenarios(w http.ResponseWriter, _ *http.Request) {
	out := struct {
		Base      string         `json:"base"`
		Runs      int            `json:"runs"`
		Scale     float64        `json:"scale"`
		Scenarios []ScenarioInfo `json:"scenarios"`
	}{Base: s.base.Name, Runs: s.opt.Runs, Scale: s.opt.Scale}
	for _, sc := range s.library {
		title := sc.Lesson.Title
		if title == "" {
			title = "The history the article tells"
		}
		out.Scenarios = append(out.Scenarios, ScenarioInfo{Name: sc.Name, Title: title, Description: sc.Config.Description,
			Question: sc.Lesson.Question, Passage: sc.Lesson.Passage, LookAt: sc.Lesson.LookAt, Levers: Levers(&sc.Config)})
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) handleStatus(w http.ResponseWriter, _ *http.Request) {
	ready := false
	select {
	case <-s.baseline.ready:
		ready = true
	default:
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"baseline_ready": ready, "baseline_runs_done": s.baseline.done.Load(), "runs": s.opt.Runs,
		"waiting": s.waiting.Load(), "cached": s.cache.len(),
	})
}

// RunRequest is the body of POST /api/run.
type RunRequest struct {
	Scenario string                     `json:"scenario"`
	Levers   map[string]json.RawMessage `json:"levers"`
}

// apiError is the body of every refusal.
type apiError struct {
	Error string `json:"error"`
	Field string `json:"field,omitempty"`
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func refuse(w http.ResponseWriter, status int, field, format string, args ...any) {
	writeJSON(w, status, apiError{Error: fmt.Sprintf(format, args...), Field: field})
}

// handleRun answers POST /api/run: with ?stream=1, as lines of JSON (one
// per progress report, then the result); otherwise as one JSON result.
func (s *Server) handleRun(w http.ResponseWriter, r *http.Request) {
	var req RunRequest
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, MaxBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			refuse(w, http.StatusRequestEntityTooLarge, "", "the request body is over %d KiB", MaxBody>>10)
			return
		}
		refuse(w, http.StatusBadRequest, "", "the request body is not a run request ({\"scenario\": NAME, \"levers\": {...}}): %v", err)
		return
	}
	if _, err := dec.Token(); err != io.EOF {
		refuse(w, http.StatusBadRequest, "", "the request body has more than one JSON value")
		return
	}
	sc := s.scenario(req.Scenario)
	if sc == nil {
		refuse(w, http.StatusBadRequest, "scenario", "unknown scenario %q (GET /api/scenarios lists them)", req.Scenario)
		return
	}
	cfg, err := Apply(&sc.Config, req.Levers)
	var le *LeverError
	if errors.As(err, &le) {
		refuse(w, http.StatusBadRequest, le.Lever, "%s", le.Error())
		return
	} else if err != nil {
		refuse(w, http.StatusBadRequest, "", "%v", err)
		return
	}
	if err := scenarios.ValidateConfig(cfg); err != nil {
		refuse(w, http.StatusBadRequest, "levers", "the levers make an invalid scenario: %v", err)
		return
	}
	key, err := configHash(cfg)
	if err != nil {
		refuse(w, http.StatusInternalServerError, "", "%v", err)
		return
	}
	stream := r.URL.Query().Get("stream") == "1"
	if body, ok := s.cache.get(key); ok {
		s.answer(w, stream, body, true)
		return
	}
	c, started := s.join(key)
	if started {
		if n := s.waiting.Add(1); n > int64(s.opt.MaxWaiting)+1 {
			s.waiting.Add(-1)
			s.leave(key, c, nil, errBusy)
			refuse(w, http.StatusTooManyRequests, "", "the server is busy: %d requests are running or waiting; try again when they are done", n-1)
			return
		}
		go s.compute(key, c, sc, cfg)
	}
	if stream {
		s.streamProgress(w, r.Context(), c)
		return
	}
	select {
	case <-c.done:
	case <-r.Context().Done():
		return
	}
	if c.err != nil {
		s.fail(w, c.err)
		return
	}
	s.answer(w, false, c.body, false)
}

var (
	errBusy     = errors.New("busy")
	errTimedOut = errors.New("over its time limit") // answered with 503
)

// join returns the computation of key: an existing one, or a new one
// (started) that the caller must run.
func (s *Server) join(key string) (*call, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c, ok := s.inflight[key]; ok {
		return c, false
	}
	c := &call{done: make(chan struct{})}
	s.inflight[key] = c
	return c, true
}

// leave ends a computation with its answer.
func (s *Server) leave(key string, c *call, body []byte, err error) {
	s.mu.Lock()
	delete(s.inflight, key)
	s.mu.Unlock()
	c.body, c.err = body, err
	close(c.done)
}

// compute runs a request's counterfactual (after the baseline, and after
// the request before it) and keeps its answer.
func (s *Server) compute(key string, c *call, sc *scenarios.Scenario, cfg *sim.Config) {
	defer s.waiting.Add(-1)
	ctx, cancel := context.WithTimeout(context.Background(), s.opt.RunTimeout)
	defer cancel()
	c.prog.Store(progress{Stage: "baseline", Done: int(s.baseline.done.Load()), Total: s.opt.Runs})
	select {
	case <-s.baseline.ready:
	case <-ctx.Done():
		s.leave(key, c, nil, fmt.Errorf("the baseline was not ready within %s: %w", s.opt.RunTimeout, errTimedOut))
		return
	}
	if s.baseline.err != nil {
		s.leave(key, c, nil, fmt.Errorf("the baseline failed: %w", s.baseline.err))
		return
	}
	c.prog.Store(progress{Stage: "queued", Total: s.opt.Runs})
	select {
	case s.slot <- struct{}{}:
	case <-ctx.Done():
		s.leave(key, c, nil, fmt.Errorf("waited %s for the runs before it and was cancelled: %w", s.opt.RunTimeout, errTimedOut))
		return
	}
	defer func() { <-s.slot }()
	c.prog.Store(progress{Stage: "runs", Total: s.opt.Runs})
	start := time.Now()
	ch, changed := sim.FirstChange(&s.base.Config, cfg)
	year := 0
	if changed {
		year = s.baseline.b.BranchYear(cfg)
	}
	runs, err := s.baseline.b.Counterfactual(ctx, cfg, func(done, total int) {
		c.prog.Store(progress{Stage: "runs", Done: done, Total: total})
	})
	if err != nil {
		if ctx.Err() != nil {
			err = fmt.Errorf("the runs took longer than %s and were cancelled: %w", s.opt.RunTimeout, errTimedOut)
		}
		s.leave(key, c, nil, err)
		return
	}
	s.mu.Lock()
	baseEns := s.baseEns
	s.mu.Unlock()
	d := compare.Pair(cfg.Name, s.baseline.b.Runs, runs)
	res := build(sc, &s.base.Config, cfg, key, baseEns, ensemble.New(runs), d, s.targets, &s.opt)
	res.BranchedFrom = year
	if changed {
		res.FirstChange = &Change{Month: ch.Month.String(), What: ch.What}
	}
	res.Seconds = time.Since(start).Seconds()
	body, err := json.Marshal(res)
	if err != nil {
		s.leave(key, c, nil, err)
		return
	}
	s.cache.put(key, body)
	s.opt.Logf("ran %s (%s…): %d runs from %d in %.1f s", sc.Name, key[:12], s.opt.Runs, year, res.Seconds)
	s.leave(key, c, body, nil)
}

// streamProgress writes a line of progress every 250 ms until the
// computation ends, then its result or error.
func (s *Server) streamProgress(w http.ResponseWriter, ctx context.Context, c *call) {
	w.Header().Set("Content-Type", "application/x-ndjson")
	w.Header().Set("X-Cache", "miss")
	w.WriteHeader(http.StatusOK)
	flush := func() {
		if f, ok := w.(http.Flusher); ok {
			f.Flush()
		}
	}
	enc := json.NewEncoder(w)
	tick := time.NewTicker(250 * time.Millisecond)
	defer tick.Stop()
	for {
		if p, ok := c.prog.Load().(progress); ok {
			_ = enc.Encode(map[string]progress{"progress": p})
			flush()
		}
		select {
		case <-c.done:
			if c.err != nil {
				_ = enc.Encode(apiError{Error: c.err.Error()})
			} else {
				_, _ = io.WriteString(w, `{"cached":false,"result":`)
				_, _ = w.Write(c.body)
				_, _ = io.WriteString(w, "}\n")
			}
			flush()
			return
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

func (s *Server) answer(w http.ResponseWriter, stream bool, body []byte, cached bool) {
	hit := "miss"
	if cached {
		hit = "hit"
	}
	w.Header().Set("X-Cache", hit)
	if stream {
		w.Header().Set("Content-Type", "application/x-ndjson")
		fmt.Fprintf(w, `{"cached":%t,"result":%s}`+"\n", cached, body)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(body)
}

// fail answers a computation's error: 429 when the server was too busy to
// start it, 503 when it passed its time limit, 500 otherwise (a bug).
func (s *Server) fail(w http.ResponseWriter, err error) {
	switch {
	case errors.Is(err, errBusy):
		refuse(w, http.StatusTooManyRequests, "", "the server is busy; try again when the runs before yours are done")
	case errors.Is(err, errTimedOut):
		refuse(w, http.StatusServiceUnavailable, "", "%v", err)
	default:
		refuse(w, http.StatusInternalServerError, "", "%v", err)
	}
}

func (s *Server) scenario(name string) *scenarios.Scenario {
	if name == "" {
		return s.base
	}
	for _, sc := range s.library {
		if sc.Name == name {
			return sc
		}
	}
	return nil
}

// configHash is the hex SHA-256 of a config's canonical form.
func configHash(cfg *sim.Config) (string, error) {
	b, err := scenarios.Canonical(cfg)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:]), nil
}
