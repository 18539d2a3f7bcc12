package domain

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// Fields of a deal card a person can correct later (PRODUCT.md: "Everything
// on a card can be corrected later"). The first five and the segment and
// ABC class belong to the client, the rest to the deal.
const (
	FieldName        = "name"
	FieldCompany     = "company"
	FieldPhone       = "phone"
	FieldPhone2      = "phone2"
	FieldEmail       = "email"
	FieldSegment     = "segment"
	FieldABC         = "abc"
	FieldTitle       = "title"
	FieldAmount      = "amount"
	FieldProbability = "prob"
	FieldSource      = "source"
)

// EditFields lists the correctable fields in the edit menu's order.
var EditFields = []string{FieldName, FieldCompany, FieldPhone, FieldPhone2, FieldEmail,
	FieldSegment, FieldABC, FieldTitle, FieldAmount, FieldProbability, FieldSource}

// clearableFields may be emptied; the others always hold a value.
var clearableFields = []string{FieldCompany, FieldPhone2, FieldEmail, FieldSegment, FieldABC}

// IsEditField reports whether field is one of EditFields.
func IsEditField(field string) bool { return slices.Contains(EditFields, field) }

// CanClear reports whether field may be emptied.
func CanClear(field string) bool { return slices.Contains(clearableFields, field) }

// FieldChange is one correction: a field's value before and after, as
// stored (see Activity.Field).
type FieldChange struct {
	Field    string
	OldValue string
	NewValue string
}

// Changed reports whether the correction changed anything.
func (ch FieldChange) Changed() bool { return ch.OldValue != ch.NewValue }

// EditDeal sets field of a deal, or of the deal's client, to value as
// stored: a name or text as typed, a phone in E.164 ("+79991234567"), an amount
// in minor units, a segment's id, a source's key, "" to clear a field that
// CanClear. It is validated as a new lead is and recorded in the deal's
// history with who, when, and old → new. The deal's manager, their head
// and the owner may do it. A value equal to the current one changes and
// records nothing.
func (s *Service) EditDeal(ctx context.Context, actor User, dealID int64, field, value string) (FieldChange, error) {
	if !IsEditField(field) {
		return FieldChange{}, Errorf(EINVALID, "edit.field_unknown")
	}
	value = strings.TrimSpace(value)
	if value == "" && !CanClear(field) {
		return FieldChange{}, Errorf(EINVALID, "edit.value_required")
	}
	var ch FieldChange
	err := s.Store.Tx(ctx, func(st Store) error {
		svc := s.with(st)
		// Locked: the edit rewrites the whole deal row, which must not
		// undo a stage move or another edit made meanwhile.
		d, err := svc.dealToChange(ctx, actor, dealID)
		if err != nil {
			return err
		}
		c, err := st.Client(ctx, d.TeamID, d.ClientID)
		if err != nil {
			return err
		}
		ch = FieldChange{Field: field, OldValue: FieldValue(&d, &c, field), NewValue: value}
		if !ch.Changed() {
			return nil
		}
		if err := svc.applyField(ctx, &d, &c, field, value); err != nil {
			return err
		}
		ch.NewValue = FieldValue(&d, &c, field)
		if err := c.Validate(); err != nil {
			return err
		}
		if err := d.Validate(); err != nil {
			return err
		}
		if err := st.UpdateClient(ctx, &c); err != nil {
			return err
		}
		return s.record(ctx, st, actor, &d, Activity{Kind: ActFieldChanged, Field: field, OldValue: ch.OldValue, NewValue: ch.NewValue})
	})
	if err != nil {
		return FieldChange{}, fmt.Errorf("edit deal %s: %w", field, err)
	}
	return ch, nil
}

// FieldValue is the current value of field on deal d and its client c, as
// stored.
func FieldValue(d *Deal, c *Client, field string) string {
	switch field {
	case FieldName:
		return c.Name
	case FieldCompany:
		return c.Company
	case FieldPhone:
		return c.FirstPhone()
	case FieldPhone2:
		if p := c.PhoneList(); len(p) > 1 {
			return p[1]
		}
	case FieldEmail:
		return c.Email
	case FieldSegment:
		if c.SegmentID != nil {
			return fmt.Sprint(*c.SegmentID)
		}
	case FieldABC:
		return c.ABC
	case FieldTitle:
		return d.Title
	case FieldAmount:
		return fmt.Sprint(d.Amount)
	case FieldProbability:
		return fmt.Sprint(d.Probability)
	case FieldSource:
		return d.Source
	}
	return ""
}

// MissingFields lists the fields a complete deal card still lacks (see
// Deal.Missing), in the order the card asks for them.
func (d *Deal) MissingFields(c *Client) []string {
	var out []string
	if c != nil && c.Phones == "" {
		out = append(out, FieldPhone)
	}
	if d.Amount == 0 {
		out = append(out, FieldAmount)
	}
	if c != nil && c.SegmentID == nil {
		out = append(out, FieldSegment)
	}
	if d.Source == "" {
		out = append(out, FieldSource)
	}
	return out
}
