package bot

import (
	"embed"
	"fmt"
	"html"
	"io/fs"
	"log/slog"
	"path"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"crmbot/domain"
)

//go:embed locales/*.toml
var localeFiles embed.FS

// Texts holds the message files of every language; feature files keep their
// own pairs (lead.ru.toml, lead.en.toml) so texts never live in Go code.
type Texts struct {
	bundle     *i18n.Bundle
	localizers map[string]*i18n.Localizer
	// onMissing, when set, is told of every missing id (tests fail on it).
	onMissing func(lang, id string)
}

// LoadTexts parses the embedded message files.
func LoadTexts() (*Texts, error) {
	b := i18n.NewBundle(language.Russian)
	b.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	names, err := fs.Glob(localeFiles, "locales/*.toml")
	if err != nil {
		return nil, err
	}
	for _, name := range names {
		data, err := localeFiles.ReadFile(name)
		if err != nil {
			return nil, err
		}
		if _, err := b.ParseMessageFileBytes(data, path.Base(name)); err != nil {
			return nil, fmt.Errorf("parse %s: %w", name, err)
		}
	}
	t := &Texts{bundle: b, localizers: map[string]*i18n.Localizer{}}
	for _, lang := range []string{domain.LangRU, domain.LangEN} {
		t.localizers[lang] = i18n.NewLocalizer(b, lang)
	}
	return t, nil
}

// T returns message id in lang with data (a map; string values are
// HTML-escaped by the caller through Esc). A missing id is logged and shown
// as the id itself, so a gap is visible rather than silent.
func (t *Texts) T(lang, id string, data map[string]any) string {
	return t.translate(lang, id, nil, data)
}

// N is T for a message with plural forms chosen by count.
func (t *Texts) N(lang, id string, count int, data map[string]any) string {
	if data == nil {
		data = map[string]any{}
	}
	if _, ok := data["Count"]; !ok {
		data["Count"] = count
	}
	return t.translate(lang, id, count, data)
}

func (t *Texts) translate(lang, id string, count any, data map[string]any) string {
	l, ok := t.localizers[lang]
	if !ok {
		l = t.localizers[domain.LangRU]
	}
	s, err := l.Localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: data, PluralCount: count})
	if err != nil {
		slog.Warn("missing text", "id", id, "lang", lang, "err", err)
		if t.onMissing != nil {
			t.onMissing(lang, id)
		}
		return id
	}
	return s
}

// Has reports whether message id exists in lang.
func (t *Texts) Has(lang, id string) bool {
	l, ok := t.localizers[lang]
	if !ok {
		return false
	}
	_, _, err := l.LocalizeWithTag(&i18n.LocalizeConfig{MessageID: id})
	return err == nil
}

// Esc escapes user-provided text for Telegram's HTML parse mode.
func Esc(s string) string { return html.EscapeString(s) }
