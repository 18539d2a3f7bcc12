package bot

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"crmbot/domain"
	"crmbot/storage"
	"crmbot/storage/storagetest"
)

// BenchmarkImport100k is the client-base import of issue 13 (target:
// 100,000 rows in at most 60 s, in bounded memory) on SQLite and, with
// TEST_DATABASE_URL, PostgreSQL: the preview pass that checks every row,
// then the import pass that writes them in batches, as /import runs them
// after the update, without Telegram. It reports rows/s over both passes
// and the peak heap in use, sampled while it runs.
func BenchmarkImport100k(b *testing.B) {
	const rows = 100_000
	path := filepath.Join(b.TempDir(), "base.csv")
	writeBenchBase(b, path, rows)
	for _, db := range []struct {
		name string
		open func(testing.TB) *storage.Store
	}{{"sqlite", storagetest.OpenSQLite}, {"postgres", openBenchPostgres}} {
		b.Run(db.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				bg := newBenchImport(b, db.open(b))
				peak := sampleHeap()
				b.StartTimer()
				start := time.Now()
				checked := importPass{rows: mustRows(b, bg)}
				ok, err := checked.read(bg, importFile{path: path}, func(domain.ImportClient) error { return nil },
					func(int, []string, string) error { return nil })
				if err != nil || !ok || checked.ok != rows {
					b.Fatalf("preview: ok %v, %d rows good, %v", ok, checked.ok, err)
				}
				w, err := writeImport(bg, importFile{path: path}, func(int) {})
				if err != nil || w.failed != nil || w.done.Created != rows {
					b.Fatalf("import: %+v, %v", w.done, cmpErr(err, w.failed))
				}
				took := time.Since(start)
				b.StopTimer()
				heap := peak()
				b.ReportMetric(rows/took.Seconds(), "rows/s")
				b.ReportMetric(float64(heap)/(1<<20), "peak-heap-MB")
				b.Logf("%s: %d rows checked and imported in %.1f s (target <= 60 s), %.0f rows/s, peak heap %.0f MB",
					db.name, rows, took.Seconds(), rows/took.Seconds(), float64(heap)/(1<<20))
			}
		})
	}
}

func cmpErr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

func openBenchPostgres(t testing.TB) *storage.Store {
	if os.Getenv("TEST_DATABASE_URL") == "" {
		t.Skip("TEST_DATABASE_URL not set: the PostgreSQL import benchmark is skipped")
	}
	return storagetest.OpenTest(t)
}

func mustRows(b *testing.B, bg *Request) *importRows {
	ir, err := newImportRows(bg)
	if err != nil {
		b.Fatal(err)
	}
	return ir
}

// newBenchImport is an owner's background request on a new team in st.
func newBenchImport(b *testing.B, st *storage.Store) *Request {
	ctx := context.Background()
	svc := domain.NewService(st, []int64{ownerID}, "Europe/Moscow", domain.LangRU)
	svc.Now = func() time.Time { return harnessStart }
	res, err := svc.Start(ctx, domain.Profile{TelegramID: ownerID, FirstName: "Ольга"}, "")
	if err != nil {
		b.Fatal(err)
	}
	bt, err := New(Options{Service: svc})
	if err != nil {
		b.Fatal(err)
	}
	return &Request{Ctx: ctx, Svc: svc, User: res.User, Team: res.Team, Lang: domain.LangRU, bot: bt}
}

// writeBenchBase writes a CSV of n clients, each with a phone, an email,
// a segment, a class and a purchase history.
func writeBenchBase(b *testing.B, path string, n int) {
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "Имя;Телефон;Email;Компания;Сегмент;ABC-класс;Менеджер;Дата последней покупки;Число покупок;Сумма покупок")
	for i := 0; i < n; i++ {
		fmt.Fprintf(w, "Клиент %d;+7 916 %07d;c%d@example.com;ООО Компания %d;Опт;%c;Ольга;%02d.%02d.2025;%d;%d 000\n",
			i, i, i, i/10, "ABC"[i%3], 1+i%28, 1+i%12, 1+i%20, 1+i%500)
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
}

// sampleHeap samples the heap in use every 20 ms until the returned func
// is called, which returns the highest sample.
func sampleHeap() func() uint64 {
	var mu sync.Mutex
	var peak uint64
	stop, done := make(chan struct{}), make(chan struct{})
	read := func() {
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		mu.Lock()
		peak = max(peak, m.HeapInuse)
		mu.Unlock()
	}
	go func() {
		defer close(done)
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				read()
			}
		}
	}()
	return func() uint64 {
		close(stop)
		<-done
		read()
		mu.Lock()
		defer mu.Unlock()
		return peak
	}
}
