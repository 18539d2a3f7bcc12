package api

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"golang.org/x/time/rate"

	"crmbot/domain"
)

const goodKey = "k_good_0123456789abcdefghij"

// fakeService knows one key and files every valid lead as deal 1.
type fakeService struct{}

func (fakeService) AuthAPIKey(_ context.Context, key string) (domain.APIKey, domain.Team, error) {
	if key != goodKey {
		return domain.APIKey{}, domain.Team{}, domain.Errorf(domain.EFORBIDDEN, "apikey.invalid")
	}
	return domain.APIKey{ID: 1, TeamID: 1}, domain.Team{ID: 1, PhoneRegion: "RU"}, nil
}

func (fakeService) ReceiveLead(_ context.Context, _ domain.APIKey, in domain.InboundLead) (domain.InboundResult, error) {
	if err := in.Validate(); err != nil {
		return domain.InboundResult{}, err
	}
	if err := domain.ValidateClientName(in.Name, ""); in.Name != "" && err != nil {
		return domain.InboundResult{}, err
	}
	return domain.InboundResult{DealID: 1, ClientID: 1}, nil
}

func (fakeService) ReceiveCall(_ context.Context, _ domain.APIKey, in domain.CallInput) (domain.CallResult, error) {
	if len(in.ManagerRefs) == 0 || in.ManagerRefs[0] != "101" {
		return domain.CallResult{}, domain.Errorf(domain.EINVALID, "call.manager_unknown")
	}
	return domain.CallResult{EventID: 1}, nil
}

// fakePhone takes 11 digits starting with 7 or 8 as a Russian number.
func fakePhone(text, _ string) (string, error) {
	var d []byte
	for i := 0; i < len(text); i++ {
		if text[i] >= '0' && text[i] <= '9' {
			d = append(d, text[i])
		}
	}
	if len(d) != 11 || d[0] != '7' && d[0] != '8' {
		return "", domain.Errorf(domain.EINVALID, "client.phone_invalid")
	}
	return "+7" + string(d[1:]), nil
}

func newFuzzHandler() *Handler {
	return New(Options{Service: fakeService{}, Phone: fakePhone, Rate: rate.Inf})
}

// FuzzLeads posts any body, content type, query and key: the answer is
// never a panic or a 5xx, always JSON, and never echoes the key.
func FuzzLeads(f *testing.F) {
	for _, s := range [][3]string{
		{"application/json", `{"name":"Анна","phone":"8 999 123-45-67"}`, ""},
		{"application/x-www-form-urlencoded", "Name=Ann&Phone=%2B79991234567&tranid=1%3A2", "key=" + goodKey},
		{"application/x-www-form-urlencoded", "test=test", ""},
		{"application/x-www-form-urlencoded", "fields[name][value]=A&fields[email][value]=a%40b.co", ""},
		{"application/json", `{"fields":[{"id":"email","value":"a@b.co"}],"x":{"y":[1,2]}}`, ""},
		{"multipart/form-data; boundary=XX", "--XX\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\na@b.co\r\n--XX--\r\n", ""},
		{"text/plain", "\x00\xff{", "key=bad"},
	} {
		f.Add(s[0], s[1], s[2], true)
	}
	h := newFuzzHandler()
	f.Fuzz(func(t *testing.T, contentType, body, query string, header bool) {
		req := httptest.NewRequest(http.MethodPost, "/api/v1/leads", strings.NewReader(body))
		req.URL.RawQuery = query
		req.Header.Set("Content-Type", contentType)
		if header {
			req.Header.Set("Authorization", "Bearer "+goodKey)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		switch w.Code {
		case http.StatusOK, http.StatusCreated, http.StatusBadRequest, http.StatusUnauthorized, http.StatusRequestEntityTooLarge:
		default:
			t.Fatalf("status %d for %q %q: %s", w.Code, contentType, body, w.Body)
		}
		if !strings.HasPrefix(w.Header().Get("Content-Type"), "application/json") {
			t.Fatalf("answer is not JSON: %q", w.Header().Get("Content-Type"))
		}
		if strings.Contains(w.Body.String(), goodKey) {
			t.Fatalf("the answer echoes the key: %s", w.Body)
		}
	})
}

// FuzzCalls posts any call event body: never a panic or a 5xx, always JSON.
func FuzzCalls(f *testing.F) {
	f.Add(`{"event":"ringing","call_id":"c1","from":"+79991234567","to":"101"}`, true)
	f.Add(`{"event":"ended","call_id":7,"from":"89991234567","to":"101","duration_s":"65","direction":"in"}`, true)
	f.Add(`{"event":"missed","call_id":"c1","from":"anonymous","to":"101","duration_s":-1}`, false)
	f.Add(`[1,2]`, true)
	h := newFuzzHandler()
	f.Fuzz(func(t *testing.T, body string, header bool) {
		req := httptest.NewRequest(http.MethodPost, "/api/v1/calls", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		if header {
			req.Header.Set("Authorization", "Bearer "+goodKey)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		switch w.Code {
		case http.StatusOK, http.StatusBadRequest, http.StatusUnauthorized, http.StatusRequestEntityTooLarge:
		default:
			t.Fatalf("status %d for %q: %s", w.Code, body, w.Body)
		}
		if strings.Contains(w.Body.String(), goodKey) {
			t.Fatalf("the answer echoes the key: %s", w.Body)
		}
	})
}
