package agents

import "clustersim/agents/rng"

// testParams returns a set of parameters of plausible size. The tests
// assert relations (directions, bounds, zeros) that hold for any sensible
// values, never the levels that calibration is still moving.
func testParams() *Params {
	return &Params{
		Households: HouseholdParams{
			PersonsPerHousehold: 4.2, WorkersPerHousehold: 2.4, FarmIncome: 700,
			PeddleIncome: 2, PeddleDiscovery: 0.5, HotProducts: 3,
			EntryRate: 0.3, EntrySensitivity: 6, ImitationWeight: 5, ImitationCopy: 0.2, ImitationBase: 0.5,
			SanctionLoss: 200,
		},
		Firms: FirmParams{
			LabourElasticity: 0.6, Productivity: 2500, MaterialsShare: 0.45,
			GrowthResponse: 1, MaxMonthlyGrowth: 0.05, GetihuCap: 7, VillageSiteCap: 30,
			RedHatAccess: 0.4, CollectiveEfficiency: 0.9,
			SpinoffRate: 0.0001, ManagerSpinoffRate: 0.004,
			ExitHazard: 0.004, OwnerQuitRate: 0.4, LossTolerance: 6, LossExitHazard: 0.1, GrowthDeadBand: 0.05,
			Depreciation: 0.08, InterestRate: 0.08, BankLeverage: 0.5, RankedCredit: 1, CapitalBarriers: true,
		},
		Markets: MarketParams{InverseDemandElasticity: 0.5, ExportPremium: 0.3, CrisisExportDrop: 0.25},
		Land:    LandParams{BasePrice: 100, PriceResponse: 1, PriceCap: 3000},
		Labour:  LabourParams{MigrantResponse: 0.05, MigrantReturnRate: 0.02},
	}
}

// testDraws returns draws of a key of its own for each i: the rules' tests
// use rates of 0 and 1 where an outcome must not depend on the draws.
func testDraws(i int) *rng.Draws { return rng.NewDraws().Reset(rng.RunKey(1, 0).With(uint64(i))) }

// testEconomy is a month of plausible prices, with every product at the
// price level and the taxes of a regime that taxes each form.
func testEconomy(products int) *Economy {
	e := &Economy{Year: 1990, PriceLevel: 1, TFP: 2500, Wage: 350, FarmIncome: 700}
	for range products {
		e.Price = append(e.Price, 1)
		e.ExportPrice = append(e.ExportPrice, 1.3)
		e.Share = append(e.Share, 0.1)
		e.UnitCost = append(e.UnitCost, UnitCost(&testParams().Firms, e.PriceLevel, 0, 0, 1))
	}
	for f := range NumForms {
		e.Rates[f] = TaxRates(LegalForm(f), 0.01, 0.03, 0.05, 0.03, 0.05, 0.01, 0.1)
	}
	return e
}
