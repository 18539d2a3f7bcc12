package bot

import (
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"crmbot/domain"
)

// Correcting a card (PRODUCT.md: everything on a card can be corrected
// later). "✏️ Edit" ("d:<id>:ed") shows the fields; a field
// ("d:<id>:ed:<field>") asks for its new value in the card.edit dialog. The
// card's "✏️ Missing: …" button ("d:<id>:fill") asks for exactly the
// missing fields one after another, each skippable. Values are typed (read
// by the lead dialog's parsers) or pressed: "d:<id>:ev:<n>:<field>:<value>"
// for a segment, ABC class or source, "d:<id>:ec:<n>:<field>" to clear a
// field, "d:<id>:es:<n>:<field>" to skip it; n tells this dialog from an
// older one, so an outdated press changes nothing. The domain validates
// and records each change with who, when, and old → new.

const dlgEdit = "card.edit"

// editState is the card.edit dialog's state.
type editState struct {
	DealID int64 `json:"deal"`
	N      int64 `json:"n"`
	// Fields are the fields still to ask, the current one first.
	Fields []string `json:"fields"`
	// Walk is set when the fields are the card's missing ones: each can be
	// skipped.
	Walk bool `json:"walk,omitempty"`
}

// field is the field being asked.
func (st editState) field() string {
	if len(st.Fields) == 0 {
		return ""
	}
	return st.Fields[0]
}

// pressEdit shows the field menu, or with a field asks for it.
func pressEdit(r *Request, dealID int64) error {
	c, err := r.Svc.DealCard(r.Ctx, r.User, dealID)
	if err != nil {
		return err
	}
	if field := r.Arg(2); field != "" {
		if !domain.IsEditField(field) {
			return errStaleButton()
		}
		return startEdit(r, c, []string{field}, false)
	}
	var rows [][]tgbotapi.InlineKeyboardButton
	for i, f := range domain.EditFields {
		if i%2 == 0 {
			rows = append(rows, nil)
		}
		rows[len(rows)-1] = append(rows[len(rows)-1], cardButton(r.T("edit.field."+f, nil), dealID, "ed", f))
	}
	rows = append(rows, Row(backButton(r, dealID)))
	r.Show(r.T("edit.menu", map[string]any{"Deal": Esc(c.Deal.Title)}), Keyboard(rows...))
	return nil
}

// pressFillMissing asks for the card's missing fields one after another.
func pressFillMissing(r *Request, dealID int64) error {
	c, err := openCard(r, dealID)
	if err != nil {
		return err
	}
	missing := c.Deal.MissingFields(&c.Client)
	if len(missing) == 0 {
		return showCardWith(r, dealID, r.T("edit.nothing_missing", nil))
	}
	return startEdit(r, c, missing, true)
}

// startEdit enters the card.edit dialog at the first of fields.
func startEdit(r *Request, c domain.Card, fields []string, walk bool) error {
	st := editState{DealID: c.Deal.ID, N: int64(r.Update.UpdateID), Fields: fields, Walk: walk}
	return askEdit(r, st, c, "")
}

// askEdit stores the dialog at its current field and asks for it, after
// notice (what was just saved, or why an answer was refused).
func askEdit(r *Request, st editState, c domain.Card, notice string) error {
	if err := r.SetDialog(dlgEdit, st.field(), st); err != nil {
		return err
	}
	segs, err := r.Svc.Segments(r.Ctx, r.User)
	if err != nil {
		return err
	}
	field := st.field()
	current := domain.FieldValue(&c.Deal, &c.Client, field)
	lines := []string{r.T("edit.ask."+field, map[string]any{"Deal": Esc(c.Deal.Title)})}
	if current != "" {
		lines = append(lines, r.T("edit.now", map[string]any{"Value": fieldValueText(r, field, current, segs)}))
	}
	if notice != "" {
		lines = append([]string{notice, ""}, lines...)
	}
	n := itoa(st.N)
	btn := func(action, label string, args ...string) tgbotapi.InlineKeyboardButton {
		return cardButton(label, st.DealID, action, append([]string{n, field}, args...)...)
	}
	var rows [][]tgbotapi.InlineKeyboardButton
	for i, ch := range fieldChoices(r, field, segs) {
		if i%2 == 0 {
			rows = append(rows, nil)
		}
		rows[len(rows)-1] = append(rows[len(rows)-1], btn("ev", ch.label, ch.value))
	}
	if current != "" && domain.CanClear(field) {
		rows = append(rows, Row(btn("ec", r.T("edit.btn.clear", nil))))
	}
	if st.Walk {
		rows = append(rows, Row(btn("es", r.T("card.btn.skip", nil))))
	}
	rows = append(rows, cancelRow(r, st.DealID))
	r.Show(strings.Join(lines, "\n"), Keyboard(rows...))
	return nil
}

// choice is a value button of a field.
type choice struct{ label, value string }

// fieldChoices are the buttons of a field picked rather than typed.
func fieldChoices(r *Request, field string, segs []domain.Segment) []choice {
	var out []choice
	switch field {
	case domain.FieldSegment:
		for _, s := range segs {
			out = append(out, choice{s.Name(r.Lang), itoa(s.ID)})
		}
	case domain.FieldABC:
		for _, class := range []string{"A", "B", "C"} {
			out = append(out, choice{class, class})
		}
	case domain.FieldSource:
		for _, s := range domain.Sources {
			out = append(out, choice{r.T("lead.source."+s, nil), s})
		}
	}
	return out
}

// editPress loads the dialog state and card a value, clear or skip button
// was made for; any other press is outdated.
func editPress(r *Request, dealID int64) (editState, domain.Card, error) {
	var st editState
	if _, err := dialogState(r, dlgEdit, dealID); err != nil {
		return st, domain.Card{}, err
	}
	if err := r.DialogData(&st); err != nil {
		return st, domain.Card{}, err
	}
	if itoa(st.N) != r.Arg(2) || st.field() != r.Arg(3) {
		return st, domain.Card{}, errStaleButton()
	}
	c, err := r.Svc.DealCard(r.Ctx, r.User, dealID)
	return st, c, err
}

func pressEditValue(r *Request, dealID int64) error {
	st, c, err := editPress(r, dealID)
	if err != nil {
		return err
	}
	return applyEdit(r, st, c, r.Arg(4))
}

func pressEditClear(r *Request, dealID int64) error {
	st, c, err := editPress(r, dealID)
	if err != nil {
		return err
	}
	return applyEdit(r, st, c, "")
}

func pressEditSkip(r *Request, dealID int64) error {
	st, c, err := editPress(r, dealID)
	if err != nil {
		return err
	}
	return editNext(r, st, c, "")
}
