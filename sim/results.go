package sim

import "sort"

// Results is what one run produces: county series per year, per-product
// series and a yearly snapshot of every firm. Counts are already divided by
// Scale, so a run at --scale 0.1 reports county-sized (rescaled) figures.
type Results struct {
	Scenario string
	Seed     uint64
	Run      int
	Scale    float64
	Years    []int    // the reported years, ascending
	Series   []Series // sorted by Name
	Products []ProductYear
	Firms    []FirmSnapshot // ordered by year, then firm ID
	Stats    Stats

	// Name tables of the firm snapshots.
	FormNames      []string
	ProductNames   []string
	ProductSectors []string
	LocationNames  []string
}

// Stats counts the work a run did.
type Stats struct {
	Households      int   // households alive at the end
	HouseholdsEver  int   // households ever simulated
	FirmsEver       int   // firms ever created
	FirmsAlive      int   // firms alive at the end
	HouseholdMonths int64 // household-months simulated
	FirmMonths      int64 // firm-months simulated
}

// Series is one county series: a value for each of Results.Years.
type Series struct {
	Name   string
	Values []float64
}

// ProductYear is one row of the per-product series.
type ProductYear struct {
	Year          int
	Product       string
	Sector        string
	Producers     int
	OutputYuan    float64
	Price         float64
	NationalShare float64
}

// FirmSnapshot is one firm in one December. It is compact — names are
// indexes into the Results' name tables — because a full-scale run keeps
// about two million of them; Results.FirmNames gives the names.
type FirmSnapshot struct {
	Year       int16
	Form       uint8 // index into Results.FormNames
	FirmID     int32
	Product    int16 // index into Results.ProductNames and Results.ProductSectors
	Location   int16 // index into Results.LocationNames
	Employees  int32
	AgeMonths  int32 // months since founding, counting the month of founding
	OutputYuan float64
}

// AgeYears is the firm's age in years.
func (s *FirmSnapshot) AgeYears() float64 { return float64(s.AgeMonths) / 12 }

// FirmNames returns the legal form, product, sector and location of a
// snapshot as names.
func (r *Results) FirmNames(s *FirmSnapshot) (form, product, sector, location string) {
	return r.FormNames[s.Form], r.ProductNames[s.Product], r.ProductSectors[s.Product], r.LocationNames[s.Location]
}

// Lookup returns the series with the given name.
func (r *Results) Lookup(name string) (*Series, bool) {
	i := sort.Search(len(r.Series), func(i int) bool { return r.Series[i].Name >= name })
	if i < len(r.Series) && r.Series[i].Name == name {
		return &r.Series[i], true
	}
	return nil, false
}

// Value returns the value of a series in a year.
func (r *Results) Value(name string, year int) (float64, bool) {
	s, ok := r.Lookup(name)
	if !ok {
		return 0, false
	}
	i := year - r.firstYear()
	if len(r.Years) == 0 || i < 0 || i >= len(r.Years) || r.Years[i] != year {
		return 0, false
	}
	return s.Values[i], true
}

func (r *Results) firstYear() int {
	if len(r.Years) == 0 {
		return 0
	}
	return r.Years[0]
}
