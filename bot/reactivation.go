package bot

import (
	"strconv"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"crmbot/domain"
)

// The weekly reactivation list (PRODUCT rule 8): former clients due to buy
// again, numbered, with three buttons each, "rx:<clientID>:<listed>:<n>:<act>":
// new (start a deal and ask its next step), later (called — not now) and
// no (not interested: the reasons in place, "…:no:<reason>", "other" typed
// in a dialog). listed is when the list was made (base-36 Unix seconds): a
// client answered or given a deal since is refused by the use case, so a
// second press or an old list's button records nothing twice. An answered
// client's buttons turn into one saying what was recorded ("…:st"). Leads
// get a summary of who got how many.

const dlgReactNo = "rxno"

// reactNoState is the rxno dialog's data: the client, its number on the
// list, and the list message with its buttons, to mark the answer there.
type reactNoState struct {
	ClientID int64                             `json:"client"`
	Listed   string                            `json:"listed"`
	N        int                               `json:"n"`
	Message  int                               `json:"msg"`
	Keyboard [][]tgbotapi.InlineKeyboardButton `json:"kb"`
}

// renderReactivation lists the clients still without an open deal.
func renderReactivation(r *Request, n domain.Notification) (note, error) {
	items, err := r.Svc.ReactivationItems(r.Ctx, r.User, domain.ParseIDs(n.Ref))
	if err != nil {
		return skipNote, err
	}
	lines := []string{""}
	var rows [][]tgbotapi.InlineKeyboardButton
	for _, it := range items {
		if it.OpenDealID != 0 {
			continue
		}
		num := len(rows) + 1
		lines = append(lines, r.N("react.item", it.WonCount, map[string]any{"N": num, "Name": Esc(it.Client.Name),
			"Phone": phoneOf(it.Client), "Ago": fmtAgo(r, it.LastWon), "Amount": fmtAmount(r, it.WonAmount)}))
		rows = append(rows, reactRow(r, reactPress{it.Client.ID, listVersion(n), num}))
	}
	if len(rows) == 0 {
		return skipNote, nil
	}
	lines[0] = r.N("react.header", len(rows), nil)
	return note{text: strings.Join(lines, "\n") + "\n\n" + r.T("react.hint", nil), kb: Keyboard(rows...)}, nil
}

// reactPress is what a list button carries: the client, the list's
// version (when it was made, base 36) and the client's number on it.
type reactPress struct {
	ClientID int64
	Listed   string
	N        int
}

// listVersion is the version a list's buttons carry: the list's time slot.
func listVersion(n domain.Notification) string { return strconv.FormatInt(n.DueAt.Unix(), 36) }

// listedAt is when the list was made, read back from its version.
func (p reactPress) listedAt() (time.Time, error) {
	sec, err := strconv.ParseInt(p.Listed, 36, 64)
	if err != nil || sec <= 0 {
		return time.Time{}, errStaleButton()
	}
	return time.Unix(sec, 0).UTC(), nil
}

// button is one of the client's buttons, "rx:<clientID>:<listed>:<n>:<act…>".
func (p reactPress) button(label string, act ...string) tgbotapi.InlineKeyboardButton {
	return Button(label, append([]string{"rx", itoa(p.ClientID), p.Listed, strconv.Itoa(p.N)}, act...)...)
}

// reactRow is a client's three buttons.
func reactRow(r *Request, p reactPress) []tgbotapi.InlineKeyboardButton {
	data := map[string]any{"N": p.N}
	return Row(p.button(r.T("react.btn.new", data), "new"),
		p.button(r.T("react.btn.later", data), "later"),
		p.button(r.T("react.btn.no", data), "no"))
}

// handleReactivation routes "rx:<clientID>:<listed>:<n>:<act>[:<reason>]".
// Buttons of lists from before the version was carried are stale.
func handleReactivation(r *Request) error {
	clientID, err := argID(r, 0)
	if err != nil {
		return err
	}
	num, _ := strconv.Atoi(r.Arg(2))
	p := reactPress{ClientID: clientID, Listed: r.Arg(1), N: num}
	listed, err := p.listedAt()
	if err != nil {
		return err
	}
	act, arg := r.Arg(3), r.Arg(4)
	switch {
	case act == "st":
		r.Toast(r.T("react.recorded", nil))
		return nil
	case act == "new":
		d, err := r.Svc.ReactivationDeal(r.Ctx, r.User, clientID, listed)
		if err != nil {
			return err
		}
		markClient(r, p, domain.ReactDeal)
		return asNewMessage(r, func() error { return askNextStep(r, d.ID, "") })
	case act == "later":
		if err := r.Svc.RecordReactivation(r.Ctx, r.User, clientID, listed, domain.ReactNotNow, ""); err != nil {
			return err
		}
		markClient(r, p, domain.ReactNotNow)
		r.Toast(r.T("react.recorded", nil))
		return nil
	case act == "no" && arg != "" && arg != domain.LostOther:
		return recordNotInterested(r, p, listed, arg)
	case act == "no":
		if err := r.Svc.CheckReactivation(r.Ctx, r.User, clientID, listed); err != nil {
			return err
		}
		if arg == domain.LostOther {
			return askReactReason(r, p)
		}
		var reasons []tgbotapi.InlineKeyboardButton
		for _, key := range domain.LostReasons {
			reasons = append(reasons, p.button(r.T("react.reason."+key, map[string]any{"N": num}), "no", key))
		}
		replaceClientRow(r, clientID, reasons)
		return nil
	}
	return errStaleButton()
}

