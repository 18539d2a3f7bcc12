package domain

import (
	"net/mail"
	"strings"
	"time"
	"unicode"
)

// Sources a lead can come from (PRODUCT.md: the new-lead dialog's buttons).
const (
	SourceSite        = "site"
	SourceInboundCall = "inbound_call"
	SourceColdCall    = "cold_call"
	SourceReferral    = "referral"
	SourceEvent       = "event"
	SourceOther       = "other"
)

// Sources lists the lead sources in button order.
var Sources = []string{SourceSite, SourceInboundCall, SourceColdCall, SourceReferral, SourceEvent, SourceOther}

// ValidSource reports whether s is a known source ("" is allowed: unknown).
func ValidSource(s string) bool {
	if s == "" || s == SourceImport {
		return true
	}
	for _, v := range Sources {
		if v == s {
			return true
		}
	}
	return false
}

// Client is a person or company the team sells to.
type Client struct {
	ID      int64
	TeamID  int64
	Name    string
	Company string
	// Phones are E.164 numbers ("+79991234567"), comma-separated.
	Phones    string
	Email     string
	SegmentID *int64
	// ABC is the class a person set: "A", "B", "C" or "".
	ABC       string
	Source    string
	ManagerID int64
	// ImportedPurchases is the purchase count an import brought (import.go);
	// the purchases made in the CRM are its won deals.
	ImportedPurchases int
	CreatedAt         time.Time
}

// Validate checks a client before it is stored.
func (c *Client) Validate() error {
	if c.TeamID == 0 {
		return Errorf(EINVALID, "client.team_required")
	}
	if err := ValidateClientName(c.Name, c.Company); err != nil {
		return err
	}
	switch {
	case c.ABC != "" && c.ABC != "A" && c.ABC != "B" && c.ABC != "C":
		return Errorf(EINVALID, "client.abc_invalid")
	case !ValidSource(c.Source):
		return Errorf(EINVALID, "client.source_invalid")
	case c.ManagerID == 0:
		return Errorf(EINVALID, "client.manager_required")
	case c.Email != "" && !ValidEmail(c.Email):
		return Errorf(EINVALID, "client.email_invalid")
	}
	for _, p := range c.PhoneList() {
		if !IsE164(p) {
			return Errorf(EINVALID, "client.phone_invalid")
		}
	}
	return nil
}

// MaxNameLen bounds a client's name, its company and a deal's title.
const MaxNameLen = 200

// ValidateClientName checks a client's name and company as every way of
// entering them must (the lead dialog, a shared contact, an edit): a name
// is required and, like a company given, holds at least one letter or
// digit, so a name of only emoji or punctuation is refused.
func ValidateClientName(name, company string) error {
	name, company = strings.TrimSpace(name), strings.TrimSpace(company)
	switch {
	case name == "":
		return Errorf(EINVALID, "client.name_required")
	case len([]rune(name)) > MaxNameLen || len([]rune(company)) > MaxNameLen:
		return Errorf(EINVALID, "client.name_too_long")
	case !HasLetterOrDigit(name):
		return Errorf(EINVALID, "client.name_no_letters")
	case company != "" && !HasLetterOrDigit(company):
		return Errorf(EINVALID, "client.company_no_letters")
	}
	return nil
}

// HasLetterOrDigit reports whether s holds a letter or a digit of any script.
func HasLetterOrDigit(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// ValidEmail reports whether s is one bare address ("name@example.com").
func ValidEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s && strings.Contains(s[strings.LastIndex(s, "@"):], ".")
}

// PhoneList returns the client's phones.
func (c *Client) PhoneList() []string {
	if c.Phones == "" {
		return nil
	}
	return strings.Split(c.Phones, ",")
}

// FirstPhone returns the main phone or "".
func (c *Client) FirstPhone() string {
	if p := c.PhoneList(); len(p) > 0 {
		return p[0]
	}
	return ""
}

// AddPhone adds a normalized phone if it is new.
func (c *Client) AddPhone(p string) {
	if p == "" {
		return
	}
	for _, have := range c.PhoneList() {
		if have == p {
			return
		}
	}
	if c.Phones == "" {
		c.Phones = p
	} else {
		c.Phones += "," + p
	}
}

// Segment groups clients (retail, wholesale, custom) and sets how often they
// are expected to buy again.
type Segment struct {
	ID     int64
	TeamID int64
	NameRU string
	NameEN string
	// PurchasePeriodDays is the expected interval between purchases (0: unset).
	PurchasePeriodDays int
}

// Name returns the segment's name in lang.
func (s *Segment) Name(lang string) string {
	if lang == LangEN && s.NameEN != "" {
		return s.NameEN
	}
	return s.NameRU
}

// DefaultSegments are seeded for a new team.
func DefaultSegments() []Segment {
	return []Segment{
		{NameRU: "Розница", NameEN: "Retail", PurchasePeriodDays: 90},
		{NameRU: "Опт", NameEN: "Wholesale", PurchasePeriodDays: 30},
	}
}
