package bot

import (
	"slices"
	"strings"

	"crmbot/domain"
)

// cardText renders a deal card: who, where in the pipeline, how much, what
// is next and when, and what is still missing.
func cardText(r *Request, c domain.Card) string {
	d := c.Deal
	lines := []string{r.T("card.title", map[string]any{"Title": Esc(d.Title)})}
	client := map[string]any{"Name": Esc(c.Client.Name), "Company": Esc(c.Client.Company)}
	if c.Client.Company != "" && c.Client.Company != c.Client.Name {
		lines = append(lines, r.T("card.client_company", client))
	} else if c.Client.Name != d.Title {
		lines = append(lines, r.T("card.client", client))
	}
	if p := c.Client.FirstPhone(); p != "" {
		lines = append(lines, r.T("card.phone", map[string]any{"Phone": Esc(fmtPhone(p))}))
	}
	lines = append(lines, stageLine(r, c))
	if d.Amount > 0 {
		data := map[string]any{"Amount": fmtAmount(r, d.Amount), "Probability": d.Probability, "Was": ""}
		if d.EarlierAmount > 0 {
			data["Was"] = fmtAmount(r, d.EarlierAmount)
		}
		lines = append(lines, r.T("card.amount", data))
	} else {
		lines = append(lines, r.T("card.probability", map[string]any{"Probability": d.Probability}))
	}
	if d.IsOpen() {
		lines = append(lines, nextStepLine(r, c.NextTask))
	}
	if d.LastTouchAt != nil {
		lines = append(lines, r.T("card.touch", map[string]any{"Ago": fmtAgo(r, *d.LastTouchAt)}))
	} else {
		lines = append(lines, r.T("card.touch_never", nil))
	}
	if line := classLine(r, c); line != "" {
		lines = append(lines, line)
	}
	if r.User.IsLead() || c.Manager.ID != r.User.ID {
		lines = append(lines, r.T("card.manager", map[string]any{"Name": Esc(c.Manager.Name)}))
	}
	if len(c.Unpaid) > 0 {
		var sum int64
		for _, inv := range c.Unpaid {
			sum += inv.Amount
		}
		lines = append(lines, r.N("card.unpaid", len(c.Unpaid), map[string]any{"Amount": fmtAmount(r, sum)}))
	}
	if c.Approval != nil {
		lines = append(lines, r.T("approval.card."+c.Approval.Status, nil))
	}
	return strings.Join(lines, "\n")
}

// missingLabel is the label of the card's button that asks for what an
// open deal still lacks ("✏️ Missing: phone, amount"), "" when nothing is.
func missingLabel(r *Request, c domain.Card) string {
	missing := c.Deal.Missing(&c.Client)
	if len(missing) == 0 || !c.Deal.IsOpen() {
		return ""
	}
	words := make([]string, len(missing))
	for i, key := range missing {
		words[i] = r.T("card."+key, nil)
	}
	return r.T("card.missing", map[string]any{"List": strings.Join(words, ", ")})
}

// classLine shows the client's segment and ABC class: the class a person
// set, and the one the client's share of won revenue suggests when it
// differs (PRODUCT.md rule 10).
func classLine(r *Request, c domain.Card) string {
	suggested := r.Svc.CardABC(r.Ctx, c)
	abc := c.Client.ABC
	switch {
	case abc == "" && suggested != "":
		abc = r.T("card.abc_suggested", map[string]any{"Class": suggested})
	case abc != "" && suggested != "" && suggested != abc:
		abc = r.T("card.abc_set_and_suggested", map[string]any{"Class": abc, "Suggested": suggested})
	}
	if c.Segment == nil && abc == "" {
		return ""
	}
	seg := "—"
	if c.Segment != nil {
		seg = Esc(c.Segment.Name(r.Lang))
	}
	if abc == "" {
		abc = "—"
	}
	return r.T("card.class", map[string]any{"Segment": seg, "ABC": abc})
}

// stageLine is "stage 3 of 7: Proposal sent", or how the deal closed.
func stageLine(r *Request, c domain.Card) string {
	d := c.Deal
	switch d.Status {
	case domain.DealWon:
		return r.T("card.stage_won", map[string]any{"When": closedWhen(r, d)})
	case domain.DealLost:
		return r.T("card.stage_lost", map[string]any{"When": closedWhen(r, d), "Reason": lostReasonText(r, d.LostReason)})
	}
	n, of := c.Pipeline.Index(d.StageID)
	return r.T("card.stage", map[string]any{"N": n, "Of": of, "Stage": Esc(c.Stage.Name(r.Lang))})
}

func closedWhen(r *Request, d domain.Deal) string {
	if d.ClosedAt == nil {
		return ""
	}
	return fmtWhen(r, *d.ClosedAt)
}

// lostReasonText names a lost reason: a button's reason in the user's
// language, a typed one as typed.
func lostReasonText(r *Request, reason string) string {
	if slices.Contains(domain.LostReasons, reason) {
		return r.T("card.lost."+reason, nil)
	}
	return Esc(reason)
}

// nextStepLine is the deal's next step and when, marked when overdue, or a
// warning that there is none.
func nextStepLine(r *Request, t *domain.Task) string {
	if t == nil {
		return r.T("card.no_step", nil)
	}
	key := "card.step"
	if !t.DueAt.After(r.Svc.Now()) {
		key = "card.step_overdue"
	}
	return r.T(key, taskData(r, *t))
}

// taskData is what texts about a task show: its kind, text and due time.
func taskData(r *Request, t domain.Task) map[string]any {
	return map[string]any{"Kind": r.T("card.task."+t.Kind, nil), "Text": Esc(stepText(r, t.Kind, t.Text)), "When": fmtWhen(r, t.DueAt)}
}

// stepText is a task's text as the reader sees it: a task with no text of
// its own (domain.TaskTextDefault) reads as its kind's default in the
// reader's language ("Contact the client" for a call, nothing otherwise).
func stepText(r *Request, kind, text string) string {
	if strings.TrimSpace(text) != domain.TaskTextDefault && strings.TrimSpace(text) != "" {
		return text
	}
	if kind == domain.TaskCall {
		return r.T("nextstep.default_text", nil)
	}
	return ""
}
