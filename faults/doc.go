// Package faults is crmbot's fault suite: tests that break things on
// purpose and check that nothing is lost, done twice, leaked or exposed.
//
// Quick tests (duplicate updates, webhook secrets and bodies, forged
// callbacks, fuzzing the dispatch path) run with the rest in make test, on
// the bot in this process. Slow tests run the real binary against the fake
// Bot API server and PostgreSQL — kill -9 during a burst and during
// delivery, a flaky Bot API for a minute, PostgreSQL restarted during a
// sweep, SIGTERM under load and while Telegram stalls, two people pressing
// the same buttons of the same deals at once, sends answered after the
// claim's lease (one replica and two), two replicas delivering within
// Telegram's limits — and only when CRMBOT_FAULTS=1 (make faults); otherwise
// they skip saying so. Every log line of the suite is checked for the bot
// token at the end.
package faults
