// Package input reads what managers type into the chat: dates and times,
// money, probabilities, phone numbers and settings values, in Russian and
// English.
//
// Every parser is a pure function: it never panics, takes the current time
// and the team's location where time matters, and on bad input returns an
// *Error whose Code (one of the Code… constants) the bot maps to a
// translated reply. Nothing here knows about Telegram or the database.
//
// Conventions shared by the parsers: case does not matter, "ё" reads as "е",
// any Unicode space (including no-break and thin spaces) is a space, any dash
// (en, em, minus) is a hyphen, and trailing punctuation is ignored.
package input
