package bot

import (
	"strconv"
	"strings"

	"crmbot/bot/input"
	"crmbot/domain"
)

// Answers to the lead dialog's steps: typed text (or a shared contact) and
// buttons. A button of another dialog or another step is stale.

// handleLeadText takes a typed answer to the current step.
func handleLeadText(r *Request) error {
	d, err := r.Dialog()
	if err != nil {
		return err
	}
	var st leadState
	if err := r.DialogData(&st); err != nil {
		return err
	}
	step := d.Step
	if step == stepName || step == stepPhone {
		if c := r.Message.Contact; c != nil {
			return leadContact(r, st, c, step)
		}
		if isForward(r.Message) {
			return leadForward(r, st, step)
		}
	}
	text := strings.TrimSpace(r.Text)
	if text == "" {
		return askLead(r, st, step, r.T("lead.need_text", nil))
	}
	if step != stepName && step != stepWhen && step != stepDup && isSkipText(r, text) {
		if step == stepSource {
			return askLead(r, st, step, r.T("lead.source.pick", nil))
		}
		return advanceLead(r, st, step)
	}
	switch step {
	case stepName:
		return leadName(r, st, text)
	case stepPhone:
		phone, err := normalizePhone(r, text)
		if err != nil {
			return askLead(r, st, step, inputErrorText(r, err))
		}
		return acceptPhone(r, st, phone)
	case stepSource:
		for _, s := range domain.Sources {
			if strings.EqualFold(text, r.T("lead.source."+s, nil)) {
				st.Source = s
				return advanceLead(r, st, step)
			}
		}
		return askLead(r, st, step, r.T("lead.source.pick", nil))
	case stepAmount:
		amount, err := input.ParseAmount(text)
		if err != nil {
			return askLead(r, st, step, inputErrorText(r, err))
		}
		st.Amount = amount
		return advanceLead(r, st, step)
	case stepProb:
		return leadProb(r, st, text)
	case stepSegment:
		return leadSegment(r, st, func(s domain.Segment) bool {
			return strings.EqualFold(text, s.NameRU) || strings.EqualFold(text, s.NameEN)
		})
	case stepWhen:
		ns, moved, err := parseNextStep(r, text)
		if err != nil {
			return askLead(r, st, step, inputErrorText(r, err))
		}
		return createLead(r, st, ns, moved)
	}
	return askLead(r, st, step, r.T("lead.dup.pick", nil))
}

// handleLeadPress handles "ld:<n>:<step>:<value>".
func handleLeadPress(r *Request) error {
	d, err := r.Dialog()
	if err != nil {
		return err
	}
	var st leadState
	if d != nil && d.Name == leadDialogName {
		if err := r.DialogData(&st); err != nil {
			return err
		}
	}
	step, val := r.Arg(1), r.Arg(2)
	if d == nil || d.Name != leadDialogName || itoa(st.N) != r.Arg(0) || d.Step != step {
		r.Alert(r.T("lead.stale", nil))
		return nil
	}
	optional := step == stepAmount || step == stepProb || step == stepSegment
	switch {
	case val == skipKey && (optional || step == stepPhone):
		return advanceLead(r, st, step)
	case val == nowKey && (optional || step == stepSource):
		due, err := leadSuggestedStep(r)
		if err != nil {
			return err
		}
		return createLead(r, st, domain.NextStep{Kind: domain.TaskCall, Due: due}, "")
	}
	switch step {
	case stepSource:
		if val != "" && domain.ValidSource(val) {
			st.Source = val
			return advanceLead(r, st, step)
		}
	case stepProb:
		return leadProb(r, st, val)
	case stepSegment:
		return leadSegment(r, st, func(s domain.Segment) bool { return itoa(s.ID) == val })
	case stepWhen:
		due, err := resolveWhenKey(r, val)
		if err != nil {
			r.Alert(inputErrorText(r, err))
			return nil
		}
		return createLead(r, st, domain.NextStep{Kind: domain.TaskCall, Due: due}, "")
	case stepDup:
		return dupChoice(r, st, val)
	}
	r.Alert(r.T("lead.stale", nil))
	return nil
}

// isSkipText reports whether a typed answer means "skip".
func isSkipText(r *Request, text string) bool {
	return text == "-" || strings.EqualFold(text, r.T("lead.skip_word", nil))
}

// leadName takes "Name" or "Name, Company", checked by the domain's rules
// for a client's name.
func leadName(r *Request, st leadState, text string) error {
	if err := phoneAsName(text, "lead.name.is_phone"); err != nil {
		return askLead(r, st, stepName, inputErrorText(r, err))
	}
	name, company, _ := strings.Cut(text, ",")
	name, company = strings.TrimSpace(name), strings.TrimSpace(company)
	if err := domain.ValidateClientName(name, company); err != nil {
		return askLead(r, st, stepName, inputErrorText(r, err))
	}
	st.Name, st.Company = name, company
	return advanceLead(r, st, stepName)
}

// phoneAsName refuses a typed name that is a phone number, explained by
// the message key: the user answered another question.
func phoneAsName(text, key string) error {
	if input.LooksLikePhone(text) {
		return domain.Errorf(domain.EINVALID, "%s", key)
	}
	return nil
}

// leadProb takes a probability, typed or pressed.
func leadProb(r *Request, st leadState, text string) error {
	p, err := input.ParseProbability(text)
	if err != nil {
		return askLead(r, st, stepProb, inputErrorText(r, err))
	}
	st.Prob = &p
	return advanceLead(r, st, stepProb)
}

// leadSegment takes the team's segment that pick chooses.
func leadSegment(r *Request, st leadState, pick func(domain.Segment) bool) error {
	segs, err := r.Svc.Segments(r.Ctx, r.User)
	if err != nil {
		return err
	}
	for _, s := range segs {
		if pick(s) {
			id := s.ID
			st.SegmentID, st.SegmentName = &id, s.Name(r.Lang)
			return advanceLead(r, st, stepSegment)
		}
	}
	return askLead(r, st, stepSegment, r.T("lead.segment.pick", nil))
}

// createLead creates the client, deal and first task, ends the dialog and
// shows the new deal's card, confirming with note (if any) after.
func createLead(r *Request, st leadState, step domain.NextStep, note string) error {
	lead, err := r.Svc.CreateLead(r.Ctx, r.User, domain.LeadInput{
		ClientID: st.ClientID, Name: st.Name, Company: st.Company, Phone: st.Phone,
		Source: st.Source, Amount: st.Amount, Probability: st.Prob, SegmentID: st.SegmentID, NextStep: step,
	})
	if err != nil {
		return err
	}
	if err := r.EndDialog(); err != nil {
		return err
	}
	return confirmAndShowCard(r, withNote(r.T("lead.created", map[string]any{
		"Name": Esc(lead.Client.Name), "When": fmtWhen(r, step.Due), "Deal": strconv.FormatInt(lead.Deal.ID, 10),
	}), note), lead.Deal.ID)
}