// recordNotInterested keeps the churn reason and marks the client answered.
func recordNotInterested(r *Request, p reactPress, listed time.Time, reason string) error {
	if err := r.Svc.RecordReactivation(r.Ctx, r.User, p.ClientID, listed, domain.ReactNotInterested, reason); err != nil {
		return err
	}
	markClient(r, p, domain.ReactNotInterested)
	r.Toast(r.T("react.recorded", nil))
	return nil
}

// markClient turns the client's buttons into one saying what was recorded.
func markClient(r *Request, p reactPress, outcome string) {
	replaceClientRow(r, p.ClientID, statusRow(r, p, outcome))
}

func statusRow(r *Request, p reactPress, outcome string) []tgbotapi.InlineKeyboardButton {
	return Row(p.button(r.T("react.st."+outcome, map[string]any{"N": p.N}), "st"))
}

// replaceClientRow swaps the client's row of the pressed list's buttons.
func replaceClientRow(r *Request, clientID int64, row []tgbotapi.InlineKeyboardButton) {
	if r.Callback == nil || r.Callback.Message == nil || r.Callback.Message.ReplyMarkup == nil {
		return
	}
	rows := withClientRow(r.Callback.Message.ReplyMarkup.InlineKeyboard, clientID, row)
	r.Send(tgbotapi.NewEditMessageReplyMarkup(r.ChatID, r.Callback.Message.MessageID, tgbotapi.NewInlineKeyboardMarkup(rows...)))
}

// withClientRow returns rows with the client's row replaced by row.
func withClientRow(rows [][]tgbotapi.InlineKeyboardButton, clientID int64, row []tgbotapi.InlineKeyboardButton) [][]tgbotapi.InlineKeyboardButton {
	prefix := "rx:" + itoa(clientID) + ":"
	out := make([][]tgbotapi.InlineKeyboardButton, len(rows))
	for i, old := range rows {
		out[i] = old
		if len(old) > 0 && old[0].CallbackData != nil && strings.HasPrefix(*old[0].CallbackData, prefix) {
			out[i] = row
		}
	}
	return out
}

// askReactReason asks why the client is not interested, in words.
func askReactReason(r *Request, p reactPress) error {
	st := reactNoState{ClientID: p.ClientID, Listed: p.Listed, N: p.N}
	if m := r.Callback.Message; m != nil && m.ReplyMarkup != nil {
		st.Message, st.Keyboard = m.MessageID, m.ReplyMarkup.InlineKeyboard
	}
	if err := r.SetDialog(dlgReactNo, "reason", st); err != nil {
		return err
	}
	r.Reply(r.T("react.reason_q", nil), nil)
	return nil
}

// reactivationReasonTyped records the typed reason and marks the client on
// the list the question came from.
func reactivationReasonTyped(r *Request) error {
	var st reactNoState
	reason, ok, err := typedReason(r, &st, "reactivation.reason_required", "react.reason_q")
	if !ok {
		return err
	}
	p := reactPress{ClientID: st.ClientID, Listed: st.Listed, N: st.N}
	listed, err := p.listedAt()
	if err != nil {
		return err
	}
	if err := r.Svc.RecordReactivation(r.Ctx, r.User, st.ClientID, listed, domain.ReactNotInterested, reason); err != nil {
		return err
	}
	if st.Message != 0 {
		rows := withClientRow(st.Keyboard, st.ClientID, statusRow(r, p, domain.ReactNotInterested))
		r.Send(tgbotapi.NewEditMessageReplyMarkup(r.ChatID, st.Message, tgbotapi.NewInlineKeyboardMarkup(rows...)))
	}
	r.Reply(r.T("react.recorded", nil), r.bot.mainMenu(r))
	return nil
}

// renderReactSummary tells a lead who got how many clients to call.
func renderReactSummary(r *Request, n domain.Notification) (note, error) {
	var lines []string
	total := 0
	for _, part := range strings.Split(n.Ref, ",") {
		id, count, ok := strings.Cut(part, ":")
		uid, err1 := strconv.ParseInt(id, 10, 64)
		k, err2 := strconv.Atoi(count)
		if !ok || err1 != nil || err2 != nil {
			continue
		}
		u, err := r.Store().User(r.Ctx, n.TeamID, uid)
		if err != nil {
			return skipNote, err
		}
		total += k
		lines = append(lines, r.N("react.summary.item", k, map[string]any{"Name": Esc(u.Name)}))
	}
	if total == 0 {
		return skipNote, nil
	}
	return note{text: r.N("react.summary.header", total, nil) + "\n" + strings.Join(lines, "\n")}, nil
}
