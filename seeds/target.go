package seeds

// Role says what a target is used for.
type Role string

// The roles of a target.
const (
	Calibrate Role = "calibrate" // the calibrator fits the model to it
	Validate  Role = "validate"  // kept out of calibration, reported beside the fit
	Context   Role = "context"   // reported for reference; not simulated or not comparable
)

// Target is one figure of the source article, with the model series it is
// compared with.
type Target struct {
	ID       string  `yaml:"id"`       // stable identifier, e.g. "getihu_1985"
	What     string  `yaml:"what"`     // the figure in words
	Year     int     `yaml:"year"`     // the year the model value is read
	When     string  `yaml:"when"`     // the article's own dating, e.g. "end of 1985", "mid-1980s"
	Observed float64 `yaml:"observed"` // the article's value
	Low      float64 `yaml:"low"`      // tolerance band, inclusive
	High     float64 `yaml:"high"`
	Unit     string  `yaml:"unit"`
	Role     Role    `yaml:"role"`
	Series   string  `yaml:"series"`  // the model series (empty: not simulated)
	Passage  string  `yaml:"passage"` // the article's words the figure comes from
	Band     string  `yaml:"band"`    // why the band is what it is
	Note     string  `yaml:"note"`

	// ObservedOutsideBand marks a band that deliberately excludes the
	// article's value; without it Parse requires Low <= Observed <= High.
	ObservedOutsideBand bool `yaml:"observed_outside_band,omitempty"`
}
