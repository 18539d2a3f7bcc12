package input

import "time"

// weekdayWords maps the Russian and English names and abbreviations of the
// days of the week, in the cases a phrase uses them ("в пятницу",
// "пятница", "пт", "fri"), to their weekday.
var weekdayWords = map[string]time.Weekday{
	"понедельник": time.Monday, "пн": time.Monday, "пнд": time.Monday,
	"вторник": time.Tuesday, "вт": time.Tuesday, "втр": time.Tuesday,
	"среда": time.Wednesday, "среду": time.Wednesday, "ср": time.Wednesday, "срд": time.Wednesday,
	"четверг": time.Thursday, "чт": time.Thursday, "чтв": time.Thursday,
	"пятница": time.Friday, "пятницу": time.Friday, "пт": time.Friday, "птн": time.Friday,
	"суббота": time.Saturday, "субботу": time.Saturday, "сб": time.Saturday, "сбт": time.Saturday,
	"воскресенье": time.Sunday, "вс": time.Sunday, "вск": time.Sunday,
	"monday": time.Monday, "mon": time.Monday,
	"tuesday": time.Tuesday, "tue": time.Tuesday, "tues": time.Tuesday,
	"wednesday": time.Wednesday, "wed": time.Wednesday,
	"thursday": time.Thursday, "thu": time.Thursday, "thur": time.Thursday, "thurs": time.Thursday,
	"friday": time.Friday, "fri": time.Friday,
	"saturday": time.Saturday, "sat": time.Saturday,
	"sunday": time.Sunday, "sun": time.Sunday,
}

// monthWords maps month names (Russian genitive as in "25 декабря",
// nominative, and English) and their abbreviations to months.
var monthWords = map[string]time.Month{
	"января": time.January, "январь": time.January, "янв": time.January,
	"февраля": time.February, "февраль": time.February, "фев": time.February, "февр": time.February,
	"марта": time.March, "март": time.March, "мар": time.March,
	"апреля": time.April, "апрель": time.April, "апр": time.April,
	"мая": time.May, "май": time.May,
	"июня": time.June, "июнь": time.June, "июн": time.June,
	"июля": time.July, "июль": time.July, "июл": time.July,
	"августа": time.August, "август": time.August, "авг": time.August,
	"сентября": time.September, "сентябрь": time.September, "сен": time.September, "сент": time.September,
	"октября": time.October, "октябрь": time.October, "окт": time.October,
	"ноября": time.November, "ноябрь": time.November, "ноя": time.November, "нояб": time.November,
	"декабря": time.December, "декабрь": time.December, "дек": time.December,
	"january": time.January, "jan": time.January,
	"february": time.February, "feb": time.February,
	"march": time.March, "mar": time.March,
	"april": time.April, "apr": time.April,
	"may":  time.May,
	"june": time.June, "jun": time.June,
	"july": time.July, "jul": time.July,
	"august": time.August, "aug": time.August,
	"september": time.September, "sep": time.September, "sept": time.September,
	"october": time.October, "oct": time.October,
	"november": time.November, "nov": time.November,
	"december": time.December, "dec": time.December,
}

// dayWords maps words naming a day relative to today to its offset in days.
var dayWords = map[string]int{
	"сегодня": 0, "today": 0,
	"завтра": 1, "tomorrow": 1, "tmrw": 1, "tmr": 1,
	"послезавтра": 2,
	"вчера":       -1, "yesterday": -1,
	"позавчера": -2,
}

// unit is a step of a relative time ("через 2 часа").
type unit int

const (
	unitMinute unit = iota + 1
	unitHour
	unitDay
	unitWeek
	unitMonth
)

// unitWords maps the forms of the units a relative phrase can count in.
var unitWords = map[string]unit{
	"м": unitMinute, "мин": unitMinute, "минута": unitMinute, "минуту": unitMinute, "минуты": unitMinute, "минут": unitMinute, "минуток": unitMinute,
	"m": unitMinute, "min": unitMinute, "mins": unitMinute, "minute": unitMinute, "minutes": unitMinute,
	"ч": unitHour, "час": unitHour, "часа": unitHour, "часов": unitHour,
	"h": unitHour, "hr": unitHour, "hrs": unitHour, "hour": unitHour, "hours": unitHour,
	"д": unitDay, "дн": unitDay, "день": unitDay, "дня": unitDay, "дней": unitDay, "сутки": unitDay, "суток": unitDay,
	"d": unitDay, "day": unitDay, "days": unitDay,
	"нед": unitWeek, "неделя": unitWeek, "неделю": unitWeek, "недели": unitWeek, "недель": unitWeek,
	"w": unitWeek, "wk": unitWeek, "wks": unitWeek, "week": unitWeek, "weeks": unitWeek,
	"мес": unitMonth, "месяц": unitMonth, "месяца": unitMonth, "месяцев": unitMonth,
	"mo": unitMonth, "month": unitMonth, "months": unitMonth,
}

// numberWords maps counting words up to ten (and "пару", "a couple") to
// their value, so "через два дня" and "in two hours" read like digits.
var numberWords = map[string]int{
	"один": 1, "одна": 1, "одну": 1, "одни": 1, "одного": 1,
	"два": 2, "две": 2, "пару": 2, "пара": 2,
	"три": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7, "восемь": 8, "девять": 9, "десять": 10,
	"a": 1, "an": 1, "one": 1, "two": 2, "couple": 2, "three": 3, "four": 4, "five": 5,
	"six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
}

// fillerWords carry no meaning for a moment ("в пятницу", "at 5pm",
// "on monday", "на завтра", "к 15:00", "this friday").
var fillerWords = map[string]bool{
	"в": true, "во": true, "на": true, "к": true, "ко": true, "около": true, "at": true, "on": true, "by": true, "the": true, "this": true, "of": true, "around": true,
	"эту": true, "этот": true, "это": true, "эта": true, "этой": true,
}

// atWords are the fillers after which a bare number is an hour ("в 15",
// "at 3", "к 9").
var atWords = map[string]bool{"в": true, "во": true, "к": true, "ко": true, "at": true, "by": true, "около": true, "around": true}

// nextWords introduce "the one in the next calendar week"
// ("в следующий понедельник", "next monday", "на следующей неделе").
var nextWords = map[string]bool{
	"следующий": true, "следующую": true, "следующее": true, "следующая": true,
	"следующей": true, "следующем": true, "след": true, "next": true,
}

// partOfDayHours maps words for a part of the day to the hour they stand
// for when no clock time is given ("завтра утром", "tomorrow evening").
var partOfDayHours = map[string]int{
	"утром": DefaultHour, "morning": DefaultHour,
	"днем": 14, "afternoon": 14,
	"вечером": 18, "evening": 18, "tonight": 18,
}
