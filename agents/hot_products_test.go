package agents

import (
	"slices"
	"testing"
)

func TestHotProducts(t *testing.T) {
	products := []Product{
		{Available: 1978, Market: 100, BaseYear: 1978},
		{Available: 1978, Market: 300, BaseYear: 1978},
		{Available: 2000, Market: 1e6, BaseYear: 1978}, // not yet made
		{Available: 1978, Market: 300, BaseYear: 1978}, // as much unmet demand as product 1
	}
	share := []float64{0, 0.5, 0, 0}
	got := HotProducts(products, share, 1990, make([]int, 0, 4))
	if want := []int{3, 1, 0}; !slices.Equal(got, want) {
		t.Errorf("HotProducts = %v, want %v (by unmet demand, ties in product order)", got, want)
	}
}

// TestHotProductsKeepToThePlan: a product outside a top-down plan is never
// news, however much demand it has unmet.
func TestHotProductsKeepToThePlan(t *testing.T) {
	products := []Product{
		{Available: 1978, Market: 100, BaseYear: 1978},
		{Available: 1978, Market: 1e6, BaseYear: 1978, OutsidePlan: true},
	}
	got := HotProducts(products, []float64{0, 0}, 1990, nil)
	if want := []int{0}; !slices.Equal(got, want) {
		t.Errorf("HotProducts = %v, want %v (product 1 is outside the plan)", got, want)
	}
}
