package storage

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"crmbot/domain"
)

// auditTail returns the team's audit entries as "field: old → new",
// oldest first, after checking each names its author and time.
func auditTail(t *testing.T, s *Store, teamID, userID int64, at time.Time) []string {
	t.Helper()
	entries, err := s.AuditLog(context.Background(), teamID, 0)
	must(t, err)
	out := make([]string, len(entries))
	for i, e := range entries {
		if e.UserID != userID || !e.CreatedAt.Equal(at) {
			t.Errorf("audit %q by %d at %v, want %d at %v", e.Field, e.UserID, e.CreatedAt, userID, at)
		}
		out[len(entries)-1-i] = e.Field + ": " + e.OldValue + " → " + e.NewValue
	}
	return out
}

func TestTeamSettingsAreValidatedAndAudited(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		f := newFixture(t, s, "Настройки")
		ctx := context.Background()
		svc := &domain.Service{Store: s, Now: func() time.Time { return t0 }}
		_, err := svc.SetCommission(ctx, f.manager, 500)
		wantErr(t, err, domain.EFORBIDDEN, "settings.forbidden")
		_, err = svc.SetCommission(ctx, f.head, 500)
		wantErr(t, err, domain.EFORBIDDEN, "settings.forbidden")
		for _, bad := range []struct {
			err  error
			code string
		}{
			{second(svc.SetWorkingHours(ctx, f.owner, 19*60, 9*60)), "team.work_hours_invalid"},
			{second(svc.SetWorkDays(ctx, f.owner, 0)), "team.work_days_empty"},
			{second(svc.SetTimeZone(ctx, f.owner, "Mars/Olympus")), "team.timezone_invalid"},
			{second(svc.SetDealLifetime(ctx, f.owner, 0)), "team.lifetime_invalid"},
			{second(svc.SetCommission(ctx, f.owner, 10001)), "team.commission_invalid"},
			{second(svc.SetReactivation(ctx, f.owner, time.Monday, 24*60)), "team.reactivation_invalid"},
			{second(svc.SetDefaultPurchaseDays(ctx, f.owner, 4000)), "team.purchase_period_invalid"},
			{second(svc.SetPhoneRegion(ctx, f.owner, "usa")), "team.phone_region_invalid"},
			{second(svc.SetLeadRule(ctx, f.owner, "random")), "team.lead_rule_invalid"},
		} {
			wantErr(t, bad.err, domain.EINVALID, bad.code)
		}
		must(t, second(svc.SetCommission(ctx, f.owner, 250)))
		must(t, second(svc.SetCommission(ctx, f.owner, 250))) // no change: not audited
		must(t, second(svc.SetWorkingHours(ctx, f.owner, 10*60, 18*60+30)))
		must(t, second(svc.SetWorkDays(ctx, f.owner, domain.MondayToFriday|1<<time.Saturday)))
		must(t, second(svc.SetTimeZone(ctx, f.owner, "Asia/Yekaterinburg")))
		must(t, second(svc.SetDealLifetime(ctx, f.owner, 45)))
		must(t, second(svc.SetReactivation(ctx, f.owner, time.Tuesday, 11*60)))
		must(t, second(svc.SetDefaultPurchaseDays(ctx, f.owner, 60)))
		must(t, second(svc.SetPhoneRegion(ctx, f.owner, "US")))
		team, err := s.Team(ctx, f.team.ID)
		must(t, err)
		want := domain.Team{ID: team.ID, Name: f.team.Name, TimeZone: "Asia/Yekaterinburg", WorkStartMin: 600, WorkEndMin: 1110,
			WorkDays: domain.MondayToFriday | 1<<time.Saturday, DealLifetimeDays: 45, CommissionBP: 250,
			ReactivationWeekday: time.Tuesday, ReactivationMin: 660, DefaultPurchaseDays: 60, Currency: f.team.Currency, PhoneRegion: "US", LeadRule: f.team.LeadRule, CreatedAt: f.team.CreatedAt}
		if team != want {
			t.Errorf("team after changes\n got %+v\nwant %+v", team, want)
		}
		got := auditTail(t, s, f.team.ID, f.owner.ID, t0)
		wantLog := []string{
			"team.commission_bp: 0 → 250",
			"team.work_hours: 09:00-19:00 → 10:00-18:30",
			"team.work_days: Mon,Tue,Wed,Thu,Fri → Mon,Tue,Wed,Thu,Fri,Sat",
			"team.time_zone: Europe/Moscow → Asia/Yekaterinburg",
			"team.deal_lifetime_days: 30 → 45",
			"team.reactivation: Mon 10:00 → Tue 11:00",
			"team.default_purchase_days: 90 → 60",
			"team.phone_region: RU → US",
		}
		if !slices.Equal(got, wantLog) {
			t.Errorf("audit log\n got %q\nwant %q", got, wantLog)
		}
	})
}

