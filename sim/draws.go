package sim

import "clustersim/agents/rng"

// purpose is what a draw is for: one per decision (submodel) that draws.
// Draws are keyed by (seed, run, purpose, month, agent or place) and the
// draw's index under that key (package rng), so a decision's numbers do not
// depend on what other decisions or agents drew.
type purpose int

const (
	drawProductMarkets     purpose = iota // world: a product's share of its rung's market
	drawHouseholdInit                     // world: a 1978 household's savings, craft and activity
	drawCollectiveInit                    // a collective's product, size and quality when founded
	drawOccupation                        // household review: peddling starts, what pedlars learn, stops
	drawEmigration                        // household review: leaving the county
	drawEntry                             // household review: opening a workshop
	drawCollectiveFounding                // December: the collective a township or village plans
	drawCompromise                        // governments: a village hears of the compromise
	drawLegalForm                         // firms: registration, red hats, raids, privatisation, conversion
	drawFirmReview                        // firms: the yearly review (quality, designs, owner quits, product)
	drawTrade                             // firms: exporting and subcontracting
	drawSpinoff                           // firms: an employee or manager founds a firm
	drawExit                              // firms: closing
	drawRelocation                        // land: a waiting firm leaves, and where to
	drawLandQueue                         // land: where the queue for estate land starts (county)
	drawElections                         // December: a village's elections
	drawHouseholdFormation                // December: new households and their kin (county)
	drawTies                              // world: a village's kin and pedlar ties
	drawAssistance                        // December: a firm's place in the innovation centre's lottery
	drawDesign                            // a new firm's (or product switcher's) copied design
	numPurposes
)

var purposeNames = [numPurposes]string{
	"product_markets", "household_init", "collective_init", "occupation", "emigration", "entry",
	"collective_founding", "compromise", "legal_form", "firm_review", "trade", "spinoff", "exit",
	"relocation", "land_queue", "elections", "household_formation",
	"ties", "assistance", "design",
}

// Kinds of agents and places, for their identities.
var (
	idHousehold  = rng.NewPurpose("household")
	idCollective = rng.NewPurpose("collective")
	idWorkshop   = rng.NewPurpose("workshop")
	idSpinoff    = rng.NewPurpose("spinoff")
	idKin        = rng.NewPurpose("kin_household")
	idVillage    = rng.NewPurpose("village")
	idTownship   = rng.NewPurpose("township")
	idRung       = rng.NewPurpose("rung")
	idRungLife   = rng.NewPurpose("rung_life")
	county       = rng.NewID(rng.NewPurpose("county"), 0)
)

// drawKeys are the keys of the month, one per purpose, and the draws of
// each purpose. The purposes share one rng.Draws (it stays in cache), but
// for the emigration draws, which the household review holds at once with
// the occupation draws: a decision's draws stay valid until the next
// decision's reset.
type drawKeys struct {
	run   rng.Key
	month [numPurposes]rng.Key
	draws [numPurposes]*rng.Draws
}

func newDrawKeys(seed uint64, run int) drawKeys {
	k := drawKeys{run: rng.RunKey(seed, run)}
	shared := rng.NewDraws()
	for p := range k.draws {
		k.draws[p] = shared
	}
	k.draws[drawEmigration] = rng.NewDraws()
	k.draws[drawDesign] = rng.NewDraws() // drawn while a founder's draws are still in use
	return k
}

// purposes are the rng purposes of the draws, hashed from their names once.
var purposes = func() (ps [numPurposes]rng.Purpose) {
	for p, name := range purposeNames {
		ps[p] = rng.NewPurpose(name)
	}
	return ps
}()

// setMonth derives the keys of month m.
func (k *drawKeys) setMonth(m Month) {
	mk := k.run.With(uint64(m))
	for p := range numPurposes {
		k.month[p] = mk.For(purposes[p])
	}
}

// rand returns the draws of purpose p for an agent or place this month,
// from their first. They stay valid until the next call of rand (for
// emigration and designs, of rand for the same purpose).
func (w *world) rand(p purpose, id rng.ID) *rng.Draws {
	return w.keys.draws[p].Reset(w.keys.month[p].Of(id))
}

// villageID is the identity of village v.
func villageID(v int) rng.ID { return rng.NewID(idVillage, v) }
