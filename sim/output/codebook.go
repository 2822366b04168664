package output

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"

	"clustersim/sim"
)

// CodebookHeader is the header of series_codebook.csv.
const CodebookHeader = "series,unit,meaning"

// SeriesDoc returns the documentation of a series of series.csv
// (sim.LookupSeries).
func SeriesDoc(name string) (sim.SeriesDoc, bool) { return sim.LookupSeries(name) }

// WriteCodebook writes series_codebook.csv: one row series,unit,meaning for
// each series of r, in the order of series.csv (by name). A series that
// neither sim.Catalogue nor sim.Families documents is an error, so no
// undocumented column ever reaches a user.
func WriteCodebook(w io.Writer, r *sim.Results) error {
	docs := make([]sim.SeriesDoc, 0, len(r.Series))
	for _, s := range r.Series {
		d, ok := SeriesDoc(s.Name)
		if !ok {
			return fmt.Errorf("output: series %q is not in the catalogue", s.Name)
		}
		docs = append(docs, d)
	}
	bw := bufio.NewWriter(w)
	bw.WriteString(CodebookHeader + "\n")
	var buf []byte
	for _, d := range sortedDocs(docs) {
		buf = appendText(buf[:0], d.Name)
		buf = append(buf, ',')
		buf = appendText(buf, d.Unit)
		buf = append(buf, ',')
		buf = appendText(buf, d.Doc)
		buf = append(buf, '\n')
		if _, err := bw.Write(buf); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// sortedDocs sorts docs by name, the order of series.csv within a year.
func sortedDocs(docs []sim.SeriesDoc) []sim.SeriesDoc {
	slices.SortStableFunc(docs, func(a, b sim.SeriesDoc) int { return strings.Compare(a.Name, b.Name) })
	return docs
}
