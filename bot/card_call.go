package bot

import (
	"strconv"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// Logging a call: "d:<id>:call" asks whether the client was reached,
// "d:<id>:call:<1|0>[:<taskID>]" takes the answer and asks for an optional
// note (typed, or "d:<id>:cs" to skip), then the call is logged and the next
// step asked. A call not reached is logged too and the stage stays (seed
// 002: no "not reached" stages). With a task id the call completes that
// task: "done" on a call task in Today or a reminder comes here.

// callAction asks "reached?" or, with the answer in the data, asks for the note.
func callAction(r *Request, dealID int64) error {
	var taskID int64
	if r.Arg(3) != "" {
		id, err := argID(r, 3)
		if err != nil {
			return err
		}
		taskID = id
	}
	c, err := openCard(r, dealID)
	if err != nil {
		return err
	}
	switch r.Arg(2) {
	case "":
		return askReached(r, dealID, c.Client.Name, c.Client.FirstPhone(), taskID)
	case "1", "0":
		st := dealDialog{DealID: dealID, Reached: r.Arg(2) == "1", TaskID: taskID}
		return askInDialog(r, dlgCall, st, callNoteQuestion(r, st), callNoteKeyboard(r, dealID))
	}
	return errStaleButton()
}

// askReached asks whether the client answered the call.
func askReached(r *Request, dealID int64, client, phone string, taskID int64) error {
	var task []string
	if taskID != 0 {
		task = []string{strconv.FormatInt(taskID, 10)}
	}
	data := map[string]any{"Client": Esc(client), "Phone": ""}
	if phone != "" {
		data["Phone"] = Esc(fmtPhone(phone))
	}
	r.Show(r.T("card.call_reached_q", data), Keyboard(
		Row(cardButton(r.T("card.btn.reached", nil), dealID, "call", append([]string{"1"}, task...)...),
			cardButton(r.T("card.btn.not_reached", nil), dealID, "call", append([]string{"0"}, task...)...)),
		Row(backButton(r, dealID))))
	return nil
}

func callNoteQuestion(r *Request, st dealDialog) string {
	key := "card.call_note_q_missed"
	if st.Reached {
		key = "card.call_note_q_reached"
	}
	return r.T(key, nil)
}

func callNoteKeyboard(r *Request, dealID int64) *tgbotapi.InlineKeyboardMarkup {
	return Keyboard(Row(cardButton(r.T("card.btn.skip", nil), dealID, "cs")), cancelRow(r, dealID))
}

// skipCallNote logs the call without a note.
func skipCallNote(r *Request, dealID int64) error {
	st, err := dialogState(r, dlgCall, dealID)
	if err != nil {
		return err
	}
	return logCall(r, st, "")
}

// callNoteTyped logs the call with the typed note.
func callNoteTyped(r *Request) error {
	st, err := dialogState(r, dlgCall, 0)
	if err != nil {
		return err
	}
	if problem := noteProblem(r); problem != "" {
		askAgain(r, problem, callNoteQuestion(r, st), callNoteKeyboard(r, st.DealID))
		return nil
	}
	return logCall(r, st, r.Text)
}

// logCall records the call, completes the task it answers, and asks for
// the next step.
func logCall(r *Request, st dealDialog, note string) error {
	if err := r.Svc.LogCall(r.Ctx, r.User, st.DealID, st.Reached, note); err != nil {
		return err
	}
	if err := r.EndDialog(); err != nil {
		return err
	}
	key := "card.call_logged_missed"
	if st.Reached {
		key = "card.call_logged_reached"
	}
	r.Toast(r.T(key, nil))
	if st.TaskID != 0 {
		return finishTask(r, st.TaskID, st.DealID)
	}
	return askNextStep(r, st.DealID, "")
}
