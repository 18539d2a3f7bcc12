package faults

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// logCount counts the lines of this test's bot log that contain s.
func (b *bench) logCount(s string) int {
	data, err := os.ReadFile(filepath.Join(logDir, b.t.Name()+".log"))
	if err != nil {
		return 0
	}
	return strings.Count(string(data), s)
}

// describe lists the last messages of every chat, for failure output.
func (b *bench) describe() string {
	var sb strings.Builder
	for _, id := range b.chats() {
		msgs := b.srv.Sent(id)
		if len(msgs) == 0 {
			continue
		}
		fmt.Fprintf(&sb, "\n  chat %d (%d messages):", id, len(msgs))
		for _, m := range msgs[max(0, len(msgs)-2):] {
			fmt.Fprintf(&sb, " %q", truncate(m.PlainText(), 80))
		}
	}
	fmt.Fprintf(&sb, "\n  pending updates %d; log %s", b.srv.PendingUpdates(), filepath.Join(logDir, b.t.Name()+".log"))
	return sb.String()
}

// chats lists the chats the test played, owner and managers.
func (b *bench) chats() []int64 {
	out := []int64{ownerID}
	for i := range 10 {
		out = append(out, int64(1000+i))
	}
	return out
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
