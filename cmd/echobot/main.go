// Command echobot is the smallest bot on crmbot's transport: the same
// tgbotapi client, our long-poll loop (bot/tg.Poller) and our sender, and a
// handler that only echoes text back. make bench runs it against the fake
// Bot API server to measure the transport's ceiling, so the real bot's
// throughput can be read as a share of it.
//
// Usage:
//
//	echobot -api http://127.0.0.1:8081 -token 123456789:TEST -limits off
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"golang.org/x/time/rate"

	"crmbot/bot/tg"
)

func main() {
	api := flag.String("api", "http://127.0.0.1:8081", "Bot API base URL")
	token := flag.String("token", os.Getenv("TELEGRAM_BOT_TOKEN"), "bot token (default $TELEGRAM_BOT_TOKEN)")
	limits := flag.String("limits", "telegram", "telegram: pace like crmbot; off: no pacing (fake server only)")
	workers := flag.Int("workers", 8, "updates handled at once, as crmbot's poller does")
	flag.Parse()
	log := slog.New(tg.NewRedactingHandler(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}), *token))
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, *api, *token, *limits == "off", *workers, log); err != nil {
		log.Error("echobot stopped", "err", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, baseURL, token string, unlimited bool, workers int, log *slog.Logger) error {
	api, err := tg.NewAPI(ctx, token, baseURL, nil)
	if err != nil {
		return fmt.Errorf("connect: %w", err)
	}
	opts := []tg.SenderOption{tg.WithSenderLogger(log)}
	if unlimited {
		opts = append(opts, tg.WithGlobalLimit(rate.Inf, 1), tg.WithChatLimit(rate.Inf, 1))
	}
	sender := tg.NewSender(api, opts...)
	echo := func(ctx context.Context, u tgbotapi.Update) error {
		if u.Message == nil || u.Message.Chat == nil {
			return nil
		}
		text := u.Message.Text
		if text == "" {
			text = "…"
		}
		if _, err := sender.Send(ctx, tgbotapi.NewMessage(u.Message.Chat.ID, "echo: "+text)); err != nil {
			// An echo is not worth holding the queue for: the poller would
			// retry the update until this succeeded.
			log.Warn("echo failed", "chat_id", u.Message.Chat.ID, "err", err)
		}
		return nil
	}
	poller := tg.NewPoller(api, &tg.MemoryOffsets{}, echo, tg.WithPollTimeout(10*time.Second), tg.WithPollLogger(log),
		tg.WithPollWorkers(workers))
	return poller.Run(ctx)
}
