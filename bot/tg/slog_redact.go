package tg

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
)

// RedactingHandler is a slog.Handler that hides secrets in the message and
// in every string, error or formatted attribute before passing the record on.
// It is the second line of defence: errors are redacted where they arise, and
// this catches whatever slipped through.
type RedactingHandler struct {
	next    slog.Handler
	secrets []string
}

// NewRedactingHandler wraps h so that every secret (typically the bot token
// and the webhook secret) is replaced by "<token>" in what h receives. Empty
// secrets are ignored.
func NewRedactingHandler(h slog.Handler, secrets ...string) *RedactingHandler {
	var kept []string
	for _, s := range secrets {
		if s != "" {
			kept = append(kept, s)
		}
	}
	return &RedactingHandler{next: h, secrets: kept}
}

// Enabled reports whether the wrapped handler handles level.
func (h *RedactingHandler) Enabled(ctx context.Context, level slog.Level) bool {
	return h.next.Enabled(ctx, level)
}

// Handle redacts the record's message and attributes and passes it on.
func (h *RedactingHandler) Handle(ctx context.Context, r slog.Record) error {
	out := slog.NewRecord(r.Time, r.Level, h.redact(r.Message), r.PC)
	r.Attrs(func(a slog.Attr) bool {
		out.AddAttrs(h.redactAttr(a))
		return true
	})
	return h.next.Handle(ctx, out)
}

// WithAttrs redacts attrs and returns a handler that adds them to every record.
func (h *RedactingHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	clean := make([]slog.Attr, len(attrs))
	for i, a := range attrs {
		clean[i] = h.redactAttr(a)
	}
	return &RedactingHandler{next: h.next.WithAttrs(clean), secrets: h.secrets}
}

// WithGroup returns a handler that nests later attributes under name.
func (h *RedactingHandler) WithGroup(name string) slog.Handler {
	return &RedactingHandler{next: h.next.WithGroup(name), secrets: h.secrets}
}

func (h *RedactingHandler) redact(s string) string {
	return RedactString(s, h.secrets...)
}

func (h *RedactingHandler) redactAttr(a slog.Attr) slog.Attr {
	v := a.Value.Resolve()
	switch v.Kind() {
	case slog.KindString:
		return slog.String(a.Key, h.redact(v.String()))
	case slog.KindGroup:
		group := v.Group()
		clean := make([]slog.Attr, len(group))
		for i, g := range group {
			clean[i] = h.redactAttr(g)
		}
		return slog.Attr{Key: a.Key, Value: slog.GroupValue(clean...)}
	case slog.KindAny:
		// Errors, URLs, structs: only touched when their text holds a secret,
		// so ordinary values keep their type for the downstream handler.
		text := anyText(v.Any())
		if clean := h.redact(text); clean != text {
			return slog.String(a.Key, clean)
		}
		return slog.Attr{Key: a.Key, Value: v}
	default:
		return slog.Attr{Key: a.Key, Value: v}
	}
}

// anyText renders v the way text and JSON handlers would show it.
func anyText(v any) string {
	switch x := v.(type) {
	case error:
		return x.Error()
	case fmt.Stringer:
		return x.String()
	default:
		s := fmt.Sprintf("%+v", v)
		return strings.TrimSpace(s)
	}
}
