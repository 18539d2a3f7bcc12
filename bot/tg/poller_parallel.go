package tg

import (
	"context"
	"sync"
	"sync/atomic"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// WithPollWorkers lets the poller handle up to n updates of a batch at once
// (default 1: one after another). Updates from the same user stay in order,
// one at a time, since a user's dialog state is a sequence; different users
// are handled side by side, so one slow handler no longer stalls every chat
// and the database's and the Bot API's round trips overlap.
//
// With n > 1 the offset is saved once per batch, after every update in it
// was handled: a crash mid-batch makes Telegram deliver the whole batch
// again, so the handler must recognise updates it already handled (crmbot's
// records each update id in the transaction that applies it).
func WithPollWorkers(n int) PollerOption {
	return func(c *pollerConfig) { c.workers = max(1, n) }
}

// updateKey is whose turn an update waits for: its sender, else its chat,
// else nobody (it gets a key of its own).
func updateKey(u tgbotapi.Update) (int64, bool) {
	if from := u.SentFrom(); from != nil {
		return from.ID, true
	}
	if chat := u.FromChat(); chat != nil {
		return chat.ID, true
	}
	return 0, false
}

// dispatchParallel handles a batch on up to cfg.workers goroutines, each
// sender's updates in order, then saves the offset after the batch.
// Handlers run under work, which outlives ctx by the shutdown grace; once
// ctx ends no further update is started. It returns the next offset, and an
// error only when ctx ended before the whole batch was handled; then
// nothing of the batch is confirmed.
func (p *Poller) dispatchParallel(ctx, work context.Context, updates []tgbotapi.Update, offset int) (int, error) {
	var groups [][]tgbotapi.Update
	index := make(map[int64]int)
	next, total := offset, 0
	for _, u := range updates {
		if u.UpdateID < offset {
			continue // already handled: Telegram resent before our confirmation landed
		}
		total++
		next = max(next, u.UpdateID+1)
		key, ok := updateKey(u)
		if i, seen := index[key]; ok && seen {
			groups[i] = append(groups[i], u)
			continue
		}
		if ok {
			index[key] = len(groups)
		}
		groups = append(groups, []tgbotapi.Update{u})
	}
	if total == 0 {
		return offset, ctx.Err()
	}
	sem := make(chan struct{}, p.cfg.workers)
	var wg sync.WaitGroup
	var handled atomic.Int64
	for _, g := range groups {
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			break
		}
		wg.Go(func() {
			defer func() { <-sem }()
			bo := newBackoff(p.cfg.minBackoff, p.cfg.maxBackoff)
			for _, u := range g {
				if ctx.Err() != nil || p.handleOne(ctx, work, u, bo) != nil {
					return // stopping: the rest of the group comes again next start
				}
				handled.Add(1)
			}
		})
	}
	wg.Wait()
	if int(handled.Load()) < total {
		return offset, ctx.Err()
	}
	if err := p.saveOffset(work, next); err != nil {
		return next, err
	}
	return next, ctx.Err()
}
