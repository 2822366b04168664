// Package classroom is `clustersim serve`: a page for teaching the
// governance counterfactuals, embedded in the binary, and its JSON API.
//
// The page chooses a counterfactual of the scenario library or sets its
// own levers (the regimes' dates, repression, fees and taxes, the land
// quota, the specialist market's year, the service centres, the 2008
// crisis), each explained with the article's passage. A change is answered
// with an ensemble on the baseline's seeds (20 runs at full scale by
// default), paired with the baseline run by run as `clustersim compare`
// pairs them (package compare), and continued from the baseline's saved
// state at the latest checkpoint before the levers change anything
// (sim.Branch), so that only the years that differ are simulated.
//
// API: GET / serves the page; GET /api/scenarios lists the library and its
// levers; POST /api/run takes {"scenario": NAME, "levers": {...}} and
// answers with the series, the paired differences and the fit (with
// ?stream=1, as lines of JSON with progress first); GET /api/status tells
// whether the baseline is ready. Refusals are JSON {"error", "field"}: 400
// for a bad request or lever, 413 for a body over 64 KiB, 429 when too many
// requests wait, 503 when a run is cancelled at its time limit. Answers are
// cached by the resolved scenario's hash, in a bounded cache; identical
// requests in flight share one computation.
package classroom
