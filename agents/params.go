package agents

// Params holds every behavioural parameter of the agents. Each field is
// read from the `params` section of a scenario file under its yaml name;
// the `range` tag gives the closed interval the scenario loader enforces.
// The meaning, unit and source of every value is documented beside it in
// scenarios/yongkang.yaml and in docs/ODD.md.
type Params struct {
	Households HouseholdParams `yaml:"households"`
	Firms      FirmParams      `yaml:"firms"`
	Markets    MarketParams    `yaml:"markets"`
	Land       LandParams      `yaml:"land"`
	Labour     LabourParams    `yaml:"labour"`
	Villages   VillageParams   `yaml:"villages"`
}

// HouseholdParams govern the occupational choice of peasant households.
type HouseholdParams struct {
	PersonsPerHousehold  float64 `yaml:"persons_per_household" range:"1,10"`
	WorkersPerHousehold  float64 `yaml:"workers_per_household" range:"0.5,6"`
	NaturalGrowth        float64 `yaml:"natural_growth" range:"0,0.05"`
	FarmIncome           float64 `yaml:"farm_income" range:"1,100000"`
	FarmIncomeGrowth     float64 `yaml:"farm_income_growth" range:"0,0.2"`
	SavingsRate          float64 `yaml:"savings_rate" range:"0,1"`
	InitialSavings       float64 `yaml:"initial_savings" range:"0,100000"`
	SavingsSpread        float64 `yaml:"savings_spread" range:"0,5"`
	PeddleShare1978      float64 `yaml:"peddle_share_1978" range:"0,1"`
	PeddleIncome         float64 `yaml:"peddle_income" range:"0,20"`
	PeddleStartRate      float64 `yaml:"peddle_start_rate" range:"0,1"`
	PeddleStopRate       float64 `yaml:"peddle_stop_rate" range:"0,1"`
	PeddleDiscovery      float64 `yaml:"peddle_discovery" range:"0,1"`
	HotProducts          int     `yaml:"hot_products" range:"1,1000"`
	EntryRate            float64 `yaml:"entry_rate" range:"0,1"`
	EntrySensitivity     float64 `yaml:"entry_sensitivity" range:"0,100"`
	ImitationWeight      float64 `yaml:"imitation_weight" range:"0,100"`
	ImitationCopy        float64 `yaml:"imitation_copy" range:"0,1"`
	ImitationBase        float64 `yaml:"imitation_base" range:"0,1"`
	TraditionKnowledge   float64 `yaml:"tradition_knowledge" range:"0,1"`
	WorkshopStartCapital float64 `yaml:"workshop_start_capital" range:"0,1000000"`
	KinLending           float64 `yaml:"kin_lending" range:"0,1"`
	SanctionLoss         float64 `yaml:"sanction_loss" range:"0,1000000"`
	CraftPractice        float64 `yaml:"craft_practice" range:"0,1"`
	WageWorkPropensity   float64 `yaml:"wage_work_propensity" range:"0,1"`
	EmigrationRate       float64 `yaml:"emigration_rate" range:"0,0.1"`
}

