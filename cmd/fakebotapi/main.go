// Command fakebotapi serves the fake Telegram Bot API of package
// crmbot/bot/telegramtest as a standalone process, for load tests and
// manual runs of the bot without Telegram.
//
// Point the bot at it with TELEGRAM_API_URL=http://127.0.0.1:8081 and the
// same token. Besides the Bot API (/bot<token>/<method>) and file downloads
// (/file/bot<token>/<path>) it serves a JSON control API:
//
//	POST /_test/updates      {"kind":"text","user":{"id":7,"first_name":"Ann"},"text":"hi"}
//	                         kinds: text, command (command, payload), callback (message_id, label), contact (phone)
//	GET  /_test/sent?chat=7  the bot's messages in a chat
//	GET  /_test/stats        calls per method, 429s answered, retry_after violations
//	GET  /_test/violations   the violations themselves
//
// Usage:
//
//	fakebotapi -addr 127.0.0.1:8081 -token 123456789:TEST -limits
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"crmbot/bot/telegramtest"
)

func main() {
	if err := run(); err != nil {
		slog.Error("fakebotapi stopped", "err", err)
		os.Exit(1)
	}
}

func run() error {
	addr := flag.String("addr", "127.0.0.1:8081", "address to listen on")
	token := flag.String("token", telegramtest.DefaultToken, "bot token to accept")
	limits := flag.Bool("limits", false, "enforce Telegram's flood limits (1 msg/s per chat, 20/min per group, 30/s overall)")
	faultRate := flag.Float64("fault-rate", 0, "probability of a random 429 or 5xx answer per call (getUpdates spared)")
	flag.Parse()

	opts := []telegramtest.Option{telegramtest.WithToken(*token)}
	if *limits {
		opts = append(opts, telegramtest.WithRateLimits(telegramtest.TelegramLimits()))
	}
	srv, err := telegramtest.Listen(*addr, opts...)
	if err != nil {
		return fmt.Errorf("start fake bot api: %w", err)
	}
	defer srv.Close()
	if *faultRate > 0 {
		srv.SetFaultRate(*faultRate)
	}
	slog.Info("fake Telegram Bot API listening", "url", srv.URL(), "limits", *limits, "fault_rate", *faultRate)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	<-ctx.Done()
	st := srv.Stats()
	slog.Info("shutting down", "messages", st.Messages, "too_many_requests", st.TooManyRequests, "violations", st.Violations)
	return nil
}
