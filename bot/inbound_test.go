package bot

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"crmbot/api"
	"crmbot/bot/input"
	"crmbot/bot/telegramtest"
	"crmbot/domain"
)

// inbound is the real api handler on an HTTP server, filing leads through
// the harness's service: the tests post as a site would.
type inbound struct {
	h   *harness
	srv *httptest.Server
}

func newInbound(h *harness, o api.Options) *inbound {
	o.Service, o.Phone = h.svc, input.NormalizePhone
	srv := httptest.NewServer(api.New(o))
	h.t.Cleanup(srv.Close)
	return &inbound{h: h, srv: srv}
}

// post sends body with contentType to path (key in the header unless the
// path carries it) and returns the status and decoded JSON.
func (in *inbound) post(path, key, contentType, body string) (int, map[string]any, http.Header) {
	in.h.t.Helper()
	req, err := http.NewRequest(http.MethodPost, in.srv.URL+path, strings.NewReader(body))
	if err != nil {
		in.h.t.Fatal(err)
	}
	req.Header.Set("Content-Type", contentType)
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		in.h.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var out map[string]any
	if err := json.Unmarshal(raw, &out); err != nil {
		in.h.t.Fatalf("answer is not JSON (%d): %s", resp.StatusCode, raw)
	}
	return resp.StatusCode, out, resp.Header
}

// lead posts JSON to /api/v1/leads.
func (in *inbound) lead(key string, v map[string]any) (int, map[string]any) {
	in.h.t.Helper()
	b, _ := json.Marshal(v)
	code, out, _ := in.post("/api/v1/leads", key, "application/json", string(b))
	return code, out
}

var shownKey = regexp.MustCompile(`<code>([A-Za-z0-9_-]{24,})</code>`)

// newKey creates an API key named name through /apikeys and returns it.
func (h *harness) newKey(owner telegramtest.User, name string) string {
	h.t.Helper()
	h.send(owner, "/apikeys")
	h.press(owner, "➕ Новый ключ")
	h.send(owner, name)
	m := shownKey.FindStringSubmatch(h.last(owner).Text)
	if m == nil {
		h.t.Fatalf("no key shown: %q", h.last(owner).Text)
	}
	return m[1]
}

func id(v any) int64 { f, _ := v.(float64); return int64(f) }

func TestAPIKeyCreatedShownOnceAndRevoked(t *testing.T) {
	h := newHarness(t)
	owner := h.start()
	in := newInbound(h, api.Options{})

	h.send(owner, "/apikeys")
	h.lastText(owner, "Ключей пока нет")
	h.press(owner, "➕ Новый ключ")
	h.send(owner, "🙂")
	h.lastText(owner, "хотя бы одну букву")
	h.send(owner, "Сайт на Tilda")
	m := h.lastText(owner, "Сайт на Tilda", "Скопируйте его сейчас")
	key := shownKey.FindStringSubmatch(m.Text)[1]
	var hashes []string
	keys, _ := h.store.APIKeys(context.Background(), h.lastTeam())
	for _, k := range keys {
		hashes = append(hashes, k.Hash)
		if strings.Contains(k.Hash, key) || k.Hash != domain.HashAPIKey(key) {
			t.Fatalf("stored %q for key %q, want only its hash", k.Hash, key)
		}
	}
	if len(hashes) != 1 {
		t.Fatalf("%d keys stored, want 1", len(hashes))
	}

	code, out := in.lead(key, map[string]any{"name": "Анна", "phone": "+7 999 123-45-67"})
	if code != http.StatusCreated {
		t.Fatalf("post with the new key: %d %v", code, out)
	}
	h.send(owner, "/apikeys")
	h.lastText(owner, "Сайт на Tilda", "последний запрос: сегодня")

	h.press(owner, "❌ Отозвать «Сайт на Tilda»")
	confirm := h.lastText(owner, "Отозвать ключ")
	// Two quick taps: one revokes, the other is told and changes nothing.
	h.doubleTap(owner, confirm, "❌ Да, отозвать")
	h.answered("уже отозван")
	h.lastText(owner, "Ключей пока нет")
	code, out = in.lead(key, map[string]any{"name": "Борис", "phone": "+7 999 123-45-68"})
	if code != http.StatusUnauthorized || strings.Contains(toJSON(out), key) {
		t.Fatalf("post with a revoked key: %d %v", code, out)
	}
}

func toJSON(v any) string { b, _ := json.Marshal(v); return string(b) }

