package bot

import (
	"strconv"
	"strings"

	"crmbot/bot/input"
	"crmbot/domain"
)

// The card.edit dialog's answers: a typed value is read by the parser the
// lead dialog uses for the same field, then the domain validates and
// records it. A refused value is explained and the field asked again,
// the dialog staying where it was.

// typedEditValue takes a typed value for the field being asked.
func typedEditValue(r *Request) error {
	_, c, ok, err := typedAnswer(r, dlgEdit, false)
	if !ok {
		return err
	}
	var st editState
	if err := r.DialogData(&st); err != nil {
		return err
	}
	text := strings.TrimSpace(r.Text)
	switch {
	case text == "":
		return askEdit(r, st, c, r.T("card.need_text", nil))
	case isSkipText(r, text):
		return editNext(r, st, c, "")
	}
	value, err := parseFieldText(r, st.field(), text)
	if err != nil {
		return askEdit(r, st, c, inputErrorText(r, err))
	}
	return applyEdit(r, st, c, value)
}

// parseFieldText reads a typed value of field into its stored form.
func parseFieldText(r *Request, field, text string) (string, error) {
	switch field {
	case domain.FieldName:
		return text, phoneAsName(text, "edit.name_is_phone")
	case domain.FieldPhone, domain.FieldPhone2:
		return normalizePhone(r, text)
	case domain.FieldAmount:
		amount, err := input.ParseAmount(text)
		return strconv.FormatInt(amount, 10), err
	case domain.FieldProbability:
		p, err := input.ParseProbability(text)
		return strconv.Itoa(p), err
	case domain.FieldSegment, domain.FieldABC, domain.FieldSource:
		segs, err := r.Svc.Segments(r.Ctx, r.User)
		if err != nil {
			return "", err
		}
		for _, ch := range fieldChoices(r, field, segs) {
			if strings.EqualFold(text, ch.label) || (field == domain.FieldSegment && segmentNamed(segs, ch.value, text)) {
				return ch.value, nil
			}
		}
		return "", domain.Errorf(domain.EINVALID, "edit.pick")
	}
	return text, nil
}

// segmentNamed reports whether the segment with id is named text in either
// language.
func segmentNamed(segs []domain.Segment, id, text string) bool {
	for _, s := range segs {
		if itoa(s.ID) == id {
			return strings.EqualFold(text, s.NameRU) || strings.EqualFold(text, s.NameEN)
		}
	}
	return false
}

// applyEdit saves value for the field being asked and goes on; a value the
// domain refuses is explained and asked again.
func applyEdit(r *Request, st editState, c domain.Card, value string) error {
	field := st.field()
	ch, err := r.Svc.EditDeal(r.Ctx, r.User, st.DealID, field, value)
	switch code := domain.ErrorCode(err); {
	case code == "":
	case domain.IsDBConflict(err):
		return err // the whole update is handled again (HandleUpdate)
	case code == domain.EINVALID || code == domain.ECONFLICT:
		return askEdit(r, st, c, inputErrorText(r, err))
	default:
		return err
	}
	if c, err = r.Svc.DealCard(r.Ctx, r.User, st.DealID); err != nil {
		return err
	}
	notice := ""
	if ch.Changed() {
		segs, err := r.Svc.Segments(r.Ctx, r.User)
		if err != nil {
			return err
		}
		notice = r.T("edit.saved", changeData(r, ch.Field, ch.OldValue, ch.NewValue, segs))
	}
	return editNext(r, st, c, notice)
}

// editNext asks the next field, or ends the dialog and shows the card.
func editNext(r *Request, st editState, c domain.Card, notice string) error {
	st.Fields = st.Fields[min(1, len(st.Fields)):]
	if len(st.Fields) > 0 {
		return askEdit(r, st, c, notice)
	}
	if err := r.EndDialog(); err != nil {
		return err
	}
	return showCardWith(r, st.DealID, notice)
}

// changeData is what a text about a change shows: the field, and its
// values before and after, in the reader's language.
func changeData(r *Request, field, old, new string, segs []domain.Segment) map[string]any {
	return map[string]any{"Field": r.T("edit.field."+field, nil),
		"From": fieldValueText(r, field, old, segs), "To": fieldValueText(r, field, new, segs)}
}

// fieldValueText renders a stored value of field for reading, escaped.
func fieldValueText(r *Request, field, value string, segs []domain.Segment) string {
	if value == "" {
		return "—"
	}
	switch field {
	case domain.FieldPhone, domain.FieldPhone2:
		return Esc(fmtPhone(value))
	case domain.FieldAmount:
		if n, err := strconv.ParseInt(value, 10, 64); err == nil && n == 0 {
			return "—"
		} else if err == nil {
			return fmtAmount(r, n)
		}
	case domain.FieldProbability:
		return Esc(value) + "%"
	case domain.FieldSource:
		if domain.ValidSource(value) {
			return r.T("lead.source."+value, nil)
		}
	case domain.FieldSegment:
		for _, s := range segs {
			if itoa(s.ID) == value {
				return Esc(s.Name(r.Lang))
			}
		}
		return "—"
	}
	return Esc(value)
}
