package main

import (
	"context"
	"fmt"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"path/filepath"
	"time"

	"crmbot/bot/telegramtest"
)

// webhookChats is the chat count of the webhook phase, the one the
// updates/s target is set at.
const webhookChats = 10

// webhookFirstUpdateID starts the webhook phase's update ids past the
// polling phases' on the same database, whose ids the bot has recorded.
const webhookFirstUpdateID = 100_000_000

// runWebhook measures crmbot in webhook mode on the team the polling
// phases set up: the fake server POSTs each update, as Telegram does, to a
// TLS proxy (WEBHOOK_URL must be https) in front of the bot's LISTEN_ADDR,
// so there is no long-poll round trip between an update and its handling.
func runWebhook(ctx context.Context, o options, db *database, rep *report) error {
	listen, err := freeAddr()
	if err != nil {
		return err
	}
	proxy := httptest.NewTLSServer(httputil.NewSingleHostReverseProxy(&url.URL{Scheme: "http", Host: listen}))
	defer proxy.Close()
	fake := telegramtest.NewServer(telegramtest.WithToken(benchToken), telegramtest.WithBotUsername("crm_bench_bot"),
		telegramtest.WithWebhookClient(proxy.Client()), telegramtest.WithFirstUpdateID(webhookFirstUpdateID))
	defer fake.Close()
	p, obs, err := startBotAt(ctx, o, fake, db.url, "off", "crmbot-webhook.log", listen,
		"WEBHOOK_URL="+proxy.URL+"/telegram/webhook", "WEBHOOK_SECRET=benchWebhookSecret")
	if err != nil {
		return err
	}
	defer obs.Close()
	n := webhookChats
	if len(o.chats) > 0 {
		n = min(n, mostChats(o.chats))
	}
	managers := make([]*chat, n)
	for i := range managers {
		managers[i] = newChat(fake, obs, managerUser(i+1))
	}
	logf("crmbot webhook, %d chat(s): %s warm-up + %s", n, o.warmup, o.measure)
	res, err := runPhase(ctx, "webhook", managers, managerFlow(), o.warmup, o.measure, p)
	if err != nil {
		p.kill()
		return fmt.Errorf("%w (webhook %q, last delivery error %q, delivered %d)", err, fake.WebhookURL(), fake.WebhookError(), len(fake.WebhookDeliveries()))
	}
	logf("  %.0f updates/s, p50 %.1f ms, p99 %.1f ms, peak RSS %.1f MB", res.PerSecond, res.P50, res.P99, res.PeakRSSMB)
	rep.Webhook = append(rep.Webhook, res)
	if _, err := p.terminate(10 * time.Second); err != nil {
		return fmt.Errorf("stop: %w", err)
	}
	return checkLog(filepath.Join(o.workDir, "crmbot-webhook.log"), rep)
}

// mostChats is the largest chat count of the phases.
func mostChats(chats []int) int {
	m := 0
	for _, n := range chats {
		m = max(m, n)
	}
	return m
}