func TestSiteLeadFromTildaReachesTheManager(t *testing.T) {
	h := newHarness(t)
	owner, mgr := h.team()
	key := h.newKey(owner, "Tilda")
	in := newInbound(h, api.Options{})
	tk := newTicker(h)

	// Tilda checks the webhook with test=test, key in the address.
	code, _, _ := in.post("/api/v1/leads?key="+url.QueryEscape(key), "", "application/x-www-form-urlencoded", "test=test")
	if code != http.StatusOK {
		t.Fatalf("Tilda's test request: %d", code)
	}
	form := url.Values{"Name": {"Анна Смирнова"}, "Phone": {"8 (999) 123-45-67"}, "Comment": {"Нужна доставка"},
		"tranid": {"123:456"}, "formid": {"form1"}, "utm_source": {"yandex"}}
	code, out, _ := in.post("/api/v1/leads?key="+url.QueryEscape(key), "", "application/x-www-form-urlencoded", form.Encode())
	if code != http.StatusCreated || out["duplicate"] != false || id(out["deal_id"]) == 0 || id(out["client_id"]) == 0 {
		t.Fatalf("Tilda lead: %d %v", code, out)
	}
	tk.run()
	m := h.find(mgr, "Новая заявка", "Анна Смирнова", "999", "Нужна доставка", "Сайт")
	for _, label := range []string{"📞 Звонок", "📂 Открыть сделку"} {
		if _, ok := m.Button(label); !ok {
			t.Fatalf("lead message lacks %q: %v", label, m.Labels())
		}
	}
	if !strings.Contains(m.Text, "utm_source: yandex") || !strings.Contains(m.Text, "formid: form1") {
		t.Fatalf("the form's other fields are not in the note:\n%s", m.Text)
	}
	d := h.deal(id(out["deal_id"]))
	if d.ManagerID != h.user(mgr).ID || !d.CreatedAt.Equal(h.now()) || d.LastTouchAt != nil {
		t.Fatalf("deal %+v: want the manager's, created now, untouched", d)
	}

	// The same submission again: the same ids, no second deal or message.
	sent := len(h.api.Sent(mgr.ID))
	code, again, _ := in.post("/api/v1/leads?key="+url.QueryEscape(key), "", "application/x-www-form-urlencoded", form.Encode())
	if code != http.StatusOK || again["duplicate"] != true || id(again["deal_id"]) != id(out["deal_id"]) || id(again["client_id"]) != id(out["client_id"]) {
		t.Fatalf("repeated tranid: %d %v, first %v", code, again, out)
	}
	tk.run()
	if n, _ := h.store.CountDeals(context.Background(), domain.DealFilter{TeamID: h.lastTeam()}); n != 1 || len(h.api.Sent(mgr.ID)) != sent {
		t.Fatalf("%d deals, %d new messages after a repeat", n, len(h.api.Sent(mgr.ID))-sent)
	}

	// Untouched past the first-touch limit: the existing speed-to-lead sweep reminds.
	h.advance(16 * time.Minute)
	tk.run()
	h.find(mgr, "Новая заявка ждёт", "Анна Смирнова")
	// The call button on the lead's message logs the call.
	h.pressOn(mgr, m, "📞 Звонок")
}

func TestSiteLeadOfAKnownClientGoesToTheirDeal(t *testing.T) {
	h := newHarness(t)
	owner, mgr := h.team()
	key := h.newKey(owner, "CF7")
	in := newInbound(h, api.Options{})
	tk := newTicker(h)
	l := h.lead(mgr, "Ольга", "+79991112233", 0)

	// Contact Form 7 through a webhook plugin: your-* fields, a phone typed the local way.
	code, out := in.lead(key, map[string]any{"your-name": "Ольга П.", "your-phone": "8 999 111-22-33", "your-message": "Ещё 10 штук"})
	if code != http.StatusCreated || id(out["deal_id"]) != l.Deal.ID || id(out["client_id"]) != l.Client.ID {
		t.Fatalf("known client's lead: %d %v, want deal %d", code, out, l.Deal.ID)
	}
	tk.run()
	h.find(mgr, "Повторная заявка", "Ольга", "Ещё 10 штук")
	if n, _ := h.store.CountDeals(context.Background(), domain.DealFilter{TeamID: h.lastTeam()}); n != 1 {
		t.Fatalf("%d deals, want the client's one", n)
	}

	// Elementor, urlencoded fields[..][value]; known by email, no open deal: a new deal for the client's manager.
	form := url.Values{"fields[name][value]": {"Пётр"}, "fields[email][value]": {"petr@example.com"}, "fields[name][title]": {"Имя"}}
	code, first, _ := in.post("/api/v1/leads", key, "application/x-www-form-urlencoded", form.Encode())
	if code != http.StatusCreated {
		t.Fatalf("Elementor lead: %d %v", code, first)
	}
	code, second := in.lead(key, map[string]any{"fields": map[string]any{"email": map[string]any{"id": "email", "value": "PETR@example.com"}, "message": map[string]any{"id": "message", "value": "Жду звонка"}}})
	if code != http.StatusCreated || id(second["deal_id"]) != id(first["deal_id"]) {
		t.Fatalf("Elementor JSON by the same email: %d %v, first %v", code, second, first)
	}
}

