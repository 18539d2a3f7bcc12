package domain

import (
	"context"
	"fmt"
	"sort"
)

// Offboarding (issue 11, item 2): switching a person off hands their open
// deals, clients and tasks to one person or evenly over the team's active
// managers, in one transaction. Access ends at once (Authenticate refuses
// inactive users); nothing is deleted; each handed deal's history says who
// handed it from whom to whom, and each taker is told through the outbox.

// SpreadEvenly, as SwitchOff's taker, spreads the work over the active
// managers of the actor's reach.
const SpreadEvenly int64 = 0

// Handover is what a switch-off handed to whom.
type Handover struct {
	User User
	// Deals, Clients and Tasks count what each taker (by user id) got.
	Deals, Clients, Tasks map[int64]int
}

// HandoverTakers returns who may take over userID's work: the active
// sellers of actor's reach but the person.
func (s *Service) HandoverTakers(ctx context.Context, actor User, userID int64) ([]User, error) {
	sellers, err := s.Sellers(ctx, actor)
	if err != nil {
		return nil, err
	}
	var out []User
	for _, u := range sellers {
		if u.ID != userID {
			out = append(out, u)
		}
	}
	return out, nil
}

// SwitchOff switches off userID, handing their work to taker (SpreadEvenly:
// the active managers of actor's reach); a head's managers are left without
// a head (the owners answer for them until attached to another). A person
// switched off already, or the team's last active owner, is refused.
func (s *Service) SwitchOff(ctx context.Context, actor User, userID, taker int64) (Handover, error) {
	if !actor.IsLead() {
		return Handover{}, Errorf(EFORBIDDEN, "error.forbidden_role")
	}
	h := Handover{Deals: map[int64]int{}, Clients: map[int64]int{}, Tasks: map[int64]int{}}
	err := s.Store.Tx(ctx, func(st Store) error {
		svc := s.with(st)
		u, err := svc.personToChange(ctx, st, actor, userID)
		if err != nil {
			return err
		}
		if !u.Active {
			return Errorf(ECONFLICT, "people.already_off")
		}
		if u.Role == RoleOwner {
			if err := lastOwnerGuard(ctx, st, u); err != nil {
				return err
			}
		}
		takers, err := svc.takersFor(ctx, actor, u.ID, taker)
		if err != nil {
			return err
		}
		if err := svc.handOver(ctx, actor, u, takers, &h); err != nil {
			return err
		}
		if u.Role == RoleHead {
			if err := detachManagers(ctx, st, u); err != nil {
				return err
			}
		}
		u.Active = false
		if err := st.UpdateUser(ctx, &u); err != nil {
			return err
		}
		if err := st.DeleteDialog(ctx, u.ID); err != nil && !IsNotFound(err) {
			return err
		}
		h.User = u
		return svc.noteTakers(ctx, st, u, h)
	})
	if err != nil {
		return Handover{}, fmt.Errorf("switch off: %w", err)
	}
	return h, nil
}

// takersFor is the one taker, or the managers to spread over.
func (s *Service) takersFor(ctx context.Context, actor User, userID, taker int64) ([]User, error) {
	all, err := s.HandoverTakers(ctx, actor, userID)
	if err != nil {
		return nil, err
	}
	var out []User
	for _, u := range all {
		if (taker == SpreadEvenly && u.Role == RoleManager) || u.ID == taker {
			out = append(out, u)
		}
	}
	if len(out) == 0 {
		if taker != SpreadEvenly {
			return nil, Errorf(EINVALID, "people.taker_invalid")
		}
		return nil, Errorf(EINVALID, "people.nobody_to_take")
	}
	return out, nil
}

