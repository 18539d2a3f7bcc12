package scheduler_test

import (
	"context"
	"testing"
	"time"

	"crmbot/domain"
	"crmbot/scheduler"
	"crmbot/storage"
	"crmbot/storage/storagetest"
)

// TestReminderOnItsSecond drives the real gocron jobs on the fake clock,
// as main.go wires them: the minute sweep leaves task reminders to the
// tasks job, which runs every second and wakes delivery (whose own tick is
// an hour here). A reminder set for now+3 s goes out at its second, not at
// the next minute; a task moved later before it fell due goes out at its
// new time only.
func TestReminderOnItsSecond(t *testing.T) {
	storagetest.ForEachDB(t, func(t *testing.T, s *storage.Store) {
		e := newEnv(t, s, "Europe/Moscow")
		start := e.clock.Now()
		soon := e.lead("Скоро", start.Add(3*time.Second))
		moved := e.lead("Перенос", start.Add(6*time.Second))
		movedTo := start.Add(14 * time.Second)
		e.touch(soon.Deal.ID)
		e.touch(moved.Deal.ID)

		runs := make(chan string, 256)
		note := &clockedNotifier{e: e}
		sw := domain.NewSweeper(s)
		sw.TaskDueApart = true
		// No locker, as in TestJobsRunOnTheFakeClock: a lock released a
		// moment after the next run was scheduled races the fake clock.
		sched, err := scheduler.New(scheduler.Options{Sweeper: sw, Tasks: sw, Outbox: s, Notifier: note,
			Clock: e.clock, Log: quiet, DeliverEvery: time.Hour,
			AfterRun: func(job string, err error) {
				if err != nil {
					t.Errorf("%s: %v", job, err)
				}
				runs <- job
			}})
		e.must(err)
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		defer cancel()
		// await waits for a run of job; false when none came within wait.
		await := func(job string, wait time.Duration) bool {
			timeout := time.After(wait)
			for {
				select {
				case j := <-runs:
					if j == job {
						return true
					}
				case <-timeout:
					return false
				case <-ctx.Done():
					t.Fatal("timed out")
				}
			}
		}
		sched.Start()
		defer func() { e.must(sched.Stop(context.Background())) }()
		if !await(scheduler.JobTasks, 10*time.Second) {
			t.Fatal("the tasks job did not run at start")
		}
		// Second by second. gocron arms a job's next run a moment after
		// its AfterRun, so a tick can land before the tasks job has armed
		// its timer; that second's run then comes at the next tick (the
		// fake clock only moves when the test moves it). Each tick waits
		// briefly for the run; the bound checked below is on the fake
		// clock, where a reminder of a minute sweep would be ~60 s late.
		ran := 0
		for sec := 1; sec <= 20; sec++ {
			// The three jobs (sweep, tasks, deliver) wait on the clock.
			if err := e.clock.BlockUntilContext(ctx, 3); err != nil {
				t.Fatalf("jobs never waited on the clock: %v", err)
			}
			if sec == 4 {
				_, err := e.svc.SnoozeTask(e.ctx, e.manager, moved.Task.ID, movedTo)
				e.must(err)
			}
			e.clock.Advance(time.Second)
			if await(scheduler.JobTasks, 2*time.Second) {
				ran++
			}
			// A pass that wrote a reminder woke delivery: let its run end
			// before the clock moves on.
			if sec == 3 || sec == 4 || sec == 14 || sec == 15 {
				await(scheduler.JobDeliver, time.Second)
			}
		}
		if ran < 10 {
			t.Fatalf("the tasks job ran %d times in 20 seconds, want about one a second", ran)
		}
		ns, at := note.sent()
		got := only(ns, domain.NoteTaskDue)
		e.want("reminders", got, to(domain.NoteTaskDue, e.manager), to(domain.NoteTaskDue, e.manager))
		wants := map[int64]time.Time{soon.Task.ID: start.Add(3 * time.Second), moved.Task.ID: movedTo}
		for i, n := range ns {
			if n.Kind != domain.NoteTaskDue {
				continue
			}
			due, ok := wants[n.TaskID]
			if !ok {
				t.Fatalf("reminder of task %d, want %d or %d", n.TaskID, soon.Task.ID, moved.Task.ID)
			}
			if late := at[i].Sub(due); late < 0 || late > 2*time.Second {
				t.Errorf("task %d due %v reminded at %v (%v late), want within 2 s", n.TaskID, due, at[i], late)
			}
			delete(wants, n.TaskID)
		}
		if len(wants) > 0 {
			t.Fatalf("no reminder of %v", wants)
		}
	})
}
