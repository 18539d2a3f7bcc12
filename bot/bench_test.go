package bot

import (
	"context"
	"log/slog"
	"reflect"
	"strings"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"crmbot/domain"
)

// Benchmarks of the bot's hot pure functions: routing an update to its
// handler, and rendering the deal card and the report tables. No database
// and no Telegram: the store answers the card's ABC hint from memory.

// Sinks keep the compiler from dropping the benchmarked calls.
var (
	benchRouteSink  route
	benchArgsSink   []string
	benchStringSink string
	benchMsgsSink   []string
	benchKbSink     *tgbotapi.InlineKeyboardMarkup
)

// benchStore is a store with only what rendering a card reads: the client
// (SuggestABC checks the actor's scope through it) and the client's
// revenue rank. Any other call panics on the nil embedded Store.
type benchStore struct {
	domain.Store
	client domain.Client
	rank   domain.RevenueRank
}

func (s *benchStore) Client(_ context.Context, teamID, id int64) (domain.Client, error) {
	if teamID != s.client.TeamID || id != s.client.ID {
		return domain.Client{}, domain.Errorf(domain.ENOTFOUND, "client.not_found")
	}
	return s.client, nil
}

func (s *benchStore) ClientRevenueRank(context.Context, int64, int64, time.Time, time.Time) (domain.RevenueRank, error) {
	return s.rank, nil
}

// benchFixture is a manager of a Moscow team looking at a typical deal:
// stage 2 of 7 of the default pipeline, an amount, a client with a phone
// and a segment, a call tomorrow and one unpaid invoice.
type benchFixture struct {
	bot  *Bot
	req  *Request
	card domain.Card
}

func newBenchFixture(b *testing.B) benchFixture {
	b.Helper()
	now := harnessStart // Wednesday 14:00 in Moscow
	const teamID = 7
	pipeline := domain.Pipeline(domain.DefaultStages())
	for i := range pipeline {
		pipeline[i].ID, pipeline[i].TeamID = int64(i+1), teamID
	}
	segment := domain.DefaultSegments()[1]
	segment.ID, segment.TeamID = 2, teamID
	mgr := domain.User{ID: 11, TeamID: teamID, TelegramID: 5011, Name: "Мария Петрова", Role: domain.RoleManager,
		Language: domain.LangRU, Active: true, CreatedAt: now.AddDate(0, -3, 0)}
	client := domain.Client{ID: 301, TeamID: teamID, Name: "Ирина Соколова", Company: "ООО «Северный ветер»",
		Phones: "+79161234567", SegmentID: &segment.ID, Source: "Сайт", ManagerID: mgr.ID, CreatedAt: now.AddDate(0, 0, -3)}
	touched := now.Add(-26 * time.Hour)
	deal := domain.Deal{ID: 4242, TeamID: teamID, ClientID: client.ID, Title: "Поставка оборудования для склада",
		Amount: 450_000_00, Currency: "RUB", Probability: pipeline[1].Probability, Source: "Сайт",
		StageID: pipeline[1].ID, Status: domain.DealOpen, ManagerID: mgr.ID, CreatedAt: now.AddDate(0, 0, -3),
		StageEnteredAt: now.AddDate(0, 0, -1), LastTouchAt: &touched, UpdatedAt: touched}
	task := domain.Task{ID: 9001, TeamID: teamID, DealID: deal.ID, Kind: domain.TaskCall, Text: "Обсудить КП и сроки поставки",
		DueAt: now.Add(21 * time.Hour), AssigneeID: mgr.ID, CreatedBy: mgr.ID, CreatedAt: touched}
	card := domain.Card{Deal: deal, Client: client, Stage: pipeline[1], Pipeline: pipeline, Manager: mgr, Segment: &segment,
		NextTask: &task, Unpaid: []domain.Invoice{{ID: 77, TeamID: teamID, DealID: deal.ID, Amount: 150_000_00,
			IssuedAt: now.AddDate(0, 0, -1), IssuedBy: mgr.ID, FollowUpAt: now.AddDate(0, 0, 2)}}}

	store := &benchStore{client: client, rank: domain.RevenueRank{Own: 120_000_00, Above: 850_000_00, Total: 1_000_000_00}}
	svc := domain.NewService(store, nil, "Europe/Moscow", domain.LangRU)
	svc.Now = func() time.Time { return now }
	quiet := slog.New(slog.NewTextHandler(discard{}, nil))
	bot, err := New(Options{Service: svc, Username: "crm_test_bot", Logger: quiet})
	if err != nil {
		b.Fatal(err)
	}
	team := domain.NewTeam("Север", "Europe/Moscow", now)
	team.ID, team.CommissionBP = teamID, 500
	req := &Request{Ctx: context.Background(), Svc: svc, User: mgr, Team: team, Lang: domain.LangRU,
		ChatID: mgr.TelegramID, bot: bot}
	return benchFixture{bot: bot, req: req, card: card}
}

