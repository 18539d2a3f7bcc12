package bot

import (
	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"crmbot/domain"
)

// The lead rule in /settings: how leads from site forms are dealt. The
// button shows the rule in force and switches to the other,
// "std:<rule>", so a second press of an old button changes nothing.

// leadRuleButton is the settings button of the team's lead rule.
func leadRuleButton(r *Request, t domain.Team) tgbotapi.InlineKeyboardButton {
	cur, next := domain.LeadRoundRobin, domain.LeadFirstTake
	if t.LeadRule == domain.LeadFirstTake {
		cur, next = next, cur
	}
	return Button(r.T("settings.btn.lead_rule", map[string]any{"Rule": r.T("settings.lead_rule."+cur, nil)}), "std", next)
}

// onLeadRuleButton sets the rule the button carried.
func onLeadRuleButton(r *Request) error {
	rule := r.Arg(0)
	if rule == r.Team.LeadRule || rule == domain.LeadRoundRobin && r.Team.LeadRule == "" {
		r.Alert(r.T("settings.lead_rule.same", map[string]any{"Rule": r.T("settings.lead_rule."+rule, nil)}))
		return showSettings(r)
	}
	t, err := r.Svc.SetLeadRule(r.Ctx, r.User, rule)
	if domain.ErrorCode(err) == domain.EINVALID {
		r.Alert(r.T("error.stale_button", nil))
		return nil
	} else if err != nil {
		return err
	}
	r.Team = t
	r.Toast(r.T("settings.lead_rule.set", map[string]any{"Rule": r.T("settings.lead_rule."+rule, nil)}))
	return showSettings(r)
}