func TestStageSettings(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		f := newFixture(t, s, "Этапы") // its deal stands in stage 1
		ctx := context.Background()
		svc := &domain.Service{Store: s, Now: func() time.Time { return t0 }}
		s1, s2, won := f.stages[0], f.stages[1], f.stages[7]

		wantErr(t, svc.RemoveStage(ctx, f.owner, s1.ID), domain.EINVALID, "settings.stage_has_deals")
		wantErr(t, svc.RemoveStage(ctx, f.owner, won.ID), domain.EINVALID, "settings.stage_closed")
		wantErr(t, svc.RemoveStage(ctx, f.head, s2.ID), domain.EFORBIDDEN, "settings.forbidden")
		wantErr(t, svc.ShiftStage(ctx, f.owner, s1.ID, true), domain.EINVALID, "settings.stage_edge")
		wantErr(t, second(svc.RenameStage(ctx, f.owner, s1.ID, domain.LangRU, "  ")), domain.EINVALID, "stage.name_required")
		wantErr(t, second(svc.SetStageMaxDays(ctx, f.owner, s1.ID, -1)), domain.EINVALID, "stage.max_days_invalid")
		wantErr(t, second(svc.SetStageCadence(ctx, f.owner, s1.ID, 0)), domain.EINVALID, "stage.cadence_invalid")
		wantErr(t, second(svc.SetStageMaxDays(ctx, f.owner, 999999, 3)), domain.ENOTFOUND, "stage.not_found")

		must(t, second(svc.RenameStage(ctx, f.owner, s2.ID, domain.LangEN, "Qualified lead")))
		must(t, second(svc.SetStageCadence(ctx, f.owner, s2.ID, 3*24*60)))
		must(t, second(svc.SetStageMaxDays(ctx, f.owner, s2.ID, 9)))
		must(t, svc.ShiftStage(ctx, f.owner, s2.ID, true)) // stage 2 becomes first
		added, err := svc.AddStage(ctx, f.owner, "Переговоры", "Negotiation")
		must(t, err)
		must(t, svc.RemoveStage(ctx, f.owner, f.stages[2].ID)) // no deals there

		pipe, err := s.Stages(ctx, f.team.ID)
		must(t, err)
		var order []int64
		for _, st := range pipe {
			order = append(order, st.ID)
		}
		wantOrder := []int64{s2.ID, s1.ID, f.stages[3].ID, f.stages[4].ID, f.stages[5].ID, f.stages[6].ID, added.ID, won.ID, f.stages[8].ID}
		if !slices.Equal(order, wantOrder) {
			t.Fatalf("pipeline %v, want %v", order, wantOrder)
		}
		first, _ := pipe.ByID(s2.ID)
		if first.NameEN != "Qualified lead" || first.CadenceMin != 3*24*60 || first.MaxDays != 9 || first.Position != 1 {
			t.Errorf("changed stage %+v", first)
		}
		if added.Position != 8 || added.Kind != domain.StageOpen || added.CadenceMin != f.stages[6].CadenceMin || added.MaxDays != 10 {
			t.Errorf("added stage %+v: want position 8 after the 7 open ones, the last stage's limits", added)
		}
		log := auditTail(t, s, f.team.ID, f.owner.ID, t0)
		id := func(st domain.Stage) string { return itoa64(st.ID) }
		wantLog := []string{
			"stage." + id(s2) + ".name_en: Qualified → Qualified lead",
			"stage." + id(s2) + ".cadence_min: 2880 → 4320",
			"stage." + id(s2) + ".max_days: 5 → 9",
			"stages.order: " + joinIDs(f.stages[:7]) + " → " + joinIDs(append([]domain.Stage{s2, s1}, f.stages[2:7]...)),
			"stage." + id(added) + ":  → Переговоры / Negotiation",
			"stage." + id(f.stages[2]) + ": КП отправлено / Proposal sent → ",
		}
		if !slices.Equal(log, wantLog) {
			t.Errorf("audit log\n got %q\nwant %q", log, wantLog)
		}
	})
}

func TestSegmentSettings(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		f := newFixture(t, s, "Сегменты")
		ctx := context.Background()
		svc := &domain.Service{Store: s, Now: func() time.Time { return t0 }}
		_, err := svc.AddSegment(ctx, f.owner, "", "", 0)
		wantErr(t, err, domain.EINVALID, "segment.name_required")
		_, err = svc.AddSegment(ctx, f.owner, "Дилеры", "", 4000)
		wantErr(t, err, domain.EINVALID, "segment.period_invalid")
		seg, err := svc.AddSegment(ctx, f.owner, "Дилеры", "Dealers", 45)
		must(t, err)
		f.client.SegmentID = &seg.ID
		must(t, s.UpdateClient(ctx, &f.client))
		must(t, second(svc.SetSegmentPeriod(ctx, f.owner, seg.ID, 60)))
		must(t, second(svc.RenameSegment(ctx, f.owner, seg.ID, domain.LangRU, "Дилеры и партнёры")))
		must(t, svc.RemoveSegment(ctx, f.owner, seg.ID))
		wantErr(t, svc.RemoveSegment(ctx, f.owner, seg.ID), domain.ENOTFOUND, "segment.not_found")
		c, err := s.Client(ctx, f.team.ID, f.client.ID)
		must(t, err)
		if c.SegmentID != nil {
			t.Errorf("client kept a removed segment %d", *c.SegmentID)
		}
		sid := itoa64(seg.ID)
		want := []string{
			"segment." + sid + ":  → Дилеры / Dealers",
			"segment." + sid + ".purchase_period_days: 45 → 60",
			"segment." + sid + ".name_ru: Дилеры → Дилеры и партнёры",
			"segment." + sid + ": Дилеры и партнёры / Dealers → ",
		}
		got := auditTail(t, s, f.team.ID, f.owner.ID, t0)
		if !slices.Equal(got, want) {
			t.Errorf("audit log\n got %q\nwant %q", got, want)
		}
	})
}

// second returns the error of a (value, error) pair.
func second[T any](_ T, err error) error { return err }

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }

func joinIDs(stages []domain.Stage) string {
	ids := make([]string, len(stages))
	for i, st := range stages {
		ids[i] = itoa64(st.ID)
	}
	return strings.Join(ids, ",")
}
