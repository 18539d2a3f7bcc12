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
	// Created: a new team was set up for an owner; Joined: an invite was used.
	Created bool
	Joined  bool
}

// Start lets a person in: a known user is greeted, an invite code joins its
// team, an id from OWNER_TELEGRAM_IDS becomes owner (creating the team with
// the default pipeline), anyone else is refused and nothing is stored.
func (s *Service) Start(ctx context.Context, p Profile, payload string) (StartResult, error) {
	u, err := s.Store.UserByTelegramID(ctx, p.TelegramID)
	switch {
	case err == nil && !u.Active:
		return StartResult{}, Errorf(EFORBIDDEN, "access.revoked")
	case err == nil:
		t, err := s.Store.Team(ctx, u.TeamID)
		return StartResult{User: u, Team: t}, err
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

// bootstrapOwner makes an OWNER_TELEGRAM_IDS person an owner: of the team an
// earlier such owner created, or of a new team with the default pipeline.
func (s *Service) bootstrapOwner(ctx context.Context, p Profile) (StartResult, error) {
	var res StartResult
	err := s.Store.Tx(ctx, func(st Store) error {
		teamID, err := s.ownersTeam(ctx, st)
		if err != nil {
			return err
		}
		if teamID == 0 {
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
			teamID, res.Created = t.ID, true
		}
		u := User{TeamID: teamID, TelegramID: p.TelegramID, Name: p.DisplayName(), Username: p.Username,
			Role: RoleOwner, Language: s.languageFor(p.LanguageCode), Active: true, CreatedAt: s.now()}
		if err := st.CreateUser(ctx, &u); err != nil {
			return err
		}
		t, err := st.Team(ctx, teamID)
		res.User, res.Team = u, t
		return err
	})
	if err != nil {
		return StartResult{}, fmt.Errorf("bootstrap owner: %w", err)
	}
	return res, nil
}

func (s *Service) ownersTeam(ctx context.Context, st Store) (int64, error) {
	for _, id := range s.OwnerTelegramIDs {
		u, err := st.UserByTelegramID(ctx, id)
		if err == nil && u.Role == RoleOwner {
			return u.TeamID, nil
		} else if err != nil && !IsNotFound(err) {
			return 0, err
		}
	}
	return 0, nil
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
