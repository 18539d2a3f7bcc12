package domain

import (
	"context"
	"time"
)

// Store is everything the use cases persist. Storage implements it on
// PostgreSQL and SQLite; every method that reads by id takes the team id too,
// so one team can never reach another's rows. Missing rows are ENOTFOUND,
// unique violations ECONFLICT.
//
// It is the sum of small stores, one per use case (deals, clients, tasks,
// people, settings, sweeps, reports, and the update, dialog and outbox
// bookkeeping), so a helper or a caller outside domain can ask for the one it
// uses, and nothing needs a type assertion to reach the sweep or report
// queries.
type Store interface {
	// Tx runs fn in one transaction: all of it commits or none.
	Tx(ctx context.Context, fn func(Store) error) error
	Savepointer
	SettingsStore
	PeopleStore
	ClientStore
	DealStore
	TaskStore
	ActivityStore
	InvoiceStore
	EscalationStore
	ApprovalStore
	SweepStore
	ReportStore
	ABCRankStore
	OutboxStore
	ReplyStore
	DialogStore
	StateStore
	InboundStore
	ImportStore
}

// Savepointer runs part of a transaction on its own.
type Savepointer interface {
	// Savepoint runs fn, which uses the same store, so that in a
	// transaction a failure of fn undoes fn's statements alone and the
	// transaction goes on: PostgreSQL otherwise refuses every statement
	// after a failed one. Outside a transaction it just runs fn.
	Savepoint(ctx context.Context, fn func() error) error
}

// SettingsStore is what the settings use cases persist: the team, its
// pipeline and segments, and the audit of changes.
type SettingsStore interface {
	TeamStore
	PipelineStore
	AuditStore
	FileRetryStore
}

// PeopleStore is what the team use cases persist: users and their invites.
type PeopleStore interface {
	UserStore
	InviteStore
}

// TeamStore keeps teams.
type TeamStore interface {
	CreateTeam(ctx context.Context, t *Team) error
	Team(ctx context.Context, id int64) (Team, error)
	Teams(ctx context.Context) ([]Team, error)
	UpdateTeam(ctx context.Context, t *Team) error
}

// UserStore keeps users.
type UserStore interface {
	CreateUser(ctx context.Context, u *User) error
	User(ctx context.Context, teamID, id int64) (User, error)
	// UserForUpdate is User for a use case that adds something of the
	// user's: the row is locked (PostgreSQL) or the transaction serialised
	// (SQLite) until the transaction ends.
	UserForUpdate(ctx context.Context, teamID, id int64) (User, error)
	UserByTelegramID(ctx context.Context, telegramID int64) (User, error)
	// MemberByTelegramID is UserByTelegramID with the user's team.
	MemberByTelegramID(ctx context.Context, telegramID int64) (User, Team, error)
	UpdateUser(ctx context.Context, u *User) error
	// TeamUsers returns a team's users, active or not, ordered by id.
	TeamUsers(ctx context.Context, teamID int64) ([]User, error)
}

// PipelineStore keeps stages and segments.
type PipelineStore interface {
	CreateStage(ctx context.Context, s *Stage) error
	// Stages returns the team's pipeline ordered by position.
	Stages(ctx context.Context, teamID int64) (Pipeline, error)
	UpdateStage(ctx context.Context, s *Stage) error
	DeleteStage(ctx context.Context, teamID, id int64) error
	CreateSegment(ctx context.Context, s *Segment) error
	Segments(ctx context.Context, teamID int64) ([]Segment, error)
	UpdateSegment(ctx context.Context, s *Segment) error
	DeleteSegment(ctx context.Context, teamID, id int64) error
}

// ClientFilter selects clients. Zero fields do not filter.
type ClientFilter struct {
	TeamID int64
	// ManagerIDs limits to clients of these managers (nil: any).
	ManagerIDs []int64
	// Text matches name or company, case-insensitively, as a substring.
	Text string
	// PhoneDigits matches any part of a normalized phone.
	PhoneDigits string
	Limit       int
}

// ClientStore keeps clients.
type ClientStore interface {
	CreateClient(ctx context.Context, c *Client) error
	Client(ctx context.Context, teamID, id int64) (Client, error)
	// ClientForUpdate is Client for a change of what hangs on the client
	// (a reactivation outcome, a new deal): the row is locked (PostgreSQL)
	// or the transaction serialised (SQLite) until the transaction ends.
	ClientForUpdate(ctx context.Context, teamID, id int64) (Client, error)
	UpdateClient(ctx context.Context, c *Client) error
	// ClientByPhone finds a team's client having exactly this phone.
	ClientByPhone(ctx context.Context, teamID int64, phone string) (Client, error)
	// ClientByEmail finds a team's client with this email, case-insensitively.
	ClientByEmail(ctx context.Context, teamID int64, email string) (Client, error)
	// FindClients matches Text or PhoneDigits (either matching is enough
	// when both are set), ordered by name.
	FindClients(ctx context.Context, f ClientFilter) ([]Client, error)
}

// DealFilter selects deals. Zero fields do not filter.
type DealFilter struct {
	TeamID     int64
	ManagerIDs []int64
	ClientID   int64
	Status     DealStatus
	StageID    int64
	Offset     int
	Limit      int
}

