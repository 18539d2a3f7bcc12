package domain

import (
	"context"
	"fmt"
)

// ExportSink receives an export's rows as the store reads them, so a large
// team's export is never held twice in memory. A nil function skips its
// part of the export.
type ExportSink struct {
	Deal     func(ExportDeal) error
	Client   func(ExportClient) error
	Activity func(ExportActivity) error
}

// Export feeds sink with actor's deals alive in the period, their clients
// (with the suggested ABC class) and the period's history: the whole team
// for an owner, a head's managers for a head.
func (s *Service) Export(ctx context.Context, actor User, p Period, sink ExportSink) error {
	q, rs, err := s.periodQuery(ctx, actor, p)
	if err != nil {
		return err
	}
	if sink.Deal != nil {
		if err := rs.ExportDeals(ctx, q, sink.Deal); err != nil {
			return fmt.Errorf("export deals: %w", err)
		}
	}
	if sink.Client != nil {
		if err := s.exportClients(ctx, rs, q, 0, sink.Client); err != nil {
			return err
		}
	}
	if sink.Activity != nil {
		if err := rs.ExportActivities(ctx, q, sink.Activity); err != nil {
			return fmt.Errorf("export activities: %w", err)
		}
	}
	return nil
}

// ExportSegment feeds fn with the clients of one segment in actor's scope,
// for a mailing through an SMS or email service.
func (s *Service) ExportSegment(ctx context.Context, actor User, segmentID int64, fn func(ExportClient) error) error {
	q, rs, err := s.reportQuery(ctx, actor, Period{})
	if err != nil {
		return err
	}
	if err := s.checkSegment(ctx, actor.TeamID, segmentID); err != nil {
		return err
	}
	return s.exportClients(ctx, rs, q, segmentID, fn)
}

// exportClients adds each client's suggested ABC class, ranked among all
// the team's clients (not only the reader's), to the rows.
func (s *Service) exportClients(ctx context.Context, rs ReportStore, q ReportQuery, segmentID int64, fn func(ExportClient) error) error {
	w := abcWindow(q.Now)
	revs, err := rs.ClientRevenues(ctx, q.TeamID, w.From, w.To)
	if err != nil {
		return fmt.Errorf("export clients: %w", err)
	}
	classes := ClassifyABC(revs)
	var total int64
	for _, r := range revs {
		total += r.Revenue
	}
	none := ABCClass(total, total) // a client who bought nothing
	err = rs.ExportClients(ctx, q, segmentID, func(c ExportClient) error {
		c.SuggestedABC = none
		if class, ok := classes[c.ID]; ok {
			c.SuggestedABC = class
		}
		return fn(c)
	})
	if err != nil {
		return fmt.Errorf("export clients: %w", err)
	}
	return nil
}
