// Package output writes a run's results as files: the tidy CSVs and
// run.json that other tools read, and the firm snapshots as CSV or Parquet
// (FirmsWriter), run after run. It writes into a staging directory that is
// renamed into place only when complete.
//
// The CSV files are comma-separated with a header row and "\n" line
// endings. Numbers are written with strconv.FormatFloat(v, 'g', 10, 64):
// no locale, no thousands separators, the same text for the same value on
// every platform. A NaN is written as an empty field. Text fields are
// quoted only when they must be (they contain a comma, a quote or a line
// break), as encoding/csv would.
package output

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"clustersim/sim"
)

// Headers of the CSV files.
const (
	SeriesHeader = "year,series,value"
	// SeriesRunsHeader heads series_runs.csv, every run's series.
	SeriesRunsHeader = "scenario,seed,run,year,series,value"
	ProductsHeader   = "year,product,sector,producers,output_yuan,price,national_share"
	FirmsHeader      = "year,firm_id,legal_form,product,sector,location,employees,output_yuan,age_years"
)

// WriteSeries writes the county series as rows year,series,value. Rows are
// year-major: years ascending in the order of r.Years, and within a year
// the series sorted by name (byte order). Every series must have a value
// for each year.
func WriteSeries(w io.Writer, r *sim.Results) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.WriteString(SeriesHeader + "\n")
	if err := writeSeriesRows(bw, nil, r); err != nil {
		return err
	}
	return bw.Flush()
}

// WriteSeriesRuns writes the rows of one run of series_runs.csv, without
// the header (SeriesRunsHeader): scenario,seed,run,year,series,value, in
// the order of WriteSeries. Write the header once and then each run in
// turn; files of several scenarios or seeds concatenate.
func WriteSeriesRuns(w io.Writer, r *sim.Results) error {
	prefix := appendText(nil, r.Scenario)
	prefix = append(prefix, ',')
	prefix = strconv.AppendUint(prefix, r.Seed, 10)
	prefix = append(prefix, ',')
	prefix = strconv.AppendInt(prefix, int64(r.Run), 10)
	prefix = append(prefix, ',')
	bw := bufio.NewWriterSize(w, 64<<10)
	if err := writeSeriesRows(bw, prefix, r); err != nil {
		return err
	}
	return bw.Flush()
}

// writeSeriesRows writes prefix,year,series,value for every year and series
// of r, in the order of WriteSeries.
func writeSeriesRows(bw *bufio.Writer, prefix []byte, r *sim.Results) error {
	order := make([]int, len(r.Series))
	for i, s := range r.Series {
		if len(s.Values) != len(r.Years) {
			return fmt.Errorf("output: series %q has %d values for %d years", s.Name, len(s.Values), len(r.Years))
		}
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return strings.Compare(r.Series[a].Name, r.Series[b].Name) })
	var buf []byte
	for yi, year := range r.Years {
		for _, si := range order {
			s := &r.Series[si]
			buf = append(buf[:0], prefix...)
			buf = strconv.AppendInt(buf, int64(year), 10)
			buf = append(buf, ',')
			buf = appendText(buf, s.Name)
			buf = append(buf, ',')
			buf = appendFloat(buf, s.Values[yi])
			buf = append(buf, '\n')
			if _, err := bw.Write(buf); err != nil {
				return err
			}
		}
	}
	return nil
}

// WriteProducts writes the per-product series as rows
// year,product,sector,producers,output_yuan,price,national_share, sorted
// by year and then product name (rows that tie keep the order of
// r.Products).
func WriteProducts(w io.Writer, r *sim.Results) error {
	order := indexes(len(r.Products))
	slices.SortStableFunc(order, func(a, b int) int {
		pa, pb := &r.Products[a], &r.Products[b]
		return cmp.Or(cmp.Compare(pa.Year, pb.Year), strings.Compare(pa.Product, pb.Product))
	})

	bw := bufio.NewWriterSize(w, 64<<10)
	bw.WriteString(ProductsHeader + "\n")
	var buf []byte
	for _, i := range order {
		p := &r.Products[i]
		buf = strconv.AppendInt(buf[:0], int64(p.Year), 10)
		buf = append(buf, ',')
		buf = appendText(buf, p.Product)
		buf = append(buf, ',')
		buf = appendText(buf, p.Sector)
		buf = append(buf, ',')
		buf = strconv.AppendInt(buf, int64(p.Producers), 10)
		buf = append(buf, ',')
		buf = appendFloat(buf, p.OutputYuan)
		buf = append(buf, ',')
		buf = appendFloat(buf, p.Price)
		buf = append(buf, ',')
		buf = appendFloat(buf, p.NationalShare)
		buf = append(buf, '\n')
		if _, err := bw.Write(buf); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// WriteFirms writes the yearly firm snapshots as rows
// year,firm_id,legal_form,product,sector,location,employees,output_yuan,age_years,
// in the order of r.Firms: by year, then firm id (see NewFirmsCSV).
func WriteFirms(w io.Writer, r *sim.Results) error {
	c := NewFirmsCSV(w, false)
	if err := c.Write(r); err != nil {
		return err
	}
	return c.Close()
}

func indexes(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i
	}
	return s
}

// appendFloat appends v as strconv.FormatFloat(v, 'g', 10, 64) does, or
// nothing for a NaN.
func appendFloat(buf []byte, v float64) []byte {
	if math.IsNaN(v) {
		return buf
	}
	return strconv.AppendFloat(buf, v, 'g', 10, 64)
}

// appendText appends s as a CSV field, quoted when encoding/csv would quote
// it.
func appendText(buf []byte, s string) []byte {
	if !needsQuotes(s) {
		return append(buf, s...)
	}
	buf = append(buf, '"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' {
			buf = append(buf, '"')
		}
		buf = append(buf, s[i])
	}
	return append(buf, '"')
}

// needsQuotes follows encoding/csv's rule.
func needsQuotes(s string) bool {
	if s == "" {
		return false
	}
	if s == `\.` || strings.ContainsAny(s, ",\"\r\n") {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsSpace(r)
}
