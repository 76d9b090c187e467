#!/usr/bin/env python3
"""End-to-end test of a graceful stop within a bound: SIGTERM while an SMTP send hangs.

The SMTP server (tests/servers/smtp_server.py --accept-delay 60) takes each message's data
and then says nothing for a minute; duband's [mail] timeout_seconds is 60 too, so only the
stop grace can end the send. With [delivery] stop_grace_seconds = 2, a SIGTERM during the
send must end duband within the grace plus a small margin, with exit code 0, leaving the
message queued in the store with no attempt counted (abandoned, not failed). After a
restart against a healthy server on the same port, every email arrives, each under its own
Message-ID, none twice: the abandoned send was resent with the same Message-ID.

The plan, clock and servers are test_delivery.py's (tasks due 2026-12-03, reminders at
09:00 on 12-02, sent after a restart at 09:00:20); see there.

Run by ctest as
    python3 test_graceful_stop.py --duband PATH --dubanctl PATH --source-dir REPO [unittest args]
"""

import json
import os
import shutil
import signal
import sqlite3
import sys
import tempfile
import time
import unittest

import duban_harness
from duban_harness import DubanTestCase
from test_delivery import (FIRST_START, SEND_DAY, SMTP_PASSWORD, SMTP_USER, DINGTALK_SECRET,
                           DeliveryDaemon, Server, make_certificate, received_emails, wait_for)

GRACE_SECONDS = 2
MARGIN_SECONDS = 4  # the abort is at once (sockets shut down); teardown, and a loaded CI machine
SLOW_SECONDS = 60


class SlowStopDaemon(DeliveryDaemon):
    """test_delivery's daemon with a short stop grace and a long SMTP timeout."""

    def config_text(self, extra_toml="", agencies_toml=""):
        text = super().config_text(extra_toml, agencies_toml)
        text = text.replace("timeout_seconds = 10\n", "timeout_seconds = %d\n" % SLOW_SECONDS, 1)
        return text.replace("[delivery]\n",
                            "[delivery]\nstop_grace_seconds = %d\n" % GRACE_SECONDS, 1)


def events(path):
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def email_rows(store):
    """(key, state, attempts) of each email message, read straight from the store."""
    with sqlite3.connect("file:%s?mode=ro" % store, uri=True) as db:
        return db.execute("SELECT key, state, attempts FROM messages WHERE channel = 'email' "
                          "ORDER BY id").fetchall()


class GracefulStopTest(DubanTestCase):

    def setUp(self):
        self.work = tempfile.mkdtemp(prefix="duban-stop-")
        self.addCleanup(shutil.rmtree, self.work, True)
        self.cert, self.key = make_certificate(self.work)
        self.mail_dir = os.path.join(self.work, "received")
        self.events = os.path.join(self.work, "smtp-events.jsonl")
        self.hook = self.server("http_receiver.py",
                                ["--dingtalk", "--secret", DINGTALK_SECRET,
                                 "--record", os.path.join(self.work, "hook.jsonl")])

    def server(self, script, args):
        server = Server(script, args)
        self.addCleanup(server.stop)
        return server

    def smtp(self, port=0, extra=()):
        return self.server("smtp_server.py",
                           ["--port", str(port), "--mail-dir", self.mail_dir,
                            "--events", self.events, "--tls-cert", self.cert,
                            "--tls-key", self.key, "--starttls", "--auth-user", SMTP_USER,
                            "--auth-password", SMTP_PASSWORD] + list(extra))

    def test_sigterm_during_a_hanging_send_stops_within_the_grace(self):
        slow = self.smtp(extra=["--accept-delay", str(SLOW_SECONDS)])
        daemon = SlowStopDaemon(slow.port, self.hook.port, self.cert)
        self.addCleanup(daemon.cleanup)
        self.daemon = daemon
        daemon.start(["--clock-start", FIRST_START])
        self.assertEqual(daemon.stop(), 0, daemon.log())
        daemon.start(["--clock-start", SEND_DAY])

        # A recipient was accepted: the data follows and the server then hangs.
        wait_for(lambda: any(e["event"] == "rcpt" for e in events(self.events)),
                 "the SMTP server to see a recipient")
        time.sleep(0.5)  # let the data go out: the send now waits for the server's reply
        started = time.monotonic()
        daemon.signal(signal.SIGTERM)
        try:
            code = daemon.process.wait(timeout=GRACE_SECONDS + 15)
        except Exception:
            self.fail("duband did not exit within %d s of SIGTERM:\n%s"
                      % (GRACE_SECONDS + 15, daemon.log()[-4000:]))
        elapsed = time.monotonic() - started
        log = daemon.log()
        self.assertEqual(code, 0, log[-4000:])
        self.assertLessEqual(elapsed, GRACE_SECONDS + MARGIN_SECONDS,
                             "took %.1f s to stop:\n%s" % (elapsed, log[-4000:]))
        self.assertGreaterEqual(elapsed, GRACE_SECONDS - 0.5,
                                "stopped before the grace: was anything in flight?\n" + log[-4000:])
        self.assertIn("stop grace of %d s is over: abandoning" % GRACE_SECONDS, log)
        self.assertIn("stays queued for the next start", log)

        # Nothing was taken by the slow server; the store still has every email queued,
        # with no attempt counted.
        self.assertFalse([e for e in events(self.events) if e["event"] == "message"])
        rows = email_rows(daemon.store)
        self.assertEqual(len(rows), 2, rows)
        for key, state, attempts in rows:
            self.assertEqual((state, attempts), ("queued", 0), rows)

        # A healthy server on the same port; the restart sends the abandoned messages.
        slow.stop()
        self.smtp(port=slow.port)
        daemon.start(["--clock-start", "2026-12-02T09:01:00+08:00"])
        wait_for(lambda: all(state == "sent" for _, state, _ in email_rows(daemon.store)),
                 "the abandoned emails to be sent after the restart")
        emails = received_emails(self.mail_dir)
        ids = [str(message["Message-ID"]) for message, _ in emails]
        self.assertEqual(len(ids), 2, ids)
        self.assertEqual(len(set(ids)), 2, "an email arrived twice: %s" % ids)
        self.assertEqual(sorted(r["rcpt_tos"][0] for _, r in emails),
                         ["fgw@example.gov.cn", "kjt@example.gov.cn"])
        for _, state, attempts in email_rows(daemon.store):
            self.assertEqual((state, attempts), ("sent", 1))


def main():
    _, rest = duban_harness.parse_args(__doc__)
    unittest.main(argv=[sys.argv[0]] + rest, verbosity=2)


if __name__ == "__main__":
    main()
