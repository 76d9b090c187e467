#!/usr/bin/env python3
"""Fault test of the config file: replaced by garbage, then SIGHUP.

The running daemon must keep its configuration (the reload is all or nothing), log an
error naming the file and line, keep serving dubanctl and keep delivering; a fixed file
then applies at the next SIGHUP. Kinds of garbage tried, one after the other on the same
daemon: a line of junk in the middle of a good file, random bytes (not UTF-8), a file cut
off in the middle of a string, and the file gone.

test_tracking.py already covers `dubanctl reload` with a wrong key (the reply names the
line) and SIGHUP with a good file; test_delivery.py a template that does not compile.
This test is about the signal path, where no one reads a reply: only the log tells.

Delivery: the SMTP server (tests/servers/smtp_server.py) is down when the garbage arrives,
so the reminders are failing and being retried; it comes back while the config is still
garbage, and every message must then arrive, once, under the running configuration.
The plan, clock and servers are test_delivery.py's.

Run by ctest as
    python3 test_faults_config.py --duband PATH --dubanctl PATH --source-dir REPO [unittest args]
"""

import os
import random
import shutil
import signal
import sys
import tempfile
import time
import unittest

import duban_harness
from duban_harness import DubanTestCase
from test_delivery import (FIRST_START, SEND_DAY, SMTP_PASSWORD, SMTP_USER, DINGTALK_SECRET,
                           DeliveryDaemon, Server, make_certificate, received_emails, wait_for)

SEED = int(os.environ.get("DUBAN_FAULT_SEED", "20261202"))


class ConfigFaultTest(DubanTestCase):

    def setUp(self):
        self.work = tempfile.mkdtemp(prefix="duban-cfg-fault-")
        self.addCleanup(shutil.rmtree, self.work, True)
        self.cert, self.key = make_certificate(self.work)
        self.mail_dir = os.path.join(self.work, "received")
        self.hook = self.server("http_receiver.py",
                                ["--dingtalk", "--secret", DINGTALK_SECRET,
                                 "--record", os.path.join(self.work, "hook.jsonl")])

    def server(self, script, args):
        server = Server(script, args)
        self.addCleanup(server.stop)
        return server

    def smtp(self, port=0):
        return self.server("smtp_server.py",
                           ["--port", str(port), "--mail-dir", self.mail_dir,
                            "--tls-cert", self.cert, "--tls-key", self.key, "--starttls",
                            "--auth-user", SMTP_USER, "--auth-password", SMTP_PASSWORD])

    def messages(self, state=None):
        args = ["outbox", "messages", "--limit", "1000"] + (["--state", state] if state else [])
        return self.ctl_json(*args)["messages"]

    def hup_and_wait_for_log(self, needle, what):
        """SIGHUP, then wait for `needle` to appear in the log after this point."""
        before = len(self.daemon.log())
        self.daemon.signal(signal.SIGHUP)
        wait_for(lambda: needle in self.daemon.log()[before:],
                 "%s in the log:\n%s" % (what, self.daemon.log()[-3000:]), timeout=30)
        return self.daemon.log()[before:]

    def write_raw(self, content):
        with open(self.daemon.config, "wb") as f:
            f.write(content)

    def test_garbage_config_and_sighup_keep_the_running_config(self):
        print("seed %d (DUBAN_FAULT_SEED)" % SEED, file=sys.stderr)
        rng = random.Random(SEED)
        down = self.smtp()
        port = down.port
        down.stop()  # the server is down: the reminders fail and are retried
        daemon = DeliveryDaemon(port, self.hook.port, self.cert)
        self.addCleanup(daemon.cleanup)
        self.daemon = daemon
        daemon.start(["--clock-start", FIRST_START])
        self.assertEqual(daemon.stop(), 0, daemon.log())
        daemon.start(["--clock-start", SEND_DAY])
        wait_for(lambda: [m for m in self.messages("failed") if m["channel"] == "email"],
                 "email attempts failing while the server is down")
        good = daemon.config_text()
        with open(daemon.config, encoding="utf-8") as f:
            self.assertEqual(f.read(), good)

        # 1. A line of junk in the middle of a good file: the log names file and line.
        lines = good.split("\n")
        junk_line = lines.index("[mail]") + 2  # 1-based number of the line after [mail]
        lines.insert(junk_line - 1, "this is = = not toml \x01")
        self.write_raw("\n".join(lines).encode("utf-8"))
        logged = self.hup_and_wait_for_log("keeping the running configuration", "reload failure")
        self.assertIn("%s:%d" % (daemon.config, junk_line), logged)

        # 2. Random bytes.
        self.write_raw(bytes(rng.randrange(256) for _ in range(4096)))
        logged = self.hup_and_wait_for_log("keeping the running configuration", "reload failure")
        self.assertIn(daemon.config, logged)

        # 3. Cut off inside a string.
        cut = good.index('url = "smtp://') + len('url = "smt')
        self.write_raw(good[:cut].encode("utf-8"))
        logged = self.hup_and_wait_for_log("keeping the running configuration", "reload failure")
        self.assertIn("%s:%d" % (daemon.config, good[:cut].count("\n") + 1), logged)

        # 4. The file gone.
        os.remove(daemon.config)
        logged = self.hup_and_wait_for_log("keeping the running configuration", "reload failure")
        self.assertIn(daemon.config, logged)

        # Still serving, still the old configuration (the agencies it named), still alive.
        self.assertIsNone(daemon.process.poll(), daemon.log()[-3000:])
        self.assertEqual(self.ctl_json("agency", "省科技厅")["agency"]["email"],
                         "kjt@example.gov.cn")
        # And still delivering with the running [mail] settings: the server comes back on
        # the same port, and every message arrives once.
        self.smtp(port=port)
        wait_for(lambda: (lambda ms: len(ms) == 3 and all(m["state"] == "sent" for m in ms))(
            self.messages()), "every message sent while the config file is garbage",
            timeout=60)
        ids = [str(m["Message-ID"]) for m, _ in received_emails(self.mail_dir)]
        self.assertEqual(len(ids), 2, ids)
        self.assertEqual(len(set(ids)), 2, ids)

        # A fixed file (with a new alias) applies at the next SIGHUP.
        self.ctl_fails(1, "agency", "省科学技术厅")
        self.write_raw(good.replace('name = "省科技厅"\n',
                                    'name = "省科技厅"\naliases = ["省科学技术厅"]\n', 1)
                       .encode("utf-8"))
        self.hup_and_wait_for_log("reloaded " + daemon.config, "the reload")
        self.assertEqual(self.ctl_json("agency", "省科学技术厅")["agency"]["name"], "省科技厅")
        self.assertIsNone(daemon.process.poll())


def main():
    _, rest = duban_harness.parse_args(__doc__)
    unittest.main(argv=[sys.argv[0]] + rest, verbosity=2)


if __name__ == "__main__":
    main()
