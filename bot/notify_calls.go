package bot

import (
	"fmt"
	"strconv"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"crmbot/domain"
)

// Call events (api/, POST /api/v1/calls) as the manager reads them:
// ringing shows the caller's client and deal, or offers a lead for an
// unknown number; ended asks "reached?" with two buttons,
// "ce:<eventID>:y|n", which log the call with its duration once and ask
// the next step; a missed call of an unknown number says so (a known
// client's gets a call-back task instead, reminded when due).

// renderCall renders the three call notes.
func renderCall(r *Request, n domain.Notification) (note, error) {
	id, _ := strconv.ParseInt(n.Ref, 10, 64)
	v, err := r.Svc.CallView(r.Ctx, r.User, id)
	if err != nil {
		return skipNote, err
	}
	data := map[string]any{"Phone": Esc(fmtPhone(v.Event.Phone)), "Duration": fmtCallDuration(v.Event.DurationS)}
	if v.Event.Phone == "" {
		data["Phone"] = r.T("call.hidden", nil)
	}
	var kb *tgbotapi.InlineKeyboardMarkup
	if v.Client != nil {
		data["Client"] = Esc(v.Client.Name)
	} else if v.Event.Phone != "" {
		kb = Keyboard(Row(Button(r.T("call.btn.new_lead", nil), "fd", findNewLead, v.Event.Phone)))
	}
	if v.Deal != nil {
		data["Deal"] = Esc(v.Deal.Title)
	}
	switch n.Kind {
	case domain.NoteCallRinging:
		if v.Deal != nil {
			kb = Keyboard(Row(cardButton(r.T("card.btn.open", nil), v.Deal.ID, "")))
		} else if v.Client != nil {
			kb = Keyboard(Row(Button(r.T("card.btn.open", nil), "fd", findClient, itoa(v.Client.ID))))
		}
		return note{text: r.T("call.ringing", data), kb: kb}, nil
	case domain.NoteCallEnded:
		if v.Deal != nil {
			ev := itoa(v.Event.ID)
			kb = Keyboard(Row(Button(r.T("call.btn.reached", nil), "ce", ev, "y"), Button(r.T("call.btn.not_reached", nil), "ce", ev, "n")))
		}
		return note{text: r.T("call.ended", data), kb: kb}, nil
	}
	return note{text: r.T("call.missed", data), kb: kb}, nil
}

// fmtCallDuration is "m:ss".
func fmtCallDuration(s int) string { return fmt.Sprintf("%d:%02d", s/60, s%60) }

// onCallAnswer is "reached?" answered: the call is logged once, then the
// next step is asked.
func onCallAnswer(r *Request) error {
	id, _ := strconv.ParseInt(r.Arg(0), 10, 64)
	reached := r.Arg(1) == "y"
	dealID, logged, err := r.Svc.LogCallEvent(r.Ctx, r.User, id, reached)
	if domain.IsNotFound(err) {
		r.Alert(r.T("error.stale_button", nil))
		return nil
	} else if err != nil {
		return err
	}
	if !logged {
		r.Alert(r.T("call.logged_already", nil))
		return nil
	}
	key := "call.logged_reached"
	if !reached {
		key = "call.logged_not_reached"
	}
	r.Toast(r.T(key, nil))
	if m := r.Callback.Message; m != nil {
		r.Show(Esc(m.Text)+"\n\n"+r.T(key, nil), nil)
	}
	return asNewMessage(r, func() error { return askNextStep(r, dealID, "") })
}