// handOver moves u's open deals (with their tasks), then their other
// clients, then their other open tasks, round-robin over takers.
func (s *Service) handOver(ctx context.Context, actor User, u User, takers []User, h *Handover) error {
	next := 0
	pick := func() User { t := takers[next%len(takers)]; next++; return t }
	deals, err := s.Store.Deals(ctx, DealFilter{TeamID: u.TeamID, ManagerIDs: []int64{u.ID}, Status: DealOpen})
	if err != nil {
		return err
	}
	sort.Slice(deals, func(i, j int) bool { return deals[i].ID < deals[j].ID })
	owner := map[int64]int64{} // deal → new manager
	for _, d := range deals {
		if d, err = s.Store.DealForUpdate(ctx, d.TeamID, d.ID); err != nil {
			return err
		}
		if d.ManagerID != u.ID || !d.IsOpen() {
			continue
		}
		to := pick()
		d.ManagerID = to.ID
		owner[d.ID] = to.ID
		h.Deals[to.ID]++
		if err := s.record(ctx, s.Store, actor, &d, Activity{Kind: ActHandover, Text: u.Name + " → " + to.Name}); err != nil {
			return err
		}
		if err := s.followingClient(ctx, &d, u.ID, h); err != nil {
			return err
		}
		if _, err := s.Store.RetargetNotifications(ctx, d.TeamID, d.ID, u.ID, to.ID); err != nil {
			return err
		}
	}
	clients, err := s.Store.FindClients(ctx, ClientFilter{TeamID: u.TeamID, ManagerIDs: []int64{u.ID}, Limit: 1 << 20})
	if err != nil {
		return err
	}
	for _, c := range clients {
		to := pick()
		c.ManagerID = to.ID
		h.Clients[to.ID]++
		if err := s.Store.UpdateClient(ctx, &c); err != nil {
			return err
		}
	}
	return s.handTasks(ctx, u, owner, pick, h)
}

// followingClient is followClient counting a client that followed the
// deal to its new manager.
func (s *Service) followingClient(ctx context.Context, d *Deal, from int64, h *Handover) error {
	c, err := s.Store.Client(ctx, d.TeamID, d.ClientID)
	if err != nil || c.ManagerID != from {
		return err
	}
	if err := s.followClient(ctx, d, from); err != nil {
		return err
	}
	if c, err = s.Store.Client(ctx, d.TeamID, d.ClientID); err == nil && c.ManagerID == d.ManagerID {
		h.Clients[d.ManagerID]++
	}
	return err
}

// handTasks gives u's open tasks to the new manager of their deal, or to
// the next taker.
func (s *Service) handTasks(ctx context.Context, u User, owner map[int64]int64, pick func() User, h *Handover) error {
	tasks, err := s.Store.OpenTasks(ctx, TaskFilter{TeamID: u.TeamID, AssigneeIDs: []int64{u.ID}})
	if err != nil {
		return err
	}
	for _, t := range tasks {
		to, ok := owner[t.DealID]
		if !ok && t.DealID != 0 {
			if d, err := s.Store.Deal(ctx, u.TeamID, t.DealID); err == nil && d.ManagerID != u.ID {
				to, ok = d.ManagerID, true
			}
		}
		if !ok {
			to = pick().ID
		}
		t.AssigneeID = to
		h.Tasks[to]++
		if err := s.Store.UpdateTask(ctx, &t); err != nil {
			return err
		}
	}
	return nil
}

// noteTakers tells each taker what they got.
func (s *Service) noteTakers(ctx context.Context, st Store, u User, h Handover) error {
	ids := map[int64]bool{}
	for _, m := range []map[int64]int{h.Deals, h.Clients, h.Tasks} {
		for id := range m {
			ids[id] = true
		}
	}
	for id := range ids {
		to, err := st.User(ctx, u.TeamID, id)
		if err != nil {
			return err
		}
		ref := fmt.Sprintf("%d:%d:%d:%d", u.ID, h.Deals[id], h.Clients[id], h.Tasks[id])
		if err := s.notePerson(ctx, st, to, NoteHandover, ref); err != nil {
			return err
		}
	}
	return nil
}

// SwitchOn lets a switched-off person in again; their old work stays with
// whoever took it.
func (s *Service) SwitchOn(ctx context.Context, actor User, userID int64) (User, error) {
	if !actor.IsLead() {
		return User{}, Errorf(EFORBIDDEN, "error.forbidden_role")
	}
	var u User
	err := s.Store.Tx(ctx, func(st Store) error {
		var err error
		if u, err = s.personToChange(ctx, st, actor, userID); err != nil {
			return err
		}
		if u.Active {
			return Errorf(ECONFLICT, "people.already_on")
		}
		if u.HeadID != nil && checkHead(ctx, st, u.TeamID, *u.HeadID) != nil {
			u.HeadID = nil // their head left meanwhile
		}
		u.Active = true
		return st.UpdateUser(ctx, &u)
	})
	if err != nil {
		return User{}, fmt.Errorf("switch on: %w", err)
	}
	return u, nil
}
