package bot

import (
	"strconv"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"crmbot/domain"
)

// A deal's history, newest first, a page at a time ("d:<id>:hist:<page>"):
// complete enough for a head who never met the client (rule 9). Each file
// on the page gets a "📎 <name>" button ("d:<id>:hf:<activityID>") that
// sends the file back by its Telegram file_id.

// historyPageSize keeps a page well within Telegram's 4096 characters.
const historyPageSize = 7

// maxHistoryText cuts long notes in the list.
const maxHistoryText = 300

func showHistory(r *Request, dealID int64) error {
	page, _ := strconv.Atoi(r.Arg(2))
	page = max(page, 0)
	h, err := r.Svc.History(r.Ctx, r.User, dealID, page*historyPageSize, historyPageSize)
	if err != nil {
		return err
	}
	if page > 0 && len(h.Items) == 0 && h.Total > 0 {
		page = clampPage(page, h.Total, historyPageSize)
		if h, err = r.Svc.History(r.Ctx, r.User, dealID, page*historyPageSize, historyPageSize); err != nil {
			return err
		}
	}
	names, stages, err := historyNames(r)
	if err != nil {
		return err
	}
	segs, err := r.Svc.Segments(r.Ctx, r.User)
	if err != nil {
		return err
	}
	pages := max(1, (h.Total+historyPageSize-1)/historyPageSize)
	lines := []string{r.T("history.header", map[string]any{"Page": page + 1, "Pages": pages})}
	var rows [][]tgbotapi.InlineKeyboardButton
	for _, a := range h.Items {
		lines = append(lines, r.T("history.item", map[string]any{
			"When": fmtWhen(r, a.CreatedAt), "Who": Esc(names[a.UserID]), "What": historyWhat(r, a, stages, segs)}))
		if a.FileID != "" {
			label := r.T("history.btn.file", map[string]any{"Name": fileLabel(r, a.FileName, a.FileKind)})
			rows = append(rows, Row(cardButton(label, dealID, "hf", strconv.FormatInt(a.ID, 10))))
		}
	}
	if len(h.Items) == 0 {
		lines = append(lines, r.T("history.empty", nil))
	}
	rows = append(rows, pageRow(r, page, h.Total, historyPageSize, func(p int) string {
		return cardData(dealID, "hist", strconv.Itoa(p))
	}), Row(backButton(r, dealID)))
	r.Show(strings.Join(lines, "\n\n"), Keyboard(rows...))
	return nil
}

// historyNames returns the team's user names and stage names by id.
func historyNames(r *Request) (map[int64]string, map[int64]string, error) {
	users, err := r.Store().TeamUsers(r.Ctx, r.User.TeamID)
	if err != nil {
		return nil, nil, err
	}
	names := map[int64]string{}
	for _, u := range users {
		names[u.ID] = u.Name
	}
	pipe, err := r.Svc.Pipeline(r.Ctx, r.User)
	if err != nil {
		return nil, nil, err
	}
	stages := map[int64]string{}
	for _, s := range pipe {
		stages[s.ID] = s.Name(r.Lang)
	}
	return names, stages, nil
}

// historyWhat says what an entry recorded.
func historyWhat(r *Request, a domain.Activity, stages map[int64]string, segs []domain.Segment) string {
	text := a.Text
	switch a.Kind {
	case domain.ActTaskSet: // next steps are calls unless told otherwise
		text = stepText(r, domain.TaskCall, text)
	case domain.ActTaskDone:
		text = stepText(r, "", text)
	}
	if n := []rune(text); len(n) > maxHistoryText {
		text = string(n[:maxHistoryText]) + "…"
	}
	data := map[string]any{"Text": Esc(text)}
	if a.FileID != "" { // only file activities have a file kind
		data["Name"] = Esc(fileLabel(r, a.FileName, a.FileKind))
	}
	switch a.Kind {
	case domain.ActInvoice, domain.ActInvoiceKept, domain.ActInvoiceCancelled:
		if v, err := strconv.ParseInt(a.Text, 10, 64); err == nil {
			data["Amount"] = fmtAmount(r, v)
		}
	case domain.ActFieldChanged:
		data = changeData(r, a.Field, a.OldValue, a.NewValue, segs)
	case domain.ActPayment:
		if p, ok := domain.ParsePaymentText(a.Text); ok {
			data["Amount"], data["Was"], data["Won"] = fmtAmount(r, p.Paid), "", ""
			if p.Before > 0 {
				data["Was"], data["Won"] = fmtAmount(r, p.Before), fmtAmount(r, p.After)
			}
		}
	case domain.ActStageChange:
		if a.FromStageID != nil {
			data["From"] = Esc(stages[*a.FromStageID])
		}
		if a.ToStageID != nil {
			data["To"] = Esc(stages[*a.ToStageID])
		}
		if a.Text != "" {
			data["Text"] = lostReasonText(r, a.Text)
		}
	}
	key := "history.kind." + a.Kind
	if !r.bot.texts.Has(r.Lang, key) {
		key = "history.kind.other"
	}
	return r.T(key, data)
}

// sendHistoryFile sends a file of the deal's history back by its file_id.
func sendHistoryFile(r *Request, dealID int64) error {
	id, err := argID(r, 2)
	if err != nil {
		return err
	}
	a, err := r.Svc.HistoryFile(r.Ctx, r.User, id)
	if err != nil {
		return err
	}
	if a.DealID == nil || *a.DealID != dealID {
		return errStaleButton()
	}
	file := tgbotapi.FileID(a.FileID)
	caption := Esc(a.Text)
	if a.FileKind == domain.FilePhoto {
		p := tgbotapi.NewPhoto(r.ChatID, file)
		p.Caption, p.ParseMode = caption, tgbotapi.ModeHTML
		r.Send(p)
	} else {
		d := tgbotapi.NewDocument(r.ChatID, file)
		d.Caption, d.ParseMode = caption, tgbotapi.ModeHTML
		r.Send(d)
	}
	return nil
}
