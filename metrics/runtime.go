package metrics

import (
	"bufio"
	"bytes"
	"os"
	"strconv"

	"github.com/prometheus/client_golang/prometheus/collectors"
)

// RegisterRuntime adds the series every Go service exposes:
// client_golang's Go collector (goroutines, heap, GC) and process collector
// (resident memory, CPU, open files, start time), and the peak resident
// memory (VmHWM) the load test budgets, on Linux.
func (r *Registry) RegisterRuntime() {
	r.register(collectors.NewGoCollector())
	r.register(collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	if _, err := os.Stat("/proc/self/status"); err == nil {
		r.GaugeFunc("process_resident_memory_peak_bytes", "Peak resident memory size in bytes (VmHWM).", nil,
			func() float64 { return float64(ProcStatus(os.Getpid(), "VmHWM")) })
	}
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
