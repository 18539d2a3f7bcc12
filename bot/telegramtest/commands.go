package telegramtest

import (
	"cmp"
	"encoding/json"
	"regexp"
	"slices"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// CommandSet is a command list set with setMyCommands for one scope and
// language.
type CommandSet struct {
	Scope        tgbotapi.BotCommandScope `json:"scope"`
	LanguageCode string                   `json:"language_code,omitempty"`
	Commands     []tgbotapi.BotCommand    `json:"commands"`
}

// commandKey identifies a command list: Telegram keeps one per scope and
// language.
type commandKey struct {
	scope tgbotapi.BotCommandScope
	lang  string
}

var commandRE = regexp.MustCompile(`^[a-z0-9_]{1,32}$`)

var langCodeRE = regexp.MustCompile(`^[a-z]{2}$`)

// scopeOf reads the scope parameter; absent means "default". As Telegram
// does, it refuses unknown scope types, a chat scope without its chat (or
// a chat_member scope without its user) and a language code that is not
// two letters; ids a scope type does not take are dropped from the key.
func scopeOf(c *call) (commandKey, *apiError) {
	key := commandKey{scope: tgbotapi.BotCommandScope{Type: "default"}, lang: c.params.Get("language_code")}
	if key.lang != "" && !langCodeRE.MatchString(key.lang) {
		return key, errBadRequest("invalid language code specified")
	}
	if raw := c.params.Get("scope"); raw != "" {
		if err := json.Unmarshal([]byte(raw), &key.scope); err != nil || key.scope.Type == "" {
			return key, errBadRequest("can't parse BotCommandScope")
		}
	}
	sc := &key.scope
	switch sc.Type {
	case "default", "all_private_chats", "all_group_chats", "all_chat_administrators":
		sc.ChatID, sc.UserID = 0, 0
	case "chat", "chat_administrators":
		sc.UserID = 0
		if sc.ChatID == 0 {
			return key, errBadRequest("chat not found")
		}
	case "chat_member":
		if sc.ChatID == 0 || sc.UserID == 0 {
			return key, errBadRequest("chat not found")
		}
	default:
		return key, errBadRequest("unsupported bot command scope type")
	}
	return key, nil
}

// setMyCommands records the command list for its scope and language.
func (s *Server) setMyCommands(c *call) (any, *apiError) {
	key, aerr := scopeOf(c)
	if aerr != nil {
		return nil, aerr
	}
	var cmds []tgbotapi.BotCommand
	if err := json.Unmarshal([]byte(c.params.Get("commands")), &cmds); err != nil {
		return nil, errBadRequest("can't parse commands JSON object")
	}
	if len(cmds) > 100 {
		return nil, errBadRequest("too many commands specified")
	}
	for _, cmd := range cmds {
		if !commandRE.MatchString(cmd.Command) {
			return nil, errBadRequest("BOT_COMMAND_INVALID")
		}
		if n := len([]rune(cmd.Description)); n < 1 || n > 256 {
			return nil, errBadRequest("BOT_COMMAND_DESCRIPTION_INVALID")
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(cmds) == 0 {
		delete(s.commands, key)
	} else {
		s.commands[key] = cmds
	}
	return true, nil
}

// getMyCommands answers the list for a scope and language.
func (s *Server) getMyCommands(c *call) (any, *apiError) {
	key, aerr := scopeOf(c)
	if aerr != nil {
		return nil, aerr
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	out := slices.Clone(s.commands[key])
	if out == nil {
		out = []tgbotapi.BotCommand{}
	}
	return out, nil
}

// deleteMyCommands drops the list for a scope and language.
func (s *Server) deleteMyCommands(c *call) (any, *apiError) {
	key, aerr := scopeOf(c)
	if aerr != nil {
		return nil, aerr
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.commands, key)
	return true, nil
}

// Commands lists the command lists currently set, ordered by scope type,
// chat, user and language.
func (s *Server) Commands() []CommandSet {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]CommandSet, 0, len(s.commands))
	for k, cmds := range s.commands {
		out = append(out, CommandSet{Scope: k.scope, LanguageCode: k.lang, Commands: slices.Clone(cmds)})
	}
	slices.SortFunc(out, func(a, b CommandSet) int {
		return cmp.Or(
			cmp.Compare(a.Scope.Type, b.Scope.Type),
			cmp.Compare(a.Scope.ChatID, b.Scope.ChatID),
			cmp.Compare(a.Scope.UserID, b.Scope.UserID),
			cmp.Compare(a.LanguageCode, b.LanguageCode),
		)
	})
	return out
}

// ChatCommands is the command list set for one chat's scope in lang ("" for
// all languages), nil if none is set.
func (s *Server) ChatCommands(chatID int64, lang string) []tgbotapi.BotCommand {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.commands[commandKey{scope: tgbotapi.BotCommandScope{Type: "chat", ChatID: chatID}, lang: lang}])
}
