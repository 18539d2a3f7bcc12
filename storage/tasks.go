package storage

import (
	"context"
	"time"

	"crmbot/domain"
)

type taskRow struct {
	ID         int64 `gorm:"primaryKey"`
	TeamID     int64
	DealID     int64
	Kind       string
	Text       string
	DueAt      time.Time
	DoneAt     *time.Time
	AssigneeID int64
	CreatedBy  *int64
	Auto       bool
	CreatedAt  time.Time `gorm:"autoCreateTime:false"`
}

func (taskRow) TableName() string { return "tasks" }

func taskToRow(t *domain.Task, now func() time.Time) taskRow {
	return taskRow{
		ID:         t.ID,
		TeamID:     t.TeamID,
		DealID:     t.DealID,
		Kind:       t.Kind,
		Text:       t.Text,
		DueAt:      dbTime(t.DueAt),
		DoneAt:     dbTimePtr(t.DoneAt),
		AssigneeID: t.AssigneeID,
		CreatedBy:  nullID(t.CreatedBy), // 0: made by the system
		Auto:       t.Auto,
		CreatedAt:  orNow(t.CreatedAt, now),
	}
}

func (r *taskRow) domain() domain.Task {
	return domain.Task{
		ID:         r.ID,
		TeamID:     r.TeamID,
		DealID:     r.DealID,
		Kind:       r.Kind,
		Text:       r.Text,
		DueAt:      goTime(r.DueAt),
		DoneAt:     goTimePtr(r.DoneAt),
		AssigneeID: r.AssigneeID,
		CreatedBy:  idOf(r.CreatedBy),
		Auto:       r.Auto,
		CreatedAt:  goTime(r.CreatedAt),
	}
}

// CreateTask inserts t and sets its ID.
func (s *Store) CreateTask(ctx context.Context, t *domain.Task) error {
	row := taskToRow(t, s.now)
	row.ID = 0
	if err := s.conn(ctx).Create(&row).Error; err != nil {
		return dbError("create task", "task", err)
	}
	*t = row.domain()
	return nil
}

// Task returns the team's task with id.
func (s *Store) Task(ctx context.Context, teamID, id int64) (domain.Task, error) {
	var row taskRow
	err := s.conn(ctx).Where("id = ? AND team_id = ?", id, teamID).Take(&row).Error
	if err != nil {
		return domain.Task{}, dbError("read task", "task", err)
	}
	return row.domain(), nil
}

// UpdateTask saves an open task t (done, snoozed, reassigned); its team,
// deal and creation are kept. The update holds only while the task is
// still open (done_at IS NULL): a writer that read it before someone else
// marked it done (a sweep, a second press) changes nothing and gets
// ECONFLICT "task.already_done" instead of reopening it.
func (s *Store) UpdateTask(ctx context.Context, t *domain.Task) error {
	row := taskToRow(t, s.now)
	res := s.conn(ctx).Model(&taskRow{}).Where("id = ? AND team_id = ? AND done_at IS NULL", t.ID, t.TeamID).
		Select("*").Omit("id", "team_id", "deal_id", "created_by", "auto", "created_at").Updates(&row)
	if err := affectedOne("update task", "task", res); !domain.IsNotFound(err) {
		return err
	}
	if _, err := s.Task(ctx, t.TeamID, t.ID); err != nil {
		return err // not this team's, or gone
	}
	return domain.Errorf(domain.ECONFLICT, "task.already_done")
}

// OpenTasks returns open tasks ordered by due time, then id. TeamID 0 reads
// every team's tasks (the scheduler's sweep); a DueBefore keeps tasks due
// strictly before it. The partial index on due_at WHERE done_at IS NULL
// makes the sweep cost follow what is due.
func (s *Store) OpenTasks(ctx context.Context, f domain.TaskFilter) ([]domain.Task, error) {
	if f.AssigneeIDs != nil && len(f.AssigneeIDs) == 0 {
		return nil, nil
	}
	q := s.conn(ctx).Where("done_at IS NULL")
	if f.TeamID != 0 {
		q = q.Where("team_id = ?", f.TeamID)
	}
	if f.DealID != 0 {
		q = q.Where("deal_id = ?", f.DealID)
	}
	if f.AssigneeIDs != nil {
		q = q.Where("assignee_id IN ?", f.AssigneeIDs)
	}
	if !f.DueBefore.IsZero() {
		q = q.Where("due_at < ?", dbTime(f.DueBefore))
	}
	if f.Limit > 0 {
		q = q.Limit(f.Limit)
	}
	var rows []taskRow
	if err := q.Order("due_at, id").Find(&rows).Error; err != nil {
		return nil, dbError("list open tasks", "task", err)
	}
	out := make([]domain.Task, len(rows))
	for i := range rows {
		out[i] = rows[i].domain()
	}
	return out, nil
}
