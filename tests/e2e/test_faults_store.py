#!/usr/bin/env python3
"""Fault tests of the store: the database locked by another program, and the disk full,
while duband must write (a scheduler wake, the outcome of sends, a `dubanctl feedback
add`). Each must give a clear error (logged; in the reply for dubanctl), be retried
later, and lose nothing.

Database locked: a second, real SQLite connection (Python's sqlite3) holds the write lock
(`BEGIN EXCLUSIVE`) on duband's own store file. duband waits its busy timeout (5 s), then
the write fails with "database is locked".

Disk full: the daemon's file size limit (RLIMIT_FSIZE, set from outside with prlimit(2))
is lowered to 1 byte while it runs, and raised again later. Every write to a file past the
limit then fails in the kernel, the way a full disk refuses it: SQLite sees a short write
("database or disk is full") or EFBIG ("disk I/O error"). duband is started with SIGXFSZ
ignored (as a signal disposition it survives exec), else the kernel would kill it at the
first refused write; its log goes through a pipe, which the limit does not apply to, so
the errors can be read. Why this rather than a small mounted file system: it needs no root
and no mount, so it runs on any CI machine, and it is the kernel refusing real writes to
the real files, not a fake store.

Time: the daemon starts 10 s before the 09:00 reminders (fault_daemon.py's plan), the
fault is put in place at once, so the 09:00 wake meets it.

Run by ctest as
    python3 test_faults_store.py --duband PATH --dubanctl PATH --source-dir REPO [unittest args]
"""

import collections
import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import unittest

import duban_harness
from duban_harness import DubanTestCase, READY_TIMEOUT, run_dubanctl
from fault_daemon import AGENCY, FaultDaemon, FaultServers, message_id, wait_for

TASKS = 20
BEFORE_NINE = "2026-12-02T08:59:50+08:00"
DELIVERY = "backoff_initial_seconds = 1\nbackoff_max_seconds = 2\nmax_attempts = 100"


def ignore_sigxfsz():
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)


class PipedDaemon(FaultDaemon):
    """A FaultDaemon whose output goes through a pipe into its log file (so a file size
    limit on duband does not stop its log), started with SIGXFSZ ignored."""

    def start(self, extra_args=(), env=None):
        self.process = subprocess.Popen([duban_harness.ARGS.duband, "--config", self.config]
                                        + list(extra_args), stdout=subprocess.PIPE,
                                        stderr=subprocess.STDOUT, preexec_fn=ignore_sigxfsz)
        threading.Thread(target=self.copy_log, args=(self.process.stdout,), daemon=True).start()
        deadline = time.monotonic() + READY_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError("duband exited with %d:\n%s" % (self.process.returncode,
                                                                     self.log()))
            if os.path.exists(self.socket) and run_dubanctl(["status"], self.socket,
                                                            timeout=5).returncode == 0:
                return self
            time.sleep(0.05)
        raise AssertionError("duband did not answer:\n" + self.log())

    def copy_log(self, pipe):
        with open(self.log_path, "ab") as log:
            for chunk in iter(lambda: pipe.read1(65536), b""):
                log.write(chunk)
                log.flush()
        pipe.close()


