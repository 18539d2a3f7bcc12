package domain

import (
	"context"
	"crypto/rand"
	"encoding/base32"
	"strings"
	"time"
)

// Service runs the use cases: it checks who may do what, applies the rules
// and writes every change with its history in one transaction.
type Service struct {
	Store Store
	// Now is the clock; tests set a fixed one.
	Now func() time.Time
	// OwnerTelegramIDs become owners at /start (OWNER_TELEGRAM_IDS).
	OwnerTelegramIDs []int64
	// DefaultTimeZone is given to new teams.
	DefaultTimeZone string
	// DefaultLanguage is used when Telegram tells no language we speak.
	DefaultLanguage string
}

// NewService returns a service with the real clock.
func NewService(store Store, owners []int64, timeZone, language string) *Service {
	return &Service{Store: store, Now: func() time.Time { return time.Now().UTC() }, OwnerTelegramIDs: owners, DefaultTimeZone: timeZone, DefaultLanguage: language}
}

func (s *Service) now() time.Time { return s.Now().UTC() }

// InTx runs fn with a copy of s bound to one transaction: every use case fn
// calls on it commits, or none does.
func (s *Service) InTx(ctx context.Context, fn func(tx *Service) error) error {
	return s.Store.Tx(ctx, func(st Store) error {
		tx := *s
		tx.Store = st
		return fn(&tx)
	})
}

// MarkUpdate records that the Telegram update updateID is being handled and
// reports whether it is new; in InTx, a repeated delivery finds it marked
// and changes nothing.
func (s *Service) MarkUpdate(ctx context.Context, updateID int64) (bool, error) {
	return s.Store.MarkUpdate(ctx, updateID, s.Now())
}

func (s *Service) isOwnerID(telegramID int64) bool {
	for _, id := range s.OwnerTelegramIDs {
		if id == telegramID {
			return true
		}
	}
	return false
}

// newCode returns a random invite code, short enough for a deep link
// (Telegram allows 64 characters of [A-Za-z0-9_-]).
func newCode() string {
	var b [10]byte
	_, _ = rand.Read(b[:])
	return strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b[:]))
}

// languageFor picks the bot language from Telegram's language code.
func (s *Service) languageFor(code string) string {
	code = strings.ToLower(code)
	switch {
	case strings.HasPrefix(code, "ru"), strings.HasPrefix(code, "uk"), strings.HasPrefix(code, "be"), strings.HasPrefix(code, "kk"):
		return LangRU
	case strings.HasPrefix(code, "en"):
		return LangEN
	}
	if ValidLanguage(s.DefaultLanguage) {
		return s.DefaultLanguage
	}
	return LangRU
}
