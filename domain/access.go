package domain

import (
	"context"
	"fmt"
	"strings"
)

// Profile is what Telegram tells about a person writing to the bot.
type Profile struct {
	TelegramID   int64
	FirstName    string
	LastName     string
	Username     string
	LanguageCode string
}

// DisplayName is the person's name as Telegram shows it.
func (p Profile) DisplayName() string {
	n := strings.TrimSpace(p.FirstName + " " + p.LastName)
	if n == "" {
		n = p.Username
	}
	if n == "" {
		n = fmt.Sprint(p.TelegramID)
	}
	return n
}

// StartResult tells the bot what /start did.
type StartResult struct {
	User User
	Team Team
	// Created: a new team was set up for an owner; Joined: an invite was
	// used; Member: a member opened an invite of their own team again.
	Created bool
	Joined  bool
	Member  bool
}

// Start lets a person in: a known user is greeted, an invite code joins its
// team, an id from OWNER_TELEGRAM_IDS with no team yet becomes the owner of
// a team of its own (with the default pipeline), anyone else is refused and
// nothing is stored. A person belongs to one team: a member opening an
// invite of another team is refused (memberInvite).
func (s *Service) Start(ctx context.Context, p Profile, payload string) (StartResult, error) {
	u, err := s.Store.UserByTelegramID(ctx, p.TelegramID)
	switch {
	case err == nil && !u.Active:
		return StartResult{}, Errorf(EFORBIDDEN, "access.revoked")
	case err == nil:
		t, err := s.Store.Team(ctx, u.TeamID)
		if err != nil {
			return StartResult{}, fmt.Errorf("start: %w", err)
		}
		res := StartResult{User: u, Team: t}
		if code := strings.TrimSpace(payload); code != "" {
			res.Member = true
			return res, s.memberInvite(ctx, u, code)
		}
		return res, nil
	case !IsNotFound(err):
		return StartResult{}, fmt.Errorf("start: %w", err)
	}
	if code := strings.TrimSpace(payload); code != "" {
		return s.join(ctx, p, code)
	}
	if s.isOwnerID(p.TelegramID) {
		return s.bootstrapOwner(ctx, p)
	}
	return StartResult{}, Errorf(EFORBIDDEN, "access.stranger")
}

// Authenticate returns the active user with this Telegram id and their
// team; strangers and revoked users get EFORBIDDEN.
func (s *Service) Authenticate(ctx context.Context, telegramID int64) (User, Team, error) {
	u, t, err := s.Store.MemberByTelegramID(ctx, telegramID)
	switch {
	case IsNotFound(err):
		return User{}, Team{}, Errorf(EFORBIDDEN, "access.stranger")
	case err != nil:
		return User{}, Team{}, fmt.Errorf("authenticate: %w", err)
	case !u.Active:
		return User{}, Team{}, Errorf(EFORBIDDEN, "access.revoked")
	}
	return u, t, nil
}

func (s *Service) join(ctx context.Context, p Profile, code string) (StartResult, error) {
	var res StartResult
	err := s.Store.Tx(ctx, func(st Store) error {
		inv, err := st.Invite(ctx, code)
		if IsNotFound(err) {
			return Errorf(EFORBIDDEN, "access.invite_invalid")
		} else if err != nil {
			return err
		}
		if !inv.Usable(s.now()) {
			return Errorf(EFORBIDDEN, "access.invite_expired")
		}
		u := User{TeamID: inv.TeamID, TelegramID: p.TelegramID, Name: p.DisplayName(), Username: p.Username,
			Role: inv.Role, HeadID: inv.HeadID, Language: s.languageFor(p.LanguageCode), Active: true, CreatedAt: s.now()}
		if u.HeadID != nil && checkHead(ctx, st, u.TeamID, *u.HeadID) != nil {
			u.HeadID = nil // the head was switched off or changed role since the link was made
		}
		if err := st.CreateUser(ctx, &u); err != nil {
			return err
		}
		if err := st.UseInvite(ctx, code, u.ID, s.now()); ErrorCode(err) == ECONFLICT && !IsDBConflict(err) {
			return Errorf(EFORBIDDEN, "access.invite_expired")
		} else if err != nil {
			return err
		}
		t, err := st.Team(ctx, u.TeamID)
		res = StartResult{User: u, Team: t, Joined: true}
		return err
	})
	if err != nil {
		return StartResult{}, fmt.Errorf("join team: %w", err)
	}
	return res, nil
}

// memberInvite checks an invite opened by someone already in a team: one
// of another team is refused (a person belongs to one team), as are
// unknown codes; one of their own team only greets them again.
func (s *Service) memberInvite(ctx context.Context, u User, code string) error {
	inv, err := s.Store.Invite(ctx, code)
	switch {
	case IsNotFound(err):
		return Errorf(EFORBIDDEN, "access.invite_invalid")
	case err != nil:
		return fmt.Errorf("start: %w", err)
	case inv.TeamID != u.TeamID:
		return Errorf(EFORBIDDEN, "access.invite_other_team")
	}
	return nil
}

// bootstrapOwner makes an OWNER_TELEGRAM_IDS person with no team yet the
// owner of a new team with the default pipeline; its name is asked next.
// Each such id founds its own team: one deployment serves many teams.
func (s *Service) bootstrapOwner(ctx context.Context, p Profile) (StartResult, error) {
	var res StartResult
	err := s.Store.Tx(ctx, func(st Store) error {
		t := NewTeam(p.DisplayName(), s.DefaultTimeZone, s.now())
		if err := t.Validate(); err != nil {
			return err
		}
		if err := st.CreateTeam(ctx, &t); err != nil {
			return err
		}
		if err := seedTeam(ctx, st, t.ID); err != nil {
			return err
		}
		u := User{TeamID: t.ID, TelegramID: p.TelegramID, Name: p.DisplayName(), Username: p.Username,
			Role: RoleOwner, Language: s.languageFor(p.LanguageCode), Active: true, CreatedAt: s.now()}
		if err := st.CreateUser(ctx, &u); err != nil {
			return err
		}
		res = StartResult{User: u, Team: t, Created: true}
		return nil
	})
	if err != nil {
		return StartResult{}, fmt.Errorf("bootstrap owner: %w", err)
	}
	return res, nil
}

// seedTeam gives a new team the default pipeline and segments.
func seedTeam(ctx context.Context, st Store, teamID int64) error {
	for _, stage := range DefaultStages() {
		stage.TeamID = teamID
		if err := st.CreateStage(ctx, &stage); err != nil {
			return fmt.Errorf("seed stage: %w", err)
		}
	}
	for _, seg := range DefaultSegments() {
		seg.TeamID = teamID
		if err := st.CreateSegment(ctx, &seg); err != nil {
			return fmt.Errorf("seed segment: %w", err)
		}
	}
	return nil
}
