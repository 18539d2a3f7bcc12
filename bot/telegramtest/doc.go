// Package telegramtest is a fake Telegram Bot API server for tests and load
// runs.
//
// The real tgbotapi v5 client talks to it over HTTP exactly as it talks to
// Telegram (<base>/bot<token>/<method>, form or multipart parameters, the
// {"ok":...} envelope), so end-to-end tests exercise the bot's real adapter:
//
//	srv := telegramtest.New(t)
//	api, _ := tgbotapi.NewBotAPIWithClient(srv.Token(), srv.Endpoint(), httpClient)
//	alice := telegramtest.User{ID: 42, FirstName: "Alice"}
//	srv.SendCommand(alice, "/start", "")
//	reply := srv.WaitFor(t, alice.ID, telegramtest.HasText("Welcome"), 5*time.Second)
//	srv.PressButton(alice, reply.ID, "Next")
//
// The test plays users with the Send*/Press* helpers (which queue updates
// for getUpdates or POST them to a webhook), reads what the bot sent or
// edited with Sent, Last and WaitFor, and injects Telegram's failures
// (FailNext, SetFaultRate, SetRateLimits). Calls that arrive while a
// retry_after window announced by a 429 is still open are recorded as
// violations, so a test can prove the bot honours flood control.
//
// The server also exposes a small JSON control API under /_test/ (see
// control.go) used by the standalone cmd/fakebotapi program.
package telegramtest
