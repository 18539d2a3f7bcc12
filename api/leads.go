package api

import (
	"net/http"
	"strings"
	"unicode/utf8"

	"crmbot/domain"
)

// The lead's own fields, as the request names them.
const (
	fName       = "name"
	fPhone      = "phone"
	fEmail      = "email"
	fComment    = "comment"
	fSource     = "source"
	fExternalID = "external_id"
)

// aliases maps the names site builders give the lead's fields (lower
// case, Contact Form 7's "your-" prefix removed) to ours: Tilda sends
// Name/Phone/Email and tranid, Contact Form 7 your-name/your-message.
var aliases = map[string]string{
	"name": fName, "fio": fName, "fullname": fName, "full_name": fName, "first_name": fName, "firstname": fName,
	"client_name": fName, "contact_name": fName, "имя": fName, "фио": fName,
	"phone": fPhone, "tel": fPhone, "telephone": fPhone, "phone_number": fPhone, "mobile": fPhone, "телефон": fPhone,
	"email": fEmail, "e-mail": fEmail, "mail": fEmail, "почта": fEmail,
	"comment": fComment, "comments": fComment, "message": fComment, "msg": fComment, "text": fComment,
	"question": fComment, "комментарий": fComment, "сообщение": fComment, "вопрос": fComment,
	"source": fSource, "источник": fSource,
	"external_id": fExternalID, "tranid": fExternalID, "submission_id": fExternalID, "lead_id": fExternalID,
}

// secret lists fields never kept in a note: the key itself and what
// builders send about the visitor's session.
var secret = map[string]bool{"key": true, "api_key": true, "apikey": true, "token": true, "access_token": true, "cookies": true}

// alias returns our name for a form's field name.
func alias(name string) (string, bool) {
	n := strings.ToLower(strings.TrimSpace(name))
	n = strings.TrimPrefix(n, "your-")
	a, ok := aliases[n]
	return a, ok
}

// Field limits: longer values are refused rather than cut.
const (
	maxField   = 2000
	maxExtraKV = 50
)

// leadResponse is the answer to a filed lead.
type leadResponse struct {
	DealID    int64 `json:"deal_id"`
	ClientID  int64 `json:"client_id"`
	Duplicate bool  `json:"duplicate"`
}

// leads is POST /api/v1/leads.
func (h *Handler) leads(w http.ResponseWriter, r *http.Request) {
	key, team, body, ok := h.accept(w, r)
	if !ok {
		return
	}
	fields, err := parseBody(r.Header.Get("Content-Type"), body)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	if isTildaTest(fields) {
		writeJSON(w, http.StatusOK, map[string]any{"ok": true})
		return
	}
	in, errs := h.readLead(fields, team.PhoneRegion)
	if len(errs) > 0 {
		writeJSON(w, http.StatusBadRequest, map[string]any{"error": "invalid lead", "errors": errs})
		return
	}
	res, err := h.o.Service.ReceiveLead(r.Context(), key, in)
	if domain.ErrorCode(err) == domain.EINVALID {
		writeJSON(w, http.StatusBadRequest, map[string]any{"error": "invalid lead", "errors": map[string]string{"lead": domain.ErrorMessage(err)}})
		return
	} else if err != nil {
		h.internal(w, r, err)
		return
	}
	if h.o.Wake != nil && !res.Duplicate {
		h.o.Wake()
	}
	status := http.StatusCreated
	if res.Duplicate {
		status = http.StatusOK
	}
	writeJSON(w, status, leadResponse{DealID: res.DealID, ClientID: res.ClientID, Duplicate: res.Duplicate})
}

// isTildaTest is the request Tilda sends when a webhook is connected.
func isTildaTest(fields []field) bool {
	return len(fields) == 1 && fields[0].name == "test" && fields[0].value == "test"
}

// readLead maps the fields to a lead, checking each: errs holds one
// message per bad field (by our field name).
func (h *Handler) readLead(fields []field, region string) (domain.InboundLead, map[string]string) {
	var in domain.InboundLead
	errs := map[string]string{}
	var extra []string
	for _, f := range fields {
		v := cleanText(f.value)
		name, known := alias(f.name)
		if !known {
			if secret[strings.ToLower(f.name)] || v == "" || len(extra) >= maxExtraKV {
				continue
			}
			extra = append(extra, cleanText(f.name)+": "+v)
			continue
		}
		if utf8.RuneCountInString(v) > maxField {
			errs[name] = "too long"
			continue
		}
		switch name {
		case fName:
			in.Name = firstSet(in.Name, v)
		case fPhone:
			in.Phone = firstSet(in.Phone, v)
		case fEmail:
			in.Email = firstSet(in.Email, v)
		case fComment:
			in.Comment = firstSet(in.Comment, v)
		case fSource:
			in.Source = firstSet(in.Source, v)
		case fExternalID:
			in.ExternalID = firstSet(in.ExternalID, v)
		}
	}
	in.Extra = strings.Join(extra, "\n")
	if in.Phone != "" {
		p, err := h.o.Phone(in.Phone, region)
		if err != nil {
			errs[fPhone] = "not a phone number"
		}
		in.Phone = p
	}
	if in.Email != "" && !domain.ValidEmail(in.Email) {
		errs[fEmail] = "not an email address"
	}
	if in.Phone == "" && in.Email == "" && errs[fPhone] == "" && errs[fEmail] == "" {
		errs[fPhone] = "phone or email is required"
		errs[fEmail] = "phone or email is required"
	}
	if utf8.RuneCountInString(in.Name) > domain.MaxNameLen {
		errs[fName] = "too long"
	}
	if len(in.ExternalID) > 200 {
		errs[fExternalID] = "too long"
	}
	return in, errs
}

func firstSet(have, v string) string {
	if have != "" {
		return have
	}
	return v
}
