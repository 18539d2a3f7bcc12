# crmbot — see README.md. `make help` lists the targets.
GO      ?= go
BIN     ?= bin/crmbot
PKGS    ?= ./...

.PHONY: help build run test bench faults lint fmt

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

bench: ## run the Go benchmarks
	$(GO) test -run='^$$' -bench=. -benchmem $(PKGS)

lint: ## gofmt and go vet
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "not gofmt-formatted:"; echo "$$out"; exit 1; fi
	$(GO) vet $(PKGS)