// discard is an io.Writer that drops everything.
type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// BenchmarkRouteCallback resolves the deal card's buttons the way
// dispatchCallback does, without running the handler.
func BenchmarkRouteCallback(b *testing.B) {
	f := newBenchFixture(b)
	var data []string
	for _, row := range cardKeyboard(f.req, f.card).InlineKeyboard {
		for _, btn := range row {
			data = append(data, *btn.CallbackData)
		}
	}
	if len(data) < 8 {
		b.Fatalf("card has %d buttons: %v", len(data), data)
	}
	for _, d := range data {
		rt, args, ok := f.bot.callbackRoute(d)
		if !ok || !rt.allows(f.req.User.Role) || rt.h == nil {
			b.Fatalf("button %q: no route a manager may take", d)
		}
		if _, ok := f.bot.routes.cards[strings.Join(args[1:], ":")]; !ok || args[0] != "4242" {
			b.Fatalf("button %q: args %q name no card action", d, args)
		}
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		rt, args, ok := f.bot.callbackRoute(data[i%len(data)])
		if !ok || !rt.allows(f.req.User.Role) {
			b.Fatal("route lost")
		}
		benchRouteSink, benchArgsSink = rt, args
		i++
	}
}

// routeMessage is the pure part of dispatchMessage for a user in no
// dialog (finding the dialog reads the database): a command, a
// reply-keyboard button, or the first plain-message matcher.
func routeMessage(b *Bot, r *Request) (route, bool) {
	m := r.Message
	if m.IsCommand() {
		r.Args = strings.Fields(m.CommandArguments())
		rt, ok := b.routes.commands[strings.ToLower(m.Command())]
		return rt, ok && rt.allows(r.User.Role)
	}
	if name, ok := b.menuCommand(r.Text); ok {
		rt, ok := b.routes.commands[name]
		return rt, ok && rt.allows(r.User.Role)
	}
	for _, mt := range b.routes.matchers {
		if mt.match(m) && mt.allows(r.User.Role) {
			return mt.route, true
		}
	}
	return route{}, false
}

// BenchmarkRouteMessage routes a typed command, the Russian reply-keyboard
// labels a manager has, and a bare phone number (which passes every menu
// label and the matchers before it).
func BenchmarkRouteMessage(b *testing.B) {
	f := newBenchFixture(b)
	command := func(text string) *tgbotapi.Message {
		name, _, _ := strings.Cut(text, " ")
		return &tgbotapi.Message{Text: text, Chat: &tgbotapi.Chat{ID: f.req.ChatID, Type: "private"},
			Entities: []tgbotapi.MessageEntity{{Type: "bot_command", Offset: 0, Length: len(name)}}}
	}
	plain := func(text string) *tgbotapi.Message {
		return &tgbotapi.Message{Text: text, Chat: &tgbotapi.Chat{ID: f.req.ChatID, Type: "private"}}
	}
	var menu []*tgbotapi.Message
	for _, it := range menuItems {
		if (route{roles: it.roles}).allows(f.req.User.Role) {
			menu = append(menu, plain(f.req.T(it.label, nil)))
		}
	}
	for _, c := range []struct {
		name string
		msgs []*tgbotapi.Message
		want Handler // nil: any
	}{
		{"command", []*tgbotapi.Message{command("/today"), command("/find Соколова")}, nil},
		{"menu", menu, nil},
		{"phone", []*tgbotapi.Message{plain("+7 916 123-45-67")}, handlePhoneLookup},
	} {
		b.Run(c.name, func(b *testing.B) {
			if len(c.msgs) == 0 {
				b.Fatal("no messages")
			}
			reqs := make([]*Request, len(c.msgs))
			for i, m := range c.msgs {
				r := *f.req
				r.Message, r.Text = m, strings.TrimSpace(m.Text)
				reqs[i] = &r
				rt, ok := routeMessage(f.bot, &r)
				if !ok || rt.h == nil {
					b.Fatalf("%q: no route a manager may take", m.Text)
				}
				if c.want != nil && !sameHandler(rt.h, c.want) {
					b.Fatalf("%q: routed to the wrong handler", m.Text)
				}
			}
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				rt, ok := routeMessage(f.bot, reqs[i%len(reqs)])
				if !ok {
					b.Fatal("route lost")
				}
				benchRouteSink = rt
				i++
			}
		})
	}
}

