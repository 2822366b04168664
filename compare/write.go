package compare

import (
	"bufio"
	"fmt"
	"io"
	"strconv"

	"clustersim/seeds"
)

// formatFloat is the number format of the CSV files: ten significant
// digits, as the run's series.csv.
func formatFloat(v float64) string { return strconv.FormatFloat(v, 'g', 10, 64) }

// WriteCSV writes the differences with the header
//
//	series,year,base_p50,cf_p50,diff_p50,diff_low,diff_high,runs
//
// ordered by series, then year; diff_low and diff_high are the 5th and
// 95th percentiles of the paired differences.
func (d *Differences) WriteCSV(w io.Writer) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("series,year,base_p50,cf_p50,diff_p50,diff_low,diff_high,runs\n")
	for _, r := range d.Rows {
		fmt.Fprintf(bw, "%s,%d,%s,%s,%s,%s,%s,%d\n", r.Series, r.Year, formatFloat(r.BaseP50), formatFloat(r.CFP50),
			formatFloat(r.DiffP50), formatFloat(r.DiffLow), formatFloat(r.DiffHigh), r.Runs)
	}
	return bw.Flush()
}

// Headline is a row of the headline table: a series read in a year, and
// the direction a counterfactual's look_at expects (0: none).
type Headline struct {
	Series string
	Year   int
	Expect int // +1 higher, −1 lower, 0 no expectation
}

// StandardHeadlines are the rows every differences.md shows: the firms of
// the three regimes, employment, output (current yuan), the specialised
// villages, the exporters, the firms leaving the county in the year, the
// share of village posts held by businessmen and the land price.
var StandardHeadlines = []Headline{
	{"firms_total", 1985, 0}, {"firms_total", 1995, 0}, {"firms_total", 2006, 0},
	{"employment", 2006, 0}, {"output_yuan", 2006, 0}, {"specialised_villages", 1986, 0},
	{"exporters", 2006, 0}, {"firms_left", 2005, 0}, {"businessmen_posts_share", 2002, 0},
	{"land_price", 2006, 0},
}

// WriteMarkdown writes the headline table of a counterfactual: for each
// headline, the baseline's and the counterfactual's medians, the median
// paired difference, its 5–95% range over the runs, whether the range
// clears zero and, for a look_at row, whether it goes the expected way.
func (d *Differences) WriteMarkdown(w io.Writer, c *Comparison, title, question string, heads []Headline) error {
	bw := bufio.NewWriter(w)
	name := d.Name
	if title != "" {
		name = title + " (`" + d.Name + "`)"
	}
	fmt.Fprintf(bw, "# %s against `%s`\n\n", name, c.BaseName)
	if question != "" {
		fmt.Fprintf(bw, "%s\n\n", question)
	}
	fmt.Fprintf(bw, "Paired differences over N = %d runs on common seeds (seed %d, scale %g): run i of `%s` against run i of `%s`. ",
		c.Runs, c.Seed, c.Scale, d.Name, c.BaseName)
	fmt.Fprintf(bw, "The range is the 5–95%% range of the %d paired differences", c.Runs)
	if c.Runs < 20 {
		fmt.Fprintf(bw, " (with fewer than 20 runs, close to their whole range)")
	}
	fmt.Fprint(bw, "; it clears zero when it leaves 0 out.\n\n")
	fmt.Fprint(bw, "| series | year | baseline | counterfactual | difference | range (5–95%) | clears zero | expected |\n")
	fmt.Fprint(bw, "|---|---|---|---|---|---|---|---|\n")
	for _, h := range heads {
		r, ok := d.Lookup(h.Series, h.Year)
		if !ok {
			fmt.Fprintf(bw, "| %s | %d | – | – | – | – | – | %s |\n", h.Series, h.Year, expected(h.Expect, 0, false))
			continue
		}
		clears := "no"
		if r.ClearsZero() {
			clears = "yes"
		}
		fmt.Fprintf(bw, "| %s | %d | %s | %s | %s | %s to %s | %s | %s |\n", h.Series, h.Year,
			human(r.BaseP50), human(r.CFP50), signed(r.DiffP50), signed(r.DiffLow), signed(r.DiffHigh), clears,
			expected(h.Expect, r.DiffP50, r.ClearsZero()))
	}
	return bw.Flush()
}

// expected says whether a difference goes the way a look_at expects.
func expected(want int, diff float64, clears bool) string {
	switch {
	case want == 0:
		return ""
	case !clears:
		return arrow(want) + ": not shown (range holds 0)"
	case (diff > 0) == (want > 0):
		return arrow(want) + ": as expected"
	}
	return arrow(want) + ": the other way"
}

func arrow(d int) string {
	if d > 0 {
		return "higher"
	}
	return "lower"
}

// human is seeds.HumanNumber with a true minus sign.
func human(v float64) string {
	if v < 0 {
		return "−" + seeds.HumanNumber(-v)
	}
	return seeds.HumanNumber(v)
}

// signed is human with a sign.
func signed(v float64) string {
	if v > 0 {
		return "+" + human(v)
	}
	return human(v)
}
