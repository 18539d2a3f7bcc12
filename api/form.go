package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"
)

// field is one name and value a form sent.
type field struct{ name, value string }

// errBadBody is a body that is neither JSON nor a form.
var errBadBody = errors.New("body is not JSON, application/x-www-form-urlencoded or multipart/form-data")

// parseBody reads the fields of a form submission: a JSON object (Contact
// Form 7 webhooks; Elementor's {"fields": …}), a urlencoded form (Tilda, a
// plain HTML form, Elementor's fields[name][value]=…) or multipart form
// data (files are left out). Field names keep their case here.
func parseBody(contentType string, body []byte) ([]field, error) {
	mt, params, _ := mime.ParseMediaType(contentType)
	trimmed := bytes.TrimSpace(body)
	switch {
	case mt == "application/json" || strings.HasSuffix(mt, "+json") || mt == "" && len(trimmed) > 0 && trimmed[0] == '{':
		return parseJSON(trimmed)
	case mt == "multipart/form-data":
		return parseMultipart(body, params["boundary"])
	case mt == "application/x-www-form-urlencoded" || mt == "" || mt == "text/plain":
		vals, err := url.ParseQuery(string(body))
		if err != nil {
			return nil, errBadBody
		}
		return fromValues(vals), nil
	}
	return nil, errBadBody
}

func fromValues(vals map[string][]string) []field {
	names := make([]string, 0, len(vals))
	for n := range vals {
		names = append(names, n)
	}
	sort.Strings(names)
	out := make([]field, 0, len(names))
	for _, n := range names {
		if v := vals[n]; len(v) > 0 {
			out = append(out, field{n, strings.Join(v, ", ")})
		}
	}
	return unwrapElementor(out)
}

func parseMultipart(body []byte, boundary string) ([]field, error) {
	if boundary == "" {
		return nil, errBadBody
	}
	form, err := multipart.NewReader(bytes.NewReader(body), boundary).ReadForm(MaxBody)
	if err != nil {
		return nil, errBadBody
	}
	defer func() { _ = form.RemoveAll() }()
	return fromValues(form.Value), nil
}

// elementorField is "fields[name][value]" or "form_fields[name]".
var elementorField = regexp.MustCompile(`^(?:fields\[([^\]]+)\]\[(?:value|raw_value)\]|form_fields\[([^\]]+)\])$`)

// unwrapElementor turns Elementor's bracketed names into plain ones and
// drops the other parts of its field descriptions (title, type, id).
func unwrapElementor(in []field) []field {
	out := in[:0:0]
	seen := map[string]bool{}
	for _, f := range in {
		if m := elementorField.FindStringSubmatch(f.name); m != nil {
			f.name = m[1] + m[2]
		} else if strings.HasPrefix(f.name, "fields[") {
			continue
		}
		if !seen[f.name] {
			seen[f.name] = true
			out = append(out, f)
		}
	}
	return out
}

func parseJSON(body []byte) ([]field, error) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(body, &obj); err != nil || obj == nil {
		return nil, errors.New("body is not a JSON object")
	}
	vals := map[string][]string{}
	for name, raw := range obj {
		if name == "fields" {
			for _, f := range elementorJSON(raw) {
				vals[f.name] = append(vals[f.name], f.value)
			}
			continue
		}
		if v, ok := scalar(raw); ok {
			vals[name] = append(vals[name], v)
		}
	}
	return fromValues(vals), nil
}

// elementorJSON reads Elementor's "fields": an object of {id: {value}} or
// a list of {id, title, value}.
func elementorJSON(raw json.RawMessage) []field {
	type ef struct {
		ID    string          `json:"id"`
		Title string          `json:"title"`
		Value json.RawMessage `json:"value"`
	}
	var out []field
	add := func(id string, f ef) {
		v, ok := scalar(f.Value)
		if !ok {
			return
		}
		name := id
		if _, known := alias(name); !known && f.Title != "" {
			name = f.Title
		}
		out = append(out, field{name, v})
	}
	var byID map[string]ef
	if json.Unmarshal(raw, &byID) == nil {
		for id, f := range byID {
			if f.ID != "" {
				id = f.ID
			}
			add(id, f)
		}
		return out
	}
	var list []ef
	if json.Unmarshal(raw, &list) == nil {
		for _, f := range list {
			add(f.ID, f)
		}
	}
	return out
}

// scalar renders a JSON string, number or bool (or a list of them) as
// text; objects and null are left out.
func scalar(raw json.RawMessage) (string, bool) {
	var v any
	if len(raw) == 0 || json.Unmarshal(raw, &v) != nil {
		return "", false
	}
	switch x := v.(type) {
	case string:
		return x, true
	case float64, bool:
		return strings.TrimSpace(string(raw)), true
	case []any:
		parts := make([]string, 0, len(x))
		for _, e := range x {
			switch e.(type) {
			case string, float64, bool:
				parts = append(parts, fmt.Sprint(e))
			}
		}
		return strings.Join(parts, ", "), len(parts) > 0
	}
	return "", false
}

// readBody reads at most MaxBody bytes; tooBig reports a longer body.
func readBody(r io.Reader) (body []byte, tooBig bool, err error) {
	body, err = io.ReadAll(io.LimitReader(r, MaxBody+1))
	if err != nil {
		return nil, false, err
	}
	if len(body) > MaxBody {
		return nil, true, nil
	}
	return body, false, nil
}

// cleanText drops invalid UTF-8 and control characters but newlines, and
// trims.
func cleanText(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "")
	}
	s = strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\n' && r != '\t' || r == 0x7f {
			return -1
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}
