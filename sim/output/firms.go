package output

import (
	"bufio"
	"fmt"
	"io"
	"strconv"

	"github.com/parquet-go/parquet-go"

	"clustersim/sim"
)

// FirmsRunHeader heads a firms.csv that holds the snapshots of several
// runs (--firms all): FirmsHeader behind a run column.
const FirmsRunHeader = "run," + FirmsHeader

// FirmsWriter writes the firm snapshots of runs, one run after another,
// into one file. Close finishes the file (it writes the header of a file
// with no run, or the Parquet footer) but leaves the underlying writer
// open.
type FirmsWriter interface {
	Write(r *sim.Results) error
	Close() error
}

// NewFirmsCSV returns a FirmsWriter of CSV rows as WriteFirms writes them,
// preceded by the run's number when withRun (header FirmsRunHeader).
func NewFirmsCSV(w io.Writer, withRun bool) FirmsWriter {
	return &firmsCSV{bw: bufio.NewWriterSize(w, 256<<10), withRun: withRun, buf: make([]byte, 0, 256)}
}

type firmsCSV struct {
	bw      *bufio.Writer
	withRun bool
	started bool
	buf     []byte
}

func (c *firmsCSV) header() {
	if c.started {
		return
	}
	c.started = true
	if c.withRun {
		c.bw.WriteString(FirmsRunHeader + "\n")
	} else {
		c.bw.WriteString(FirmsHeader + "\n")
	}
}

// Write formats into one reused buffer through a bufio.Writer: it is meant
// for hundreds of thousands of rows.
func (c *firmsCSV) Write(r *sim.Results) error {
	c.header()
	for i := range r.Firms {
		f := &r.Firms[i]
		form, product, sector, location := r.FirmNames(f)
		buf := c.buf[:0]
		if c.withRun {
			buf = strconv.AppendInt(buf, int64(r.Run), 10)
			buf = append(buf, ',')
		}
		buf = strconv.AppendInt(buf, int64(f.Year), 10)
		buf = append(buf, ',')
		buf = strconv.AppendInt(buf, int64(f.FirmID), 10)
		buf = append(buf, ',')
		buf = appendText(buf, form)
		buf = append(buf, ',')
		buf = appendText(buf, product)
		buf = append(buf, ',')
		buf = appendText(buf, sector)
		buf = append(buf, ',')
		buf = appendText(buf, location)
		buf = append(buf, ',')
		buf = strconv.AppendInt(buf, int64(f.Employees), 10)
		buf = append(buf, ',')
		buf = appendFloat(buf, f.OutputYuan)
		buf = append(buf, ',')
		buf = appendFloat(buf, f.AgeYears())
		buf = append(buf, '\n')
		c.buf = buf
		if _, err := c.bw.Write(buf); err != nil {
			return err
		}
	}
	return nil
}

func (c *firmsCSV) Close() error {
	c.header()
	return c.bw.Flush()
}

// FirmRow is a row of firms.parquet: the columns of firms.csv, with the
// same names and values. The text columns are dictionary-encoded.
type FirmRow struct {
	Year       int32   `parquet:"year"`
	FirmID     int32   `parquet:"firm_id"`
	LegalForm  string  `parquet:"legal_form,dict"`
	Product    string  `parquet:"product,dict"`
	Sector     string  `parquet:"sector,dict"`
	Location   string  `parquet:"location,dict"`
	Employees  int32   `parquet:"employees"`
	OutputYuan float64 `parquet:"output_yuan"`
	AgeYears   float64 `parquet:"age_years"`
}

// FirmRunRow is a row of a firms.parquet of several runs (--firms all):
// run, then the columns of FirmRow (an embedded struct's columns are its
// fields').
type FirmRunRow struct {
	Run int32 `parquet:"run"`
	FirmRow
}

// NewFirmsParquet returns a FirmsWriter of a Parquet file with the columns
// of firms.csv (FirmRow), preceded by run when withRun (FirmRunRow),
// Snappy-compressed, one row group per run. The bytes depend only on the
// rows and the version of the Parquet library.
func NewFirmsParquet(w io.Writer, withRun bool) FirmsWriter {
	opts := []parquet.WriterOption{parquet.Compression(&parquet.Snappy)}
	if withRun {
		return &firmsParquet[FirmRunRow]{w: parquet.NewGenericWriter[FirmRunRow](w, opts...), row: func(run int32, f FirmRow) FirmRunRow {
			return FirmRunRow{Run: run, FirmRow: f}
		}}
	}
	return &firmsParquet[FirmRow]{w: parquet.NewGenericWriter[FirmRow](w, opts...), row: func(_ int32, f FirmRow) FirmRow { return f }}
}

type firmsParquet[T any] struct {
	w     *parquet.GenericWriter[T]
	row   func(run int32, f FirmRow) T
	batch []T
}

// parquetBatch is the number of rows handed to the Parquet writer at once.
const parquetBatch = 4096

func (p *firmsParquet[T]) Write(r *sim.Results) error {
	for i := range r.Firms {
		f := &r.Firms[i]
		form, product, sector, location := r.FirmNames(f)
		p.batch = append(p.batch, p.row(int32(r.Run), FirmRow{
			Year: int32(f.Year), FirmID: f.FirmID, LegalForm: form, Product: product, Sector: sector, Location: location,
			Employees: f.Employees, OutputYuan: f.OutputYuan, AgeYears: f.AgeYears(),
		}))
		if len(p.batch) == parquetBatch || i == len(r.Firms)-1 {
			if _, err := p.w.Write(p.batch); err != nil {
				return fmt.Errorf("output: parquet: %w", err)
			}
			p.batch = p.batch[:0]
		}
	}
	if err := p.w.Flush(); err != nil { // ends the run's row group
		return fmt.Errorf("output: parquet: %w", err)
	}
	return nil
}

func (p *firmsParquet[T]) Close() error {
	if err := p.w.Close(); err != nil {
		return fmt.Errorf("output: parquet: %w", err)
	}
	return nil
}
