package faults

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"crmbot/bot/telegramtest"
	"crmbot/bot/tg"
	"crmbot/domain"
)

// post sends body to the rig's webhook with secret (none when empty) and
// returns the status.
func (r *rig) post(t testing.TB, secret string, body []byte) int {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, r.hookURL, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if secret != "" {
		req.Header.Set(tg.SecretHeader, secret)
	}
	resp, err := r.hookClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// nextStagePress is the update a manager's "next stage" press on card
// makes, with the callback data of the card's own button.
func nextStagePress(t *testing.T, mgr int64, card telegramtest.Message) []byte {
	t.Helper()
	btn, ok := card.Button("➡️ Квалификация пройдена")
	if !ok {
		t.Fatalf("no next-stage button on the card: %v", card.Labels())
	}
	u := tgbotapi.Update{UpdateID: 900001, CallbackQuery: &tgbotapi.CallbackQuery{
		ID: "forged-1", From: &tgbotapi.User{ID: mgr, FirstName: "Мария", LanguageCode: "ru"},
		Message: &tgbotapi.Message{MessageID: card.ID, Chat: &tgbotapi.Chat{ID: mgr, Type: "private"}},
		Data:    btn.Data,
	}}
	b, _ := json.Marshal(u)
	return b
}

func TestWebhookRefusesBadSecretsAndBodiesAndChangesNothing(t *testing.T) {
	r := newRig(t, true)
	owner := r.owner(ownerID, "Ольга")
	mgr := r.join(owner, domain.RoleManager, "Мария")
	r.lead(mgr, "Пётр Вебхуков", "+79990002233")
	card := r.openCard(mgr, "+79990002233")
	r.settle()
	before, sent := snapshot(t, r.store), r.chatCalls(mgr)
	press := nextStagePress(t, mgr.ID, card)

	for name, c := range map[string]struct {
		secret string
		body   []byte
		want   []int
	}{
		"no secret":          {"", press, []int{401}},
		"wrong secret":       {"guess", press, []int{401}},
		"secret with suffix": {webhookKey + "x", press, []int{401}},
		"secret prefix":      {webhookKey[:5], press, []int{401}},
		"not json":           {webhookKey, []byte("hello"), []int{400}},
		"truncated":          {webhookKey, press[:len(press)/2], []int{400}},
		"array":              {webhookKey, []byte(`[1,2,3]`), []int{400}},
		"wrong types":        {webhookKey, []byte(`{"update_id":"x","callback_query":7}`), []int{400}},
		"too large":          {webhookKey, bytes.Repeat([]byte(" "), tg.MaxUpdateBytes+10), []int{400, 413}},
		"empty":              {webhookKey, nil, []int{400}},
	} {
		if got := r.post(t, c.secret, c.body); !contains(c.want, got) {
			t.Errorf("%s: status %d, want one of %v", name, got, c.want)
		}
	}
	// Random bytes and mutated updates that no longer decode as an update:
	// refused with 400. (A mutation that still decodes is a valid update
	// signed with the secret, which the bot rightly handles: skipped.)
	rng := rand.New(rand.NewPCG(6, 6))
	broken := 0
	for i := 0; broken < 300 && i < 3000; i++ {
		body := mutate(rng, press)
		if i%3 == 0 {
			body = randomBytes(rng, rng.IntN(200))
		}
		var u tgbotapi.Update
		if json.Unmarshal(body, &u) == nil {
			continue
		}
		broken++
		if got := r.post(t, webhookKey, body); got != 400 {
			t.Fatalf("fuzzed body %q: status %d, want 400", body, got)
		}
	}
	if broken < 300 {
		t.Fatalf("only %d broken bodies generated", broken)
	}
	if after := snapshot(t, r.store); after != before {
		t.Fatalf("refused requests changed the database:\n%s", diff(before, after))
	}
	if got := r.chatCalls(mgr); got != sent {
		t.Fatalf("refused requests made the bot write %d times", got-sent)
	}
	// The same press with the right secret acts: the refusals above were
	// not for want of a valid update.
	if got := r.post(t, webhookKey, press); got != 200 {
		t.Fatalf("the valid press: status %d", got)
	}
	if snapshot(t, r.store) == before {
		t.Fatal("the valid press changed nothing")
	}
}

// FuzzWebhookBody posts arbitrary bodies to the webhook handler in front
// of the bot (no network: the handler is called directly): 200, 400 or
// 413, never a 500 or a panic, and 401 whatever the body without the
// secret.
func FuzzWebhookBody(f *testing.F) {
	f.Add([]byte(`{"update_id":1,"message":{"message_id":1,"chat":{"id":5,"type":"private"},"from":{"id":5},"text":"/start"}}`))
	f.Add([]byte(`{"update_id":2,"callback_query":{"id":"q","from":{"id":1},"data":"d:1:next"}}`))
	f.Add([]byte(`{"update_id":3,"message":{"message_id":1,"chat":{"id":1,"type":"private"},"from":{"id":1},"text":"привет"}}`))
	f.Add([]byte(`{}`))
	f.Add([]byte(`null`))
	d := newDesk(f)
	d.start(person{ownerID, "Ольга"}, "")
	hook := tg.NewWebhook(webhookKey, d.bot.HandleUpdate, tg.WithWebhookLogger(logger()))
	serve := func(secret string, body []byte) int {
		req := httptest.NewRequest(http.MethodPost, "/telegram/webhook", bytes.NewReader(body))
		if secret != "" {
			req.Header.Set(tg.SecretHeader, secret)
		}
		rec := httptest.NewRecorder()
		hook.ServeHTTP(rec, req)
		return rec.Code
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		if got := serve(webhookKey, body); got != 200 && got != 400 && got != 413 {
			t.Fatalf("body %q: status %d", body, got)
		}
		if got := serve("", body); got != 401 {
			t.Fatalf("body %q without the secret: status %d", body, got)
		}
	})
}

// mutate flips, drops or duplicates a few bytes of b.
func mutate(rng *rand.Rand, b []byte) []byte {
	out := bytes.Clone(b)
	for range 1 + rng.IntN(4) {
		if len(out) == 0 {
			break
		}
		i := rng.IntN(len(out))
		switch rng.IntN(3) {
		case 0:
			out[i] = byte(rng.IntN(256))
		case 1:
			out = append(out[:i], out[i+1:]...)
		default:
			out = append(out[:i], append([]byte{out[i]}, out[i:]...)...)
		}
	}
	return out
}

func randomBytes(rng *rand.Rand, n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(rng.IntN(256))
	}
	return b
}

func contains(xs []int, x int) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
