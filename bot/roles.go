package bot

import (
	"strings"

	"crmbot/domain"
)

// Roles as people read and type them: shown in the reader's language, and
// accepted in either language where typed (/invite менеджер, /invite head).

// allRoles in the order they are listed.
var allRoles = []domain.Role{domain.RoleManager, domain.RoleHead, domain.RoleAccountant, domain.RoleLawyer, domain.RoleOwner}

// roleWords are further words, beyond the code and the shown names, that
// name a role when typed.
var roleWords = map[domain.Role][]string{
	domain.RoleManager:    {"менеджера", "менеджер по продажам", "продавец", "sales manager", "seller"},
	domain.RoleHead:       {"руководитель", "руководителя", "роп", "head of sales", "sales head"},
	domain.RoleAccountant: {"бухгалтера", "bookkeeper"},
	domain.RoleLawyer:     {"юриста", "юрисконсульт", "approver", "legal"},
	domain.RoleOwner:      {"владельца", "совладелец", "совладельца", "co-owner", "coowner"},
}

// roleName is a role as the reader calls it.
func roleName(r *Request, role domain.Role) string { return r.T("role."+string(role), nil) }

// parseRole reads a typed role in either language, any case.
func (b *Bot) parseRole(text string) (domain.Role, bool) {
	typed := strings.ToLower(strings.Join(strings.Fields(text), " "))
	if typed == "" {
		return "", false
	}
	for _, role := range allRoles {
		names := append([]string{string(role)}, roleWords[role]...)
		for _, lang := range []string{domain.LangRU, domain.LangEN} {
			names = append(names, b.texts.T(lang, "role."+string(role), nil))
		}
		for _, name := range names {
			if typed == strings.ToLower(name) {
				return role, true
			}
		}
	}
	return "", false
}

// roleList names roles for the reader: "manager, head of sales".
func roleList(r *Request, roles []domain.Role) string {
	names := make([]string, len(roles))
	for i, role := range roles {
		names[i] = roleName(r, role)
	}
	return strings.Join(names, ", ")
}