// post with no phone or email, a bad phone, a big body, no or a wrong key.
func TestSiteLeadBadInputIsAClear4xx(t *testing.T) {
	h := newHarness(t)
	owner, _ := h.team()
	key := h.newKey(owner, "Site")
	in := newInbound(h, api.Options{Rate: 1, Burst: 6})

	code, out := in.lead(key, map[string]any{"name": "Без контактов", "comment": "?"})
	errs, _ := out["errors"].(map[string]any)
	if code != http.StatusBadRequest || errs["phone"] == nil || errs["email"] == nil {
		t.Fatalf("no phone or email: %d %v", code, out)
	}
	code, out = in.lead(key, map[string]any{"phone": "12ab", "email": "not-an-email"})
	errs, _ = out["errors"].(map[string]any)
	if code != http.StatusBadRequest || errs["phone"] != "not a phone number" || errs["email"] != "not an email address" {
		t.Fatalf("bad phone and email: %d %v", code, out)
	}
	if code, _, _ := in.post("/api/v1/leads", key, "text/plain", "name="+strings.Repeat("a", api.MaxBody)); code != http.StatusRequestEntityTooLarge {
		t.Fatalf("body above 64 KB: %d", code)
	}
	for _, k := range []string{"", "wrong-key-wrong-key-wrong-key"} {
		code, out, _ := in.post("/api/v1/leads", k, "application/json", `{"phone":"+79991234567"}`)
		if code != http.StatusUnauthorized || strings.Contains(toJSON(out), h.api.Token()) {
			t.Fatalf("key %q: %d %v", k, code, out)
		}
	}
	code, out, hdr := in.post("/api/v1/leads", key, "application/json", `{"phone":"+79991234567"}`)
	for i := 0; i < 3 && code != http.StatusTooManyRequests; i++ {
		code, out, hdr = in.post("/api/v1/leads", key, "application/json", `{"phone":"+79991234567"}`)
	}
	if code != http.StatusTooManyRequests || hdr.Get("Retry-After") == "" {
		t.Fatalf("past the key's burst: %d %v", code, out)
	}
}

// otherTeam stores a second team, with the default pipeline and an owner
// who talks to no chat: the bot's /start puts every configured owner in
// one team.
func (h *harness) otherTeam() (domain.Team, domain.User) {
	h.t.Helper()
	ctx := context.Background()
	team := domain.NewTeam("Лютик", "Europe/Moscow", h.now())
	if err := h.store.CreateTeam(ctx, &team); err != nil {
		h.t.Fatal(err)
	}
	for _, st := range domain.DefaultStages() {
		st.TeamID = team.ID
		if err := h.store.CreateStage(ctx, &st); err != nil {
			h.t.Fatal(err)
		}
	}
	u := domain.User{TeamID: team.ID, TelegramID: 99999, Name: "Иван", Role: domain.RoleOwner, Language: domain.LangRU, Active: true, CreatedAt: h.now()}
	if err := h.store.CreateUser(ctx, &u); err != nil {
		h.t.Fatal(err)
	}
	return team, u
}

func TestAKeyOfOneTeamNeverReachesAnother(t *testing.T) {
	h := newHarness(t)
	owner, mgr := h.team()
	tk := newTicker(h)
	l := h.lead(mgr, "Ольга", "+79991112233", 0)
	otherTeam, otherOwner := h.otherTeam()
	_, otherKey, err := h.svc.CreateAPIKey(context.Background(), otherOwner, "Чужой сайт")
	if err != nil {
		t.Fatal(err)
	}
	in := newInbound(h, api.Options{})
	_ = owner

	code, out := in.lead(otherKey, map[string]any{"name": "Ольга", "phone": "+79991112233", "external_id": "x1"})
	if code != http.StatusCreated || id(out["deal_id"]) == l.Deal.ID || id(out["client_id"]) == l.Client.ID {
		t.Fatalf("other team's key with our client's phone: %d %v", code, out)
	}
	d, err := h.store.Deal(context.Background(), otherTeam.ID, id(out["deal_id"]))
	if err != nil || d.TeamID == l.Deal.TeamID || d.ManagerID != otherOwner.ID {
		t.Fatalf("the other team's lead landed in team %d (%v)", d.TeamID, err)
	}
	tk.run()
	if h.count(mgr, "заявка") != 0 {
		t.Fatalf("our manager heard of another team's lead: %q", h.last(mgr).Text)
	}
}
