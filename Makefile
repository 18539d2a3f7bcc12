# crmbot — see README.md. `make help` lists the targets.
GO      ?= go
BIN     ?= bin/crmbot
PKGS    ?= ./...

.PHONY: help build run test bench faults lint fmt startup

help: ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-8s %s\n", $$1, $$2}'

build: ## build the bot binary into bin/crmbot
	CGO_ENABLED=0 $(GO) build -trimpath -o $(BIN) .

run: build ## run the bot (reads .env; SQLite in ./data unless DATABASE_URL is set)
	./$(BIN)

test: ## run every test with the race detector (PostgreSQL too when TEST_DATABASE_URL is set)
	$(GO) vet $(PKGS)
	$(GO) test -race -count=1 $(PKGS)
	@echo "storage contract suite, per database:"
	@log=$$(mktemp); $(GO) test -count=1 -run 'TestStorageContract' -v ./storage/ >$$log 2>&1; rc=$$?; \
	  grep -E 'running on|skipped|^(ok|FAIL)' $$log | sed 's/^ *[a-z_]*\.go:[0-9]*: /  /' | sort -u; rm -f $$log; exit $$rc

# make bench and make faults: a PostgreSQL server to create throw-away
# databases on, and pgbench (postgresql-contrib) for the database's ceiling.
BENCH_PG   ?= postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable
BENCH_TEST_DB ?= postgres://postgres@127.0.0.1:5432/test?sslmode=disable
PGBENCH    ?= $(shell command -v pgbench || ls /usr/lib/postgresql/*/bin/pgbench 2>/dev/null | sort -V | tail -n1)
BENCH_ARGS ?=
# Runs of each report and the card at 1,000,000 deals (of 20, the p99 is the slowest).
BIG_BENCH_RUNS ?= 20x
# Fuzzing runs a count of inputs, not a time: with -fuzztime=20s Go 1.26's
# fuzz coordinator can fail a target with a bare "context deadline exceeded"
# at the deadline on a loaded machine (go.dev/issue/75804, fixed in 1.27).
FUZZ_INPUT_EXECS  ?= 200000x
FUZZ_FAULTS_EXECS ?= 4000x
PG_RESTART ?= pg_ctlcluster --skip-systemctl-redirect $(shell ls /etc/postgresql 2>/dev/null | sort -V | tail -n1) main restart

bench: ## load test: real binary vs echo bot and pgbench -N, reminder delivery, reminders on their second, idle CPU, exports on SQLite, memory; then the Go benchmarks, and every report and the card at 1,000,000 deals
	@test -n "$(PGBENCH)" || { echo "pgbench not found: apt-get install postgresql-contrib (Debian/Ubuntu) or set PGBENCH=/path/to/pgbench"; exit 1; }
	CGO_ENABLED=0 $(GO) build -trimpath -o bin/crmbot .
	$(GO) build -o bin/echobot ./cmd/echobot
	$(GO) build -o bin/loadtest ./cmd/loadtest
	./bin/loadtest -bot bin/crmbot -echo bin/echobot -pg '$(BENCH_PG)' -pgbench '$(PGBENCH)' -json bin/bench.json $(BENCH_ARGS)
	TEST_DATABASE_URL='$(BENCH_TEST_DB)' $(GO) test -run='^$$' -bench=. -benchmem -benchtime=300ms \
	  ./bot/ ./bot/input/ ./bot/chart/ ./bot/sheet/ ./storage/ ./metrics/
	@log=$$(mktemp); echo "reports and the deal card at 1,000,000 deals on SQLite and PostgreSQL (seeding takes minutes; full output in $$log)"; \
	  CRMBOT_BIG_BENCH=1 TEST_DATABASE_URL='$(BENCH_TEST_DB)' $(GO) test -run='^$$' -bench='^BenchmarkReports$$/deals=1000000' \
	  -benchtime=$(BIG_BENCH_RUNS) -timeout 90m ./storage/ >$$log 2>&1; rc=$$?; \
	  grep -E '^(Benchmark|ok|FAIL|---)|TARGET|built in' $$log | sed 's/^ *[a-z_]*\.go:[0-9]*: /  /'; exit $$rc

faults: ## slow fault suite: kill -9, SIGTERM, flaky Bot API, PostgreSQL restart (real binary), then bounded fuzzing
	CGO_ENABLED=0 $(GO) build -trimpath -o bin/crmbot .
	@log=$$(mktemp); echo "go test ./faults/ (slow suite; full output in $$log)"; \
	  CRMBOT_FAULTS=1 CRMBOT_BIN=$(CURDIR)/bin/crmbot CRMBOT_FAULTS_PG='$(BENCH_PG)' CRMBOT_FAULTS_PG_RESTART='$(PG_RESTART)' \
	  TEST_DATABASE_URL='$(BENCH_TEST_DB)' $(GO) test -count=1 -timeout 30m -v ./faults/ >$$log 2>&1; rc=$$?; \
	  grep -E '^(--- |FAULTS: |ok|FAIL|panic)|^ +[a-z_]+_test\.go:[0-9]+' $$log | grep -v 'level='; exit $$rc
	@for t in FuzzParseWhen FuzzParseAmount FuzzNormalizePhone FuzzParsePeriod FuzzSettings; do \
	  log=$$(mktemp); echo "fuzz ./bot/input/ $$t for $(FUZZ_INPUT_EXECS)"; \
	  $(GO) test -run='^$$' -fuzz="^$$t\$$" -fuzztime=$(FUZZ_INPUT_EXECS) ./bot/input/ >$$log 2>&1 || { cat $$log; exit 1; }; \
	  grep -E 'execs:' $$log | tail -n 1; done
	@for t in FuzzLeads FuzzCalls; do \
	  log=$$(mktemp); echo "fuzz ./api/ $$t for $(FUZZ_INPUT_EXECS)"; \
	  $(GO) test -run='^$$' -fuzz="^$$t\$$" -fuzztime=$(FUZZ_INPUT_EXECS) ./api/ >$$log 2>&1 || { cat $$log; exit 1; }; \
	  grep -E 'execs:' $$log | tail -n 1; done
	@for t in FuzzCallbackData FuzzMessageText FuzzWebhookBody; do \
	  log=$$(mktemp); echo "fuzz ./faults/ $$t for $(FUZZ_FAULTS_EXECS)"; \
	  $(GO) test -run='^$$' -fuzz="^$$t\$$" -fuzztime=$(FUZZ_FAULTS_EXECS) ./faults/ >$$log 2>&1 || { grep -v 'level=' $$log; exit 1; }; \
	  grep -E 'execs:' $$log | tail -n 1; done

startup: ## measure start-up time and idle RSS on SQLite and PostgreSQL
	bash scripts/startup-rss.sh

lint: ## gofmt, go vet, and no testing package in the bot's binary
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "not gofmt-formatted:"; echo "$$out"; exit 1; fi
	@if $(GO) list -deps . | grep -qx testing; then echo "the bot's binary links the testing package (go list -deps . | grep -x testing)"; exit 1; fi
	$(GO) vet $(PKGS)
