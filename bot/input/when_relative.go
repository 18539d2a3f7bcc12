package input

import "time"

// maxRelChunks bounds "через 1 час 30 минут …": two or three parts are
// real, more is noise.
const maxRelChunks = 3

// parseRelative reads the amount after "через"/"in" starting at toks[i]:
// one or more "<count> <unit>" parts ("2 дня", "час", "полчаса",
// "1 час 30 минут", "two hours", "a week", "half an hour", "полтора часа"),
// optionally joined by "и"/"and". n is the number of tokens used; ok is
// false when toks[i:] does not start with such an amount.
func parseRelative(toks []string, i int) (rel relative, n int, ok bool) {
	at := func(k int) string {
		if k < len(toks) {
			return toks[k]
		}
		return ""
	}
	j, chunks := i, 0
	for chunks < maxRelChunks {
		start := j
		if chunks > 0 && (at(j) == "и" || at(j) == "and") {
			j++
		}
		if at(j) == "полчаса" || at(j) == "полчасика" {
			rel.dur += 30 * time.Minute
			rel.clocked = true
			j++
			chunks++
			continue
		}
		halves, explicit := 2, true
		t := at(j)
		switch {
		case isDigits(t):
			v, okNum := smallInt(t)
			if !okNum {
				return relative{}, 0, false
			}
			halves = 2 * v
		case numberWords[t] != 0:
			halves = 2 * numberWords[t]
		case t == "пол":
			halves = 1
		case t == "полтора" || t == "полторы":
			halves = 3
		case t == "half":
			halves = 1
			if at(j+1) == "a" || at(j+1) == "an" {
				j++
			}
		default:
			explicit = false
		}
		if explicit {
			j++
		}
		u, isUnit := unitWords[at(j)]
		if !isUnit || (!explicit && chunks > 0) {
			if chunks > 0 {
				j = start
				break
			}
			return relative{}, 0, false
		}
		j++
		if !rel.add(u, halves) {
			return relative{}, 0, false
		}
		chunks++
	}
	return rel, j - i, chunks > 0
}

// relLimitDays bounds a relative amount well past MaxYearsAhead, so that a huge
// count is reported as too far instead of overflowing time.Duration.
const relLimitDays = (MaxYearsAhead + 1) * 366

// add adds halves/2 units; half days, weeks and months are not a moment
// anyone means, so they fail. Amounts beyond relLimitDays mark the
// relative as too far.
func (r *relative) add(u unit, halves int) bool {
	if u == unitMinute || u == unitHour {
		r.clocked = true
	}
	var step time.Duration // per half unit, for the exact units
	switch u {
	case unitMinute:
		step = 30 * time.Second
	case unitHour:
		step = 30 * time.Minute
	}
	switch {
	case step != 0:
		limit := time.Duration(relLimitDays) * 24 * time.Hour
		if halves > int(limit/step) || r.dur+time.Duration(halves)*step > limit {
			r.tooFar = true
			return true
		}
		r.dur += time.Duration(halves) * step
	case halves%2 != 0:
		return false
	case u == unitDay:
		r.days += halves / 2
	case u == unitWeek:
		r.days += 7 * halves / 2
	default:
		r.months += halves / 2
	}
	if r.days > relLimitDays || r.months > relLimitDays/28 {
		r.tooFar = true
	}
	return true
}
