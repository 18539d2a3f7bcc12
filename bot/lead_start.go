package bot

import (
	"regexp"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"crmbot/bot/input"
	"crmbot/domain"
)

// Other ways into the lead dialog: a shared contact (name and phone from
// it) and a forwarded client's message (name from its sender, phone if the
// text holds one). A phone some client already has offers that client
// instead of a duplicate.

// isContact reports whether m is a shared contact.
func isContact(m *tgbotapi.Message) bool { return m.Contact != nil }

// isForward reports whether m is a forwarded message from a person.
func isForward(m *tgbotapi.Message) bool {
	return m.ForwardFrom != nil || m.ForwardSenderName != ""
}

// handleContact starts a lead from a contact shared outside any dialog.
func handleContact(r *Request) error {
	st := leadState{N: int64(r.Update.UpdateID)}
	return leadContact(r, st, r.Message.Contact, "")
}

// handleForward starts a lead from a forwarded message.
func handleForward(r *Request) error {
	return leadForward(r, leadState{N: int64(r.Update.UpdateID)}, "")
}

// leadForward takes a forwarded message at step ("" outside the dialog):
// the sender's name (at the name step or outside) and a phone in the text.
func leadForward(r *Request, st leadState, step string) error {
	m := r.Message
	if step == "" || step == stepName {
		st.Name, st.Company = m.ForwardSenderName, ""
		if f := m.ForwardFrom; f != nil {
			st.Name = strings.TrimSpace(f.FirstName + " " + f.LastName)
		}
		if domain.ValidateClientName(st.Name, "") != nil {
			st.Name = ""
		}
	}
	if phone := findPhone(r.Text, r.Team.PhoneRegion); phone != "" {
		return acceptPhone(r, st, phone)
	}
	if step == stepPhone {
		return askLead(r, st, stepPhone, r.T("lead.forward.no_phone", nil))
	}
	return advanceLead(r, st, "")
}

// leadContact takes a shared contact at step ("" outside the dialog): the
// name (unless one was typed) and the phone. The manager's own contact is
// refused: the phone button of Telegram shares one's own number.
func leadContact(r *Request, st leadState, c *tgbotapi.Contact, step string) error {
	if c.UserID != 0 && c.UserID == r.User.TelegramID {
		if step == "" {
			r.Reply(r.T("lead.contact.own", nil), nil)
			return nil
		}
		return askLead(r, st, step, r.T("lead.contact.own", nil))
	}
	if name := strings.TrimSpace(c.FirstName + " " + c.LastName); domain.ValidateClientName(name, "") == nil && (st.Name == "" || step == stepName) {
		st.Name, st.Company = name, ""
	}
	phone, err := contactPhone(r, c.PhoneNumber)
	if err != nil {
		return askLead(r, st, stepPhone, inputErrorText(r, err))
	}
	return acceptPhone(r, st, phone)
}

// contactPhone normalizes a contact's number: as written in the address
// book (in the team's region), or, failing that, international without the
// "+", the form in which Telegram sends its users' numbers.
func contactPhone(r *Request, raw string) (string, error) {
	p, err := normalizePhone(r, raw)
	if err != nil && !strings.HasPrefix(strings.TrimSpace(raw), "+") {
		if p2, err2 := normalizePhone(r, "+"+strings.TrimSpace(raw)); err2 == nil {
			return p2, nil
		}
	}
	return p, err
}

// acceptPhone takes a phone for the lead: a client of the actor's scope
// that has it is offered instead (stepDup); one outside the scope is
// explained and the phone asked again; otherwise the dialog goes on with
// the first step still unanswered (the name, when it came without one).
func acceptPhone(r *Request, st leadState, phone string) error {
	c, exists, err := r.Svc.ClientByPhone(r.Ctx, r.User, phone)
	switch {
	case err != nil:
		return err
	case c != nil:
		st.Phone, st.DupID = phone, c.ID
		return askLead(r, st, stepDup, "")
	case exists:
		st.Phone = ""
		return askLead(r, st, stepPhone, r.T("lead.phone.taken", nil))
	}
	st.Phone = phone
	return advanceLead(r, st, "")
}

// phoneRun matches a run of phone characters in free text.
var phoneRun = regexp.MustCompile(`\+?[\d(][\d ()\-]*\d`)

// minPhoneDigits is the fewest digits of a full number (international,
// with "+"); shorter groups in a text are quantities, not phones.
const minPhoneDigits = 8

// maxRunWords bounds the space-separated pieces of one run tried as a phone.
const maxRunWords = 8

// findPhone returns the first phone number in free text ("", none): the
// longest group of space-separated pieces of a run of phone characters
// that input.NormalizePhone accepts in the team's region, so
// "заказ 2 шт, тел. 8 999 123 45 67" finds +79991234567.
func findPhone(text, region string) string {
	for _, run := range phoneRun.FindAllString(text, -1) {
		words := strings.Fields(run)
		if len(words) > maxRunWords {
			words = words[:maxRunWords]
		}
		for i := range words {
			for j := len(words); j > i; j-- {
				cand := strings.Join(words[i:j], " ")
				if digitCount(cand) < minPhoneDigits {
					continue
				}
				if p, err := input.NormalizePhone(cand, region); err == nil {
					return p
				}
			}
		}
	}
	return ""
}

// digitCount counts the ASCII digits in s.
func digitCount(s string) int {
	n := 0
	for _, c := range s {
		if c >= '0' && c <= '9' {
			n++
		}
	}
	return n
}
