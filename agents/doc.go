// Package agents defines the agents of the Yongkang model — households,
// firms and village, township and city governments — and the rules they
// follow, one file per submodel of docs/ODD.md §7. Each rule is a function
// of what the decision sees (a small struct of the rules of the month, the
// prices, the village ...), of named parameters (Params, read from the
// scenario file) and of the draws it needs (*rng.Draws, keyed by package
// sim): it returns the decision for package sim to apply to the world, or
// updates the agent it is given when nothing else of the world changes.
// Package sim keeps the world, schedules the rules and runs the markets.
//
// The agents and their state: household.go, firm.go, village.go,
// product.go, economy.go (what every agent sees of the month), params.go.
//
// The submodels (ODD §7):
//   - 7.2 product markets and prices: product_markets.go
//   - 7.3 household review: household_review.go
//   - 7.4 opening a workshop: workshop_entry.go
//   - 7.5 legal form at registration: registration.go
//   - 7.6 sanctions: sanctions.go
//   - 7.7 local governments: 7.7.1 accounts: government_accounts.go;
//     7.7.2 stance: village_stance.go; 7.7.3 the compromise's contagion:
//     compromise_contagion.go; 7.7.4 collectives: collectives.go
//   - 7.8 production and accounts: production.go
//   - 7.9 size review and employment: size_review.go
//   - 7.10 legal form transitions: legal_form.go
//   - 7.11 yearly firm review: yearly_review.go
//   - 7.12 exporting and subcontracting: trade.go
//   - 7.13 spin-offs: spinoff.go
//   - 7.14 exit: exit.go
//   - 7.15 migration: migration.go
//   - 7.16 relocation: relocation.go; land allocation: land_allocation.go
//   - 7.17 land price: land_price.go
//   - 7.18 tax ranking: tax_ranking.go
//   - 7.19 village elections: elections.go
//   - 7.20 household formation: household_formation.go
//   - 7.21 hot products: hot_products.go
package agents
