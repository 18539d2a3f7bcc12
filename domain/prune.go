package domain

// PruneReport counts the technical rows one prune deleted, by table
// (handled update ids, sent and failed outbox rows, dead watermarks...).
// Business data is never pruned.
type PruneReport map[string]int64

// Total is the number of rows deleted from every table.
func (r PruneReport) Total() int64 {
	var n int64
	for _, v := range r {
		n += v
	}
	return n
}
