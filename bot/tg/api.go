package tg

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// DefaultBaseURL is Telegram's public Bot API server.
const DefaultBaseURL = "https://api.telegram.org"

// DefaultClientTimeout bounds every HTTP call to the Bot API. It must exceed
// the long-poll timeout (the server holds getUpdates open that long) plus
// a margin for the network; Poller warns when it does not.
const DefaultClientTimeout = 75 * time.Second

// getMeBackoff is the first and longest wait between getMe tries; a variable
// so that tests need not wait half a second.
var getMeBackoff = [2]time.Duration{500 * time.Millisecond, 30 * time.Second}

// NewAPI returns a tgbotapi client for token talking to baseURL (empty means
// DefaultBaseURL; a self-hosted Bot API server otherwise). httpClient may be
// nil; a client without a timeout gets DefaultClientTimeout (the caller's
// client is copied, not changed). Debug logging stays off because tgbotapi
// logs request URLs, which contain the token.
//
// It calls getMe until it succeeds, backing off between tries, because the
// bot may start before the API (or the network) is reachable; it gives up
// when ctx ends or at once when Telegram rejects the token (401/404).
// Returned errors are redacted.
func NewAPI(ctx context.Context, token, baseURL string, httpClient *http.Client) (*tgbotapi.BotAPI, error) {
	if token == "" {
		return nil, errors.New("new telegram api: empty token")
	}
	client := &http.Client{Timeout: DefaultClientTimeout, Transport: newTransport()}
	if httpClient != nil {
		c := *httpClient
		if c.Timeout == 0 {
			c.Timeout = DefaultClientTimeout
		}
		client = &c
	}
	endpoint := APIEndpoint(baseURL)
	bo := newBackoff(getMeBackoff[0], getMeBackoff[1])
	for {
		api, err := tgbotapi.NewBotAPIWithClient(token, endpoint, ctxClient{ctx: ctx, next: client})
		if err == nil {
			api.Client = client
			api.Debug = false
			return api, nil
		}
		err = Redact(err, token)
		if ctx.Err() != nil {
			return nil, fmt.Errorf("new telegram api: getMe: %w", errors.Join(ctx.Err(), err))
		}
		if code := apiCode(err); code == http.StatusUnauthorized || code == http.StatusNotFound {
			return nil, fmt.Errorf("new telegram api: getMe rejected the token: %w", err)
		}
		wait := waitFor(err, bo)
		slog.WarnContext(ctx, "telegram getMe failed, retrying", "err", err, "retry_in", wait)
		if err := sleepCtx(ctx, wait); err != nil {
			return nil, fmt.Errorf("new telegram api: getMe: %w", err)
		}
	}
}

// maxIdleConnsPerHost keeps a connection per concurrent call to the Bot
// API alive: the poller's workers and the delivery job send side by side,
// and http.DefaultTransport keeps only two, so the rest would reconnect
// (and hold a TIME_WAIT socket) on every call.
const maxIdleConnsPerHost = 32

// newTransport is http.DefaultTransport with more idle connections per host.
func newTransport() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConns = max(t.MaxIdleConns, maxIdleConnsPerHost)
	t.MaxIdleConnsPerHost = maxIdleConnsPerHost
	return t
}

// APIEndpoint returns the tgbotapi endpoint format ("…/bot%s/%s") for
// baseURL; empty means DefaultBaseURL.
func APIEndpoint(baseURL string) string {
	return baseOrDefault(baseURL) + "/bot%s/%s"
}

// FileURL returns the download URL of a file's FilePath on baseURL. tgbotapi's
// File.Link always points at api.telegram.org, which is wrong for a
// self-hosted server. The URL holds the token: never log it.
func FileURL(baseURL, token, filePath string) string {
	return fmt.Sprintf(baseOrDefault(baseURL)+"/file/bot%s/%s", token, filePath)
}

func baseOrDefault(baseURL string) string {
	if baseURL == "" {
		return DefaultBaseURL
	}
	return strings.TrimRight(baseURL, "/")
}

// ctxClient attaches ctx to every request tgbotapi makes, so that
// cancelling ctx aborts the in-flight HTTP call (tgbotapi builds its
// requests without a context).
type ctxClient struct {
	ctx  context.Context
	next tgbotapi.HTTPClient
}

// Do sends req under the client's context. The response body is drained
// on Close: tgbotapi stops reading at the end of the JSON value, and a body
// closed unread makes the transport drop the connection (a new TCP and TLS
// handshake for the next call) — and the caller cancelling its context
// right after races the last bytes, so the server sees the connection cut.
func (c ctxClient) Do(req *http.Request) (*http.Response, error) {
	resp, err := c.next.Do(req.WithContext(c.ctx))
	if err == nil && resp.Body != nil {
		resp.Body = drainingBody{resp.Body}
	}
	return resp, err
}

// maxDrain bounds what Close reads of an unread body; a Bot API answer's
// tail is a newline.
const maxDrain = 64 << 10

// drainingBody reads what is left of a response (up to maxDrain) before
// closing it, so that the connection goes back to the pool.
type drainingBody struct{ io.ReadCloser }

func (b drainingBody) Close() error {
	_, _ = io.Copy(io.Discard, io.LimitReader(b.ReadCloser, maxDrain))
	return b.ReadCloser.Close()
}

// bind returns a shallow copy of api whose calls run under ctx. The copy
// shares the token, endpoint and underlying HTTP client; only the context
// differs, which is what makes concurrent calls with different contexts safe.
func bind(ctx context.Context, api *tgbotapi.BotAPI) *tgbotapi.BotAPI {
	b := *api
	b.Client = ctxClient{ctx: ctx, next: api.Client}
	return &b
}
