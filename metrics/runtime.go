package metrics

import (
	"bufio"
	"bytes"
	"os"
	"runtime"
	"runtime/metrics"
	"strconv"
	"time"
)

// RegisterRuntime adds the process series every service exposes:
// goroutines, Go heap, resident memory (current and peak, Linux) and start
// time.
func (r *Registry) RegisterRuntime(started time.Time) {
	r.GaugeFunc("go_goroutines", "Number of goroutines that currently exist.", nil,
		func() float64 { return float64(runtime.NumGoroutine()) })
	r.GaugeFunc("go_memstats_heap_alloc_bytes", "Bytes of allocated heap objects.", nil,
		func() float64 { return readRuntime("/memory/classes/heap/objects:bytes") })
	r.GaugeFunc("process_start_time_seconds", "Start time of the process since unix epoch in seconds.", nil,
		func() float64 { return float64(started.UnixNano()) / 1e9 })
	if _, err := os.Stat("/proc/self/status"); err == nil {
		r.GaugeFunc("process_resident_memory_bytes", "Resident memory size in bytes.", nil,
			func() float64 { return float64(ProcStatus(os.Getpid(), "VmRSS")) })
		r.GaugeFunc("process_resident_memory_peak_bytes", "Peak resident memory size in bytes (VmHWM).", nil,
			func() float64 { return float64(ProcStatus(os.Getpid(), "VmHWM")) })
	}
}

// readRuntime reads one runtime/metrics value as a float.
func readRuntime(name string) float64 {
	s := []metrics.Sample{{Name: name}}
	metrics.Read(s)
	switch s[0].Value.Kind() {
	case metrics.KindUint64:
		return float64(s[0].Value.Uint64())
	case metrics.KindFloat64:
		return s[0].Value.Float64()
	}
	return 0
}

// ProcStatus returns a "kB" field of /proc/<pid>/status (VmRSS, VmHWM) in
// bytes, or 0 when it cannot be read (not Linux, process gone). The load
// test reads the bot's peak memory with it.
func ProcStatus(pid int, field string) int64 {
	data, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	prefix := []byte(field + ":")
	for sc.Scan() {
		line := sc.Bytes()
		if !bytes.HasPrefix(line, prefix) {
			continue
		}
		fields := bytes.Fields(line[len(prefix):])
		if len(fields) == 0 {
			return 0
		}
		n, err := strconv.ParseInt(string(fields[0]), 10, 64)
		if err != nil {
			return 0
		}
		if len(fields) > 1 && string(fields[1]) == "kB" {
			n *= 1024
		}
		return n
	}
	return 0
}
