package sim_test

import (
	"testing"

	"clustersim/sim"
)

// laterAblations are ablations of mechanisms of the 1990s and 2000s, each
// with the expectation and the passage behind it; all run to 2010 on the
// ablation seeds at full scale, paired with the same baseline runs
// (local_state_ablation_test.go).
var laterAblations = []ablation{
	{
		// Without life cycles (every national market grows until 2010:
		// product_life 200, life_spread 0) no market saturates and none
		// declines, so fewer firms find their margins gone: more firms,
		// more employment and more output in the 2000s. (Exits rise with
		// the number of firms, so they are not asserted.)
		name: "life cycles",
		off: func(c *sim.Config) {
			c.Params.Markets.ProductLife, c.Params.Markets.LifeSpread = 200, 0
		},
		effects: []effect{
			{"firms_total", 2000, 2010, +1}, {"employment", 2000, 2010, +1}, {"output_yuan", 2000, 2010, +1},
		},
		why: `Yongkang "shifted from producing basic metal tools, cooking utensils, and small household items to operations outputting greater volumes of goods"; products boom and fade (ODD 7.2; the life of a market is an assumption)`,
	},
	{
		// Without learning by doing (learning 0) Yongkang's costs do not
		// fall with its experience of a product: thinner margins, smaller
		// firms, less output and employment.
		name: "learning",
		off:  func(c *sim.Config) { c.Params.Firms.Learning = 0 },
		effects: []effect{
			{"output_yuan", 1990, 2010, -1}, {"employment", 1990, 2010, -1}, {"firms_total", 1990, 2010, -1},
		},
		why: `Yongkang moved to "operations outputting greater volumes of goods"; the learning curve is an assumption (ODD 7.2)`,
	},
	{
		// The city's taxes pay for the Innovation and Service Centre
		// (agents.CentreCapacity, ODD 7.18). A city that gives it nothing
		// helps no firm, so the firms it would have helped improve their
		// quality and create designs more slowly from 1999 on: fewer
		// varieties, less output, and less of the city's taxes that pay for
		// the centre. (The count of exporters does not move beyond noise,
		// so it is not asserted.)
		name: "centre funding",
		off:  func(c *sim.Config) { c.Params.Firms.InnovationSpending = 0 },
		effects: []effect{
			{"firms_assisted", 1999, 2010, -1}, {"varieties", 2000, 2010, -1},
			{"output_yuan", 2000, 2010, -1}, {"taxes_city", 2000, 2010, -1},
		},
		why: `the centre is "helping companies design products, innovate, and obtain patents"`,
	},
	{
		// Without the cost of moving (moving_cost 0 everywhere, ODD 7.16)
		// more of the firms that cannot get land in Yongkang gain from
		// leaving: more leave, and Yongkang employs fewer. A move is a
		// choice that weighs what a place costs, not a fixed hazard.
		name: "moving costs",
		off: func(c *sim.Config) {
			for i := range c.Destinations {
				c.Destinations[i].MovingCost = 0
			}
		},
		effects: []effect{{"firms_left", 2000, 2010, +1}, {"employment", 2000, 2010, -1}},
		why:     `"many companies left the city towards the end of the 1990s in order to expand, most re-establishing themselves in neighbouring districts"; "That is why companies go elsewhere"`,
	},
	{
		// Without the supply network (subcontract_rate 0, ODD 7.12.2) no
		// small firm sells to a buyer. Its suppliers then sell at the home
		// price instead of their exporting buyer's price less a discount,
		// so they earn less: there are no registered suppliers to count and
		// no subcontractors. (Output and employment moved by about 1% before
		// firms chose their sites (ODD 7.16.1); now they move by less than
		// two standard errors, either way, so they are not asserted: the
		// network is what the suppliers count reads, not a driver of growth.)
		name: "supply links",
		off:  func(c *sim.Config) { c.Params.Firms.SubcontractRate = 0 },
		effects: []effect{
			{"suppliers_distributors", 1995, 2010, -1}, {"subcontractors", 1995, 2010, -1},
		},
		why: `"another 12,000 served as subcontractors, suppliers, or distributors. Together, they formed a dense network of companies relatively well integrated with each other"`,
	},
	{
		// Without capital barriers (capital_barriers false, ODD 7.24) a firm
		// switches to a product of a heavier rung without paying for its
		// equipment: more firms make steel, and more getihu make products
		// of the rungs that need equipment. (Debts fall by about 3%, within
		// noise, so they are not asserted.)
		name: "capital barriers",
		off:  func(c *sim.Config) { c.Params.Firms.CapitalBarriers = false },
		effects: []effect{
			{"firms_sector.steel", 1995, 2010, +1}, {"getihu_capital_rungs", 1995, 2010, +1},
		},
		why: `steel and vehicles need capital that a household does not have; Mr Chen "using his savings (the 'first pot of gold')" moved into security doors (ODD 7.24)`,
	},
	{
		// Without bank credit (bank_leverage 0) firms buy equipment from
		// their cash alone, as getihu must: hardly any debt, and fewer firms
		// equip themselves for steel.
		name: "bank credit",
		off:  func(c *sim.Config) { c.Params.Firms.BankLeverage = 0 },
		effects: []effect{
			{"firm_debt", 1995, 2010, -1}, {"firms_sector.steel", 1995, 2010, -1},
		},
		why: `private businessmen "could not open a company bank account. This meant they needed to join the collectivity"`,
	},
	{
		// Without returns to equipment (every rung's returns at labour's
		// elasticity) equipment adds no output: firms hold only what their
		// product needs, the largest firm is much smaller, and Yongkang's
		// output and employment are lower.
		name: "returns to equipment",
		off: func(c *sim.Config) {
			for i := range c.Ladder {
				c.Ladder[i].Returns = 0
			}
		},
		effects: []effect{
			{"capital_stock", 1995, 2010, -1}, {"largest_firm_employees", 1995, 2010, -1},
			{"output_yuan", 1995, 2010, -1}, {"employment", 1995, 2010, -1},
		},
		why: `Yongkang moved to "operations outputting greater volumes of goods"; the returns of each rung are an assumption (ODD 7.24)`,
	},
	{
		// Without the estates' infrastructure (estate_productivity 0, ODD
		// 7.16.1) a plot is worth only the space it gives: far fewer firms
		// find it worth its rent, so fewer ask for estate land, fewer sit in
		// the estates, land is cheaper, and fewer firms leave (a development
		// area elsewhere no longer offers more than a village site).
		name: "estate infrastructure",
		off:  func(c *sim.Config) { c.Params.Firms.EstateProductivity = 0 },
		effects: []effect{
			{"estate_firms", 1995, 2010, -1}, {"land_demand", 1995, 2010, -1},
			{"land_price", 1998, 2010, -1}, {"firms_left", 1998, 2010, -1},
		},
		why: `"The old specialised areas of production were found to be unsuited to meeting the new demands being made of them in terms of both capacity and quality"`,
	},
	{
		// Without the rent of land in the choice of site (land_rent 0) land
		// costs a firm nothing, so every firm that outgrows its site asks for
		// a plot whatever its price: the demand for estate land and its price
		// soar. The price of land is what holds the demand back.
		name:    "land rent",
		off:     func(c *sim.Config) { c.Params.Land.LandRent = 0 },
		effects: []effect{{"land_demand", 1998, 2010, +1}, {"land_price", 1998, 2010, +1}},
		why:     `"The major problem in Yongkang is land speculation, with prices reaching 3,000 or 4,000 yuan per square metre ... That is why companies go elsewhere"`,
	},
}

// TestLaterAblations switches off, one at a time, the mechanisms of the
// 1990s and 2000s (life cycles, learning, the centre's funding, moving
// costs, supply links, capital barriers, bank credit, returns to
// equipment, the estates' infrastructure, the rent of land), and checks
// each expectation of laterAblations.
func TestLaterAblations(t *testing.T) {
	engineTest(t)
	runAblations(t, 2010, laterAblations)
}
