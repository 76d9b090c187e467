#!/usr/bin/env python3
"""Fault tests of a webhook receiver: answering 500, answering 429 with Retry-After, and
answering too slowly (beyond [[webhook]] timeout_seconds).

The receiver is tests/servers/http_receiver.py as a Standard Webhooks endpoint verifying
the signature, with --fail-first N --fail-status CODE [--retry-after S] or --slow-first N
--slow-seconds S; it records every request with the time it read it. The daemon sends each
task's reminder to it (fault_daemon.py: per-task digests to 省科技厅, 5 tasks).

What must hold:
- 500: a retryable failure; each failed message is tried again after the backoff
  ([delivery] backoff_initial_seconds, no jitter), and every message is accepted exactly
  once; `dubanctl outbox messages --state failed` shows the error meanwhile;
- 429 with Retry-After: retried no sooner than the receiver asked (when that is longer
  than the backoff and within backoff_max_seconds), then accepted exactly once;
- too slow: the request times out (retryable) and is sent again; the receiver, which did
  take the first copy, gets the same webhook-id twice, so each key is delivered once
  after de-duplication; and the stuck webhook batch does not hold up email: every email
  is sent while the webhook request is still waiting (the two channels have their own
  workers, docs/DELIVERY.md "From decision to delivery").

Run by ctest as
    python3 test_faults_webhook.py --duband PATH --dubanctl PATH --source-dir REPO [unittest args]
"""

import collections
import shutil
import sys
import tempfile
import unittest

import duban_harness
from duban_harness import DubanTestCase
from fault_daemon import FaultDaemon, FaultServers, message_id, wait_for, webhook_id

TASKS = 5
BACKOFF = 3


class WebhookFaultTest(DubanTestCase):

    def start(self, hook_extra, channels=("webhook",), webhook="", backoff=BACKOFF,
              backoff_max=2 * BACKOFF):
        work = tempfile.mkdtemp(prefix="duban-hook-fault-")
        self.addCleanup(shutil.rmtree, work, True)
        self.servers = FaultServers(work, hook_extra=hook_extra)
        self.addCleanup(self.servers.stop)
        daemon = FaultDaemon(self.servers, TASKS, channels=channels, webhook=webhook,
                             delivery="backoff_initial_seconds = %d\nbackoff_max_seconds = %d\n"
                                      "max_attempts = 10" % (backoff, backoff_max))
        self.addCleanup(daemon.cleanup)
        self.daemon = daemon
        daemon.queue_reminders()
        return daemon

    def stored(self, channel):
        return {key: row for key, row in self.daemon.store_messages().items()
                if row[0] == channel}

    def all_sent(self, count):
        stored = self.daemon.store_messages()
        return len(stored) == count and all(row[1] == "sent" for row in stored.values())

    def requests_by_id(self):
        by_id = collections.defaultdict(list)
        for request in self.servers.hook_requests():
            # Failures are answered before any check (verified null); the rest verified.
            self.assertTrue(request["verified"] or request["status"] != 200, request)
            by_id[request["headers"]["webhook-id"]].append(request)
        return by_id

    def check_failures_then_once(self, failing, status, min_gap):
        """`failing` first requests answered `status`; then each message accepted once,
        its retry at least `min_gap` seconds after its failure."""
        wait_for(lambda: self.all_sent(TASKS), "every webhook message sent:\n%s"
                 % self.daemon.log()[-3000:], timeout=90)
        stored = self.stored("webhook")
        expected = {webhook_id(key) for key in stored}
        by_id = self.requests_by_id()
        self.assertEqual(set(by_id), expected)
        accepted = collections.Counter(i for i, rs in by_id.items() for r in rs
                                       if r["status"] == 200)
        self.assertEqual(dict(accepted), {i: 1 for i in expected}, "not exactly once each")
        retried = {i: rs for i, rs in by_id.items() if len(rs) > 1}
        self.assertEqual(len(retried), failing, by_id)
        for ident, requests in retried.items():
            self.assertEqual([r["status"] for r in requests], [status, 200], requests)
            gap = requests[1]["time"] - requests[0]["time"]
            # The daemon's clock has whole seconds: a wait of N s may start up to 1 s late
            # or end up to 1 s early in real time.
            self.assertGreaterEqual(gap, min_gap - 1.0, "retried after %.1f s" % gap)
        attempts = sorted(row[2] for row in stored.values())
        self.assertEqual(attempts, [1] * (TASKS - failing) + [2] * failing)

    def test_500_is_retried_with_backoff_and_delivered_once(self):
        self.start(["--fail-first", "3", "--fail-status", "500"])
        failed = wait_for(lambda: self.ctl_json("outbox", "messages", "--state",
                                                "failed")["messages"],
                          "failed messages listed by dubanctl")
        self.assertIn("HTTP 500", failed[0]["last_error"])
        self.assertIn("HTTP 500", self.ctl_ok("outbox", "messages", "--state", "failed"))
        self.check_failures_then_once(3, 500, BACKOFF)

    def test_429_waits_for_retry_after_and_is_delivered_once(self):
        # Longer than the backoff (3 s), within its cap (20 s): the receiver's word counts.
        retry_after = 3 * BACKOFF
        self.start(["--fail-first", "2", "--fail-status", "429",
                    "--retry-after", str(retry_after)], backoff_max=20)
        failed = wait_for(lambda: self.ctl_json("outbox", "messages", "--state",
                                                "failed")["messages"],
                          "failed messages listed by dubanctl")
        self.assertIn("HTTP 429", failed[0]["last_error"])
        self.check_failures_then_once(2, 429, retry_after)

    def test_slow_receiver_times_out_is_resent_and_does_not_hold_up_email(self):
        timeout = 15
        self.start(["--slow-first", "1", "--slow-seconds", "60"],
                   channels=("email", "webhook"), webhook="timeout_seconds = %d" % timeout,
                   backoff=1)
        # Every email goes while the first webhook request waits for its reply.
        wait_for(lambda: (lambda e: len(e) == TASKS and all(r[1] == "sent" for r in e.values()))(
            self.stored("email")), "every email sent", timeout=timeout - 2)
        self.assertEqual(self.servers.hook_count(), 1, "the webhook batch was not stuck")
        self.assertFalse([r for r in self.stored("webhook").values() if r[1] == "sent"])

        wait_for(lambda: self.all_sent(2 * TASKS), "every message sent:\n%s"
                 % self.daemon.log()[-3000:], timeout=120)
        stored = self.stored("webhook")
        by_id = self.requests_by_id()
        self.assertEqual(set(by_id), {webhook_id(key) for key in stored})
        twice = {i: rs for i, rs in by_id.items() if len(rs) > 1}
        self.assertEqual(len(twice), 1, by_id)  # the slow one, sent again after its timeout
        (slow,) = twice.values()
        self.assertEqual(len(slow), 2, slow)
        self.assertGreaterEqual(slow[1]["time"] - slow[0]["time"], timeout - 1)
        timed_out = [row for key, row in stored.items() if webhook_id(key) in twice]
        self.assertEqual(timed_out[0][2], 2, timed_out)  # two attempts
        # Email: each once.
        emails = collections.Counter(self.servers.emails())
        self.assertEqual(dict(emails), {message_id(k): 1 for k in self.stored("email")})


def main():
    _, rest = duban_harness.parse_args(__doc__)
    unittest.main(argv=[sys.argv[0]] + rest, verbosity=2)


if __name__ == "__main__":
    main()
