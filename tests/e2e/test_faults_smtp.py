#!/usr/bin/env python3
"""Fault test: the SMTP server down for days of simulated time.

Five reminders by email (fault_daemon.py's plan) are queued at 2026-12-02 09:00; nothing
listens on the SMTP port. With [delivery] backoff_initial_seconds = 3600, backoff_max_seconds
= 86400, jitter 0 and max_attempts = 8, the attempts are due 1 h, 2 h, 4 h, 8 h, 16 h and
then every 24 h after the one before: the 7th attempt comes 55 hours after the first.

Time is the injected clock: duband is stopped, then started with --clock-start two
seconds before the next attempt is due (read from the store), so the attempt is made by
the running daemon's own timer, not at start-up; the days in between pass in no time.
After each attempt the test checks, against the hand-computed schedule: every message is
`failed` (never dead before max_attempts), attempts went up by one, the next attempt is
due exactly one backoff later, and `dubanctl outbox messages --state failed` shows the
connection error. After six failed attempts (31 hours), the server comes back; at the 7th
attempt every message is sent, exactly once, each under its own Message-ID; so are the
default escalation's 催办 (12-04 09:00, one working day after the due date), queued by the
wake of that last start.

Run by ctest as
    python3 test_faults_smtp.py --duband PATH --dubanctl PATH --source-dir REPO [unittest args]
"""

import collections
import datetime
import shutil
import sqlite3
import sys
import tempfile
import unittest

import duban_harness
from duban_harness import DubanTestCase
from fault_daemon import FaultDaemon, FaultServers, message_id, wait_for

TASKS = 5
HOUR = 3600
MAX_ATTEMPTS = 8
FAILED_ATTEMPTS = 6  # then the server comes back, before the 7th
# The wait after the n-th failed attempt: 1 h doubled each time, at most 24 h.
BACKOFF = [min(HOUR * 2 ** (n - 1), 24 * HOUR) for n in range(1, MAX_ATTEMPTS + 1)]


def instant(utc_seconds):
    return datetime.datetime.fromtimestamp(utc_seconds, datetime.timezone.utc).strftime(
        "%Y-%m-%dT%H:%M:%SZ")


class SmtpOutageTest(DubanTestCase):

    def setUp(self):
        work = tempfile.mkdtemp(prefix="duban-smtp-outage-")
        self.addCleanup(shutil.rmtree, work, True)
        self.servers = FaultServers(work)
        self.addCleanup(self.servers.stop)

    def rows(self):
        """(state, attempts, next_attempt_at, updated_at) of the reminders' messages (the
        first queued; the default escalation's 催办 of 12-04 comes later)."""
        with sqlite3.connect("file:%s?mode=ro" % self.daemon.store, uri=True, timeout=30) as db:
            return db.execute("SELECT state, attempts, next_attempt_at, updated_at FROM messages "
                              "WHERE channel = 'email' ORDER BY id LIMIT ?", (TASKS,)).fetchall()

    def attempts_reached(self, n):
        rows = self.rows()
        return len(rows) == TASKS and all(r[1] >= n for r in rows)

    def test_days_long_outage_keeps_retrying_then_delivers_once(self):
        daemon = FaultDaemon(self.servers, TASKS, channels=("email",),
                             mail="timeout_seconds = 5",
                             delivery="backoff_initial_seconds = %d\nbackoff_max_seconds = %d\n"
                                      "max_attempts = %d" % (HOUR, 24 * HOUR, MAX_ATTEMPTS))
        self.addCleanup(daemon.cleanup)
        self.daemon = daemon
        self.servers.stop_smtp()  # down from the start, for days
        daemon.queue_reminders()
        wait_for(lambda: self.attempts_reached(1), "the first attempt:\n" + daemon.log()[-3000:])
        first = self.rows()[0][3]

        for n in range(1, FAILED_ATTEMPTS + 1):
            rows = self.rows()
            for state, attempts, next_at, updated in rows:
                self.assertEqual((state, attempts), ("failed", n), rows)
                # Due exactly one backoff after the attempt that failed.
                self.assertEqual(next_at - updated, BACKOFF[n - 1], (n, rows))
            failed = self.ctl_json("outbox", "messages", "--state", "failed")["messages"]
            self.assertEqual(len(failed), TASKS)
            self.assertTrue(all("connect" in m["last_error"].lower() for m in failed), failed)
            self.assertFalse(self.ctl_json("outbox", "messages", "--state", "dead")["messages"])
            if n == FAILED_ATTEMPTS:
                break
            # Days pass: restart just before the next attempt; the daemon's timer makes it.
            due = min(r[2] for r in rows)
            self.assertEqual(daemon.stop(), 0, daemon.log()[-3000:])
            daemon.start(["--clock-start", instant(due - 2)])
            wait_for(lambda: self.attempts_reached(n + 1),
                     "attempt %d at %s:\n%s" % (n + 1, instant(due), daemon.log()[-3000:]))

        elapsed = min(r[2] for r in self.rows()) - first
        self.assertEqual(elapsed, sum(BACKOFF[:FAILED_ATTEMPTS]))  # 55 hours
        self.assertGreater(elapsed, 2 * 24 * HOUR)

        # The server is back before the 7th attempt: every message arrives, once.
        self.servers.start_smtp()
        due = min(r[2] for r in self.rows())
        self.assertEqual(daemon.stop(), 0)
        daemon.start(["--clock-start", instant(due - 2)])
        wait_for(lambda: all(r[1] == "sent" for r in daemon.store_messages().values()),
                 "every message sent once the server is back:\n" + daemon.log()[-3000:])
        rows = self.rows()
        self.assertEqual([r[1] for r in rows], [FAILED_ATTEMPTS + 1] * TASKS)
        received = collections.Counter(self.servers.emails())
        stored = daemon.store_messages()
        self.assertEqual(len(stored), 2 * TASKS, stored)  # the reminders and the 催办
        self.assertEqual(dict(received), {message_id(k): 1 for k in stored})


def main():
    _, rest = duban_harness.parse_args(__doc__)
    unittest.main(argv=[sys.argv[0]] + rest, verbosity=2)


if __name__ == "__main__":
    main()
