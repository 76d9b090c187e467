#!/usr/bin/env python3
"""Fault test: SIGKILL at random points during a batch of 1,000 sends, ten times.

500 tasks of 省科技厅, each reminded by email (SMTP, STARTTLS + AUTH) and by a signed
Standard Webhook, in per-task digests: 1,000 messages queued by one scheduler wake (see
fault_daemon.py for the plan and clock). While they go out, duband is killed with SIGKILL
ten times, each when the servers have received a random number (5 to 90) of copies
more since the (re)start (a seeded random choice, plus a random few milliseconds), and
restarted; after the last restart it
sends the rest.

What must hold (each checked against the servers' own records, not duband's word):
- nothing lost: every message of the store arrived at least once, and the store has
  them all sent;
- duplicates only for messages in flight at a kill: after each kill, before the restart,
  the store is read; a message the servers had received but the store had not yet
  recorded as sent was in flight. Only those may arrive again; a message the store had
  recorded as sent never arrives twice;
- in flight is bounded by the dispatcher's batches ([mail] connections x batch_size
  emails plus one webhook batch);
- a duplicate carries the same id as the first copy: each arrival's Message-ID or
  webhook-id is computed here from its store key (SHA-256), so every copy of a message
  has its key's id, and no two messages share one.

Seed: DUBAN_FAULT_SEED (printed); rerun with it to repeat the kill points.

Run by ctest as
    python3 test_faults_kill.py --duband PATH --dubanctl PATH --source-dir REPO [unittest args]
"""

import collections
import os
import random
import shutil
import sys
import tempfile
import time
import unittest

import duban_harness
from duban_harness import DubanTestCase
from fault_daemon import FaultDaemon, FaultServers, message_id, wait_for, webhook_id

SEED = int(os.environ.get("DUBAN_FAULT_SEED", str(int(time.time()))))
TASKS = 500             # x 2 channels = 1,000 sends
KILLS = 10
EMAIL_CONNECTIONS = 2
EMAIL_BATCH = 20
WEBHOOK_BATCH = 50      # the dispatcher's webhook batch (DispatchSettings::webhook_batch)


class KillTest(DubanTestCase):

    def setUp(self):
        self.work = tempfile.mkdtemp(prefix="duban-kill-")
        self.addCleanup(shutil.rmtree, self.work, True)
        # A little slow per message, so that batches are in flight when the kill comes.
        self.servers = FaultServers(self.work, smtp_extra=["--accept-delay", "0.005"])
        self.addCleanup(self.servers.stop)

    def arrived(self):
        return self.servers.email_count() + self.servers.hook_count()

    def received(self):
        """Counter of ids received so far, emails and webhooks."""
        ids = self.servers.emails() + self.servers.webhooks()
        return collections.Counter(ids)

    def test_sigkill_ten_times_during_1000_sends_loses_nothing(self):
        print("\nseed %d (set DUBAN_FAULT_SEED to repeat)" % SEED, file=sys.stderr)
        rng = random.Random(SEED)
        daemon = FaultDaemon(self.servers, TASKS,
                             mail="batch_size = %d\nconnections = %d\ntimeout_seconds = 30"
                             % (EMAIL_BATCH, EMAIL_CONNECTIONS),
                             delivery="backoff_initial_seconds = 1\nbackoff_max_seconds = 2\n"
                                      "max_attempts = 50")
        self.addCleanup(daemon.cleanup)
        self.daemon = daemon
        total = 2 * TASKS
        # Each kill after a random number of new arrivals since the (re)start.
        steps = [rng.randint(5, 90) for _ in range(KILLS)]
        print("kill after this many new arrivals: %s" % steps, file=sys.stderr)

        in_flight = []      # per kill: the ids received but not recorded sent
        recorded = set()    # ids the store had recorded sent at some kill
        at_kill = []        # per kill: Counter of ids received at that moment
        daemon.queue_reminders()
        for number, step in enumerate(steps, 1):
            point = self.arrived() + step
            wait_for(lambda: self.arrived() >= point, "%d arrivals before kill %d:\n%s"
                     % (point, number, daemon.log()[-3000:]), timeout=120, interval=0.01)
            time.sleep(rng.uniform(0, 0.03))
            daemon.kill()
            time.sleep(0.2)  # let the servers finish with the dropped connections
            stored = daemon.store_messages()
            sent_ids = {self.id_of(key, row[0]) for key, row in stored.items() if row[1] == "sent"}
            received = self.received()
            flying = set(received) - sent_ids
            self.assertLessEqual(len(flying), EMAIL_CONNECTIONS * EMAIL_BATCH + WEBHOOK_BATCH,
                                 "kill %d: more received-but-unrecorded than can be in flight"
                                 % number)
            in_flight.append(flying)
            recorded |= sent_ids
            at_kill.append(received)
            print("kill %d at %d arrivals: %d of %d recorded sent, %d in flight"
                  % (number, sum(received.values()), len(sent_ids), len(stored), len(flying)),
                  file=sys.stderr)
            daemon.start(["--clock-start", "2026-12-02T09:%02d:00+08:00" % (number + 1)])

        wait_for(lambda: self.all_sent(total), "every message sent after the last restart:\n%s"
                 % daemon.log()[-3000:], timeout=180)
        stored = daemon.store_messages()
        expected = {self.id_of(key, row[0]) for key, row in stored.items()}
        self.assertEqual(len(expected), total, "ids are not distinct per message")
        received = self.received()

        # Nothing lost; nothing that is not a message of the store.
        self.assertEqual(set(received), expected,
                         "missing: %s; unknown: %s" % (sorted(expected - set(received))[:5],
                                                       sorted(set(received) - expected)[:5]))
        # Duplicates: only messages in flight at some kill.
        flown = set().union(*in_flight)
        duplicates = {i: n for i, n in received.items() if n > 1}
        self.assertFalse(set(duplicates) - flown,
                         "arrived twice though not in flight at a kill: %s"
                         % sorted(set(duplicates) - flown)[:5])
        # A message recorded sent at a kill never arrived again after it.
        for number, (counts, flying) in enumerate(zip(at_kill, in_flight), 1):
            for ident, count in counts.items():
                if ident not in flying:
                    self.assertEqual(received[ident], count,
                                     "%s, recorded sent at kill %d, arrived again"
                                     % (ident, number))
        # The kills did land mid-batch (else this test proved little).
        self.assertTrue(flown, "no message was in flight at any of the %d kills" % KILLS)
        print("%d arrivals for %d messages: %d duplicates, all in flight at a kill"
              % (sum(received.values()), total, sum(n - 1 for n in duplicates.values())),
              file=sys.stderr)

    @staticmethod
    def id_of(key, channel):
        return message_id(key) if channel == "email" else webhook_id(key)

    def all_sent(self, total):
        stored = self.daemon.store_messages()
        return len(stored) == total and all(row[1] == "sent" for row in stored.values())


def main():
    _, rest = duban_harness.parse_args(__doc__)
    unittest.main(argv=[sys.argv[0]] + rest, verbosity=2)


if __name__ == "__main__":
    main()
