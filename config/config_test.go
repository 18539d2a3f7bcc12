package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func lookup(m map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

func TestLoadDefaults(t *testing.T) {
	c, err := Load(lookup(map[string]string{"TELEGRAM_BOT_TOKEN": "123:abc", "OWNER_TELEGRAM_IDS": "1, 2"}))
	if err != nil {
		t.Fatal(err)
	}
	if c.SendLimits != SendLimitsOn || c.DeliveryLease != DefaultDeliveryLease {
		t.Fatalf("send limits default = %q, delivery lease %s", c.SendLimits, c.DeliveryLease)
	}
	if c.RetentionDays != DefaultRetentionDays {
		t.Fatalf("retention default = %d", c.RetentionDays)
	}
	if c.APIURL != DefaultAPIURL || c.DefaultTimeZone != "Europe/Moscow" || c.DefaultLanguage != "ru" || c.ListenAddr != ":8080" {
		t.Fatalf("defaults not applied: %+v", c)
	}
	if len(c.OwnerIDs) != 2 || c.OwnerIDs[0] != 1 || c.OwnerIDs[1] != 2 {
		t.Fatalf("owner ids = %v", c.OwnerIDs)
	}
}

func TestLoadReportsEveryBadVariable(t *testing.T) {
	_, err := Load(lookup(map[string]string{
		"DATABASE_URL":         "mysql://root@localhost/crm",
		"DEFAULT_TIMEZONE":     "Mars/Base",
		"OWNER_TELEGRAM_IDS":   "12,abc",
		"DEFAULT_LANGUAGE":     "de",
		"WEBHOOK_URL":          "https://example.org/hook",
		"LOG_LEVEL":            "loud",
		"LISTEN_ADDR":          "8080",
		"TELEGRAM_API_URL":     "ftp://x",
		"TELEGRAM_SEND_LIMITS": "fast",
		"DELIVERY_LEASE":       "1s",
		"RETENTION_DAYS":       "3",
	}))
	if err == nil {
		t.Fatal("expected an error")
	}
	for _, name := range []string{"TELEGRAM_BOT_TOKEN", "DATABASE_URL", "DEFAULT_TIMEZONE", "OWNER_TELEGRAM_IDS", "DEFAULT_LANGUAGE", "WEBHOOK_SECRET", "LOG_LEVEL", "LISTEN_ADDR", "TELEGRAM_API_URL", "TELEGRAM_SEND_LIMITS", "DELIVERY_LEASE", "RETENTION_DAYS"} {
		if !strings.Contains(err.Error(), name) {
			t.Errorf("error does not name %s:\n%v", name, err)
		}
	}
}

func TestDotEnvAndEnvironmentPrecedence(t *testing.T) {
	dir := t.TempDir()
	body := "# comment\nexport TELEGRAM_BOT_TOKEN=\"1:file\"\nDEFAULT_LANGUAGE=en # inline\nLOG_LEVEL='debug'\n"
	if err := os.WriteFile(filepath.Join(dir, ".env"), []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	t.Setenv("TELEGRAM_BOT_TOKEN", "2:env")
	c, err := FromEnv()
	if err != nil {
		t.Fatal(err)
	}
	if c.Token != "2:env" || c.DefaultLanguage != "en" || c.LogLevel.String() != "DEBUG" {
		t.Fatalf("got %+v", c)
	}
}

func TestDotEnvRejectsGarbage(t *testing.T) {
	p := filepath.Join(t.TempDir(), ".env")
	if err := os.WriteFile(p, []byte("JUSTTEXT\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadDotEnv(p); err == nil || !strings.Contains(err.Error(), "line 1") {
		t.Fatalf("err = %v", err)
	}
}

func TestWebhookURLMustBeHTTPS(t *testing.T) {
	for _, bad := range []string{"http://example.org/hook", "example.org/hook", "https://", "https://example.org/hook#x", "ftp://example.org/hook", "://nope"} {
		_, err := Load(lookup(map[string]string{"TELEGRAM_BOT_TOKEN": "1:a", "WEBHOOK_URL": bad, "WEBHOOK_SECRET": "s3cret"}))
		if err == nil || !strings.Contains(err.Error(), "WEBHOOK_URL") {
			t.Errorf("WEBHOOK_URL=%q: err = %v, want one naming WEBHOOK_URL", bad, err)
		}
	}
	c, err := Load(lookup(map[string]string{"TELEGRAM_BOT_TOKEN": "1:a", "WEBHOOK_URL": "https://bot.example.org:8443/telegram/webhook", "WEBHOOK_SECRET": "s3cret"}))
	if err != nil || c.WebhookURL != "https://bot.example.org:8443/telegram/webhook" {
		t.Fatalf("good https URL rejected: %v", err)
	}
}

func TestRetentionDays(t *testing.T) {
	base := map[string]string{"TELEGRAM_BOT_TOKEN": "123:abc"}
	for v, want := range map[string]int{"7": 7, " 90 ": 90, "3650": 3650} {
		base["RETENTION_DAYS"] = v
		c, err := Load(lookup(base))
		if err != nil || c.RetentionDays != want {
			t.Errorf("RETENTION_DAYS=%q: %d, %v; want %d", v, c.RetentionDays, err, want)
		}
	}
	for _, v := range []string{"6", "0", "-1", "3651", "30d", "1.5"} {
		base["RETENTION_DAYS"] = v
		if _, err := Load(lookup(base)); err == nil || !strings.Contains(err.Error(), "RETENTION_DAYS") {
			t.Errorf("RETENTION_DAYS=%q accepted: %v", v, err)
		}
	}
}