// FirmParams govern production, growth, legal form and exit of firms.
type FirmParams struct {
	LabourElasticity        float64 `yaml:"labour_elasticity" range:"0.1,1"`
	Productivity            float64 `yaml:"productivity" range:"1,10000000"`
	ProductivityGrowth      float64 `yaml:"productivity_growth" range:"0,0.3"`
	MaterialsShare          float64 `yaml:"materials_share" range:"0,0.95"`
	Learning                float64 `yaml:"learning" range:"0,1"`
	GrowthResponse          float64 `yaml:"growth_response" range:"0,10"`
	MaxMonthlyGrowth        float64 `yaml:"max_monthly_growth" range:"0,1"`
	GrowthDeadBand          float64 `yaml:"growth_dead_band" range:"0,0.5"`
	GetihuCap               int     `yaml:"getihu_cap" range:"1,100"`
	VillageSiteCap          int     `yaml:"village_site_cap" range:"1,100000"`
	RedHatAccess            float64 `yaml:"red_hat_access" range:"0,10"`
	CollectiveEfficiency    float64 `yaml:"collective_efficiency" range:"0,2"`
	PrivatisationRate       float64 `yaml:"privatisation_rate" range:"0,1"`
	CompanyConversionRate   float64 `yaml:"company_conversion_rate" range:"0,1"`
	CompanyMinEmployees     int     `yaml:"company_min_employees" range:"1,100000"`
	GroupMinEmployees       int     `yaml:"group_min_employees" range:"1,100000"`
	UnhatRate               float64 `yaml:"unhat_rate" range:"0,1"`
	PrivateRegistrationRate float64 `yaml:"private_registration_rate" range:"0,1"`
	SpinoffRate             float64 `yaml:"spinoff_rate" range:"0,1"`
	ManagerSpinoffRate      float64 `yaml:"manager_spinoff_rate" range:"0,1"`
	ExitHazard              float64 `yaml:"exit_hazard" range:"0,1"`
	OwnerQuitRate           float64 `yaml:"owner_quit_rate" range:"0,1"`
	LossExitHazard          float64 `yaml:"loss_exit_hazard" range:"0,1"`
	LossTolerance           float64 `yaml:"loss_tolerance" range:"0,100"`
	QualityGrowth           float64 `yaml:"quality_growth" range:"0,1"`
	QualityDispersion       float64 `yaml:"quality_dispersion" range:"0,3"`
	QualityNoise            float64 `yaml:"quality_noise" range:"0,2"`
	SpinoffQualitySpread    float64 `yaml:"spinoff_quality_spread" range:"0,2"`
	CollectiveSizeSpread    float64 `yaml:"collective_size_spread" range:"0,3"`
	TownshipCollectiveSize  float64 `yaml:"township_collective_size" range:"1,10000"`
	VillageCollectiveSize   float64 `yaml:"village_collective_size" range:"1,10000"`
	InnovationBoost         float64 `yaml:"innovation_boost" range:"0,10"`
	InnovationSpending      float64 `yaml:"innovation_spending" range:"0,1"`
	AssistanceCost          float64 `yaml:"assistance_cost" range:"0.001,100"`
	ServiceBoost            float64 `yaml:"service_boost" range:"0,10"`
	UpgradeRate             float64 `yaml:"upgrade_rate" range:"0,1"`
	UpgradeProfitFloor      float64 `yaml:"upgrade_profit_floor" range:"-1,1"`
	SwitchMargin            float64 `yaml:"switch_margin" range:"0,10"`
	DesignRate              float64 `yaml:"design_rate" range:"0,1"`
	ExportQuality           float64 `yaml:"export_quality" range:"0,100"`
	ExportMinEmployees      int     `yaml:"export_min_employees" range:"1,100000"`
	ExportEntryRate         float64 `yaml:"export_entry_rate" range:"0,1"`
	ExportShare             float64 `yaml:"export_share" range:"0,1"`
	SubcontractMaxEmployees int     `yaml:"subcontract_max_employees" range:"1,100000"`
	LeadMinEmployees        int     `yaml:"lead_min_employees" range:"1,100000"`
	SubcontractRate         float64 `yaml:"subcontract_rate" range:"0,1"`
	SubcontractPriceCut     float64 `yaml:"subcontract_price_cut" range:"0,1"`
	SubcontractLinkBreak    float64 `yaml:"subcontract_link_break" range:"0,1"`
	EmployeesPerSupplier    float64 `yaml:"employees_per_supplier" range:"1,100000"`
	RestructureSubsidy      float64 `yaml:"restructure_subsidy" range:"0,1"`
	EquipmentSubsidy        float64 `yaml:"equipment_subsidy" range:"0,1"`
	PromotedSectorPull      float64 `yaml:"promoted_sector_pull" range:"0,1"`
	LargeFirmMinEmployees   int     `yaml:"large_firm_min_employees" range:"1,100000"`
	EstateProductivity      float64 `yaml:"estate_productivity" range:"0,5"`
	Depreciation            float64 `yaml:"depreciation" range:"0,1"`
	InterestRate            float64 `yaml:"interest_rate" range:"0,1"`
	BankLeverage            float64 `yaml:"bank_leverage" range:"0,0.9"`
	RankedCredit            float64 `yaml:"ranked_credit" range:"0,10"`
	CapitalBarriers         bool    `yaml:"capital_barriers"`
}

