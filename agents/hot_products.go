package agents

import (
	"cmp"
	"slices"
)

// ODD 7.21: hot products.

// HotProducts ranks the products available by nextYear by their unmet
// national demand (the market Yongkang does not yet serve: share is
// Yongkang's share of each), largest first, which returning pedlars learn
// of and act on during next year. The news lags: the demand is this
// year's (the year before nextYear; a product that comes out next year at
// its first year's), so pedlars still send households into a market that
// has begun to decline. Products outside a top-down plan are not among
// them (ODD 7.25). It reuses hot's storage.
func HotProducts(products []Product, share []float64, nextYear int, hot []int) []int {
	hot = hot[:0]
	unmet := make([]float64, len(products))
	for i := range products {
		pr := &products[i]
		if pr.Available > nextYear || pr.OutsidePlan {
			continue
		}
		year := float64(max(nextYear-1, pr.Available))
		unmet[i] = pr.NationalMarket(year) * (1 - share[i])
		hot = append(hot, i)
	}
	slices.SortStableFunc(hot, func(a, b int) int { return cmp.Compare(unmet[b], unmet[a]) })
	return hot
}
