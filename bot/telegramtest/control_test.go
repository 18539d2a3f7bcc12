package telegramtest_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"crmbot/bot/telegramtest"
)

func controlJSON(t *testing.T, method, url, body string, out any) int {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	if out != nil {
		if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
			t.Fatalf("decode %s: %v", url, err)
		}
	}
	return resp.StatusCode
}

func TestControlAPI(t *testing.T) {
	srv := telegramtest.New(t)
	api := newAPI(t, srv)

	var enq struct {
		OK       bool `json:"ok"`
		UpdateID int  `json:"update_id"`
	}
	code := controlJSON(t, http.MethodPost, srv.URL()+"/_test/updates",
		`{"kind":"command","user":{"id":77,"first_name":"Load"},"command":"/start","payload":"x1"}`, &enq)
	if code != http.StatusOK || !enq.OK || enq.UpdateID == 0 {
		t.Fatalf("enqueue = %d %+v", code, enq)
	}
	ups := getUpdates(t, api, 0)
	if len(ups) != 1 || ups[0].Message.CommandArguments() != "x1" || ups[0].Message.From.ID != 77 {
		t.Fatalf("updates = %+v", ups)
	}

	if _, err := api.Send(dealCard(77, "Card", "Done")); err != nil {
		t.Fatal(err)
	}
	code = controlJSON(t, http.MethodPost, srv.URL()+"/_test/updates",
		`{"kind":"callback","user":{"id":77},"label":"Done"}`, &enq)
	if code != http.StatusOK {
		t.Fatalf("callback enqueue = %d", code)
	}
	ups = getUpdates(t, api, ups[0].UpdateID+1)
	if len(ups) != 1 || ups[0].CallbackQuery == nil || ups[0].CallbackQuery.Data != "d:42:done" {
		t.Fatalf("callback updates = %+v", ups)
	}
	if code := controlJSON(t, http.MethodPost, srv.URL()+"/_test/updates", `{"kind":"dance","user":{"id":77}}`, nil); code != http.StatusBadRequest {
		t.Fatalf("unknown kind = %d", code)
	}

	var sent struct {
		OK     bool                   `json:"ok"`
		Result []telegramtest.Message `json:"result"`
	}
	controlJSON(t, http.MethodGet, srv.URL()+"/_test/sent?chat=77", "", &sent)
	if len(sent.Result) != 1 || sent.Result[0].Text != "Card" || sent.Result[0].InlineButtons[0][0].Data != "d:42:done" {
		t.Fatalf("sent = %+v", sent)
	}

	var st telegramtest.Stats
	controlJSON(t, http.MethodGet, srv.URL()+"/_test/stats", "", &st)
	if st.Calls["sendMessage"] != 1 || st.Calls["getMe"] != 1 || st.Messages != 1 {
		t.Fatalf("stats = %+v", st)
	}
}
