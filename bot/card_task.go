package bot

import (
	"strconv"
	"time"

	"crmbot/bot/input"
	"crmbot/domain"
)

// Task buttons, in Today and in reminders: "tk:<taskID>:<act>:<due>[:<page>]"
// with act ok (done), h1 (+1 hour), tm (tomorrow 10:00 team time) or op
// (open the deal's card), and due the task's due time the button was made
// for (taskVersion): a snooze of a task moved since changes nothing. With a
// page the Today list is refreshed in place; without, the reminder is
// edited to say what was done.
//
// Done on a call asks how the call went and logs it first (card_call.go).
// Done on the deal's last next step asks for the new one, and the task is
// completed together with it (askNextStep's "done:<taskID>"): the domain
// refuses to leave an open deal without a next step.

func handleTaskButton(r *Request) error {
	taskID, err := argID(r, 0)
	if err != nil {
		return err
	}
	t, c, err := taskAndCard(r, taskID)
	if err != nil {
		return err
	}
	if r.Arg(1) == "op" {
		return replyCard(r, c.Deal.ID)
	}
	if !t.IsOpen() {
		return domain.Errorf(domain.ECONFLICT, "task.already_done")
	}
	switch r.Arg(1) {
	case "ok":
		return taskDone(r, t, c)
	case "h1", "tm":
		due, err := snoozeTime(r, r.Arg(1))
		if err != nil {
			return err
		}
		was, err := strconv.ParseInt(r.Arg(2), 36, 64)
		if err != nil {
			return errStaleButton()
		}
		moved, err := r.Svc.SnoozeTaskFrom(r.Ctx, r.User, t.ID, time.Unix(was, 0), due)
		if err != nil {
			return err
		}
		return afterTask(r, moved, r.T("today.snoozed", taskData(r, moved)))
	}
	return errStaleButton()
}

// taskAndCard loads a task and its deal's card; the card refuses a deal
// out of the user's scope, so a forged task id reaches nothing.
func taskAndCard(r *Request, taskID int64) (domain.Task, domain.Card, error) {
	t, err := r.Store().Task(r.Ctx, r.User.TeamID, taskID)
	if err != nil {
		return t, domain.Card{}, err
	}
	c, err := r.Svc.DealCard(r.Ctx, r.User, t.DealID)
	return t, c, err
}

// snoozeTime is when "+1 hour" or "tomorrow" moves a task to.
func snoozeTime(r *Request, act string) (time.Time, error) {
	now := r.Svc.Now()
	if act == "h1" {
		return now.Add(time.Hour), nil
	}
	return input.QuickTime(input.QuickTomorrow10, now, r.Location())
}

// isLastStep reports whether t is the deal's only open next step (payment
// reminders do not count: they are not a next step).
func isLastStep(r *Request, t domain.Task) (bool, error) {
	open, err := r.Store().OpenTasks(r.Ctx, domain.TaskFilter{TeamID: t.TeamID, DealID: t.DealID})
	if err != nil {
		return false, err
	}
	for _, o := range open {
		if o.ID != t.ID && o.Kind != domain.TaskPayment {
			return false, nil
		}
	}
	return true, nil
}

// afterTask refreshes the Today list the button was on, or turns the
// reminder into a note of what was done with a button to the deal.
func afterTask(r *Request, t domain.Task, done string) error {
	if page := r.Arg(3); page != "" {
		r.Toast(done)
		p, _ := strconv.Atoi(page)
		return showToday(r, p)
	}
	r.Show(done, Keyboard(Row(taskButton(r.T("today.reminder.open", nil), t, "op"))))
	return nil
}

// taskDone completes a task from its "done" button; a call is logged first.
func taskDone(r *Request, t domain.Task, c domain.Card) error {
	if t.Kind == domain.TaskCall && c.Deal.IsOpen() {
		return askReached(r, c.Deal.ID, c.Client.Name, c.Client.FirstPhone(), t.ID)
	}
	if asked, err := completeOrAsk(r, t, c.Deal.IsOpen()); asked || err != nil {
		return err
	}
	return afterTask(r, t, r.T("today.done", taskData(r, t)))
}

// finishTask completes the task a logged call answered and asks for the
// next step: together with it when the task was the deal's last one.
func finishTask(r *Request, taskID, dealID int64) error {
	t, err := r.Store().Task(r.Ctx, r.User.TeamID, taskID)
	if err != nil || t.DealID != dealID {
		return errStaleButton()
	}
	if t.IsOpen() {
		if asked, err := completeOrAsk(r, t, true); asked || err != nil {
			return err
		}
	}
	return askNextStep(r, dealID, "")
}

// completeOrAsk completes t, or, when it is the open deal's last next step,
// asks for the new one to complete it with (asked is then true).
func completeOrAsk(r *Request, t domain.Task, dealOpen bool) (asked bool, err error) {
	last, err := isLastStep(r, t)
	if err != nil {
		return false, err
	}
	if last && dealOpen {
		return true, askNextStep(r, t.DealID, "done:"+strconv.FormatInt(t.ID, 10))
	}
	_, err = r.Svc.CompleteTask(r.Ctx, r.User, t.ID, nil)
	return false, err
}
