package telegramtest

import (
	"fmt"
	"strings"
)

// htmlTags are the tags Telegram's HTML parse mode accepts.
var htmlTags = map[string]bool{
	"b": true, "strong": true, "i": true, "em": true, "u": true, "ins": true,
	"s": true, "strike": true, "del": true, "span": true, "tg-spoiler": true,
	"a": true, "code": true, "pre": true, "blockquote": true, "tg-emoji": true,
}

// checkHTML reports, in Telegram's words, why a parse_mode=HTML text would
// be refused ("" if it would not). It catches the usual bot bug: a client's
// name or note with "<" interpolated without escaping.
func checkHTML(s string) string {
	var open []string
	for i := 0; i < len(s); i++ {
		if s[i] != '<' {
			continue
		}
		end := strings.IndexByte(s[i:], '>')
		if end < 0 {
			return fmt.Sprintf("Unclosed start tag at byte offset %d", i)
		}
		inner := s[i+1 : i+end]
		closing := strings.HasPrefix(inner, "/")
		name := strings.TrimPrefix(inner, "/")
		if j := strings.IndexAny(name, " \t\n"); j >= 0 {
			name = name[:j]
		}
		name = strings.ToLower(name)
		if !htmlTags[name] {
			if closing {
				return fmt.Sprintf("Unexpected end tag at byte offset %d", i)
			}
			return fmt.Sprintf("Unsupported start tag \"%s\" at byte offset %d", name, i)
		}
		if closing {
			if len(open) == 0 || open[len(open)-1] != name {
				return fmt.Sprintf("Unexpected end tag at byte offset %d", i)
			}
			open = open[:len(open)-1]
		} else {
			open = append(open, name)
		}
		i += end
	}
	if len(open) > 0 {
		return fmt.Sprintf("Can't find end tag corresponding to start tag \"%s\"", open[len(open)-1])
	}
	return ""
}
