package api

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// Each builder's way of naming the lead's fields is read as ours.
func TestFormatsOfSiteBuilders(t *testing.T) {
	h := newFuzzHandler()
	cases := []struct{ name, ctype, body, wantName string }{
		{"tilda", "application/x-www-form-urlencoded", "Name=Ann&Phone=89991234567&tranid=1", "Ann"},
		{"html form", "application/x-www-form-urlencoded", "name=Bob&email=bob%40example.com&comment=hi", "Bob"},
		{"cf7", "application/json", `{"your-name":"Cid","your-email":"c@example.com","your-message":"m"}`, "Cid"},
		{"elementor form", "application/x-www-form-urlencoded", "fields%5Bname%5D%5Bvalue%5D=Dan&fields%5Bname%5D%5Btitle%5D=Name&fields%5Bphone%5D%5Bvalue%5D=%2B79991234567", "Dan"},
		{"elementor json", "application/json", `{"form":{"id":"1"},"fields":{"name":{"id":"name","value":"Eve"},"field_3":{"id":"field_3","title":"Email","value":"e@example.com"}}}`, "Eve"},
		{"multipart", "multipart/form-data; boundary=B", "--B\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nFay\r\n--B\r\nContent-Disposition: form-data; name=\"phone\"\r\n\r\n8 999 123 45 67\r\n--B--\r\n", "Fay"},
	}
	for _, c := range cases {
		fields, err := parseBody(c.ctype, []byte(c.body))
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		in, errs := h.readLead(fields, "RU")
		if len(errs) > 0 || in.Name != c.wantName || in.Phone == "" && in.Email == "" {
			t.Errorf("%s: read %+v, errors %v", c.name, in, errs)
		}
	}
}

// The key can come in the header or the address; neither is echoed, and
// other fields go to the note but the key never does.
func TestKeyNeverKeptOrEchoed(t *testing.T) {
	h := newFuzzHandler()
	fields, _ := parseBody("application/x-www-form-urlencoded", []byte("name=A&phone=89991234567&key="+goodKey+"&formid=f1"))
	in, _ := h.readLead(fields, "RU")
	if strings.Contains(in.Extra, goodKey) || !strings.Contains(in.Extra, "formid: f1") {
		t.Fatalf("note fields %q", in.Extra)
	}
	req := httptest.NewRequest(http.MethodPost, "/api/v1/leads?key="+goodKey+"x", strings.NewReader("phone=89991234567"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	if w.Code != http.StatusUnauthorized || strings.Contains(w.Body.String(), goodKey) {
		t.Fatalf("wrong key: %d %s", w.Code, w.Body)
	}
}
