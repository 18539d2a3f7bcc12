package storage

import (
	"context"
	"testing"

	"crmbot/domain"
)

func testClients(t *testing.T, s *Store) {
	ctx := context.Background()
	f := newFixture(t, s, "Acme")

	got, err := s.Client(ctx, f.team.ID, f.client.ID)
	must(t, err)
	wantEqual(t, "client read back", got, f.client)

	c := domain.Client{TeamID: f.team.ID, Name: "Иван Петров", Company: "ООО Ромашка",
		Phones: "+79161234567,+74951112233", Email: "ivan@example.com", ABC: "A",
		Source: domain.SourceReferral, ManagerID: f.manager.ID, CreatedAt: t0}
	must(t, s.CreateClient(ctx, &c))

	byPhone, err := s.ClientByPhone(ctx, f.team.ID, "+74951112233")
	must(t, err)
	wantEqual(t, "client by second phone", byPhone, c)
	byPhone, err = s.ClientByPhone(ctx, f.team.ID, "+79161234567")
	must(t, err)
	wantEqual(t, "client by first phone", byPhone, c)
	// Exactly the phone: a part of it is not a match.
	_, err = s.ClientByPhone(ctx, f.team.ID, "+7916123456")
	wantErr(t, err, domain.ENOTFOUND, "client.not_found")
	_, err = s.ClientByPhone(ctx, f.team.ID, "")
	wantErr(t, err, domain.ENOTFOUND, "client.not_found")

	c.AddPhone("+79031110000")
	c.Company = ""
	c.ABC = "B"
	must(t, s.UpdateClient(ctx, &c))
	got, err = s.Client(ctx, f.team.ID, c.ID)
	must(t, err)
	wantEqual(t, "client after update", got, c)
	byPhone, err = s.ClientByPhone(ctx, f.team.ID, "+79031110000")
	must(t, err)
	if byPhone.ID != c.ID {
		t.Fatalf("client by added phone = %d, want %d", byPhone.ID, c.ID)
	}

	bad := domain.Client{TeamID: f.team.ID, Name: "x", ManagerID: 987654}
	wantErr(t, s.CreateClient(ctx, &bad), domain.EINVALID, "client.invalid_reference")

	other := newFixture(t, s, "Other")
	_, err = s.Client(ctx, other.team.ID, c.ID)
	wantErr(t, err, domain.ENOTFOUND, "client.not_found")
	_, err = s.ClientByPhone(ctx, other.team.ID, "+79161234567")
	wantErr(t, err, domain.ENOTFOUND, "client.not_found")
	stolen := c
	stolen.TeamID = other.team.ID
	wantErr(t, s.UpdateClient(ctx, &stolen), domain.ENOTFOUND, "client.not_found")
}

func testFindClients(t *testing.T, s *Store) {
	ctx := context.Background()
	f := newFixture(t, s, "Acme")
	second := f.newUser(t, domain.RoleManager, &f.head.ID)
	mk := func(name, company, phones string, manager int64) domain.Client {
		c := domain.Client{TeamID: f.team.ID, Name: name, Company: company, Phones: phones, ManagerID: manager, CreatedAt: t0}
		must(t, s.CreateClient(ctx, &c))
		return c
	}
	ivanov := mk("Иванов Сергей", "ООО «Ёлка»", "+79161112233", f.manager.ID)
	petrov := mk("Петров", "ИВАНОВСКИЙ ЗАВОД", "+74950001122", second.ID)
	smith := mk("John Smith", "Smith & Sons", "12025550123", f.manager.ID)
	percent := mk("Скидка 50% Ltd", "under_score", "", f.manager.ID)
	other := newFixture(t, s, "Other")
	otherIvanov := domain.Client{TeamID: other.team.ID, Name: "Иванов", ManagerID: other.manager.ID}
	must(t, s.CreateClient(ctx, &otherIvanov))

	ids := func(cs []domain.Client) []int64 {
		out := make([]int64, len(cs))
		for i, c := range cs {
			out[i] = c.ID
		}
		return out
	}
	find := func(filter domain.ClientFilter) []int64 {
		t.Helper()
		filter.TeamID = f.team.ID
		cs, err := s.FindClients(ctx, filter)
		must(t, err)
		return ids(cs)
	}

	// Cyrillic, case-insensitively, in name or company; ordered by name.
	wantEqual(t, "иванов", find(domain.ClientFilter{Text: "иванов"}), []int64{ivanov.ID, petrov.ID})
	wantEqual(t, "ИВАНОВ", find(domain.ClientFilter{Text: "ИВАНОВ"}), []int64{ivanov.ID, petrov.ID})
	wantEqual(t, "ёлка", find(domain.ClientFilter{Text: "ёЛКА"}), []int64{ivanov.ID})
	wantEqual(t, "елка finds Ёлка", find(domain.ClientFilter{Text: "«елка"}), []int64{ivanov.ID})
	wantEqual(t, "smith", find(domain.ClientFilter{Text: "SMITH"}), []int64{smith.ID})
	// Wildcards in input are literal characters.
	wantEqual(t, "50%", find(domain.ClientFilter{Text: "50%"}), []int64{percent.ID})
	wantEqual(t, "%", find(domain.ClientFilter{Text: "%"}), []int64{percent.ID})
	wantEqual(t, "_", find(domain.ClientFilter{Text: "_"}), []int64{percent.ID})
	wantEqual(t, "no match", find(domain.ClientFilter{Text: "нет такого"}), []int64{})
	// Any part of a phone; formatting characters ignored.
	wantEqual(t, "phone part", find(domain.ClientFilter{PhoneDigits: "1112"}), []int64{ivanov.ID})
	wantEqual(t, "formatted phone", find(domain.ClientFilter{PhoneDigits: "+7 (495) 000"}), []int64{petrov.ID})
	// Either match is enough when both are set.
	wantEqual(t, "text or phone", find(domain.ClientFilter{Text: "smith", PhoneDigits: "4950001"}), []int64{smith.ID, petrov.ID})
	// Managers and limit.
	wantEqual(t, "by manager", find(domain.ClientFilter{Text: "иванов", ManagerIDs: []int64{second.ID}}), []int64{petrov.ID})
	wantEqual(t, "no managers", find(domain.ClientFilter{ManagerIDs: []int64{}}), []int64{})
	wantEqual(t, "limit", find(domain.ClientFilter{Text: "иванов", Limit: 1}), []int64{ivanov.ID})

	for i := 0; i < 25; i++ {
		mk("Bulk client", "", "", f.manager.ID)
	}
	if n := len(find(domain.ClientFilter{Text: "bulk"})); n != DefaultClientLimit {
		t.Fatalf("default limit: got %d clients, want %d", n, DefaultClientLimit)
	}
}
