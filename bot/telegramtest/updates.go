package telegramtest

import (
	"fmt"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// queued is an update waiting to be confirmed (polling) or delivered
// (webhook).
type queued struct {
	upd tgbotapi.Update
	// A duplicate re-delivers an id the bot may already have confirmed, so
	// the offset does not drop it until it has been handed out once.
	dup       bool
	delivered bool
}

// updateQueue is guarded by Server.mu.
type updateQueue struct {
	lastID  int
	queue   []*queued
	history map[int]tgbotapi.Update
	polls   int // getUpdates calls so far: a newer poll ends an older one
}

func (q *updateQueue) init() { q.history = make(map[int]tgbotapi.Update) }

func (q *updateQueue) pending() int { return len(q.queue) }

// confirm drops what getUpdates with this offset acknowledges: every update
// with a smaller id, or all but the last -offset when negative.
func (q *updateQueue) confirm(offset int) {
	switch {
	case offset > 0:
		kept := q.queue[:0]
		for _, e := range q.queue {
			if e.upd.UpdateID >= offset || e.dup && !e.delivered {
				kept = append(kept, e)
			}
		}
		clear(q.queue[len(kept):])
		q.queue = kept
	case offset < 0 && -offset < len(q.queue):
		q.queue = append(q.queue[:0], q.queue[len(q.queue)+offset:]...)
	}
}

// take returns up to limit updates for a getUpdates with this offset.
func (q *updateQueue) take(offset, limit int) []tgbotapi.Update {
	out := []tgbotapi.Update{}
	for _, e := range q.queue {
		if len(out) == limit {
			break
		}
		if offset > 0 && e.upd.UpdateID < offset && !(e.dup && !e.delivered) {
			continue
		}
		e.delivered = true
		out = append(out, e.upd)
	}
	return out
}

// remove drops a webhook-delivered entry.
func (q *updateQueue) remove(e *queued) {
	for i, x := range q.queue {
		if x == e {
			q.queue = append(q.queue[:i], q.queue[i+1:]...)
			return
		}
	}
}

// Enqueue queues a raw update for the bot. An UpdateID of 0 gets the next
// id; the update as queued is returned.
func (s *Server) Enqueue(u tgbotapi.Update) tgbotapi.Update {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.enqueueLocked(u)
}

func (s *Server) enqueueLocked(u tgbotapi.Update) tgbotapi.Update {
	q := &s.updates
	if u.UpdateID == 0 {
		u.UpdateID = q.lastID + 1
	}
	q.lastID = max(q.lastID, u.UpdateID)
	q.history[u.UpdateID] = u
	q.queue = append(q.queue, &queued{upd: u})
	if chat := u.FromChat(); chat != nil {
		s.chatLocked(chat.ID).known = true
	}
	s.bumpLocked()
	return u
}

// EnqueueDuplicate re-delivers an update already queued once, with the same
// update_id, as Telegram may after a timeout: the bot must not act twice.
// In polling mode it is handed out once even if the bot's offset is past it.
func (s *Server) EnqueueDuplicate(updateID int) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	u, ok := s.updates.history[updateID]
	if !ok {
		return fmt.Errorf("enqueue duplicate: no update %d", updateID)
	}
	s.updates.queue = append(s.updates.queue, &queued{upd: u, dup: true})
	s.bumpLocked()
	return nil
}

// PendingUpdates is how many updates are not yet confirmed by the bot's
// offset (polling) or accepted by its webhook.
func (s *Server) PendingUpdates() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.updates.pending()
}

// getUpdates long-polls: it answers at once when updates are waiting,
// otherwise when one is queued, the timeout passes or the client leaves.
func (s *Server) getUpdates(c *call) (any, *apiError) {
	offset := c.intParam("offset", 0)
	limit := c.intParam("limit", 100)
	if limit < 1 || limit > 100 {
		limit = 100
	}
	timeout := time.Duration(max(0, c.intParam("timeout", 0))) * time.Second
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	s.mu.Lock()
	s.updates.polls++
	poll := s.updates.polls
	s.bumpLocked()
	s.mu.Unlock()
	for {
		s.mu.Lock()
		if s.webhook.url != "" {
			s.mu.Unlock()
			return nil, errConflict("can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first")
		}
		if s.updates.polls != poll {
			// Like Telegram: two pollers means two bot instances.
			s.mu.Unlock()
			return nil, errConflict("terminated by other getUpdates request; make sure that only one bot instance is running")
		}
		s.updates.confirm(offset)
		out := s.updates.take(offset, limit)
		changed := s.changed
		s.mu.Unlock()
		if len(out) > 0 || timeout == 0 {
			return out, nil
		}
		select {
		case <-changed:
		case <-timer.C:
			return []tgbotapi.Update{}, nil
		case <-c.ctx.Done():
			return []tgbotapi.Update{}, nil
		case <-s.ctx.Done():
			return []tgbotapi.Update{}, nil
		}
	}
}
