package telegramtest

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// maxUpload bounds what one call may carry, like Telegram's 50 MB for bots.
const maxUpload = 50 << 20

// call is one Bot API request after its parameters are parsed.
type call struct {
	ctx    context.Context
	method string // canonical name, e.g. "sendMessage"
	params url.Values
	files  map[string]*upload
	chatID int64 // parsed chat_id; 0 when absent or not numeric

	// Filled while handling, for the call log and 429 windows.
	messageID int
	window    string // which retry_after window a 429 opens; "" means by chat/method
}

// upload is a file sent as a multipart part.
type upload struct {
	name string
	data []byte
}

// parseCall reads a request's parameters the ways Telegram accepts them:
// query string, urlencoded form, multipart form or a JSON object.
func parseCall(w http.ResponseWriter, r *http.Request) (*call, error) {
	c := &call{ctx: r.Context(), params: url.Values{}, files: map[string]*upload{}}
	ctype, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	r.Body = http.MaxBytesReader(w, r.Body, maxUpload)
	switch ctype {
	case "multipart/form-data":
		if err := parseMultipart(r, c); err != nil {
			return nil, err
		}
	case "application/json":
		if err := parseJSONBody(r, c); err != nil {
			return nil, err
		}
	default:
		if err := r.ParseForm(); err != nil {
			return nil, fmt.Errorf("parse form: %w", err)
		}
		c.params = r.Form
	}
	if v := c.params.Get("chat_id"); v != "" {
		c.chatID, _ = strconv.ParseInt(v, 10, 64)
	}
	return c, nil
}

func parseMultipart(r *http.Request, c *call) error {
	if err := r.ParseMultipartForm(maxUpload); err != nil {
		return fmt.Errorf("parse multipart: %w", err)
	}
	defer func() { _ = r.MultipartForm.RemoveAll() }()
	c.params = r.Form
	for field, headers := range r.MultipartForm.File {
		if len(headers) == 0 {
			continue
		}
		f, err := headers[0].Open()
		if err != nil {
			return fmt.Errorf("open part %s: %w", field, err)
		}
		data, err := io.ReadAll(f)
		_ = f.Close()
		if err != nil {
			return fmt.Errorf("read part %s: %w", field, err)
		}
		c.files[field] = &upload{name: headers[0].Filename, data: data}
	}
	return nil
}

// parseJSONBody flattens a JSON object into form values: strings as they
// are, anything else (numbers, keyboards) as its JSON text, which is how the
// form encoding carries it too.
func parseJSONBody(r *http.Request, c *call) error {
	var obj map[string]json.RawMessage
	if err := json.NewDecoder(r.Body).Decode(&obj); err != nil {
		return fmt.Errorf("parse json body: %w", err)
	}
	for k, raw := range obj {
		var s string
		if err := json.Unmarshal(raw, &s); err == nil {
			c.params.Set(k, s)
			continue
		}
		c.params.Set(k, string(raw))
	}
	for k, vs := range r.URL.Query() {
		if !c.params.Has(k) {
			c.params[k] = vs
		}
	}
	return nil
}

// intParam reads an integer parameter; absent or malformed reads as def.
func (c *call) intParam(name string, def int) int {
	v := strings.TrimSpace(c.params.Get(name))
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return def
	}
	return n
}

// boolParam reads a boolean parameter ("true"/"1").
func (c *call) boolParam(name string) bool {
	b, _ := strconv.ParseBool(c.params.Get(name))
	return b
}