// sameHandler tells whether two handlers run the same function (Go does
// not compare funcs, and running one would read the database).
func sameHandler(a, b Handler) bool {
	return reflect.ValueOf(a).Pointer() == reflect.ValueOf(b).Pointer()
}

// BenchmarkCardText renders the deal card in Russian.
func BenchmarkCardText(b *testing.B) {
	f := newBenchFixture(b)
	text := cardText(f.req, f.card)
	for _, want := range []string{"Ирина Соколова", "Этап 2 из 7: Квалификация пройдена", fmtAmount(f.req, 450_000_00),
		"вероятность 20%", "Следующий шаг", "Сегмент: Опт", "ABC: B (по выручке)", "Не оплачен 1 счёт"} {
		if !strings.Contains(text, want) {
			b.Fatalf("card lacks %q:\n%s", want, text)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		benchStringSink = cardText(f.req, f.card)
	}
}

// BenchmarkCardKeyboard builds the buttons of an open deal's card.
func BenchmarkCardKeyboard(b *testing.B) {
	f := newBenchFixture(b)
	kb := cardKeyboard(f.req, f.card)
	if len(kb.InlineKeyboard) != 4 || *kb.InlineKeyboard[0][0].CallbackData != "d:4242:next" {
		b.Fatalf("unexpected card keyboard: %+v", kb.InlineKeyboard)
	}
	b.ReportAllocs()
	for b.Loop() {
		benchKbSink = cardKeyboard(f.req, f.card)
	}
}

// BenchmarkReportTable lays out a 20-manager managers report (nine
// columns: the vertical layout) in <pre> messages, as sendTable sends it.
func BenchmarkReportTable(b *testing.B) {
	f := newBenchFixture(b)
	r := f.req
	names := []string{"Анна Волкова", "Борис Орлов", "Вера Зайцева", "Глеб Смирнов", "Дарья Кузнецова",
		"Егор Попов", "Жанна Лебедева", "Захар Козлов", "Инна Новикова", "Кирилл Морозов",
		"Лидия Павлова", "Максим Соколов", "Нина Фёдорова", "Олег Михайлов", "Полина Белова",
		"Роман Тарасов", "Светлана Комарова", "Тимур Алиев", "Ульяна Никитина", "Фёдор Ершов"}
	var rep domain.ManagersReport
	for i, name := range names {
		m := domain.ManagerRow{User: domain.User{Name: name}, ManagerFigures: domain.ManagerFigures{NewDeals: 10 + i, Outcomes: domain.Outcomes{
			Won: 2 + i%5, WonAmount: int64(150_000_00 * (1 + i%7)), Lost: 1 + i%3}, Overdue: i % 4, NoNextStep: i % 3}}
		m.Commission = m.WonAmount * int64(r.Team.CommissionBP) / 10000
		if i == 7 {
			m = domain.ManagerRow{User: domain.User{Name: name}} // a manager with nothing in the period
		}
		rep.Rows = append(rep.Rows, m)
	}
	// The total's figures only widen the columns; their sum is tested with
	// the report itself.
	rep.Total = domain.ManagerRow{ManagerFigures: domain.ManagerFigures{NewDeals: 290, Outcomes: domain.Outcomes{
		Won: 80, WonAmount: 12_000_000_00, Lost: 40}, Overdue: 30, NoNextStep: 19}, Commission: 600_000_00}
	t := managersTable(r, rep)
	head := "<b>Менеджеры</b> · ноябрь 2026 · вся команда"
	foot := managersFoot(r)

	msgs := reportMessages(head, t, foot)
	all := strings.Join(msgs, "\n")
	for _, name := range names {
		if strings.Count(all, name) != 1 {
			b.Fatalf("%q appears %d times in the report:\n%s", name, strings.Count(all, name), all)
		}
	}
	for i, m := range msgs {
		if strings.Count(m, "<pre>") != strings.Count(m, "</pre>") || runes(m) > maxReportMessage {
			b.Fatalf("message %d is malformed (%d characters):\n%s", i, runes(m), m)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		benchMsgsSink = reportMessages(head, t, foot)
	}
}
