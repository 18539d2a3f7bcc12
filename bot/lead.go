package bot

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"crmbot/domain"
)

// The new-lead dialog: name → phone → source → amount → probability →
// segment → first next step, then CreateLead and the card. Its state lives
// in the dialog row, so a restart loses nothing; every answer is checked
// and a wrong one is explained and asked again with what was entered kept.
// Steps already known (from a shared contact, a forwarded message, an
// existing client) are skipped.

// leadTyped is what the lead dialog's data holds that the user typed: the
// client's name, else the phone, else the amount; and the dialog's N.
func leadTyped(r *Request, data string) (typed, instance string) {
	var st leadState
	if json.Unmarshal([]byte(data), &st) != nil {
		return "", ""
	}
	switch {
	case st.Name != "" && st.Company != "":
		typed = st.Name + ", " + st.Company
	case st.Name != "":
		typed = st.Name
	case st.Phone != "":
		typed = fmtPhone(st.Phone)
	case st.Amount != 0:
		typed = fmtAmount(r, st.Amount)
	}
	return typed, itoa(st.N)
}

// resumeLead asks the lead dialog's current question again.
func resumeLead(r *Request) error {
	d, err := r.Dialog()
	if err != nil || d == nil {
		return err
	}
	var st leadState
	if err := r.DialogData(&st); err != nil {
		return err
	}
	return askLead(r, st, d.Step, "")
}

const leadDialogName = "lead"

// Steps of the lead dialog, in order; stepDup waits for a choice about a
// client that already has the phone.
const (
	stepName    = "name"
	stepPhone   = "phone"
	stepSource  = "source"
	stepAmount  = "amount"
	stepProb    = "prob"
	stepSegment = "segment"
	stepWhen    = "when"
	stepDup     = "dup"
)

var leadSteps = []string{stepName, stepPhone, stepSource, stepAmount, stepProb, stepSegment, stepWhen}

// Values of the "Skip" buttons and of the "Create now" buttons, which
// skip every optional step left and take the suggested first step.
const (
	skipKey = "skip"
	nowKey  = "now"
)

// leadState is what the dialog collected so far.
type leadState struct {
	// N tells this dialog's buttons from those of an older one.
	N        int64  `json:"n"`
	Name     string `json:"name,omitempty"`
	Company  string `json:"company,omitempty"`
	Phone    string `json:"phone,omitempty"`
	ClientID int64  `json:"client,omitempty"`
	// DupID is the existing client offered at stepDup.
	DupID     int64  `json:"dup,omitempty"`
	Source    string `json:"source,omitempty"`
	Amount    int64  `json:"amount,omitempty"`
	Prob      *int   `json:"prob,omitempty"`
	SegmentID *int64 `json:"segment,omitempty"`
	// SegmentName is the chosen segment's name, for the summary.
	SegmentName string `json:"segname,omitempty"`
}

// handleNewLead starts the dialog (/new, menu "➕ Lead").
func handleNewLead(r *Request) error { return startLead(r, leadState{}) }

// startLead starts a new lead dialog with what is already known.
func startLead(r *Request, st leadState) error {
	st.N = int64(r.Update.UpdateID)
	return advanceLead(r, st, "")
}

// advanceLead asks the first step after from that is still to be answered.
func advanceLead(r *Request, st leadState, from string) error {
	i := slices.Index(leadSteps, from) + 1
	for ; i < len(leadSteps)-1; i++ {
		if !leadStepKnown(st, leadSteps[i]) {
			break
		}
	}
	return askLead(r, st, leadSteps[i], "")
}

// leadStepKnown reports whether a step's answer came with the dialog's
// start: a shared contact's name and phone, an existing client's details.
func leadStepKnown(st leadState, step string) bool {
	switch step {
	case stepName:
		return st.Name != ""
	case stepPhone:
		return st.Phone != "" || st.ClientID != 0
	case stepSegment:
		return st.ClientID != 0
	}
	return false
}

// askLead stores the dialog at step and asks its question, after problem
// (an explanation of the wrong answer) when not empty.
func askLead(r *Request, st leadState, step, problem string) error {
	if err := r.SetDialog(leadDialogName, step, st); err != nil {
		return err
	}
	q, kb, err := leadQuestion(r, st, step)
	if err != nil {
		return err
	}
	text := leadSummary(r, st) + q
	if problem != "" {
		text = problem + "\n\n" + text
	}
	r.Show(text, kb)
	return nil
}

