package main

import (
	"os"
	"runtime"
	"runtime/debug"
)

// defaultMemoryLimit is the Go runtime's soft memory limit when GOMEMLIMIT
// is not set. Issue 14 bounds the bot's resident memory at 100 MB under
// load; about 30 MB of that is the binary's own pages, so the runtime
// (heap, stacks, its metadata) gets the rest, less a margin. Over the
// limit the collector runs sooner instead of letting the heap double
// (GOGC=100), which is what an export's garbage did. It is soft: a live
// heap above it is kept, at the cost of more frequent collections.
const defaultMemoryLimit = 64 << 20

// setMemoryLimit applies defaultMemoryLimit unless GOMEMLIMIT is set (the
// runtime has read that one already), and returns the limit in force.
func setMemoryLimit() int64 {
	if _, ok := os.LookupEnv("GOMEMLIMIT"); !ok {
		debug.SetMemoryLimit(defaultMemoryLimit)
	}
	return debug.SetMemoryLimit(-1)
}

// releaseStartup returns what start-up left behind once the bot runs:
// goose's migration parser keeps 4 MB scan buffers in a sync.Pool, which
// takes two collections to empty, and until then they count as live heap
// and double the heap the collector lets the idle bot grow to.
// FreeOSMemory's collection is the second one, and it hands the freed
// pages back to the kernel.
func releaseStartup() {
	runtime.GC()
	debug.FreeOSMemory()
}
