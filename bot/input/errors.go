package input

import "errors"

// Codes of the errors the parsers return. They are stable: the bot keys its
// translated messages by them, so renaming one is a breaking change.
const (
	// CodeWhenEmpty means no text was given where a date and time was expected.
	CodeWhenEmpty = "when.empty"
	// CodeWhenUnreadable means the text is not a date or time the parser knows.
	CodeWhenUnreadable = "when.unreadable"
	// CodeWhenPast means the moment is not after now.
	CodeWhenPast = "when.past"
	// CodeWhenNeedTime means a day that has already reached its default hour
	// (e.g. "сегодня" at 14:00) was given without a time.
	CodeWhenNeedTime = "when.need_time"
	// CodeWhenInvalidTime means a clock time out of range, e.g. "25:00".
	CodeWhenInvalidTime = "when.invalid_time"
	// CodeWhenInvalidDate means a calendar date that does not exist, e.g. "32.12".
	CodeWhenInvalidDate = "when.invalid_date"
	// CodeWhenWeekdayMismatch means a weekday and a date that disagree,
	// e.g. "пт 26.11" when 26.11 is a Thursday.
	CodeWhenWeekdayMismatch = "when.weekday_mismatch"
	// CodeWhenTooFar means the moment is more than MaxAhead after now.
	CodeWhenTooFar = "when.too_far"

	// CodeQuickUnknown means a quick-time key that QuickTime does not know.
	CodeQuickUnknown = "quick.unknown"

	// CodeDateEmpty means no text was given where a calendar day was expected.
	CodeDateEmpty = "date.empty"
	// CodeDateUnreadable means the text is not a calendar day.
	CodeDateUnreadable = "date.unreadable"
	// CodeDateInvalid means a calendar date that does not exist, e.g. "31.02".
	CodeDateInvalid = "date.invalid"

	// CodePeriodEmpty means no text was given where a period was expected.
	CodePeriodEmpty = "period.empty"
	// CodePeriodUnreadable means the text is not one or two calendar days.
	CodePeriodUnreadable = "period.unreadable"
	// CodePeriodOrder means the period ends before it starts.
	CodePeriodOrder = "period.order"

	// CodeAmountEmpty means no text was given where an amount was expected.
	CodeAmountEmpty = "amount.empty"
	// CodeAmountInvalid means the text is not an amount of money.
	CodeAmountInvalid = "amount.invalid"
	// CodeAmountNegative means a negative amount.
	CodeAmountNegative = "amount.negative"
	// CodeAmountPrecision means more than two decimals (finer than a kopeck).
	CodeAmountPrecision = "amount.precision"
	// CodeAmountTooLarge means an amount above MaxAmount.
	CodeAmountTooLarge = "amount.too_large"

	// CodeProbabilityEmpty means no text was given where a probability was expected.
	CodeProbabilityEmpty = "probability.empty"
	// CodeProbabilityInvalid means the text is not a whole percentage.
	CodeProbabilityInvalid = "probability.invalid"
	// CodeProbabilityRange means a percentage outside 0..100.
	CodeProbabilityRange = "probability.range"

	// CodePhoneEmpty means no text was given where a phone number was expected.
	CodePhoneEmpty = "phone.empty"
	// CodePhoneInvalid means characters that do not belong in a phone number,
	// or a digit count that fits no known form.
	CodePhoneInvalid = "phone.invalid"
	// CodePhoneShort means too few digits.
	CodePhoneShort = "phone.short"
	// CodePhoneLong means too many digits.
	CodePhoneLong = "phone.long"
	// CodeRegionInvalid means the text is not a country whose phone numbers
	// the bot knows.
	CodeRegionInvalid = "region.invalid"

	// CodeClockRangeInvalid means the text is not a range like "09:00-19:00".
	CodeClockRangeInvalid = "clockrange.invalid"
	// CodeClockRangeOrder means the range does not end after it starts.
	CodeClockRangeOrder = "clockrange.order"
	// CodeWeekdaysInvalid means the text is not a set of weekdays like "пн-пт".
	CodeWeekdaysInvalid = "weekdays.invalid"
	// CodePercentInvalid means the text is not a percentage like "5%" or "2.5".
	CodePercentInvalid = "percent.invalid"
	// CodePercentRange means a percentage outside 0..100.
	CodePercentRange = "percent.range"
	// CodeDaysInvalid means the text is not a number of days like "30 дней".
	CodeDaysInvalid = "days.invalid"
	// CodeDaysRange means a number of days outside MinDays..MaxDays.
	CodeDaysRange = "days.range"
	// CodeWeekdayTimeInvalid means the text is not like "пн 10:00".
	CodeWeekdayTimeInvalid = "weekdaytime.invalid"
	// CodeTimeZoneInvalid means an empty or malformed zone or offset.
	CodeTimeZoneInvalid = "timezone.invalid"
	// CodeTimeZoneUnknown means a zone name that is not in the zone database.
	CodeTimeZoneUnknown = "timezone.unknown"
)

// allCodes lists every code in the order of the constants above.
var allCodes = []string{
	CodeWhenEmpty, CodeWhenUnreadable, CodeWhenPast, CodeWhenNeedTime,
	CodeWhenInvalidTime, CodeWhenInvalidDate, CodeWhenWeekdayMismatch, CodeWhenTooFar,
	CodeQuickUnknown,
	CodeDateEmpty, CodeDateUnreadable, CodeDateInvalid,
	CodePeriodEmpty, CodePeriodUnreadable, CodePeriodOrder,
	CodeAmountEmpty, CodeAmountInvalid, CodeAmountNegative, CodeAmountPrecision, CodeAmountTooLarge,
	CodeProbabilityEmpty, CodeProbabilityInvalid, CodeProbabilityRange,
	CodePhoneEmpty, CodePhoneInvalid, CodePhoneShort, CodePhoneLong, CodeRegionInvalid,
	CodeClockRangeInvalid, CodeClockRangeOrder, CodeWeekdaysInvalid,
	CodePercentInvalid, CodePercentRange, CodeDaysInvalid, CodeDaysRange,
	CodeWeekdayTimeInvalid, CodeTimeZoneInvalid, CodeTimeZoneUnknown,
}

// Codes returns every error code the parsers can return, so that the bot
// can check at start-up (or in a test) that each one has a translation.
func Codes() []string {
	return append([]string(nil), allCodes...)
}

// Error is a parse failure that the bot explains to the user. It carries
// only a code, never the user's text, so that it is safe to log (phone
// numbers are personal data).
type Error struct {
	// Code is one of the Code… constants.
	Code string
}

// Error implements error.
func (e *Error) Error() string {
	return "input: " + e.Code
}

// Is reports whether target is an *Error with the same code, so that
// errors.Is(err, &input.Error{Code: input.CodeWhenPast}) works.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Code == e.Code
}

// ErrorCode returns the code of err if it is (or wraps) an *Error, else "".
func ErrorCode(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

// fail builds the *Error for code; it exists to keep the parsers short.
func fail(code string) *Error {
	return &Error{Code: code}
}
