package main

import (
	"context"
	"strings"
	"testing"
	"time"
)

// TestServeRefuses: bad settings of serve are usage errors, named.
func TestServeRefuses(t *testing.T) {
	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"one run", []string{"serve", "--runs", "1"}, "--runs 1: a paired interval needs at least 2"},
		{"scale", []string{"serve", "--scale", "2"}, "--scale 2 is not in (0, 1]"},
		{"checkpoints", []string{"serve", "--checkpoints", "1992,soon"}, `--checkpoints: "soon" is not a year`},
		{"address", []string{"serve", "--addr", "8080"}, `--addr "8080"`},
		{"timeout", []string{"serve", "--run-timeout", "0s"}, "--run-timeout must be positive"},
		{"an argument", []string{"serve", "now"}, "unknown command"},
	} {
		code, _, stderr := run(context.Background(), c.args...)
		if code != exitUsage || !strings.Contains(stderr, c.want) {
			t.Errorf("%s: exit %d, stderr %q; want %d and %q", c.name, code, stderr, exitUsage, c.want)
		}
	}
}

// TestServeWarnsAndStops: serving on every interface warns; the server
// stops cleanly (exit 0) when its context ends.
func TestServeWarnsAndStops(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	code, _, stderr := run(ctx, "serve", "--addr", ":0", "--runs", "2", "--scale", "0.01", "--prewarm=false")
	if code != exitOK || !strings.Contains(stderr, "warning: serving on :0, which other machines may reach") || !strings.Contains(stderr, "stopped") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if !loopback("127.0.0.1") || !loopback("localhost") || !loopback("::1") || loopback("0.0.0.0") || loopback("") {
		t.Error("loopback misreads an address")
	}
}
