package bot

import (
	"errors"
	"strings"

	"crmbot/domain"
)

// A dialog holding what the user typed (a new lead's client name) is never
// replaced without the user saying so. Every dialog starts through
// SetDialog, so that is the one place that checks: starting another dialog
// (/new, a menu button, a command or a card button that opens one) while
// such a dialog is open fails the update with errDialogHeld, the
// transaction rolls back, and the user is asked instead: continue
// ("dk:<instance>") or discard ("dh:<instance>[:<what was asked>]"), which
// ends the held dialog and then does what the user asked for.

// heldDialog tells what a dialog holds. summary returns, from the dialog's
// data, what the user typed so far in plain text ("" when nothing worth
// keeping) and the dialog's instance (a new start of the same dialog has
// another); resume asks the dialog's current question again.
type heldDialog struct {
	summary func(r *Request, data string) (typed, instance string)
	resume  func(r *Request) error
}

// maxHeldLabel bounds what is typed when it is quoted on a button.
const maxHeldLabel = 32

// errDialogHeld is a dialog start refused because the open dialog holds
// typed data; HandleUpdate's explanation asks the user what to do.
type errDialogHeld struct {
	typed, instance string
	// replay is the callback data or "/command" the user sent, done after
	// discarding; "" when it cannot be repeated from a button.
	replay string
}

func (e *errDialogHeld) Error() string { return "dialog holds typed data" }

// Unwrap makes the refusal a conflict, not an internal error.
func (e *errDialogHeld) Unwrap() error {
	return domain.Errorf(domain.ECONFLICT, "dialog.held_conflict")
}

// guardDialog refuses to replace the open dialog when it holds typed data,
// unless the new one (name with data raw) is the same instance going on.
func (r *Request) guardDialog(name, raw string) error {
	cur, err := r.Dialog()
	if err != nil || cur == nil {
		return err
	}
	held, ok := r.bot.routes.held[cur.Name]
	if !ok {
		return nil
	}
	typed, instance := held.summary(r, cur.Data)
	if typed == "" {
		return nil
	}
	if cur.Name == name {
		if _, next := held.summary(r, raw); next == instance {
			return nil
		}
	}
	return &errDialogHeld{typed: typed, instance: instance, replay: r.replayData(instance)}
}

// replayData is what the user asked for, to do again after discarding: the
// pressed button's data, or a command (or menu button) without arguments.
func (r *Request) replayData(instance string) string {
	var data string
	switch {
	case r.Callback != nil:
		data = r.Callback.Data
	case r.command != "" && len(r.Args) == 0:
		data = "/" + r.command
	}
	if len(heldData("dh", instance, data)) > 64 {
		return ""
	}
	return data
}

// heldData is the callback data of a held-dialog button.
func heldData(prefix, instance, replay string) string {
	return strings.TrimSuffix(prefix+":"+instance+":"+replay, ":")
}

// askAboutHeld explains a refused dialog start: continue or discard.
func (b *Bot) askAboutHeld(r *Request, err error) bool {
	var held *errDialogHeld
	if !errors.As(err, &held) {
		return false
	}
	label := []rune(held.typed)
	if len(label) > maxHeldLabel {
		label = append(label[:maxHeldLabel-1], '…')
	}
	kb := Keyboard(
		Row(Button(r.T("dialog.btn.continue", map[string]any{"What": string(label)}), heldData("dk", held.instance, ""))),
		Row(Button(r.T("dialog.btn.discard", nil), heldData("dh", held.instance, held.replay))))
	r.Reply(r.T("dialog.held", map[string]any{"What": Esc(held.typed)}), *kb)
	return true
}

// heldNow returns the open dialog's heldDialog if it is the instance the
// button was made for; otherwise the button is answered as outdated (ok
// false).
func heldNow(r *Request) (held heldDialog, ok bool, err error) {
	cur, err := r.Dialog()
	if err != nil {
		return held, false, err
	}
	if cur != nil {
		held, ok = r.bot.routes.held[cur.Name]
	}
	if ok {
		_, instance := held.summary(r, cur.Data)
		ok = instance == r.Arg(0)
	}
	if !ok {
		r.Alert(r.T("dialog.held_gone", nil))
	}
	return held, ok, nil
}

// continueHeldDialog asks the held dialog's question again.
func continueHeldDialog(r *Request) error {
	held, ok, err := heldNow(r)
	if err != nil || !ok {
		return err
	}
	return held.resume(r)
}

// discardHeldDialog ends the held dialog and does what the user asked for.
func discardHeldDialog(r *Request) error {
	if _, ok, err := heldNow(r); err != nil || !ok {
		return err
	}
	if err := r.EndDialog(); err != nil {
		return err
	}
	replay := strings.Join(r.Args[min(1, len(r.Args)):], ":")
	if replay != "" {
		r.Toast(r.T("dialog.discarded", nil))
	}
	switch {
	case strings.HasPrefix(replay, "/"):
		r.Args = nil
		return r.bot.runCommand(r, strings.TrimPrefix(replay, "/"))
	case replay != "":
		r.Callback.Data = replay
		return r.bot.dispatchCallback(r)
	}
	r.Show(r.T("dialog.discarded", nil), nil)
	r.Reply(r.T("dialog.what_next", nil), r.bot.mainMenu(r))
	return nil
}
