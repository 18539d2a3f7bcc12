package storage

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"crmbot/domain"
)

func testDialogs(t *testing.T, s *Store) {
	ctx := context.Background()
	f := newFixture(t, s, "Acme")
	_, err := s.Dialog(ctx, f.manager.ID)
	wantErr(t, err, domain.ENOTFOUND, "dialog.not_found")

	d := domain.Dialog{UserID: f.manager.ID, Name: "new_lead", Step: "phone", Data: `{"name":"Иван"}`, UpdatedAt: t0}
	must(t, s.SaveDialog(ctx, &d))
	got, err := s.Dialog(ctx, f.manager.ID)
	must(t, err)
	wantEqual(t, "dialog saved", got, d)

	d.Step, d.Data, d.UpdatedAt = "source", `{"name":"Иван","phone":"79161234567"}`, t0.Add(time.Minute)
	must(t, s.SaveDialog(ctx, &d))
	got, err = s.Dialog(ctx, f.manager.ID)
	must(t, err)
	wantEqual(t, "dialog replaced", got, d)

	other := domain.Dialog{UserID: f.head.ID, Name: "lost_reason", Step: "reason", UpdatedAt: t0}
	must(t, s.SaveDialog(ctx, &other))
	must(t, s.DeleteDialog(ctx, f.manager.ID))
	_, err = s.Dialog(ctx, f.manager.ID)
	wantErr(t, err, domain.ENOTFOUND, "dialog.not_found")
	must(t, s.DeleteDialog(ctx, f.manager.ID)) // twice is fine
	got, err = s.Dialog(ctx, f.head.ID)
	must(t, err)
	wantEqual(t, "another user's dialog untouched", got, other)

	stranger := domain.Dialog{UserID: 987654, Name: "x"}
	wantErr(t, s.SaveDialog(ctx, &stranger), domain.EINVALID, "dialog.invalid_reference")
}

func testState(t *testing.T, s *Store) {
	ctx := context.Background()
	_, err := s.Value(ctx, "poll_offset")
	wantErr(t, err, domain.ENOTFOUND, "value.not_found")
	must(t, s.SetValue(ctx, "poll_offset", "100"))
	must(t, s.SetValue(ctx, "poll_offset", "101"))
	must(t, s.SetValue(ctx, "other", ""))
	v, err := s.Value(ctx, "poll_offset")
	must(t, err)
	if v != "101" {
		t.Fatalf("value = %q, want 101", v)
	}
	v, err = s.Value(ctx, "other")
	must(t, err)
	if v != "" {
		t.Fatalf("empty value read back as %q", v)
	}

	ok, err := s.MarkUpdate(ctx, 5001, t0)
	must(t, err)
	if !ok {
		t.Fatal("first MarkUpdate not new")
	}
	ok, err = s.MarkUpdate(ctx, 5001, t0.Add(time.Second))
	must(t, err)
	if ok {
		t.Fatal("second MarkUpdate of the same id reported new")
	}

	// Many handlers racing for the same update: exactly one handles it.
	var (
		wg    sync.WaitGroup
		start = make(chan struct{})
		fresh atomic.Int32
	)
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			ok, err := s.MarkUpdate(ctx, 6001, t0)
			if err != nil {
				t.Error(err)
			} else if ok {
				fresh.Add(1)
			}
		}()
	}
	close(start)
	wg.Wait()
	if fresh.Load() != 1 {
		t.Fatalf("update 6001 new for %d handlers, want 1", fresh.Load())
	}

	ok, err = s.MarkUpdate(ctx, 7001, t0.Add(8*24*time.Hour))
	must(t, err)
	if !ok {
		t.Fatal("MarkUpdate 7001 not new")
	}
	n, err := s.PruneUpdates(ctx, t0.Add(24*time.Hour))
	must(t, err)
	if n != 2 {
		t.Fatalf("pruned %d updates, want 2", n)
	}
	ok, err = s.MarkUpdate(ctx, 7001, t0.Add(8*24*time.Hour))
	must(t, err)
	if ok {
		t.Fatal("a recent update was pruned")
	}
}
