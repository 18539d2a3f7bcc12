package bot

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"

	"crmbot/domain"
)

// failingImports is the harness's store with CreateClients failing on its
// failOn-th call (counting from 1; 0: never), as a database gone away
// mid-import would.
type failingImports struct {
	domain.Store
	calls, failOn *atomic.Int32
}

func (s failingImports) Tx(ctx context.Context, fn func(domain.Store) error) error {
	return s.Store.Tx(ctx, func(st domain.Store) error { return fn(failingImports{st, s.calls, s.failOn}) })
}

func (s failingImports) CreateClients(ctx context.Context, cs []*domain.Client) error {
	if n := s.calls.Add(1); n == s.failOn.Load() {
		return domain.Errorf(domain.EUNAVAILABLE, "db.unavailable")
	}
	return s.Store.CreateClients(ctx, cs)
}

func TestImportFailureMidwayIsReportedAndRerunCompletesIt(t *testing.T) {
	h := newHarness(t)
	owner := h.start()
	team := h.user(owner).TeamID
	var calls, failOn atomic.Int32
	failOn.Store(2) // the second batch
	h.svc.Store = failingImports{h.store, &calls, &failOn}

	var csv strings.Builder
	csv.WriteString("Name,Phone\n")
	for i := range 600 {
		fmt.Fprintf(&csv, "Client %d,+7 916 %07d\n", i, i)
	}
	h.send(owner, "/import")
	sendImportFile(h, owner, "doc-600", "600.csv", []byte(csv.String()))
	h.press(owner, "✅ Импортировать (600)")
	h.lastText(owner, "прерван ошибкой: записано 500 (новых 500, обновлено 0)", "ещё раз")
	if n := countClients(t, h, team); n != 500 {
		t.Fatalf("%d clients after the failed batch, want the first batch's 500", n)
	}

	failOn.Store(0)
	h.send(owner, "/import")
	sendImportFile(h, owner, "doc-600", "600.csv", []byte(csv.String()))
	h.press(owner, "✅ Импортировать (600)")
	h.lastText(owner, "новых клиентов 100, обновлено 500")
	if n := countClients(t, h, team); n != 600 {
		t.Fatalf("%d clients after the re-run, want 600", n)
	}
}
