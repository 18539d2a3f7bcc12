package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"time"
)

// stepCost is what one step of managerFlow costs the bot: SQL statements
// (the median over the rounds, so a background job's tick that lands in
// one step's window does not count) and CPU time (the mean: /proc counts
// in 10 ms ticks).
type stepCost struct {
	Step       string  `json:"step"`
	Statements float64 `json:"statements"`
	CPUMS      float64 `json:"cpu_ms"`
	Rounds     int     `json:"rounds"`
}

// settle is how long the profile waits after a reply before reading the
// cost: the reply row is deleted just after the reply is sent.
const settle = 150 * time.Millisecond

// runProfile plays managerFlow alone in chat c for rounds rounds and
// meters every step between two quiet moments.
func runProfile(ctx context.Context, p *proc, c *chat, rounds int) ([]stepCost, error) {
	if _, _, err := c.do(resetFlow()); err != nil {
		return nil, fmt.Errorf("profile: reset: %w", err)
	}
	scrape := scrapeCost(ctx, p)
	flow := managerFlow()
	stmts := make([][]float64, len(flow))
	cpu := make([]time.Duration, len(flow))
	for r := 0; r < rounds; r++ {
		for i, st := range flow {
			time.Sleep(settle)
			before := p.cost(ctx)
			if _, _, err := c.do(st); err != nil {
				return nil, fmt.Errorf("profile round %d, %s: %w", r+1, st.name, err)
			}
			time.Sleep(settle)
			spent := p.cost(ctx).sub(before)
			if !spent.ok {
				return nil, fmt.Errorf("profile: the bot's /metrics has no crmbot_db_statements_total")
			}
			stmts[i] = append(stmts[i], spent.stmts-scrape.stmts)
			cpu[i] += max(0, spent.cpu-scrape.cpu)
		}
	}
	out := make([]stepCost, len(flow))
	for i, st := range flow {
		out[i] = stepCost{Step: st.name, Statements: median(stmts[i]), CPUMS: ms(cpu[i]) / float64(rounds), Rounds: rounds}
	}
	return out, nil
}

// scrapeCost is what one read of the cost costs the bot: the scrape's
// outbox gauges run statements and take CPU.
func scrapeCost(ctx context.Context, p *proc) cost {
	const n = 10
	time.Sleep(settle)
	first := p.cost(ctx)
	var last cost
	for range n {
		last = p.cost(ctx)
	}
	spent := last.sub(first)
	return cost{stmts: spent.stmts / n, cpu: spent.cpu / n, ok: spent.ok}
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := slices.Clone(v)
	slices.Sort(s)
	return s[len(s)/2]
}

// printSteps writes the per-step costs and their sums for one round.
func printSteps(w io.Writer, steps []stepCost) {
	if len(steps) == 0 {
		return
	}
	fmt.Fprintf(w, "\ncost per update, by step of the manager flow (one chat, %d rounds; statements: median, CPU: mean):\n", steps[0].Rounds)
	var sumS, sumC float64
	for _, s := range steps {
		fmt.Fprintf(w, "  %-22s %6.0f statements %7.2f ms CPU\n", s.Step, s.Statements, s.CPUMS)
		sumS += s.Statements
		sumC += s.CPUMS
	}
	fmt.Fprintf(w, "  %-22s %6.0f statements %7.2f ms CPU (%d updates: %.1f statements, %.2f ms per update)\n",
		"one round", sumS, sumC, len(steps), sumS/float64(len(steps)), sumC/float64(len(steps)))
}
