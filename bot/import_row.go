package bot

import (
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"

	"crmbot/bot/input"
	"crmbot/domain"
)

// importColumns are the template's columns, in order; their headers are
// "import.col.<key>" in either language, whatever the user's.
var importColumns = []string{"name", "phone", "phone2", "email", "company", "segment", "abc", "manager",
	"last_purchase", "purchase_count", "purchase_total"}

// importRows turns a file's rows into checked import rows: the header
// line says which column is which, every other line is one client or a
// reason it is rejected. It holds only the team's managers and segments.
type importRows struct {
	r        *Request
	cols     []string // column index -> key, "" for a column not recognised
	known    []string // the headers recognised, in file order
	unknown  []string // the headers not recognised
	users    map[string]int64
	segments map[string]int64
	// formulas counts cells starting with "=", read as text.
	formulas int
}

// newImportRows loads what rows are matched against: the team's active
// sellers by name and @username, its segments by name in either language.
func newImportRows(r *Request) (*importRows, error) {
	ir := &importRows{r: r, users: map[string]int64{}, segments: map[string]int64{}}
	users, err := r.Store().TeamUsers(r.Ctx, r.User.TeamID)
	if err != nil {
		return nil, err
	}
	for _, u := range users {
		if !u.Active || u.Role == domain.RoleAccountant {
			continue
		}
		ir.users[fold(u.Name)] = u.ID
		if u.Username != "" {
			ir.users["@"+fold(u.Username)] = u.ID
		}
	}
	segs, err := r.Store().Segments(r.Ctx, r.User.TeamID)
	if err != nil {
		return nil, err
	}
	for _, sg := range segs {
		ir.segments[fold(sg.NameRU)], ir.segments[fold(sg.NameEN)] = sg.ID, sg.ID
	}
	return ir, nil
}

// fold is how names and headers compare: case, spaces and punctuation aside.
func fold(s string) string {
	return strings.Map(func(c rune) rune {
		if unicode.IsLetter(c) || unicode.IsDigit(c) || c == '@' {
			return unicode.ToLower(c)
		}
		return -1
	}, strings.ReplaceAll(s, "ё", "е"))
}

// header reads the header line; false when it lacks a name column or
// both the phone and the email column.
func (ir *importRows) header(cells []string) bool {
	byTitle := map[string]string{}
	for _, key := range importColumns {
		for _, lang := range []string{domain.LangRU, domain.LangEN} {
			byTitle[fold(ir.r.bot.texts.T(lang, "import.col."+key, nil))] = key
		}
	}
	ir.cols = make([]string, len(cells))
	have := map[string]bool{}
	for i, c := range cells {
		key := byTitle[fold(c)]
		switch {
		case strings.TrimSpace(c) == "":
		case key == "" || have[key]:
			ir.unknown = append(ir.unknown, strings.TrimSpace(c))
		default:
			ir.cols[i], have[key] = key, true
			ir.known = append(ir.known, strings.TrimSpace(c))
		}
	}
	return have["name"] && (have["phone"] || have["phone2"] || have["email"])
}

// row checks one line: the client to import, or the reason it is
// rejected; skip is true for a blank line.
func (ir *importRows) row(line int, cells []string) (c domain.ImportClient, reason string, skip bool) {
	v := map[string]string{}
	blank := true
	for i, cell := range cells {
		cell = strings.TrimSpace(cell)
		if i >= len(ir.cols) || ir.cols[i] == "" || cell == "" {
			continue
		}
		if strings.HasPrefix(cell, "=") {
			ir.formulas++
		}
		v[ir.cols[i]], blank = cell, false
	}
	if blank {
		return c, "", true
	}
	c = domain.ImportClient{Line: line, Name: v["name"], Company: v["company"]}
	return c, ir.check(&c, v), false
}

