package metrics

import (
	"context"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// scrapeTimeout bounds the scrape hooks (database counts), so a slow
// database cannot hang the scraper.
const scrapeTimeout = 3 * time.Second

// Handler serves the registry at GET /metrics: the scrape hooks run under
// scrapeTimeout, then promhttp renders in the format the scraper asked for
// (text unless it asks for another), gzipped when it accepts that.
func (r *Registry) Handler() http.Handler {
	serve := promhttp.HandlerFor(r.reg, promhttp.HandlerOpts{ErrorHandling: promhttp.ContinueOnError})
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if req.Method != http.MethodGet && req.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		ctx, cancel := context.WithTimeout(req.Context(), scrapeTimeout)
		defer cancel()
		r.runHooks(ctx)
		serve.ServeHTTP(w, req)
	})
}