class StoreFaultTest(DubanTestCase):

    def setUp(self):
        self.work = tempfile.mkdtemp(prefix="duban-store-fault-")
        self.addCleanup(shutil.rmtree, self.work, True)
        self.servers = FaultServers(self.work)
        self.addCleanup(self.servers.stop)

    def make_daemon(self, cls=FaultDaemon):
        daemon = cls(self.servers, TASKS, channels=("email",), delivery=DELIVERY)
        self.addCleanup(daemon.cleanup)
        self.daemon = daemon
        daemon.start(["--clock-start", "2026-12-01T08:00:00+08:00"])
        self.assertEqual(daemon.stop(), 0, daemon.log())
        return daemon

    def wait_log(self, needle, what, timeout=60):
        wait_for(lambda: needle in self.daemon.log(),
                 "%s (%r) in the log:\n%s" % (what, needle, self.daemon.log()[-4000:]),
                 timeout=timeout)

    def feedback(self, text):
        return self.daemon.ctl("feedback", "add", "1", "--agency", AGENCY, "--text", text)

    def check_each_email_once(self):
        stored = self.daemon.store_messages()
        self.assertEqual(len(stored), TASKS, stored)
        self.assertTrue(all(row[1] == "sent" for row in stored.values()), stored)
        received = collections.Counter(self.servers.emails())
        expected = {message_id(key) for key in stored}
        self.assertEqual(set(received), expected)
        twice = [i for i, n in received.items() if n > 1]
        self.assertFalse(twice, "sent again although sent once: %s\n%s"
                         % (twice[:3], self.daemon.log()[-4000:]))

    def all_sent(self):
        stored = self.daemon.store_messages()
        return len(stored) == TASKS and all(row[1] == "sent" for row in stored.values())

    def integrity(self):
        with sqlite3.connect("file:%s?mode=ro" % self.daemon.store, uri=True, timeout=30) as db:
            return db.execute("PRAGMA integrity_check").fetchone()[0]

    def test_database_locked_by_another_connection(self):
        daemon = self.make_daemon()
        self.servers.stop_smtp()  # the first sends fail, so that some go during the lock
        daemon.start(["--clock-start", BEFORE_NINE])
        lock = sqlite3.connect(daemon.store, timeout=30, isolation_level=None)
        self.addCleanup(lock.close)
        lock.execute("BEGIN EXCLUSIVE")

        # A mutation gets a clear error in its reply, after the busy timeout.
        result = self.feedback("锁定期间的反馈")
        err = result.stderr.decode("utf-8", "replace")
        self.assertEqual(result.returncode, 1, self.describe(result))
        self.assertIn("database is locked", err)
        self.assertIn(daemon.store, err)
        # The 09:00 wake cannot record its decisions: logged, retried.
        self.wait_log("scheduler: cannot record decided actions, retrying", "the wake failing")
        self.assertIn("database is locked", daemon.log())
        self.ctl_ok("status")  # reads still work (WAL)
        lock.execute("ROLLBACK")

        # Released: the retried wake queues the reminders; the sends fail (server down).
        wait_for(lambda: len(daemon.store_messages()) == TASKS, "the reminders queued")
        wait_for(lambda: any(row[1] == "failed" for row in daemon.store_messages().values()),
                 "sends failing while the server is down")

        # Locked again while the server comes back: sends succeed but cannot be recorded.
        lock.execute("BEGIN EXCLUSIVE")
        self.servers.start_smtp()
        wait_for(lambda: self.servers.email_count() >= 1, "sends during the lock", timeout=60)
        self.wait_log("delivery: cannot record", "the outcomes failing to be recorded")
        time.sleep(12)  # several record retries (every 5 s, each waiting 5 s for the lock)
        lock.execute("ROLLBACK")
        wait_for(self.all_sent, "every message recorded sent after the lock", timeout=90)
        self.check_each_email_once()

        # And the mutation works now.
        self.assertEqual(self.feedback("解锁后的反馈").returncode, 0, daemon.log()[-3000:])
        self.assertEqual(self.integrity(), "ok")

    def test_disk_full_while_writing(self):
        daemon = self.make_daemon(PipedDaemon)
        self.servers.stop_smtp()  # the first sends fail, so that some go during phase 2
        daemon.start(["--clock-start", BEFORE_NINE])
        pid = daemon.process.pid
        soft, hard = resource.prlimit(pid, resource.RLIMIT_FSIZE)
        resource.prlimit(pid, resource.RLIMIT_FSIZE, (1, hard))

        result = self.feedback("磁盘满时的反馈")
        err = result.stderr.decode("utf-8", "replace")
        self.assertEqual(result.returncode, 1, self.describe(result))
        self.assertRegex(err, r"database or disk is full|disk I/O error")
        self.assertIn(daemon.store, err)
        self.wait_log("scheduler: cannot record decided actions, retrying", "the wake failing")
        self.ctl_ok("status")
        self.assertIsNone(daemon.process.poll(), "duband died of the refused writes")
        resource.prlimit(pid, resource.RLIMIT_FSIZE, (soft, hard))

        # Room again: the retried wake queues the reminders; the sends fail (server down).
        wait_for(lambda: len(daemon.store_messages()) == TASKS, "the reminders queued")
        wait_for(lambda: any(row[1] == "failed" for row in daemon.store_messages().values()),
                 "sends failing while the server is down")

        # Full again while the server comes back: sends succeed but cannot be recorded.
        resource.prlimit(pid, resource.RLIMIT_FSIZE, (1, hard))
        self.servers.start_smtp()
        wait_for(lambda: self.servers.email_count() >= 1, "sends while the disk is full",
                 timeout=60)
        self.wait_log("delivery: cannot record", "the outcomes failing to be recorded")
        time.sleep(6)  # a record retry or two (every 5 s)
        self.assertIsNone(daemon.process.poll(), "duband died of the refused writes")
        resource.prlimit(pid, resource.RLIMIT_FSIZE, (soft, hard))
        wait_for(self.all_sent, "every message sent once the disk has room", timeout=90)
        self.check_each_email_once()
        self.assertEqual(self.feedback("磁盘恢复后的反馈").returncode, 0, daemon.log()[-3000:])
        self.assertEqual(self.integrity(), "ok")


def main():
    _, rest = duban_harness.parse_args(__doc__)
    unittest.main(argv=[sys.argv[0]] + rest, verbosity=2)


if __name__ == "__main__":
    main()
