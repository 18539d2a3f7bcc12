// Package config reads the bot's settings from the environment (and a .env
// file when present) and reports every bad variable at once.
package config

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Config is the validated configuration of one bot process.
type Config struct {
	Token           string
	APIURL          string
	DatabaseURL     string
	OwnerIDs        []int64
	DefaultTimeZone string
	DefaultLanguage string
	WebhookURL      string
	WebhookSecret   string
	ListenAddr      string
	LogLevel        slog.Level
	// SendLimits is "telegram" (Telegram's flood limits, the default) or
	// "off" (no pacing: only for load tests against a fake Bot API server).
	SendLimits string
	// DeliveryLease is how long a claimed reminder is left to the replica
	// that claimed it before another may send it (DELIVERY_LEASE, default
	// 2m); its send is cut off a margin before.
	DeliveryLease time.Duration
	// RetentionDays is how many days technical rows are kept (handled
	// update ids, sent and failed notifications, dead watermarks) before
	// the hourly prune deletes them; business data is never pruned.
	RetentionDays int
}

// Defaults of the optional variables.
const (
	DefaultAPIURL     = "https://api.telegram.org"
	DefaultTimeZone   = "Europe/Moscow"
	DefaultLanguage   = "ru"
	DefaultListenAddr = ":8080"
	SendLimitsOn      = "telegram"
	SendLimitsOff     = "off"
	// DefaultDeliveryLease is DELIVERY_LEASE's default.
	DefaultDeliveryLease = 2 * time.Minute
	// DefaultRetentionDays and its bounds: at least a week, so that a
	// redelivered update and a weekly mark are always still known.
	DefaultRetentionDays = 30
	MinRetentionDays     = 7
	MaxRetentionDays     = 3650
)

var (
	tokenRe  = regexp.MustCompile(`^[0-9A-Za-z:_-]+$`)
	secretRe = regexp.MustCompile(`^[A-Za-z0-9_-]{1,256}$`)
)

