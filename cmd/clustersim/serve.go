package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"clustersim/classroom"
)

// serveOptions are the settings of `clustersim serve`.
type serveOptions struct {
	Addr        string
	Base        string
	Checkpoints string
	Prewarm     bool
	classroom.Options
}

// newServeCmd returns `clustersim serve`: package classroom is the page and
// its API; this command parses the flags, listens and stops on a signal.
func newServeCmd() *cobra.Command {
	o := serveOptions{Addr: "127.0.0.1:8080", Base: "yongkang", Checkpoints: "1992,1996,2007", Prewarm: true, Options: classroom.DefaultOptions()}
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the classroom page: counterfactuals with levers, beside the baseline and the article",
		Long: `Serve starts the classroom page (embedded in the binary; it works offline)
and its API on --addr, localhost by default. It first simulates the baseline
(--runs runs at --scale; the page says when it is ready) and keeps each run's
state at the start of the --checkpoints years, then (--prewarm) the library's
counterfactuals while no request waits; a lever change is then
answered with --runs runs of the counterfactual on the same seeds, continued
from the latest checkpoint before the levers change anything, and paired with
the baseline run by run.

  GET  /               the page
  GET  /api/scenarios  the library and each scenario's levers
  POST /api/run        {"scenario": NAME, "levers": {...}}: series, differences, fit
                       (?stream=1: lines of JSON, progress first)
  GET  /api/status     whether the baseline is ready

A bad lever gets 400 naming it, a body over 64 KiB 413, a run over
--run-timeout is cancelled (503), more than --max-waiting requests waiting
get 429. Answers are kept by the resolved scenario's hash (--cache answers).
Stop it with Ctrl-C.`,
		Example: `  clustersim serve                       # then open http://127.0.0.1:8080/
  clustersim serve --runs 8 --scale 0.5  # quicker answers on a slow machine`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cmd.SilenceUsage = true
			return serve(cmd.Context(), o, cmd.ErrOrStderr())
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.Addr, "addr", o.Addr, "address to listen on (host:port); a host other than localhost is warned about")
	f.StringVar(&o.Base, "base", o.Base, "the baseline scenario (built-in name); its built-in counterfactuals are the library")
	f.IntVar(&o.Runs, "runs", o.Runs, "runs of every answer (at least 2)")
	f.Uint64Var(&o.Seed, "seed", o.Seed, "master seed shared by every scenario")
	f.Float64Var(&o.Scale, "scale", o.Scale, "share of the county simulated, in (0, 1]")
	f.IntVar(&o.Workers, "workers", 0, "runs simulated at once (0: every core)")
	f.StringVar(&o.Checkpoints, "checkpoints", o.Checkpoints, "years whose start state the baseline keeps, comma-separated (each costs 10–25 MB per run at full scale)")
	f.DurationVar(&o.RunTimeout, "run-timeout", o.RunTimeout, "cancel an answer's runs after this long")
	f.IntVar(&o.MaxWaiting, "max-waiting", o.MaxWaiting, "requests that may wait while one runs; more get 429")
	f.IntVar(&o.CacheSize, "cache", o.CacheSize, "answers kept in memory")
	f.BoolVar(&o.Prewarm, "prewarm", o.Prewarm, "after the baseline, compute the library's counterfactuals while no request waits, so choosing one is answered from the cache")
	return cmd
}

// serve listens on o.Addr until ctx ends.
func serve(ctx context.Context, o serveOptions, stderr io.Writer) error {
	years, err := parseYears(o.Checkpoints)
	if err != nil {
		return usageError{fmt.Errorf("--checkpoints: %w", err)}
	}
	o.Options.Checkpoints = years
	if o.Runs < 2 {
		return usageError{fmt.Errorf("--runs %d: a paired interval needs at least 2", o.Runs)}
	}
	if !(o.Scale > 0 && o.Scale <= 1) {
		return usageError{fmt.Errorf("--scale %g is not in (0, 1]", o.Scale)}
	}
	if o.RunTimeout <= 0 || o.MaxWaiting < 0 || o.CacheSize < 1 {
		return usageError{errors.New("--run-timeout must be positive, --max-waiting at least 0 and --cache at least 1")}
	}
	host, _, err := net.SplitHostPort(o.Addr)
	if err != nil {
		return usageError{fmt.Errorf("--addr %q: %w", o.Addr, err)}
	}
	if !loopback(host) {
		fmt.Fprintf(stderr, "clustersim: warning: serving on %s, which other machines may reach; the page has no login (use 127.0.0.1 to keep it to this machine)\n", o.Addr)
	}
	o.Logf = func(format string, args ...any) { fmt.Fprintf(stderr, "clustersim serve: "+format+"\n", args...) }
	srv, err := classroom.New(o.Base, o.Options)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", o.Addr)
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "clustersim serve: the page is at http://%s/ (simulating the baseline first: %d runs at scale %g)\n", ln.Addr(), o.Runs, o.Scale)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		if err := srv.Warm(ctx); err != nil {
			if ctx.Err() == nil {
				fmt.Fprintf(stderr, "clustersim serve: the baseline failed: %v\n", err)
			}
			return
		}
		if o.Prewarm {
			srv.Prewarm(ctx)
		}
	}()
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		shut, done := context.WithTimeout(context.Background(), 5*time.Second)
		defer done()
		_ = hs.Shutdown(shut)
		fmt.Fprintln(stderr, "clustersim serve: stopped")
		return nil
	}
}

// loopback reports whether host names this machine only.
func loopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// parseYears reads a comma-separated list of years.
func parseYears(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		y, err := strconv.Atoi(f)
		if err != nil || y < 1900 || y > 2100 {
			return nil, fmt.Errorf("%q is not a year", f)
		}
		out = append(out, y)
	}
	return out, nil
}
