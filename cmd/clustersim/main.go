// Command clustersim runs the Yongkang cluster model and writes its
// results.
//
//	clustersim run [SCENARIO] [--seed N] [--out DIR] [--scale F] [--runs N] [--force] [-o json]
//	clustersim scenarios list [-o json]
//	clustersim scenarios show NAME
//	clustersim scenarios validate FILE...
//	clustersim calibrate [--spec FILE] [--budget N] [--resume] [--out DIR]
//	clustersim version [-o json]
//
// Every command takes -q (print nothing on success) and -v (log to stderr).
// Exit status: 0 success, 1 runtime error, 2 usage or bad input (including
// an invalid scenario file), 130 interrupted.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"clustersim/scenarios"
)

// Exit codes.
const (
	exitOK          = 0
	exitFailure     = 1
	exitUsage       = 2
	exitInterrupted = 130
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		<-ctx.Done()
		stop() // a second signal kills at once
	}()
	code := execute(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// usageError marks an error of a command's arguments found by the command
// itself rather than by cobra; it exits with exitUsage.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// execute runs the command line args and returns the exit code: exitUsage
// for errors found before a command started (cobra's: unknown commands and
// flags, bad flag values, wrong numbers of arguments), for usageError and
// for bad input (a scenario the loader rejects), exitInterrupted for a run
// stopped by SIGINT or SIGTERM, exitFailure for any other error of a
// command, and for a panic.
func execute(ctx context.Context, args []string, stdout, stderr io.Writer) (code int) {
	defer func() { // a bug anywhere is an error, not a crash (the engine's are caught nearer, see ensemble.SafeRun)
		if v := recover(); v != nil {
			printError(stderr, fmt.Errorf("internal error (a bug: please report it): %v", v))
			code = exitFailure
		}
	}()
	root := newRootCmd(stdout, stderr)
	started := false
	// Cobra calls this after parsing flags and checking arguments, just
	// before it checks the flag groups (-q with -v), which are checked here
	// first, and runs the command's RunE. -q sends the command's stdout to
	// nowhere. (A subcommand that sets its own PersistentPreRun must do the
	// same.)
	root.PersistentPreRunE = func(cmd *cobra.Command, _ []string) error {
		if err := cmd.ValidateFlagGroups(); err != nil {
			return err
		}
		if quiet(cmd) {
			cmd.SetOut(io.Discard)
		}
		started = true
		return nil
	}
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	var usage usageError
	switch {
	case err == nil:
		return exitOK
	case !started || errors.As(err, &usage):
		printError(stderr, err)
		fmt.Fprintln(stderr, "Run 'clustersim --help' for usage.")
		return exitUsage
	case errors.As(err, new(*scenarios.Error)):
		printError(stderr, err)
		return exitUsage
	case errors.Is(err, errInterrupted) || errors.Is(err, context.Canceled):
		printError(stderr, err)
		return exitInterrupted
	default:
		printError(stderr, err)
		return exitFailure
	}
}

// printError writes err as "clustersim: <error>", each line of a joined
// error on a line of its own.
func printError(w io.Writer, err error) {
	for line := range strings.Lines(err.Error()) {
		fmt.Fprintf(w, "clustersim: %s\n", strings.TrimSuffix(line, "\n"))
	}
}