// Load reads the configuration with lookup (os.LookupEnv in production) and
// returns an error naming every bad variable.
func Load(lookup func(string) (string, bool)) (Config, error) {
	get := func(k, def string) string {
		if v, ok := lookup(k); ok && strings.TrimSpace(v) != "" {
			return strings.TrimSpace(v)
		}
		return def
	}
	var bad []string
	fail := func(name, why string) { bad = append(bad, fmt.Sprintf("%s: %s", name, why)) }
	c := Config{
		Token:           get("TELEGRAM_BOT_TOKEN", ""),
		APIURL:          strings.TrimRight(get("TELEGRAM_API_URL", DefaultAPIURL), "/"),
		DatabaseURL:     get("DATABASE_URL", ""),
		DefaultTimeZone: get("DEFAULT_TIMEZONE", DefaultTimeZone),
		DefaultLanguage: get("DEFAULT_LANGUAGE", DefaultLanguage),
		WebhookURL:      get("WEBHOOK_URL", ""),
		WebhookSecret:   get("WEBHOOK_SECRET", ""),
		ListenAddr:      get("LISTEN_ADDR", DefaultListenAddr),
		SendLimits:      strings.ToLower(get("TELEGRAM_SEND_LIMITS", SendLimitsOn)),
	}
	if c.Token == "" {
		fail("TELEGRAM_BOT_TOKEN", "required (the token @BotFather gave you)")
	} else if !tokenRe.MatchString(c.Token) {
		fail("TELEGRAM_BOT_TOKEN", "has characters a bot token cannot have")
	}
	if !isHTTPURL(c.APIURL) {
		fail("TELEGRAM_API_URL", "must be an http(s) URL like https://api.telegram.org")
	}
	if c.DatabaseURL != "" && !validDatabaseURL(c.DatabaseURL) {
		fail("DATABASE_URL", "must be a postgres:// URL (or unset for the embedded SQLite file)")
	}
	ids, err := parseIDs(get("OWNER_TELEGRAM_IDS", ""))
	if err != nil {
		fail("OWNER_TELEGRAM_IDS", err.Error())
	}
	c.OwnerIDs = ids
	if _, err := time.LoadLocation(c.DefaultTimeZone); err != nil || c.DefaultTimeZone == "Local" {
		fail("DEFAULT_TIMEZONE", fmt.Sprintf("unknown time zone %q (use an IANA name like Europe/Moscow)", c.DefaultTimeZone))
	}
	if c.DefaultLanguage != "ru" && c.DefaultLanguage != "en" {
		fail("DEFAULT_LANGUAGE", "must be ru or en")
	}
	if c.WebhookURL != "" {
		if why := webhookURLProblem(c.WebhookURL); why != "" {
			fail("WEBHOOK_URL", why)
		}
		if !secretRe.MatchString(c.WebhookSecret) {
			fail("WEBHOOK_SECRET", "required with WEBHOOK_URL: 1-256 characters of A-Z, a-z, 0-9, _ and -")
		}
	}
	if _, _, err := net.SplitHostPort(c.ListenAddr); err != nil {
		fail("LISTEN_ADDR", "must be host:port, e.g. :8080 or 127.0.0.1:8080")
	}
	if c.SendLimits != SendLimitsOn && c.SendLimits != SendLimitsOff {
		fail("TELEGRAM_SEND_LIMITS", "must be telegram (the default) or off (load tests against a fake server only)")
	}
	lease, err := time.ParseDuration(get("DELIVERY_LEASE", DefaultDeliveryLease.String()))
	if err != nil || lease < 2*time.Second || lease > time.Hour {
		fail("DELIVERY_LEASE", "must be a duration from 2s to 1h, like 2m (the default) or 90s")
	}
	c.DeliveryLease = lease
	days, err := strconv.Atoi(get("RETENTION_DAYS", strconv.Itoa(DefaultRetentionDays)))
	if err != nil || days < MinRetentionDays || days > MaxRetentionDays {
		fail("RETENTION_DAYS", fmt.Sprintf("must be a whole number of days from %d to %d (default %d)", MinRetentionDays, MaxRetentionDays, DefaultRetentionDays))
	}
	c.RetentionDays = days
	if err := c.LogLevel.UnmarshalText([]byte(get("LOG_LEVEL", "info"))); err != nil {
		fail("LOG_LEVEL", "must be debug, info, warn or error")
	}
	if len(bad) > 0 {
		return Config{}, errors.New("bad configuration:\n  " + strings.Join(bad, "\n  "))
	}
	return c, nil
}

// FromEnv loads .env from the working directory (when present; real
// environment variables win) and then the environment.
func FromEnv() (Config, error) {
	file, err := ReadDotEnv(".env")
	if err != nil {
		return Config{}, err
	}
	return Load(func(k string) (string, bool) {
		if v, ok := os.LookupEnv(k); ok {
			return v, true
		}
		v, ok := file[k]
		return v, ok
	})
}

func isHTTPURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// webhookURLProblem says what is wrong with a WEBHOOK_URL, or "" when it is
// usable: Telegram delivers webhooks over https only, to a host it can reach.
func webhookURLProblem(s string) string {
	u, err := url.Parse(s)
	switch {
	case err != nil || u.Host == "" || u.Hostname() == "":
		return fmt.Sprintf("%q is not a URL; expected https://your.host/telegram/webhook", s)
	case u.Scheme != "https":
		return fmt.Sprintf("must use https (Telegram sends webhooks over https only), got %q", u.Scheme+"://")
	case u.Fragment != "":
		return "must not contain a #fragment"
	}
	return ""
}

func validDatabaseURL(s string) bool {
	u, err := url.Parse(s)
	if err != nil {
		return false
	}
	switch u.Scheme {
	case "postgres", "postgresql":
		return u.Host != "" || u.Query().Get("host") != ""
	case "sqlite", "file":
		return true
	}
	return false
}

func parseIDs(s string) ([]int64, error) {
	var ids []int64
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		id, err := strconv.ParseInt(part, 10, 64)
		if err != nil || id <= 0 {
			return nil, fmt.Errorf("%q is not a numeric Telegram id (comma-separated list expected)", part)
		}
		ids = append(ids, id)
	}
	return ids, nil
}