// leadQuestion is a step's question and buttons.
func leadQuestion(r *Request, st leadState, step string) (string, *tgbotapi.InlineKeyboardMarkup, error) {
	btn := func(label, value string) tgbotapi.InlineKeyboardButton { return leadButton(st, step, label, value) }
	skip := Row(btn(r.T("lead.skip", nil), skipKey))
	now := Row(btn(r.T("lead.create_now", nil), nowKey))
	switch step {
	case stepName:
		return r.T("lead.ask.name", nil), nil, nil
	case stepPhone:
		return r.T("lead.ask.phone", nil), Keyboard(skip), nil
	case stepSource:
		var rows [][]tgbotapi.InlineKeyboardButton
		for i, s := range domain.Sources {
			if i%2 == 0 {
				rows = append(rows, nil)
			}
			rows[len(rows)-1] = append(rows[len(rows)-1], btn(r.T("lead.source."+s, nil), s))
		}
		return r.T("lead.ask.source", nil), Keyboard(append(rows, now)...), nil
	case stepAmount:
		return r.T("lead.ask.amount", nil), Keyboard(skip, now), nil
	case stepProb:
		var row []tgbotapi.InlineKeyboardButton
		for _, p := range []int{10, 25, 50, 75, 90} {
			row = append(row, btn(strconv.Itoa(p)+"%", strconv.Itoa(p)))
		}
		return r.T("lead.ask.prob", nil), Keyboard(row, skip, now), nil
	case stepSegment:
		segs, err := r.Svc.Segments(r.Ctx, r.User)
		if err != nil {
			return "", nil, err
		}
		var row []tgbotapi.InlineKeyboardButton
		for _, s := range segs {
			row = append(row, btn(s.Name(r.Lang), itoa(s.ID)))
		}
		return r.T("lead.ask.segment", nil), Keyboard(row, skip, now), nil
	case stepDup:
		return dupQuestion(r, st)
	}
	sug, err := leadSuggestedStep(r)
	if err != nil {
		return "", nil, err
	}
	q := r.T("lead.ask.when", map[string]any{"Suggested": fmtWhen(r, sug)}) + "\n\n" + r.T("nextstep.hint", nil)
	return q, whenKeyboard(r, sug, "ld", itoa(st.N), stepWhen), nil
}

// leadButton is a button answering step of the dialog st.
func leadButton(st leadState, step, label, value string) tgbotapi.InlineKeyboardButton {
	return Button(label, "ld", itoa(st.N), step, value)
}

// leadSuggestedStep is the first next step the first stage's cadence
// suggests for an untouched lead (within 15 minutes by default).
func leadSuggestedStep(r *Request) (time.Time, error) {
	pipe, err := r.Svc.Pipeline(r.Ctx, r.User)
	if err != nil {
		return time.Time{}, err
	}
	open := pipe.Open()
	if len(open) == 0 {
		return time.Time{}, domain.Errorf(domain.EINVALID, "pipeline.empty")
	}
	return domain.SuggestNextStep(r.Team, open[0], false, r.Svc.Now()), nil
}

// leadSummary lists what was entered so far, one line, above the question.
func leadSummary(r *Request, st leadState) string {
	var parts []string
	if st.Name != "" {
		parts = append(parts, clientLabel(st.Name, st.Company))
	}
	if st.Phone != "" {
		parts = append(parts, Esc(fmtPhone(st.Phone)))
	}
	if st.Source != "" {
		parts = append(parts, r.T("lead.source."+st.Source, nil))
	}
	if st.Amount != 0 {
		parts = append(parts, fmtAmount(r, st.Amount))
	}
	if st.Prob != nil {
		parts = append(parts, strconv.Itoa(*st.Prob)+"%")
	}
	if st.SegmentName != "" {
		parts = append(parts, Esc(st.SegmentName))
	}
	key := "lead.title"
	if st.ClientID != 0 {
		key = "lead.title_existing"
	}
	return r.T(key, nil) + " " + strings.Join(parts, " · ") + "\n"
}
