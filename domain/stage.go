package domain

// StageKind tells open stages from the two closed ones.
type StageKind string

// Stage kinds.
const (
	StageOpen StageKind = "open"
	StageWon  StageKind = "won"
	StageLost StageKind = "lost"
)

// Stage is one step of a team's ordered pipeline.
type Stage struct {
	ID       int64
	TeamID   int64
	Position int
	NameRU   string
	NameEN   string
	Kind     StageKind
	// CadenceMin is how long a deal may go without a touch in this stage.
	CadenceMin int
	// FirstTouchMin is the speed-to-lead limit for a new, untouched deal (0: none).
	FirstTouchMin int
	// MaxDays is how long a deal may stay in this stage (0: no limit).
	MaxDays int
	// Probability is the stage's default win probability, given to a deal
	// entering the stage.
	Probability int
	// Invoice marks the team's invoice stage (at most one open stage): the
	// one issuing an invoice offers to move a deal to.
	Invoice bool
}

// Name returns the stage's name in lang.
func (s *Stage) Name(lang string) string {
	if lang == LangEN && s.NameEN != "" {
		return s.NameEN
	}
	return s.NameRU
}

// Validate checks a stage's settings.
func (s *Stage) Validate() error {
	switch {
	case s.NameRU == "" && s.NameEN == "":
		return Errorf(EINVALID, "stage.name_required")
	case len([]rune(s.NameRU)) > 64 || len([]rune(s.NameEN)) > 64:
		return Errorf(EINVALID, "stage.name_too_long")
	case s.Kind != StageOpen && s.Kind != StageWon && s.Kind != StageLost:
		return Errorf(EINVALID, "stage.kind_invalid")
	case s.CadenceMin < 0 || s.CadenceMin > 365*24*60:
		return Errorf(EINVALID, "stage.cadence_invalid")
	case s.MaxDays < 0 || s.MaxDays > 3650:
		return Errorf(EINVALID, "stage.max_days_invalid")
	case s.Probability < 0 || s.Probability > 100:
		return Errorf(EINVALID, "stage.probability_invalid")
	}
	return nil
}

const day = 24 * 60

// DefaultStages is PRODUCT.md's default pipeline, seeded for every new team.
func DefaultStages() []Stage {
	return []Stage{
		{Position: 1, NameRU: "Новая заявка", NameEN: "New lead", Kind: StageOpen, CadenceMin: day, FirstTouchMin: 15, MaxDays: 2, Probability: 10},
		{Position: 2, NameRU: "Квалификация пройдена", NameEN: "Qualified", Kind: StageOpen, CadenceMin: 2 * day, MaxDays: 5, Probability: 20},
		{Position: 3, NameRU: "КП отправлено", NameEN: "Proposal sent", Kind: StageOpen, CadenceMin: 2 * day, MaxDays: 5, Probability: 40},
		{Position: 4, NameRU: "КП рассматривается", NameEN: "Proposal under review", Kind: StageOpen, CadenceMin: 2 * day, MaxDays: 7, Probability: 50},
		{Position: 5, NameRU: "Работа с возражениями", NameEN: "Objections", Kind: StageOpen, CadenceMin: day, MaxDays: 7, Probability: 60},
		{Position: 6, NameRU: "Обсуждение договора", NameEN: "Contract discussion", Kind: StageOpen, CadenceMin: day, MaxDays: 5, Probability: 75},
		{Position: 7, NameRU: "Счёт выставлен", NameEN: "Invoice issued", Kind: StageOpen, CadenceMin: 2 * day, MaxDays: 10, Probability: 90, Invoice: true},
		{Position: 100, NameRU: "Выиграна", NameEN: "Won", Kind: StageWon, Probability: 100},
		{Position: 101, NameRU: "Проиграна", NameEN: "Lost", Kind: StageLost, Probability: 0},
	}
}

// Pipeline is a team's stages in order.
type Pipeline []Stage

// Open returns the open stages in order.
func (p Pipeline) Open() []Stage {
	var out []Stage
	for _, s := range p {
		if s.Kind == StageOpen {
			out = append(out, s)
		}
	}
	return out
}

// ByID returns the stage with the id.
func (p Pipeline) ByID(id int64) (Stage, bool) {
	for _, s := range p {
		if s.ID == id {
			return s, true
		}
	}
	return Stage{}, false
}

// ByKind returns the first stage of a kind (the won or lost stage).
func (p Pipeline) ByKind(k StageKind) (Stage, bool) {
	for _, s := range p {
		if s.Kind == k {
			return s, true
		}
	}
	return Stage{}, false
}

// Next returns the open stage after id, if any.
func (p Pipeline) Next(id int64) (Stage, bool) {
	open := p.Open()
	for i, s := range open {
		if s.ID == id && i+1 < len(open) {
			return open[i+1], true
		}
	}
	return Stage{}, false
}

// Index returns the 1-based place of an open stage among the open stages
// and their count ("stage 3 of 7"); 0 for a closed stage.
func (p Pipeline) Index(id int64) (n, of int) {
	open := p.Open()
	for i, s := range open {
		if s.ID == id {
			return i + 1, len(open)
		}
	}
	return 0, len(open)
}

// InvoiceStage returns the team's invoice stage, if it has one.
func (p Pipeline) InvoiceStage() (Stage, bool) {
	for _, s := range p.Open() {
		if s.Invoice {
			return s, true
		}
	}
	return Stage{}, false
}

// Before reports whether open stage a comes before open stage b.
func (p Pipeline) Before(a, b int64) bool {
	i, _ := p.Index(a)
	j, _ := p.Index(b)
	return i > 0 && j > 0 && i < j
}
