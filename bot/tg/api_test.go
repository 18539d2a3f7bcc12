package tg

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"
)

func fastGetMe(t *testing.T) {
	old := getMeBackoff
	getMeBackoff = [2]time.Duration{time.Millisecond, 10 * time.Millisecond}
	t.Cleanup(func() { getMeBackoff = old })
}

func TestNewAPIRetriesGetMe(t *testing.T) {
	fastGetMe(t)
	f := newFakeAPI(t)
	f.push("getMe", fakeReply{hangup: true}, apiErr(502, "Bad Gateway", 0))
	api, err := NewAPI(t.Context(), testToken, f.srv.URL+"/", nil)
	if err != nil {
		t.Fatal(err)
	}
	if api.Self.UserName != "crm_bot" || api.Debug {
		t.Errorf("Self = %q, Debug = %v", api.Self.UserName, api.Debug)
	}
	if n := len(f.callsTo("getMe")); n != 3 {
		t.Errorf("getMe calls = %d, want 3", n)
	}
	c, ok := api.Client.(*http.Client)
	if !ok || c.Timeout != DefaultClientTimeout {
		t.Errorf("client = %T with timeout %v, want *http.Client with %v", api.Client, c.Timeout, DefaultClientTimeout)
	}
}

func TestNewAPIRejectedToken(t *testing.T) {
	fastGetMe(t)
	f := newFakeAPI(t)
	_, err := NewAPI(t.Context(), "999:wrongwrongwrong", f.srv.URL, nil)
	if err == nil || apiCode(err) != 401 {
		t.Fatalf("err = %v, want 401", err)
	}
	if n := len(f.callsTo(badTokenCall)); n != 1 {
		t.Errorf("calls = %d, want 1 (no retry on a bad token)", n)
	}
}

func TestNewAPIGivesUpWhenContextEnds(t *testing.T) {
	fastGetMe(t)
	f := newFakeAPI(t)
	url := f.srv.URL
	f.srv.Close() // nothing listens: every try fails
	ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancel()
	_, err := NewAPI(ctx, testToken, url, nil)
	if err == nil || ctx.Err() == nil {
		t.Fatalf("err = %v before ctx ended", err)
	}
	if strings.Contains(err.Error(), testToken) {
		t.Errorf("error leaks the token: %v", err)
	}
}

func TestFileURL(t *testing.T) {
	got := FileURL("http://local:8081/", "1:x", "docs/a.pdf")
	if want := "http://local:8081/file/bot1:x/docs/a.pdf"; got != want {
		t.Errorf("FileURL = %q, want %q", got, want)
	}
	if got := APIEndpoint(""); got != "https://api.telegram.org/bot%s/%s" {
		t.Errorf("APIEndpoint(\"\") = %q", got)
	}
}
