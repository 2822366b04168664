package main

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"clustersim/scenarios"
)

// exitCodesHelp ends the root command's help; README.md says the same.
const exitCodesHelp = `Exit status:
  0    success
  1    runtime error (a simulation or a write failed)
  2    usage or bad input (an unknown command or flag, a bad flag value, an
       invalid scenario file, an existing output folder without --force)
  130  interrupted (Ctrl-C or SIGTERM); nothing is left half written`

// The flags every command has (see addGlobalFlags).
const (
	quietFlag   = "quiet"
	verboseFlag = "verbose"
)

// addGlobalFlags gives root, and so every command, -q and -v.
func addGlobalFlags(root *cobra.Command) {
	f := root.PersistentFlags()
	f.BoolP(quietFlag, "q", false, "print nothing on success, to stdout or stderr (errors still go to stderr)")
	f.BoolP(verboseFlag, "v", false, "log what is read, staged and written, with timings, to stderr")
	root.MarkFlagsMutuallyExclusive(quietFlag, verboseFlag)
}

// quiet reports whether -q was given to cmd.
func quiet(cmd *cobra.Command) bool {
	q, _ := cmd.Flags().GetBool(quietFlag)
	return q
}

// logger returns cmd's logger: text records on stderr with -v, nothing
// otherwise. It never writes to stdout.
func logger(cmd *cobra.Command) *slog.Logger {
	if v, _ := cmd.Flags().GetBool(verboseFlag); v {
		return slog.New(slog.NewTextHandler(cmd.ErrOrStderr(), &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	return slog.New(slog.DiscardHandler)
}

// outputFormat is the value of -o: text (for people) or json.
type outputFormat string

const (
	textOutput outputFormat = "text"
	jsonOutput outputFormat = "json"
)

func (f *outputFormat) String() string { return string(*f) }
func (f *outputFormat) Type() string   { return "format" }
func (f *outputFormat) Set(s string) error {
	switch outputFormat(s) {
	case textOutput, jsonOutput:
		*f = outputFormat(s)
		return nil
	}
	return fmt.Errorf("want %s or %s", textOutput, jsonOutput)
}

// addOutputFlag gives cmd -o/--output, as kubectl does.
func addOutputFlag(cmd *cobra.Command, f *outputFormat) {
	*f = textOutput
	cmd.Flags().VarP(f, "output", "o", "output format: text or json")
	cmd.RegisterFlagCompletionFunc("output", cobra.FixedCompletions([]string{string(textOutput), string(jsonOutput)}, cobra.ShellCompDirectiveNoFileComp))
}

// writeJSON writes v as indented JSON and a newline.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// completeScenarios completes a scenario argument: the built-in scenario
// names, then the .yaml files and the directories that start with
// toComplete.
func completeScenarios(toComplete string) ([]string, cobra.ShellCompDirective) {
	var out []string
	for _, name := range scenarios.List() {
		if strings.HasPrefix(name, toComplete) {
			out = append(out, name)
		}
	}
	directive := cobra.ShellCompDirectiveNoFileComp
	paths, _ := filepath.Glob(globEscape(toComplete) + "*")
	for _, p := range paths {
		fi, err := os.Stat(p)
		switch {
		case err != nil:
		case fi.IsDir():
			out = append(out, p+string(filepath.Separator))
			directive |= cobra.ShellCompDirectiveNoSpace // go on into it
		case strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml"):
			out = append(out, p)
		}
	}
	return out, directive
}

// globEscape escapes the metacharacters of filepath.Match in s.
func globEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`*?[\`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// scenarioArgs is a ValidArgsFunction completing every argument as a
// scenario (for validate FILE...) or, with one set, only the first.
func scenarioArgs(only bool) cobra.CompletionFunc {
	return func(_ *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		if only && len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return completeScenarios(toComplete)
	}
}

// builtinExamples gives cobra's own help and completion commands an
// example, as every other command has one.
func builtinExamples(root *cobra.Command) {
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	examples := map[string]string{
		"help":                  "  clustersim help run",
		"completion":            "  source <(clustersim completion bash)",
		"completion bash":       "  source <(clustersim completion bash)",
		"completion zsh":        "  clustersim completion zsh > \"${fpath[1]}/_clustersim\"",
		"completion fish":       "  clustersim completion fish > ~/.config/fish/completions/clustersim.fish",
		"completion powershell": "  clustersim completion powershell | Out-String | Invoke-Expression",
	}
	for _, c := range root.Commands() {
		for _, sub := range append([]*cobra.Command{c}, c.Commands()...) {
			path := strings.TrimPrefix(sub.CommandPath(), root.Name()+" ")
			if ex, ok := examples[path]; ok && sub.Example == "" {
				sub.Example = ex
			}
		}
	}
}
