// Package tg is crmbot's Telegram transport: it builds the tgbotapi client,
// receives updates (our own long-poll loop or a webhook handler), and is the
// one place that sends, within Telegram's rate limits.
//
// tgbotapi v5 is unmaintained and has no context support, so this package
// wraps it: every call runs on a per-call copy of the BotAPI whose HTTP
// client carries the caller's context, updates are confirmed only after
// they are handled, and every error that may contain the bot token (its
// request URL does) is redacted before it leaves the package.
package tg
