package bot

import (
	"slices"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"crmbot/domain"
)

// Segments in /settings: the list ("st:gl"), a segment ("st:g:<id>") with
// its names and purchase period, removal after a confirmation ("st:grm" →
// "st:grmy"; its clients keep existing without a segment), and "➕".

func showSegments(r *Request, _ int64) error {
	segs, err := r.Store().Segments(r.Ctx, r.User.TeamID)
	if err != nil {
		return err
	}
	lines := []string{r.T("settings.segments", nil)}
	var rows [][]tgbotapi.InlineKeyboardButton
	for _, sg := range segs {
		data := segmentData(r, sg)
		lines = append(lines, r.T("settings.segment_line", data))
		rows = append(rows, Row(Button(r.T("settings.btn.segment", data), "st", "g", itoa(sg.ID))))
	}
	rows = append(rows, Row(Button(r.T("settings.btn.add_segment", nil), "st", "e", fieldAddSegment), settingsBack(r, "")))
	r.Show(strings.Join(lines, "\n"), Keyboard(rows...))
	return nil
}

func findSegment(r *Request, id int64) (domain.Segment, error) {
	segs, err := r.Store().Segments(r.Ctx, r.User.TeamID)
	if err != nil {
		return domain.Segment{}, err
	}
	i := slices.IndexFunc(segs, func(sg domain.Segment) bool { return sg.ID == id })
	if i < 0 {
		return domain.Segment{}, domain.Errorf(domain.ENOTFOUND, "segment.not_found")
	}
	return segs[i], nil
}

func showSegment(r *Request, id int64) error {
	sg, err := findSegment(r, id)
	if err != nil {
		return err
	}
	sid := itoa(id)
	edit := func(label, field string) tgbotapi.InlineKeyboardButton {
		return Button(r.T(label, nil), "st", "e", field, sid)
	}
	r.Show(r.T("settings.segment", segmentData(r, sg)), Keyboard(
		Row(edit("settings.btn.name_ru", fieldSegmentRU), edit("settings.btn.name_en", fieldSegmentEN)),
		Row(edit("settings.btn.purchase_period", fieldSegmentDays)),
		Row(Button(r.T("settings.btn.remove", nil), "st", "grm", sid)),
		Row(settingsBack(r, "gl")),
	))
	return nil
}

func segmentData(r *Request, sg domain.Segment) map[string]any {
	period := r.T("settings.no_period", nil)
	if sg.PurchasePeriodDays > 0 {
		period = r.N("format.duration.days", sg.PurchasePeriodDays, nil)
	}
	return map[string]any{"Name": Esc(sg.Name(r.Lang)), "NameRU": Esc(sg.NameRU), "NameEN": Esc(sg.NameEN), "Period": period}
}

func confirmRemoveSegment(r *Request, id int64) error {
	sg, err := findSegment(r, id)
	if err != nil {
		return err
	}
	sid := itoa(id)
	r.Show(r.T("settings.remove_segment", map[string]any{"Name": Esc(sg.Name(r.Lang))}), Keyboard(
		Row(Button(r.T("settings.btn.remove_yes", nil), "st", "grmy", sid), Button(r.T("settings.btn.cancel", nil), "st", "g", sid))))
	return nil
}

func removeSegment(r *Request, id int64) error {
	if err := r.Svc.RemoveSegment(r.Ctx, r.User, id); err != nil {
		return err
	}
	r.Toast(r.T("settings.removed", nil))
	return showSegments(r, 0)
}
