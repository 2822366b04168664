package classroom

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// browser finds Chromium. Without it the browser test skips, saying so,
// unless CLUSTERSIM_REQUIRE_BROWSER is set (.ci/run sets it after
// installing Debian's chromium), when it fails.
func browser(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CLUSTERSIM_REQUIRE_BROWSER") != "" {
		t.Fatal("CLUSTERSIM_REQUIRE_BROWSER is set but no Chromium is installed (apt-get install chromium chromium-driver)")
	}
	t.Skip("no Chromium on this machine (apt-get install chromium chromium-driver): the browser test skips locally; CI installs it")
	return ""
}

// TestPageInBrowser drives the page in headless Chromium: it loads,
// runs the baseline, moves a lever (the privatisation regime to 1986) and
// runs again; the chart and the printed summary and differences must
// change. A screenshot is saved as a test artifact in
// $CLUSTERSIM_ARTIFACTS (default: out/artifacts at the top of the
// module).
func TestPageInBrowser(t *testing.T) {
	exe := browser(t)
	_, ts := newTestServer(t, testOptions())
	alloc, cancel := chromedp.NewExecAllocator(context.Background(),
		append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(exe), chromedp.NoSandbox,
			chromedp.Flag("headless", true), chromedp.WindowSize(1400, 1100))...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(alloc)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 90*time.Second)
	defer cancel()

	// read waits for an answer and reads the chart's pixels, the summary
	// and the differences table.
	read := func() (chart, summary, diffs string, err error) {
		if err = chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`body[data-state="done"]`))); err != nil {
			return
		}
		if chart, err = chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("#chart canvas").toDataURL()`)); err != nil {
			return
		}
		if summary, err = chromedp.Run(ctx, chromedp.Text(chromedp.ID("summary"))); err != nil {
			return
		}
		diffs, err = chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#differences tbody")))
		return
	}
	if err := chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS(`body[data-state="ready"]`)),
		chromedp.Click(chromedp.ID("run")),
	); err != nil {
		t.Fatalf("loading the page and running the baseline: %v", err)
	}
	chart1, summary1, diffs1, err := read()
	if err != nil {
		t.Fatalf("reading the baseline's answer: %v", err)
	}
	if err := chromedp.Do(ctx,
		chromedp.SetValue(chromedp.ID("lever-privatisation_year"), "1986"),
		chromedp.Evaluate[chromedp.Void](`document.getElementById("lever-privatisation_year").dispatchEvent(new Event("change")); document.body.dataset.state = "ready"`),
		chromedp.Click(chromedp.ID("run")),
	); err != nil {
		t.Fatalf("moving the lever: %v", err)
	}
	chart2, summary2, diffs2, err := read()
	if err != nil {
		t.Fatalf("reading the counterfactual's answer: %v", err)
	}
	status, _ := chromedp.Run(ctx, chromedp.Text(chromedp.ID("status")))
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	dir := os.Getenv("CLUSTERSIM_ARTIFACTS")
	if dir == "" {
		dir = filepath.Join("..", "out", "artifacts")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "classroom_page.png")
	if err := os.WriteFile(path, shot, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s (%d bytes); status %q", path, len(shot), status)

	if !strings.HasPrefix(chart1, "data:image/png") || chart1 == chart2 {
		t.Error("the chart did not change when the lever moved")
	}
	if summary1 == summary2 || !strings.Contains(summary2, "First change") {
		t.Errorf("the summary did not change: %q then %q", summary1, summary2)
	}
	if diffs1 == diffs2 {
		t.Errorf("the differences did not change: %q", diffs2)
	}
	if !strings.Contains(summary1, "change nothing") {
		t.Errorf("the baseline's summary %q should say the levers change nothing", summary1)
	}
}