// MarketParams shape national and export demand for each product.
type MarketParams struct {
	Inflation               float64 `yaml:"inflation" range:"0,0.5"`
	InverseDemandElasticity float64 `yaml:"inverse_demand_elasticity" range:"0,10"`
	ProductLife             float64 `yaml:"product_life" range:"1,200"`
	LifeSpread              float64 `yaml:"life_spread" range:"0,3"`
	Obsolescence            float64 `yaml:"obsolescence" range:"0,1"`
	ExportMarketRatio       float64 `yaml:"export_market_ratio" range:"0,10"`
	ExportPremium           float64 `yaml:"export_premium" range:"0,5"`
	MarketDispersion        float64 `yaml:"market_dispersion" range:"0,5"`
	SpecialistMarketAccess  float64 `yaml:"specialist_market_access" range:"0,5"`
	CrisisExportDrop        float64 `yaml:"crisis_export_drop" range:"0,1"`
	CrisisCostRise          float64 `yaml:"crisis_cost_rise" range:"0,1"`
	ShareThreshold          float64 `yaml:"share_threshold" range:"0,1"`
	SectorStructuringShare  float64 `yaml:"sector_structuring_share" range:"0,1"`
}

// LandParams govern industrial estates, quotas, land price and relocation.
type LandParams struct {
	SquareMetresPerEmployee float64 `yaml:"square_metres_per_employee" range:"1,10000"`
	BasePrice               float64 `yaml:"base_price" range:"0,100000"`
	PriceResponse           float64 `yaml:"price_response" range:"0,10"`
	PriceCap                float64 `yaml:"price_cap" range:"0,1000000"`
	PriceInertia            float64 `yaml:"price_inertia" range:"0,1"`
	AnnualQuota             float64 `yaml:"annual_quota" range:"0,1e9"`
	WaitBeforeLeaving       int     `yaml:"wait_before_leaving" range:"0,600"`
	LeaveRate               float64 `yaml:"leave_rate" range:"0,1"`
	LandRent                float64 `yaml:"land_rent" range:"0,1"`
	MoveHorizon             float64 `yaml:"move_horizon" range:"0.1,100"`
	LocationTaste           float64 `yaml:"location_taste" range:"0.01,100"`
	RegisteredOfficeKeep    float64 `yaml:"registered_office_keep" range:"0,1"`
	RankingSize             int     `yaml:"ranking_size" range:"0,10000"`
}

// LabourParams govern wages and migration.
type LabourParams struct {
	Wage              float64 `yaml:"wage" range:"0,1000000"`
	WageGrowth        float64 `yaml:"wage_growth" range:"0,0.5"`
	WageTightness     float64 `yaml:"wage_tightness" range:"0,10"`
	MigrantResponse   float64 `yaml:"migrant_response" range:"0,1"`
	MigrantDependants float64 `yaml:"migrant_dependants" range:"0,5"`
	MigrantReturnRate float64 `yaml:"migrant_return_rate" range:"0,1"`
}

// VillageParams govern village and township governments.
type VillageParams struct {
	Villages                int     `yaml:"villages" range:"1,100000"`
	Townships               int     `yaml:"townships" range:"1,10000"`
	EncouragementBoost      float64 `yaml:"encouragement_boost" range:"0,1000"`
	EncouragementCredit     float64 `yaml:"encouragement_credit" range:"0,1"`
	TailsRisk               float64 `yaml:"tails_risk" range:"0,100"`
	RedHatRisk              float64 `yaml:"red_hat_risk" range:"0,100"`
	OfficialCost            float64 `yaml:"official_cost" range:"0,1000"`
	CollectiveDebtLimit     float64 `yaml:"collective_debt_limit" range:"0,100"`
	ContactRate             float64 `yaml:"contact_rate" range:"0,1"`
	Spending                bool    `yaml:"spending"`
	CompromiseNews          bool    `yaml:"compromise_news"`
	ElectionConsequences    bool    `yaml:"election_consequences"`
	LandRelease             float64 `yaml:"land_release" range:"0,100"`
	DevelopmentCost         float64 `yaml:"development_cost" range:"0,100"`
	LocalTaxShare           float64 `yaml:"local_tax_share" range:"0,1"`
	RedHatDetection         float64 `yaml:"red_hat_detection" range:"0,1"`
	SpecialisedMinWorkshops int     `yaml:"specialised_min_workshops" range:"1,100000"`
	SpecialisedShare        float64 `yaml:"specialised_share" range:"0,1"`
	PostsPerVillage         int     `yaml:"posts_per_village" range:"1,100"`
	ElectionInterval        int     `yaml:"election_interval" range:"1,20"`
	BusinessmanAdvantage    float64 `yaml:"businessman_advantage" range:"0,100"`
}
