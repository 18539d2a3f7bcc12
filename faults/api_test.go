package faults

import (
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"crmbot/bot/telegramtest"
)

var keyRe = regexp.MustCompile(`[A-Za-z0-9_-]{32}`)

// TestSiteLeadThroughTheBinary posts a Tilda form to the real binary's
// LISTEN_ADDR with a key the owner made in /apikeys, and the manager gets
// the lead from the outbox delivery; a revoked key is refused at once.
func TestSiteLeadThroughTheBinary(t *testing.T) {
	b := newBench(t)
	b.start()
	owner, mgrs := b.team(1)
	before := len(b.srv.Sent(owner.ID))
	b.srv.SendCommand(owner, "apikeys", "")
	b.srv.WaitForCount(t, owner.ID, before+1, 20*time.Second)
	if err := b.srv.PressButtonOnLast(owner, "➕ Новый ключ"); err != nil {
		t.Fatal(err)
	}
	b.wantReply(owner, "Как назвать ключ", 20*time.Second)
	b.srv.SendText(owner, "Tilda")
	m := b.wantReply(owner, "Скопируйте его сейчас", 20*time.Second)
	key := keyRe.FindString(m.PlainText())
	if key == "" {
		t.Fatalf("no key in %q", m.PlainText())
	}

	post := func(key string) (int, map[string]any) {
		form := url.Values{"Name": {"Анна"}, "Phone": {"8 999 123-45-67"}, "Comment": {"Перезвоните"}, "tranid": {"1:1"}}
		resp, err := http.Post("http://"+b.listen+"/api/v1/leads?key="+key, "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var out map[string]any
		_ = json.NewDecoder(resp.Body).Decode(&out)
		return resp.StatusCode, out
	}
	posted := time.Now()
	if code, out := post(key); code != http.StatusCreated {
		t.Fatalf("lead: %d %v", code, out)
	}
	b.srv.WaitFor(t, mgrs[0].ID, func(m telegramtest.Message) bool {
		return strings.Contains(m.PlainText(), "Новая заявка") && strings.Contains(m.PlainText(), "Перезвоните")
	}, 20*time.Second)
	report("site lead: POST to the manager's message in %v", time.Since(posted).Round(time.Millisecond))

	b.srv.SendCommand(owner, "apikeys", "")
	b.wantReply(owner, "последний запрос", 20*time.Second)
	if err := b.srv.PressButtonOnLast(owner, "❌ Отозвать «Tilda»"); err != nil {
		t.Fatal(err)
	}
	b.until(20*time.Second, "the revoke confirmation", func() bool {
		return strings.Contains(b.srv.Last(owner.ID).PlainText(), "Отозвать ключ")
	})
	if err := b.srv.PressButtonOnLast(owner, "❌ Да, отозвать"); err != nil {
		t.Fatal(err)
	}
	b.until(20*time.Second, "the key list after the revoke", func() bool {
		return strings.Contains(b.srv.Last(owner.ID).PlainText(), "Ключей пока нет")
	})
	if code, out := post(key); code != http.StatusUnauthorized {
		t.Fatalf("revoked key: %d %v", code, out)
	}
}
