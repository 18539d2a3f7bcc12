package domain

import (
	"strings"
	"time"
)

// DealStatus mirrors the kind of the deal's stage, kept on the deal so the
// sweeps can index open deals.
type DealStatus string

// Deal statuses.
const (
	DealOpen DealStatus = "open"
	DealWon  DealStatus = "won"
	DealLost DealStatus = "lost"
)

// Lost reasons offered as buttons; any other text is kept as typed.
const (
	LostPrice      = "price"
	LostCompetitor = "competitor"
	LostNoNeed     = "no_need"
	LostNoAnswer   = "no_answer"
	LostOther      = "other"
)

// LostReasons lists the lost-reason buttons in order.
var LostReasons = []string{LostPrice, LostCompetitor, LostNoNeed, LostNoAnswer, LostOther}

// Deal is one sale in progress or closed.
type Deal struct {
	ID       int64
	TeamID   int64
	ClientID int64
	Title    string
	// Amount in minor units (kopecks).
	Amount int64
	// EarlierAmount is the amount the deal had before a payment replaced it
	// with the paid amount (0: never replaced); the card shows it beside.
	EarlierAmount int64
	Currency      string
	Probability   int
	// ProbabilityStageID is the stage on which a person typed the
	// probability; while the deal stands there the stage's default does not
	// overwrite it (nil: the probability is the stage's default).
	ProbabilityStageID *int64
	Source             string
	StageID            int64
	Status             DealStatus
	ManagerID          int64
	CreatedAt          time.Time
	StageEnteredAt     time.Time
	// LastTouchAt is the last logged call, note or stage move; nil: untouched.
	LastTouchAt *time.Time
	ClosedAt    *time.Time
	LostReason  string
	// KeepUntil is set when a head decides to keep a dead deal: it is not
	// escalated again for staleness before that time.
	KeepUntil *time.Time
	UpdatedAt time.Time
}

// Validate checks a deal before it is stored.
func (d *Deal) Validate() error {
	switch {
	case d.TeamID == 0 || d.ClientID == 0 || d.ManagerID == 0 || d.StageID == 0:
		return Errorf(EINVALID, "deal.incomplete")
	case strings.TrimSpace(d.Title) == "":
		return Errorf(EINVALID, "deal.title_required")
	case len([]rune(d.Title)) > MaxNameLen:
		return Errorf(EINVALID, "deal.title_too_long")
	case !HasLetterOrDigit(d.Title):
		return Errorf(EINVALID, "deal.title_no_letters")
	case d.Amount < 0:
		return Errorf(EINVALID, "deal.amount_negative")
	case d.Probability < 0 || d.Probability > 100:
		return Errorf(EINVALID, "deal.probability_invalid")
	case !ValidSource(d.Source):
		return Errorf(EINVALID, "deal.source_invalid")
	case d.Status != DealOpen && d.Status != DealWon && d.Status != DealLost:
		return Errorf(EINVALID, "deal.status_invalid")
	}
	return nil
}

// IsOpen reports whether the deal is still being worked.
func (d *Deal) IsOpen() bool { return d.Status == DealOpen }

// TypeProbability sets a probability a person typed on the deal's current
// stage: it stays until the deal moves to another stage.
func (d *Deal) TypeProbability(p int) {
	stage := d.StageID
	d.Probability, d.ProbabilityStageID = p, &stage
}

// TypedProbability reports whether the probability was typed on the
// deal's current stage.
func (d *Deal) TypedProbability() bool {
	return d.ProbabilityStageID != nil && *d.ProbabilityStageID == d.StageID
}

// Weighted returns the amount times the probability.
func (d *Deal) Weighted() int64 { return d.Amount * int64(d.Probability) / 100 }

// Missing lists what a complete deal card still lacks, as message keys
// ("missing.phone"); MissingFields names the same fields.
func (d *Deal) Missing(c *Client) []string {
	var out []string
	for _, f := range d.MissingFields(c) {
		out = append(out, "missing."+f)
	}
	return out
}
