package chart

import (
	"math"
	"testing"
)

func TestZeroAxis(t *testing.T) {
	tests := []struct {
		max      float64
		wantTop  float64
		wantStep float64
	}{
		{4_250_000, 5_000_000, 1_000_000},
		{123_456_789, 125_000_000, 25_000_000},
		{100, 100, 20},
		{7, 8, 2},
		{1, 1, 0.2},
		{12, 15, 5},
	}
	for _, tt := range tests {
		top, ticks := zeroAxis(tt.max)
		if top != tt.wantTop {
			t.Errorf("zeroAxis(%v) top = %v, want %v", tt.max, top, tt.wantTop)
		}
		if len(ticks) < 2 || ticks[0].Value != 0 || ticks[0].Label != "0" {
			t.Fatalf("zeroAxis(%v) ticks = %v, want to start at a labelled 0", tt.max, ticks)
		}
		if step := ticks[1].Value; math.Abs(step-tt.wantStep) > 1e-9 {
			t.Errorf("zeroAxis(%v) step = %v, want %v", tt.max, step, tt.wantStep)
		}
		if last := ticks[len(ticks)-1].Value; last != top {
			t.Errorf("zeroAxis(%v) last tick = %v, want the top %v", tt.max, last, top)
		}
		if len(ticks) > maxTicks+1 {
			t.Errorf("zeroAxis(%v) gives %d ticks, want at most %d", tt.max, len(ticks), maxTicks+1)
		}
	}
}

func TestZeroAxisEmpty(t *testing.T) {
	for _, m := range []float64{0, -1, math.NaN()} {
		top, ticks := zeroAxis(m)
		if top <= 0 || len(ticks) != 1 || ticks[0].Value != 0 {
			t.Errorf("zeroAxis(%v) = %v, %v; want a positive top and a single tick at 0", m, top, ticks)
		}
	}
}