// DealStore keeps deals.
type DealStore interface {
	CreateDeal(ctx context.Context, d *Deal) error
	Deal(ctx context.Context, teamID, id int64) (Deal, error)
	// DealForUpdate is Deal for a change: the row is locked (PostgreSQL) or
	// the transaction serialised (SQLite) until the transaction ends.
	DealForUpdate(ctx context.Context, teamID, id int64) (Deal, error)
	UpdateDeal(ctx context.Context, d *Deal) error
	// MoveDealStage moves an open deal from stage from to stage to only
	// while it stands at from, else ECONFLICT "stage.moved": a move never
	// acts on a stale copy, locked or not.
	MoveDealStage(ctx context.Context, teamID, id, from, to int64) error
	// Deals returns matching deals ordered by stage position, then id.
	Deals(ctx context.Context, f DealFilter) ([]Deal, error)
	CountDeals(ctx context.Context, f DealFilter) (int, error)
}

// TaskFilter selects open tasks.
type TaskFilter struct {
	TeamID      int64
	DealID      int64
	AssigneeIDs []int64
	// DueBefore keeps tasks due before it (zero: any).
	DueBefore time.Time
	Limit     int
}

// TaskStore keeps tasks.
type TaskStore interface {
	CreateTask(ctx context.Context, t *Task) error
	Task(ctx context.Context, teamID, id int64) (Task, error)
	UpdateTask(ctx context.Context, t *Task) error
	// OpenTasks returns open tasks ordered by due time.
	OpenTasks(ctx context.Context, f TaskFilter) ([]Task, error)
}

// ActivityStore keeps history.
type ActivityStore interface {
	CreateActivity(ctx context.Context, a *Activity) error
	Activity(ctx context.Context, teamID, id int64) (Activity, error)
	// DealActivities returns a page of a deal's history, newest first, and
	// the total count.
	DealActivities(ctx context.Context, teamID, dealID int64, offset, limit int) ([]Activity, int, error)
	// ClientReactivations returns the client's reactivation outcomes (with
	// or without a deal) recorded at or after since, oldest first.
	ClientReactivations(ctx context.Context, teamID, clientID int64, since time.Time) ([]Activity, error)
}

// InvoiceStore keeps invoices.
type InvoiceStore interface {
	CreateInvoice(ctx context.Context, i *Invoice) error
	Invoice(ctx context.Context, teamID, id int64) (Invoice, error)
	UpdateInvoice(ctx context.Context, i *Invoice) error
	// UnpaidInvoices returns a team's expected invoices (neither paid nor
	// cancelled), oldest first.
	UnpaidInvoices(ctx context.Context, teamID int64) ([]Invoice, error)
	DealInvoices(ctx context.Context, teamID, dealID int64) ([]Invoice, error)
}

// EscalationStore keeps escalations.
type EscalationStore interface {
	CreateEscalation(ctx context.Context, e *Escalation) error
	Escalation(ctx context.Context, teamID, id int64) (Escalation, error)
	// DecideEscalation records a decision only if none was taken yet and
	// reports whether this call took it (the first decision wins).
	DecideEscalation(ctx context.Context, teamID, id int64, decision string, by int64, at time.Time) (bool, error)
}

// InviteStore keeps invites.
type InviteStore interface {
	CreateInvite(ctx context.Context, i *Invite) error
	Invite(ctx context.Context, code string) (Invite, error)
	// LatestInvite returns the newest invite to role that createdBy made at
	// or after since; ENOTFOUND when there is none.
	LatestInvite(ctx context.Context, teamID, createdBy int64, role Role, since time.Time) (Invite, error)
	// UseInvite marks an unused invite used; ECONFLICT if it was used already.
	UseInvite(ctx context.Context, code string, userID int64, at time.Time) error
}

// OutboxStore keeps notifications to send.
type OutboxStore interface {
	// AddNotification inserts n unless a row with its UniqueKey exists, and
	// reports whether it inserted.
	AddNotification(ctx context.Context, n *Notification) (bool, error)
	// ClaimNotifications takes up to limit pending rows due at now, pushing
	// their NextTryAt by lease so no other claimer takes them meanwhile.
	ClaimNotifications(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]Notification, error)
	// MarkSent records a delivery, only while the row is pending under the
	// claim token (else ECONFLICT "notification.claim_lost").
	MarkSent(ctx context.Context, id int64, token string, chatID int64, messageID int, at time.Time) error
	// MarkFailed records a failed attempt, fenced like MarkSent; final
	// gives up on the row.
	MarkFailed(ctx context.Context, id int64, token string, attempts int, nextTry time.Time, errText string, final bool) error
	// EscalationNotifications returns the sent copies of an escalation.
	EscalationNotifications(ctx context.Context, escalationID int64) ([]Notification, error)
	CountNotifications(ctx context.Context, state string) (int, error)
	// RetargetNotifications gives the pending rows about dealID meant for
	// user from to user to, and says how many.
	RetargetNotifications(ctx context.Context, teamID, dealID, from, to int64) (int, error)
}

// DialogStore keeps users' dialog state.
type DialogStore interface {
	Dialog(ctx context.Context, userID int64) (Dialog, error)
	SaveDialog(ctx context.Context, d *Dialog) error
	DeleteDialog(ctx context.Context, userID int64) error
}

// StateStore keeps small named values of the process (the polling offset)
// and the ids of handled updates.
type StateStore interface {
	Value(ctx context.Context, key string) (string, error)
	SetValue(ctx context.Context, key, value string) error
	// MarkUpdate records a Telegram update id and reports whether it is new.
	MarkUpdate(ctx context.Context, updateID int64, at time.Time) (bool, error)
}

// AuditEntry records a settings change: who, what, when.
type AuditEntry struct {
	ID        int64
	TeamID    int64
	UserID    int64
	Field     string
	OldValue  string
	NewValue  string
	CreatedAt time.Time
}

// AuditStore keeps settings changes.
type AuditStore interface {
	AddAudit(ctx context.Context, e *AuditEntry) error
}
