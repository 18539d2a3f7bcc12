package domain

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// MaxSegments bounds a team's segments: they are buttons on a phone.
const MaxSegments = 20

// maxPurchaseDays is the longest purchase period, ten years.
const maxPurchaseDays = 3650

// validateSegment checks a segment's settings.
func validateSegment(sg *Segment) error {
	switch {
	case sg.NameRU == "" && sg.NameEN == "":
		return Errorf(EINVALID, "segment.name_required")
	case len([]rune(sg.NameRU)) > 64 || len([]rune(sg.NameEN)) > 64:
		return Errorf(EINVALID, "segment.name_too_long")
	case sg.PurchasePeriodDays < 0 || sg.PurchasePeriodDays > maxPurchaseDays:
		return Errorf(EINVALID, "segment.period_invalid")
	}
	return nil
}

// segmentSetting reads and saves one segment of actor's team.
func segmentSetting(actor User, id int64) setting[Segment] {
	return setting[Segment]{
		load: func(ctx context.Context, st Store) (Segment, error) {
			segs, err := st.Segments(ctx, actor.TeamID)
			if err != nil {
				return Segment{}, err
			}
			if i := slices.IndexFunc(segs, func(sg Segment) bool { return sg.ID == id }); i >= 0 {
				return segs[i], nil
			}
			return Segment{}, Errorf(ENOTFOUND, "segment.not_found")
		},
		validate: validateSegment,
		save:     func(ctx context.Context, st Store, v *Segment) error { return st.UpdateSegment(ctx, v) },
	}
}

func (s *Service) updateSegment(ctx context.Context, actor User, id int64, field string, change func(*Segment), show func(Segment) string) (Segment, error) {
	return update(ctx, s, actor, segmentSetting(actor, id), fmt.Sprintf("segment.%d.%s", id, field), change, show)
}

// RenameSegment sets a segment's name in lang (LangRU or LangEN).
func (s *Service) RenameSegment(ctx context.Context, actor User, segmentID int64, lang, name string) (Segment, error) {
	return rename(ctx, s, actor, segmentSetting(actor, segmentID), fmt.Sprintf("segment.%d.", segmentID), lang, name,
		"segment.name_required", func(sg *Segment) (*string, *string) { return &sg.NameRU, &sg.NameEN })
}

// SetSegmentPeriod sets how often a segment's clients are expected to buy
// (0: unset, their own rhythm or the team default applies).
func (s *Service) SetSegmentPeriod(ctx context.Context, actor User, segmentID int64, days int) (Segment, error) {
	return s.updateSegment(ctx, actor, segmentID, "purchase_period_days", func(sg *Segment) { sg.PurchasePeriodDays = days },
		func(sg Segment) string { return strconv.Itoa(sg.PurchasePeriodDays) })
}

// AddSegment creates a segment.
func (s *Service) AddSegment(ctx context.Context, actor User, nameRU, nameEN string, days int) (Segment, error) {
	var out Segment
	err := s.settingTx(ctx, actor, func(st Store) (settingRecord, error) {
		segs, err := st.Segments(ctx, actor.TeamID)
		if err != nil {
			return settingRecord{}, err
		}
		if len(segs) >= MaxSegments {
			return settingRecord{}, Errorf(EINVALID, "settings.too_many_segments")
		}
		out = Segment{TeamID: actor.TeamID, NameRU: strings.TrimSpace(nameRU), NameEN: strings.TrimSpace(nameEN), PurchasePeriodDays: days}
		if err := validateSegment(&out); err != nil {
			return settingRecord{}, err
		}
		if err := st.CreateSegment(ctx, &out); err != nil {
			return settingRecord{}, err
		}
		return settingRecord{fmt.Sprintf("segment.%d", out.ID), "", out.NameRU + " / " + out.NameEN}, nil
	})
	return out, err
}

// RemoveSegment deletes a segment; its clients stay, without a segment.
func (s *Service) RemoveSegment(ctx context.Context, actor User, segmentID int64) error {
	return s.settingTx(ctx, actor, func(st Store) (settingRecord, error) {
		sg, err := segmentSetting(actor, segmentID).load(ctx, st)
		if err != nil {
			return settingRecord{}, err
		}
		if err := st.DeleteSegment(ctx, actor.TeamID, segmentID); err != nil {
			return settingRecord{}, err
		}
		return settingRecord{fmt.Sprintf("segment.%d", segmentID), sg.NameRU + " / " + sg.NameEN, ""}, nil
	})
}
