package tg

import (
	"context"
	"sync"
)

// MemoryOffsets is an OffsetStore in memory: for a bot with no state to
// lose (the load test's echo bot) and for tests. The zero value is ready.
type MemoryOffsets struct {
	mu   sync.Mutex
	next int
}

// LoadOffset returns the last saved offset, 0 before any save.
func (m *MemoryOffsets) LoadOffset(context.Context) (int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.next, nil
}

// SaveOffset keeps next.
func (m *MemoryOffsets) SaveOffset(_ context.Context, next int) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.next = next
	return nil
}
