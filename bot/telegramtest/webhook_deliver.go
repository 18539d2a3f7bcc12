package telegramtest

import (
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// deliveryState is one webhook delivery loop's bookkeeping, guarded by
// Server.mu.
type deliveryState struct {
	busy     map[int64]bool // chats with a request in flight
	retryAt  map[*queued]time.Time
	backoff  map[int64]time.Duration
	inFlight int
}

// Backoff of a refused delivery, as Telegram retries: 50 ms doubling to 2 s.
const (
	firstBackoff = 50 * time.Millisecond
	maxBackoff   = 2 * time.Second
)

// deliver POSTs queued updates to the webhook until stopped, as Telegram
// does: up to max_connections requests at once, but one chat's updates one
// at a time and in order, each after the previous one's 2xx. A refused
// update is retried with backoff and holds back its chat's later updates.
func (s *Server) deliver(target, secret string, stop <-chan struct{}) {
	defer s.wg.Done()
	st := &deliveryState{busy: map[int64]bool{}, retryAt: map[*queued]time.Time{}, backoff: map[int64]time.Duration{}}
	for {
		s.mu.Lock()
		next, wake := st.next(s.updates.queue, max(1, s.webhook.maxConns), time.Now())
		if next != nil {
			st.busy[updateChat(next.upd)] = true
			st.inFlight++
		}
		changed := s.changed
		s.mu.Unlock()
		if next != nil {
			s.wg.Add(1)
			go s.deliverOne(target, secret, next, st)
			continue
		}
		timer := time.NewTimer(wake)
		select {
		case <-changed:
		case <-timer.C:
		case <-stop:
			timer.Stop()
			return
		case <-s.ctx.Done():
			timer.Stop()
			return
		}
		timer.Stop()
	}
}

// next is the first queued update that may go now: its chat has nothing in
// flight and no earlier update waiting, and its retry time has come. With
// none, wake says when a retry comes due.
func (st *deliveryState) next(queue []*queued, maxConns int, now time.Time) (*queued, time.Duration) {
	wake := time.Hour
	if st.inFlight >= maxConns {
		return nil, wake
	}
	waiting := map[int64]bool{}
	for _, e := range queue {
		chat := updateChat(e.upd)
		if st.busy[chat] || waiting[chat] {
			continue
		}
		waiting[chat] = true // this chat's later updates come after this one
		if at, ok := st.retryAt[e]; ok && now.Before(at) {
			wake = min(wake, at.Sub(now))
			continue
		}
		return e, 0
	}
	return nil, wake
}

// deliverOne posts e and records the outcome. An update the bot accepted
// is gone even if the webhook was deleted meanwhile; a refused one waits
// for its retry, or for whoever comes next.
func (s *Server) deliverOne(target, secret string, e *queued, st *deliveryState) {
	defer s.wg.Done()
	err := s.post(target, secret, e.upd)
	chat := updateChat(e.upd)
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(st.busy, chat)
	st.inFlight--
	if err == nil {
		s.updates.remove(e)
		delete(st.retryAt, e)
		delete(st.backoff, chat)
		s.webhook.deliveries++
		s.webhook.deliveredIDs = append(s.webhook.deliveredIDs, e.upd.UpdateID)
	} else {
		s.webhook.lastErr, s.webhook.lastErrDate = err.Error(), int(s.now().Unix())
		b := max(st.backoff[chat], firstBackoff)
		st.retryAt[e] = time.Now().Add(b)
		st.backoff[chat] = min(2*b, maxBackoff)
	}
	s.bumpLocked()
}

// updateChat is the chat an update belongs to, for per-chat order; 0 for
// an update of no chat (they go in order among themselves).
func updateChat(u tgbotapi.Update) int64 {
	switch {
	case u.Message != nil && u.Message.Chat != nil:
		return u.Message.Chat.ID
	case u.EditedMessage != nil && u.EditedMessage.Chat != nil:
		return u.EditedMessage.Chat.ID
	case u.CallbackQuery != nil && u.CallbackQuery.Message != nil && u.CallbackQuery.Message.Chat != nil:
		return u.CallbackQuery.Message.Chat.ID
	case u.CallbackQuery != nil && u.CallbackQuery.From != nil:
		return u.CallbackQuery.From.ID
	case u.MyChatMember != nil:
		return u.MyChatMember.Chat.ID
	}
	return 0
}
