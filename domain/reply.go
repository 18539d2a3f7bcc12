package domain

import (
	"context"
	"time"
)

// Reply is what one handled update sends: its Telegram calls, encoded by
// the bot (Payload), saved in the update's own transaction, so a reply
// committed with its change is never lost. The bot deletes the row once
// every call went out; a row still here after a crash, or after Telegram
// refused it for a while, is sent again by the next process or by the
// scheduler's replies job. Done is how many of the calls already went out.
type Reply struct {
	ID       int64
	UpdateID int64
	ChatID   int64
	Payload  []byte
	Done     int
	Attempts int
	// ClaimToken is the claim the reply is under (its saving, or the last
	// ClaimReplies): ReplySent and ReplyFailed hold only with it.
	ClaimToken string
	CreatedAt  time.Time
	NextTryAt  time.Time
}

// ReplyLease is how long a saved reply is left to the process that saved
// it (or claimed it) before another may send it: long enough for the
// sender's own retries and Telegram's rate limits.
const ReplyLease = 30 * time.Second

// ReplyStore keeps the replies of handled updates until they are sent.
type ReplyStore interface {
	// SaveReply inserts r (in the update's transaction) and sets its ID.
	SaveReply(ctx context.Context, r *Reply) error
	// ClaimReplies takes up to limit unsent replies due at now, or saved
	// before savedBefore (a process that has since died), pushing their
	// NextTryAt by lease so no other claimer takes them meanwhile.
	ClaimReplies(ctx context.Context, now, savedBefore time.Time, lease time.Duration, limit int) ([]Reply, error)
	// ReplySent deletes a reply whose calls all went out; ECONFLICT
	// "reply.claim_lost" when token is no longer its claim.
	ReplySent(ctx context.Context, id int64, token string) error
	// ReplyFailed records that calls from done on failed; it is tried
	// again at nextTry. Fenced like ReplySent.
	ReplyFailed(ctx context.Context, id int64, token string, done, attempts int, nextTry time.Time) error
	// UnsentReplies returns the replies not yet sent, oldest first.
	UnsentReplies(ctx context.Context) ([]Reply, error)
}
