package agents

// ODD 7.19: village elections.

// BusinessmanPostShare is the expected share of a village's posts that
// businessmen win in a free election, when a share b of households are
// business households: advantage·b / (advantage·b + 1 − b). Article: "when
// free elections were introduced ... many businessmen became political
// leaders".
func BusinessmanPostShare(advantage, b float64) float64 {
	if b <= 0 {
		return 0
	}
	w := advantage * b
	return w / (w + 1 - b)
}

// ElectedBusinessmen draws how many of posts go to businessmen, given the
// expected share and one uniform draw per post.
func ElectedBusinessmen(posts int, share float64, draw func() float64) int {
	n := 0
	for range posts {
		if draw() < share {
			n++
		}
	}
	return n
}
