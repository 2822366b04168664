package scenarios

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// loadWithin loads path, failing the test if that takes more than a few
// seconds (a FIFO or a device read to the end would never return).
func loadWithin(t *testing.T, path string) error {
	t.Helper()
	done := make(chan error, 1)
	go func() {
		_, err := Load(path)
		done <- err
	}()
	select {
	case err := <-done:
		return err
	case <-time.After(5 * time.Second):
		t.Fatalf("loading %s did not return", path)
		return nil
	}
}

// TestFileLimits: a scenario file, or a base, must be a regular file of
// at most MaxFileSize bytes; anything else is refused at once with a
// message saying what it is.
func TestFileLimits(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.yaml")
	if err := os.WriteFile(big, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(big, 50<<20); err != nil { // 50 MB, sparse
		t.Fatal(err)
	}
	counterfactual := func(base string) string {
		path := filepath.Join(dir, "on_"+filepath.Base(base)+".yaml")
		text := "base: " + base + "\nname: cf\ndescription: d\n"
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	type tc struct {
		name, path, file, want string
	}
	cases := []tc{
		{"the null device", os.DevNull, os.DevNull, "cannot read the scenario file: it is a character device, not a regular file"},
		{"a directory", dir, dir, "cannot read the scenario file: it is a directory, not a regular file"},
		{"50 MB", big, big, "the file is 52428800 bytes; a scenario file may have at most 1048576 (1 MiB)"},
		{"base: 50 MB", counterfactual(big), big, "the file is 52428800 bytes"},
		{"base: a directory", counterfactual(dir), dir, "it is a directory, not a regular file"},
	}
	if _, err := os.Stat("/dev/zero"); err == nil {
		cases = append(cases,
			tc{"/dev/zero", "/dev/zero", "/dev/zero", "it is a character device, not a regular file"},
			tc{"base: /dev/zero", counterfactual("/dev/zero"), "/dev/zero", "it is a character device, not a regular file"})
	}
	if fifo, ok := makeFIFO(t, dir); ok {
		cases = append(cases,
			tc{"a FIFO", fifo, fifo, "it is a named pipe (FIFO), not a regular file"},
			tc{"base: a FIFO", counterfactual(fifo), fifo, "it is a named pipe (FIFO), not a regular file"})
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			msg := asError(t, loadWithin(t, c.path)).Error()
			if !strings.Contains(msg, c.file+": ") || !strings.Contains(msg, c.want) {
				t.Errorf("error %q, want %s: …%s", msg, c.file, c.want)
			}
		})
	}
	// Parse has the same cap.
	if _, err := Parse("x.yaml", make([]byte, MaxFileSize+1), nil); err == nil ||
		!strings.Contains(err.Error(), "a scenario file may have at most") {
		t.Errorf("Parse of %d bytes: %v", MaxFileSize+1, err)
	}
}

// TestMessagesQuoteExcerpts: whatever the user wrote, a message quotes at
// most an excerpt of it: a long value, key, name or base, or the whole of
// a file that is not a scenario given as a base.
func TestMessagesQuoteExcerpts(t *testing.T) {
	valid := readValid(t)
	dir := t.TempDir()
	long := strings.Repeat("x", 1<<18)   // a line of 256 KiB
	longKey := strings.Repeat("k", 1000) // YAML's limit for a key is 1024
	passwd := filepath.Join(dir, "passwd")
	var lines []string
	for i := range 200 {
		lines = append(lines, strings.Repeat("user", i%7+1)+":x:1000:1000::/home/user:/bin/sh")
	}
	if err := os.WriteFile(passwd, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, text string
		want       string // in the message
	}{
		{"a long value", mutate(t, valid, "getihu_cap: 7", "getihu_cap: "+long), `expected an integer, got "xxxx`},
		{"a long key", mutate(t, valid, "getihu_cap: 7", longKey+": 7"), `unknown key "kkkk`},
		{"a long date", mutate(t, valid, "\nstart: 1978-01", "\nstart: 1978-01"+long), `is not a date of the form YYYY-MM`},
		{"a long event kind", mutate(t, valid, "kind: southern_tour", "kind: "+long), `unknown event kind "xxxx`},
		{"a long rung name", mutate(t, mutate(t, valid, "name: hand_tools", "name: "+long), "name: scooters", "name: "+long),
			`duplicate rung name "xxxx`},
		{"a file as base", "base: " + passwd + "\nname: cf\ndescription: d\n", `the document must be a mapping of keys to values, not "user:x:1000`},
		{"a long base", "base: ./" + long + "\nname: cf\ndescription: d\n", "cannot read the scenario file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, "cf.yaml")
			if err := os.WriteFile(path, []byte(tc.text), 0o644); err != nil {
				t.Fatal(err)
			}
			err := loadWithin(t, path)
			asError(t, err)
			msg := err.Error() // every problem reported
			if !strings.Contains(msg, tc.want) || len(msg) > 600 {
				t.Errorf("message of %d bytes: %.700s\nwant at most 600 bytes with %q", len(msg), msg, tc.want)
			}
			if !strings.Contains(msg, " bytes)") {
				t.Errorf("message %.700s does not say how long the value was", msg)
			}
		})
	}
}

// TestQuote: short values are quoted whole, long ones by their start
// (cut at a character) and their length.
func TestQuote(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"getihu", `"getihu"`},
		{strings.Repeat("a", maxQuoted), `"` + strings.Repeat("a", maxQuoted) + `"`},
		{strings.Repeat("a", maxQuoted+1), `"` + strings.Repeat("a", maxQuoted) + `"… (65 bytes)`},
		{strings.Repeat("a", maxQuoted-1) + "永康", `"` + strings.Repeat("a", maxQuoted-1) + `"… (69 bytes)`},
	} {
		if got := quote(tc.in); got != tc.want {
			t.Errorf("quote(%.80q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}
