package bot

import (
	"strconv"

	"crmbot/domain"
)

// Task reminders: due (to the assignee, with the same done / +1 h /
// tomorrow / open buttons as Today, "tk:<taskID>:<act>"), payment
// follow-ups, and tasks overdue by more than a working day (to the head).
// A task done or moved since the reminder was written is not reminded.

// remindedTask loads the task of a reminder and its deal's card, or says
// the reminder is moot: the task was done, or moved to another time (that
// time has its own reminder).
func remindedTask(r *Request, n domain.Notification) (domain.Task, domain.Card, bool, error) {
	t, err := r.Store().Task(r.Ctx, n.TeamID, n.TaskID)
	if err != nil {
		return t, domain.Card{}, false, err
	}
	if !t.IsOpen() || strconv.FormatInt(t.DueAt.Unix(), 10) != n.Ref {
		return t, domain.Card{}, false, nil
	}
	c, err := r.Svc.DealCard(r.Ctx, r.User, t.DealID)
	if err != nil {
		return t, c, false, err
	}
	// A won deal's payment is still chased while its invoice is expected.
	chased := t.Kind == domain.TaskPayment && c.Deal.Status == domain.DealWon
	return t, c, c.Deal.IsOpen() || chased, nil
}

// renderTaskDue is a task's reminder at its due time; a payment task says
// which invoice waits.
func renderTaskDue(r *Request, n domain.Notification) (note, error) {
	t, c, ok, err := remindedTask(r, n)
	if err != nil || !ok {
		return skipNote, err
	}
	data := taskData(r, t)
	data["Client"], data["Deal"], data["Phone"] = Esc(c.Client.Name), dealTitle(c), phoneOf(c.Client)
	key := "notify.task_due"
	if t.Kind == domain.TaskPayment {
		if len(c.Unpaid) == 0 {
			return skipNote, nil
		}
		var sum int64
		oldest := c.Unpaid[0].IssuedAt
		for _, inv := range c.Unpaid {
			sum += inv.Amount
			if inv.IssuedAt.Before(oldest) {
				oldest = inv.IssuedAt
			}
		}
		data["Amount"], data["Issued"] = fmtAmount(r, sum), fmtWhen(r, oldest)
		key = "notify.payment_due"
	}
	kb := r.bot.taskKeyboard(r.Lang, t)
	return note{text: r.T(key, data), kb: &kb}, nil
}

// renderTaskOverdue tells a lead a task is overdue by more than a
// working day.
func renderTaskOverdue(r *Request, n domain.Notification) (note, error) {
	t, c, ok, err := remindedTask(r, n)
	if err != nil || !ok {
		return skipNote, err
	}
	data := taskData(r, t)
	data["Client"], data["Deal"], data["Manager"] = Esc(c.Client.Name), dealTitle(c), Esc(c.Manager.Name)
	data["Late"] = fmtDuration(r, r.Svc.Now().Sub(t.DueAt))
	kb := Keyboard(Row(taskButton(r.T("today.reminder.open", nil), t, "op")))
	return note{text: r.T("notify.task_overdue", data), kb: kb}, nil
}

// phoneOf is the client's main phone for people, "" when there is none.
func phoneOf(c domain.Client) string {
	if p := c.FirstPhone(); p != "" {
		return Esc(fmtPhone(p))
	}
	return ""
}
