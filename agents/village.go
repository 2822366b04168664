package agents

// Stance is a village committee's attitude to private workshops.
type Stance uint8

// The stances of a village committee.
const (
	Repress   Stance = iota // "cut off the capitalist tails"
	Tolerate                // turn a blind eye
	Encourage               // "a workshop for each family"
)

// Village is a village committee and the households it governs.
type Village struct {
	Township    int32
	Stance      Stance
	Cover       bool // workshops may register under the village's collective name (confederation)
	Households  []int32
	Workshops   int32 // household workshops in the village (any private form, producing here)
	Modal       int16 // the product most of its workshops make (-1: none)
	Posts       int32 // village posts
	Businessmen int32 // of which held by businessmen after the last election
}
