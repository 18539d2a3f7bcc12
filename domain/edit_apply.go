package domain

import (
	"context"
	"strconv"
	"strings"
)

// applyField sets field of deal d or client c to value (see EditDeal);
// the caller validates both afterwards.
func (s *Service) applyField(ctx context.Context, d *Deal, c *Client, field, value string) error {
	switch field {
	case FieldName:
		c.Name = value
	case FieldCompany:
		c.Company = value
	case FieldPhone, FieldPhone2:
		return s.applyPhone(ctx, c, field == FieldPhone2, value)
	case FieldEmail:
		c.Email = value
	case FieldSegment:
		return s.applySegment(ctx, c, value)
	case FieldABC:
		c.ABC = strings.ToUpper(value)
	case FieldTitle:
		d.Title = value
	case FieldAmount:
		n, err := strconv.ParseInt(value, 10, 64)
		if err != nil {
			return Errorf(EINVALID, "edit.value_invalid")
		}
		// A corrected amount is the deal's amount now: no earlier one beside.
		d.Amount, d.EarlierAmount = n, 0
	case FieldProbability:
		n, err := strconv.Atoi(value)
		if err != nil {
			return Errorf(EINVALID, "deal.probability_invalid")
		}
		d.TypeProbability(n) // typed on this stage: its default does not overwrite it
	case FieldSource:
		d.Source = value
	}
	return nil
}

// applyPhone sets the client's main or second phone ("" removes the
// second). A phone another client of the team has is refused, as in a new
// lead; so is the client's other phone.
func (s *Service) applyPhone(ctx context.Context, c *Client, second bool, phone string) error {
	phones := c.PhoneList()
	if phone != "" {
		if !IsE164(phone) {
			return Errorf(EINVALID, "client.phone_invalid")
		}
		other, err := s.Store.ClientByPhone(ctx, c.TeamID, phone)
		switch {
		case err == nil && other.ID != c.ID:
			return Errorf(ECONFLICT, "client.phone_exists")
		case err == nil:
			return Errorf(EINVALID, "client.phone_duplicate")
		case !IsNotFound(err):
			return err
		}
	}
	switch {
	case !second && len(phones) == 0:
		phones = []string{phone}
	case !second:
		phones[0] = phone
	case phone == "" && len(phones) > 1:
		phones = append(phones[:1], phones[2:]...)
	case len(phones) > 1:
		phones[1] = phone
	case len(phones) == 1:
		phones = append(phones, phone)
	default:
		return Errorf(EINVALID, "edit.phone_first")
	}
	c.Phones = strings.Join(phones, ",")
	return nil
}

// applySegment sets the client's segment to the team's segment with the
// id value, or none for "".
func (s *Service) applySegment(ctx context.Context, c *Client, value string) error {
	if value == "" {
		c.SegmentID = nil
		return nil
	}
	id, err := strconv.ParseInt(value, 10, 64)
	if err != nil {
		return Errorf(EINVALID, "segment.not_found")
	}
	if err := s.checkSegment(ctx, c.TeamID, id); err != nil {
		return err
	}
	c.SegmentID = &id
	return nil
}
