package tg

import (
	"context"
	"fmt"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// SetCommands registers cmds as the command menu for scope and lang (empty
// lang: users whose language has no own list) through sender, so the call
// is rate-limited and retried like any other.
//
// The menu is a convenience: callers should log a failure and carry on
// rather than refuse to start, since every command also works when typed.
func SetCommands(ctx context.Context, sender *Sender, scope tgbotapi.BotCommandScope, lang string, cmds []tgbotapi.BotCommand) error {
	cfg := tgbotapi.NewSetMyCommandsWithScopeAndLanguage(scope, lang, cmds...)
	if _, err := sender.Request(ctx, cfg); err != nil {
		return fmt.Errorf("set commands for scope %q lang %q: %w", scope.Type, lang, err)
	}
	return nil
}