// check fills c from the row's values and returns why it is rejected ("").
func (ir *importRows) check(c *domain.ImportClient, v map[string]string) string {
	r := ir.r
	if err := domain.ValidateClientName(c.Name, c.Company); err != nil {
		return inputErrorText(r, err)
	}
	for _, key := range []string{"phone", "phone2"} {
		if v[key] == "" {
			continue
		}
		p, err := input.NormalizePhone(v[key], r.Team.PhoneRegion)
		if err != nil {
			return r.T("import.bad_phone", map[string]any{"Value": v[key], "Why": inputErrorText(r, err)})
		}
		c.Phones = append(c.Phones, p)
	}
	if e := strings.ToLower(v["email"]); e != "" {
		if !domain.ValidEmail(e) {
			return r.T("import.bad_email", map[string]any{"Value": v["email"]})
		}
		c.Email = e
	}
	if len(c.Phones) == 0 && c.Email == "" {
		return r.T("import.no_contact", nil)
	}
	if s := v["segment"]; s != "" {
		id, ok := ir.segments[fold(s)]
		if !ok {
			return r.T("import.bad_segment", map[string]any{"Value": s})
		}
		c.SegmentID = &id
	}
	if a := v["abc"]; a != "" {
		c.ABC = strings.NewReplacer("А", "A", "В", "B", "С", "C", "а", "A", "в", "B", "с", "C").Replace(strings.ToUpper(a))
		if c.ABC != "A" && c.ABC != "B" && c.ABC != "C" {
			return r.T("import.bad_abc", map[string]any{"Value": a})
		}
	}
	if m := v["manager"]; m != "" {
		id, ok := ir.users[fold(m)]
		if !ok {
			id, ok = ir.users["@"+fold(strings.TrimPrefix(m, "@"))]
		}
		if !ok {
			return r.T("import.bad_manager", map[string]any{"Value": m})
		}
		c.ManagerID = id
	}
	return ir.checkPurchases(c, v)
}

// checkPurchases reads the purchase history: a date not in the future, a
// whole count and an amount, none negative; a count or a total needs a date.
func (ir *importRows) checkPurchases(c *domain.ImportClient, v map[string]string) string {
	r := ir.r
	if s := v["last_purchase"]; s != "" {
		t, ok := importDate(s, r.Location())
		if !ok || t.After(r.Svc.Now()) {
			return r.T("import.bad_date", map[string]any{"Value": s})
		}
		c.LastPurchase = &t
	}
	if s := v["purchase_count"]; s != "" {
		n, err := strconv.ParseFloat(strings.ReplaceAll(s, " ", ""), 64)
		if err != nil || n < 0 || n != math.Trunc(n) || n > 1e6 {
			return r.T("import.bad_count", map[string]any{"Value": s})
		}
		c.PurchaseCount = int(n)
	}
	if s := v["purchase_total"]; s != "" {
		n, err := input.ParseAmount(s)
		if err != nil {
			return r.T("import.bad_total", map[string]any{"Value": s, "Why": inputErrorText(r, err)})
		}
		c.PurchaseTotal = n
	}
	if c.LastPurchase == nil && (c.PurchaseCount > 0 || c.PurchaseTotal > 0) {
		return r.T("import.need_date", nil)
	}
	return ""
}

// importDates are the date layouts a cell may hold (day first, as Russian
// and European spreadsheets write them, or ISO).
var importDates = []string{"2006-01-02", "02.01.2006", "2.1.2006", "02/01/2006", "2/1/2006", "02.01.06", "2006-01-02 15:04:05"}

// importDate reads a date cell: a layout of importDates, or the serial
// number an .xlsx stores (days since 1899-12-30), as a day in loc.
func importDate(s string, loc *time.Location) (time.Time, bool) {
	for _, layout := range importDates {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t.UTC(), true
		}
	}
	n, err := strconv.ParseFloat(s, 64)
	if err != nil || n < 1 || n > 2958465 {
		return time.Time{}, false
	}
	day := time.Date(1899, 12, 30, 0, 0, 0, 0, loc).AddDate(0, 0, int(n))
	return day.UTC(), true
}
