package main

import (
	"context"
	"fmt"
	"net"
	"path/filepath"
	"time"

	"crmbot/bot/telegramtest"
)

// benchToken is the fake server's bot token; the bench scans the logs for it.
const benchToken = "123456789:BENCHfakeTokenNotASecret_0123456789"

// botEnv is the environment of a crmbot process under test.
func botEnv(apiURL, dbURL, listen, limits string) []string {
	return []string{
		"TELEGRAM_BOT_TOKEN=" + benchToken,
		"TELEGRAM_API_URL=" + apiURL,
		"DATABASE_URL=" + dbURL,
		"OWNER_TELEGRAM_IDS=1",
		"LISTEN_ADDR=" + listen,
		"LOG_LEVEL=warn",
		"TELEGRAM_SEND_LIMITS=" + limits,
	}
}

// freeAddr returns a loopback address nobody listens on right now.
func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}

// startBot starts crmbot on fake (through a new observer) and waits until
// /healthz answers.
func startBot(ctx context.Context, o options, fake *telegramtest.Server, dbURL, limits, logName string) (*proc, *observer, error) {
	listen, err := freeAddr()
	if err != nil {
		return nil, nil, err
	}
	return startBotAt(ctx, o, fake, dbURL, limits, logName, listen)
}

// startBotAt is startBot on a chosen LISTEN_ADDR, with extra environment
// (the webhook phase's WEBHOOK_URL).
func startBotAt(ctx context.Context, o options, fake *telegramtest.Server, dbURL, limits, logName, listen string, env ...string) (*proc, *observer, error) {
	obs, err := startObserver(fake.URL())
	if err != nil {
		return nil, nil, err
	}
	p, err := startProc("crmbot", o.botBin, o.workDir, filepath.Join(o.workDir, logName), append(botEnv(obs.URL(), dbURL, listen, limits), env...))
	if err != nil {
		obs.Close()
		return nil, nil, err
	}
	wctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	if err := waitHealthy(wctx, p, "http://"+listen+"/healthz"); err != nil {
		p.kill()
		obs.Close()
		return nil, nil, err
	}
	p.metricsURL = "http://" + listen + "/metrics"
	return p, obs, nil
}

// runBot measures crmbot: a team of an owner and managers is set up
// through the bot itself, then each chat count plays managerFlow.
func runBot(ctx context.Context, o options, db *database, rep *report) error {
	fake := telegramtest.NewServer(telegramtest.WithToken(benchToken), telegramtest.WithBotUsername("crm_bench_bot"))
	defer fake.Close()
	p, obs, err := startBot(ctx, o, fake, db.url, "off", "crmbot.log")
	if err != nil {
		return err
	}
	defer obs.Close()
	defer func() {
		if !p.exited() {
			p.kill()
		}
	}()
	most := mostChats(o.chats)
	logf("setting up a team of %d managers through the bot", most)
	owner := newChat(fake, obs, ownerUser)
	if _, _, err := owner.do(say("start", "/start", shows("Как называется ваша компания"))); err != nil {
		return fmt.Errorf("owner /start: %w", err)
	}
	if _, _, err := owner.do(say("name", "Нагрузка", shows("Ваша команда"))); err != nil {
		return fmt.Errorf("owner names the team: %w", err)
	}
	managers := make([]*chat, most)
	for i := range managers {
		managers[i] = newChat(fake, obs, managerUser(i+1))
		if err := joinTeam(owner, managers[i]); err != nil {
			return fmt.Errorf("manager %d joins: %w", i+1, err)
		}
	}
	for _, n := range o.chats {
		logf("crmbot, %d chat(s): %s warm-up + %s", n, o.warmup, o.measure)
		res, err := runPhase(ctx, "crmbot", managers[:n], managerFlow(), o.warmup, o.measure, p)
		if err != nil {
			return err
		}
		logf("  %.0f updates/s, p50 %.1f ms, p99 %.1f ms, peak RSS %.1f MB", res.PerSecond, res.P50, res.P99, res.PeakRSSMB)
		rep.Bot = append(rep.Bot, res)
	}
	if o.profileRounds > 0 {
		logf("crmbot, cost per step: %d rounds in one chat", o.profileRounds)
		steps, err := runProfile(ctx, p, managers[0], o.profileRounds)
		if err != nil {
			return err
		}
		rep.Steps = steps
	}
	if n := obs.errors.Load(); n > 0 {
		rep.Notes = append(rep.Notes, fmt.Sprintf("crmbot phases: %d Bot API calls cut off between the bot and the fake server (last: %v)", n, obs.lastError.Load()))
	}
	took, err := p.terminate(10 * time.Second)
	rep.BotStopMS = ms(took)
	if err != nil {
		return fmt.Errorf("stop: %w", err)
	}
	return checkLog(filepath.Join(o.workDir, "crmbot.log"), rep)
}

// runEcho measures the transport's ceiling: the echo bot on the same fake
// server, proxy and poller, one message back per message in.
func runEcho(ctx context.Context, o options, rep *report) error {
	fake := telegramtest.NewServer(telegramtest.WithToken(benchToken))
	defer fake.Close()
	obs, err := startObserver(fake.URL())
	if err != nil {
		return err
	}
	defer obs.Close()
	p, err := startProc("echobot", o.echoBin, o.workDir, filepath.Join(o.workDir, "echobot.log"),
		[]string{"TELEGRAM_BOT_TOKEN=" + benchToken}, "-api", obs.URL(), "-limits", "off")
	if err != nil {
		return err
	}
	defer func() { _, _ = p.terminate(10 * time.Second) }()
	most := mostChats(o.chats)
	chats := make([]*chat, most)
	for i := range chats {
		chats[i] = newChat(fake, obs, managerUser(i+1))
	}
	// The first echo proves the bot is up (getMe and the first poll done).
	if _, _, err := chats[0].do(echoFlow()[0]); err != nil {
		return fmt.Errorf("first echo: %w", err)
	}
	for _, n := range o.chats {
		logf("echo bot, %d chat(s)", n)
		res, err := runPhase(ctx, "echo", chats[:n], echoFlow(), o.warmup, o.measure, p)
		if err != nil {
			return err
		}
		logf("  %.0f updates/s, p50 %.1f ms, p99 %.1f ms", res.PerSecond, res.P50, res.P99)
		rep.Echo = append(rep.Echo, res)
	}
	return nil
}
