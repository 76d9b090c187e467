#!/usr/bin/env python3
"""End-to-end tests of delivery: the real duband and dubanctl against a real SMTP server
(aiosmtpd with STARTTLS and AUTH, tests/servers/smtp_server.py) and a real HTTP receiver
playing a DingTalk robot that verifies the signature itself
(tests/servers/http_receiver.py).

Time: duband runs with --clock-start, so its wall clock starts at a chosen instant of
2026 and then runs at the real pace. A first start at 2026-12-01 08:00 (Shanghai) sets the
scheduler's evaluation mark; a restart at 09:00:20 on the next day finds that day's 09:00
reminders within the catch-up grace and sends them at once. No test waits for a schedule;
tests only poll (bounded) for the daemon's asynchronous sends to land.

The plan: tasks 1 and 2 led by 省发改委 (task 1 with 省科技厅 participating), final due
2026-12-03 (Thursday), participants due one working day earlier; one reminder one working
day before each agency's due date, by email and webhook. So at 2026-12-02 09:00:
省发改委 is reminded of tasks 1 and 2 (one digest email, one DingTalk message) and
省科技厅's reminder of task 1 (due 12-02, reminded 12-01 09:00) was missed while down.

Run by ctest as
    python3 test_delivery.py --duband PATH --dubanctl PATH --source-dir REPO [unittest args]
"""

import email
import email.header
import email.policy
import glob
import json
import os
import re
import subprocess
import sys
import time
import unittest

import duban_harness
from duban_harness import Daemon, DubanTestCase

PYTHON = "/usr/bin/python3"  # Debian's, with python3-aiosmtpd
POLL_TIMEOUT = 20.0

FIRST_START = "2026-12-01T08:00:00+08:00"
SEND_DAY = "2026-12-02T09:00:20+08:00"

PLAN = """关于测试督办工作的分工方案
一、推进重点工作
  1.建设一批公共技术服务平台。(省发改委牵头,省科技厅参加)
  2.完善统计监测制度。(省发改委负责)
"""

SMTP_USER = "duban"
SMTP_PASSWORD = "s3cret-smtp"
DINGTALK_SECRET = "SECtest0123456789abcdef"

CALENDAR = """
[calendar]
weekend = [6, 7]
years = [2026]

[[calendar.holiday]]
from = "2026-10-01"
to = "2026-10-07"
name = "国庆节"
"""

DEADLINES = """
[deadlines]
final_due = "2026-12-03"
cycle = "none"
participant_lead_days = 1
"""

RULES = """
[rules]
send_time = "09:00"
quiet_hours = "20:00-08:00"
catch_up = "all"
catch_up_grace_minutes = 60

[[rules.reminder]]
offsets = [1]
recipients = ["contact"]
channels = ["email", "webhook"]

[[rules.escalation]]
name = "urge"
level = "urge"
after_working_days = 1
recipients = ["contact"]
channels = ["email"]
"""


def wait_for(predicate, what, timeout=POLL_TIMEOUT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("timed out after %.0f s waiting for %s" % (timeout, what))


class Server:
    """A test server script run with Debian's python; reads its port from stdout."""

    def __init__(self, script, args):
        self.process = subprocess.Popen(
            [PYTHON, duban_harness.source_path("tests/servers/" + script)] + args,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.process.stdout.readline()
        if not line.strip().isdigit():
            self.process.kill()
            raise AssertionError("%s did not start: %r %s" % (script, line,
                                                              self.process.stderr.read()))
        self.port = int(line)

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process.stdout.close()
        self.process.stderr.close()


def make_certificate(directory):
    cert = os.path.join(directory, "cert.pem")
    key = os.path.join(directory, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=localhost", "-addext",
                    "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", key, "-out", cert],
                   check=True, capture_output=True)
    return cert, key


def received_emails(mail_dir):
    """Every message the SMTP server accepted, parsed, with its envelope."""
    found = []
    for path in sorted(glob.glob(os.path.join(mail_dir, "*.eml"))):
        with open(path, "rb") as f:
            message = email.message_from_bytes(f.read(), policy=email.policy.default)
        with open(path[:-4] + ".json", encoding="utf-8") as f:
            envelope = json.load(f)
        found.append((message, envelope))
    return found


def body_text(message):
    part = message.get_body(preferencelist=("plain",))
    return part.get_content() if part is not None else ""


def received_requests(record):
    if not os.path.exists(record):
        return []
    with open(record, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


class DeliveryDaemon(Daemon):
    """A duband sending over SMTP (STARTTLS + AUTH) to the test server and to a DingTalk
    robot played by the HTTP receiver."""

    def __init__(self, smtp_port, hook_port, cert, extra_toml="", digest="agency",
                 backoff_seconds=1):
        self.smtp_port = smtp_port
        self.hook_port = hook_port
        self.cert = cert
        self.digest = digest
        self.backoff_seconds = backoff_seconds
        super().__init__(extra_toml=extra_toml)

    def config_text(self, extra_toml="", agencies_toml=""):
        # Backoff of 1-2 s so the outage test sees retries without a long wait, and 20
        # attempts so a slow machine restarting the SMTP server never sees it go dead.
        password = os.path.join(self.dir, "smtp-password")
        with open(password, "w", encoding="utf-8") as f:
            f.write(SMTP_PASSWORD + "\n")
        os.chmod(password, 0o600)
        secret = os.path.join(self.dir, "dingtalk-secret")
        with open(secret, "w", encoding="utf-8") as f:
            f.write(DINGTALK_SECRET + "\n")
        os.chmod(secret, 0o600)
        plan = os.path.join(self.dir, "plan.txt")
        with open(plan, "w", encoding="utf-8") as f:
            f.write(PLAN)
        return ('[daemon]\nstate_dir = "%s"\nsocket = "%s"\nlog_level = "debug"\n'
                'time_zone = "Asia/Shanghai"\n\n'
                '[store]\npath = "%s"\n\n'
                '[mail]\ntransport = "smtp"\ndir = "%s"\n'
                'from = "督办系统 <duban@example.gov.cn>"\n'
                'url = "smtp://127.0.0.1:%d"\nstarttls = "required"\n'
                'username = "%s"\npassword_file = "%s"\nca_file = "%s"\n'
                'timeout_seconds = 10\nbatch_size = 20\n\n'
                '[delivery]\ndigest = "%s"\nbackoff_initial_seconds = %d\n'
                'backoff_max_seconds = %d\njitter = 0.0\nmax_attempts = 20\n\n'
                '[[webhook]]\nname = "fgw-robot"\nkind = "dingtalk"\n'
                'url = "http://127.0.0.1:%d/robot/send?access_token=test-token"\n'
                'secret_file = "%s"\nformat = "markdown"\n\n'
                '[office]\nname = "领导小组办公室"\nemail = "office@example.gov.cn"\n\n'
                '[plan]\nfile = "%s"\n\n'
                '[[agency]]\nname = "省发改委"\nemail = "fgw@example.gov.cn"\n'
                'webhook = "fgw-robot"\n\n'
                '[[agency]]\nname = "省科技厅"\nemail = "kjt@example.gov.cn"\n'
                '%s\n%s\n%s\n%s\n'
                % (os.path.join(self.dir, "state"), self.socket, self.store, self.mail,
                   self.smtp_port, SMTP_USER, password, self.cert, self.digest,
                   self.backoff_seconds, self.backoff_seconds * 2, self.hook_port, secret, plan,
                   CALENDAR, DEADLINES, RULES, extra_toml))


class DeliveryTest(DubanTestCase):

    def setUp(self):
        import tempfile
        self.work = tempfile.mkdtemp(prefix="duban-delivery-")
        self.cert, self.key = make_certificate(self.work)
        self.mail_dir = os.path.join(self.work, "received")
        self.events = os.path.join(self.work, "smtp-events.jsonl")
        self.record = os.path.join(self.work, "hook-requests.jsonl")
        self.smtp = None
        self.hook = self.start_server("http_receiver.py",
                                      ["--dingtalk", "--secret", DINGTALK_SECRET,
                                       "--record", self.record])

    def tearDown(self):
        import shutil
        shutil.rmtree(self.work, ignore_errors=True)

    def start_server(self, script, args):
        server = Server(script, args)
        self.addCleanup(server.stop)
        return server

    def start_smtp(self, port=0, extra=()):
        self.smtp = self.start_server(
            "smtp_server.py",
            ["--port", str(port), "--mail-dir", self.mail_dir, "--events", self.events,
             "--tls-cert", self.cert, "--tls-key", self.key, "--starttls",
             "--auth-user", SMTP_USER, "--auth-password", SMTP_PASSWORD] + list(extra))
        return self.smtp

    def daemon_at(self, smtp_port, when, **kwargs):
        """A daemon on the test servers, started (first) at 2026-12-01 08:00 so that its
        evaluation mark is set, then restarted at `when`."""
        daemon = DeliveryDaemon(smtp_port, self.hook.port, self.cert, **kwargs)
        self.addCleanup(daemon.cleanup)
        self.daemon = daemon
        daemon.start(["--clock-start", FIRST_START])
        self.assertEqual(daemon.stop(), 0, daemon.log())
        daemon.start(["--clock-start", when])
        return daemon

    def wait(self, predicate, what, timeout=POLL_TIMEOUT):
        """wait_for, with the daemon's log and messages in the failure."""
        try:
            return wait_for(predicate, what, timeout)
        except AssertionError as error:
            raise AssertionError("%s\nmessages: %s\nduband log (tail):\n%s"
                                 % (error, self.daemon.ctl("--json", "outbox", "messages").stdout,
                                    self.daemon.log()[-6000:])) from None

    def messages(self, state=None):
        args = ["outbox", "messages", "--limit", "10000"] + (["--state", state] if state else [])
        return self.ctl_json(*args)["messages"]

    def all_sent(self, count):
        messages = self.messages()
        return len(messages) == count and all(m["state"] == "sent" for m in messages)

    def test_digest_email_and_signed_dingtalk_message_arrive(self):
        self.start_smtp()
        self.daemon_at(self.smtp.port, SEND_DAY)
        # 省发改委: one digest email (tasks 1 and 2) and one robot message; 省科技厅: one
        # email (its reminder was missed while down; catch_up = "all" sends it).
        self.wait(lambda: self.all_sent(3), "three messages sent")
        emails = received_emails(self.mail_dir)
        self.assertEqual(len(emails), 2, [e[1] for e in emails])
        by_rcpt = {envelope["rcpt_tos"][0]: (message, envelope) for message, envelope in emails}
        fgw, envelope = by_rcpt["fgw@example.gov.cn"]
        self.assertTrue(envelope["tls"], "sent in clear although STARTTLS is required")
        self.assertEqual(envelope["auth_user"], SMTP_USER)
        self.assertIn("提醒", str(fgw["Subject"]))
        self.assertEqual(fgw["From"].addresses[0].display_name, "督办系统")
        self.assertEqual(fgw["To"].addresses[0].addr_spec, "fgw@example.gov.cn")
        self.assertRegex(str(fgw["Message-ID"]), r"^<duban\.[0-9a-f]{32}@example\.gov\.cn>$")
        self.assertTrue(str(fgw["References"]).startswith("<duban.thread."))
        text = body_text(fgw)
        self.assertIn("建设一批公共技术服务平台", text)  # task 1
        self.assertIn("完善统计监测制度", text)          # task 2: one digest, both tasks
        self.assertIn("截止日期2026年12月3日", text)
        kjt, _ = by_rcpt["kjt@example.gov.cn"]
        self.assertIn("建设一批公共技术服务平台", body_text(kjt))
        self.assertNotIn("完善统计监测制度", body_text(kjt))
        # The robot verified DingTalk's signature itself.
        requests = received_requests(self.record)
        self.assertEqual(len(requests), 1, requests)
        self.assertTrue(requests[0]["verified"], requests[0])
        body = json.loads(requests[0]["body"])
        self.assertEqual(body["msgtype"], "markdown")
        self.assertIn("完善统计监测制度", body["markdown"]["text"])
        # Every action is sent.
        actions = self.ctl_json("outbox")["rows"]
        self.assertTrue(actions)
        self.assertEqual({a["state"] for a in actions}, {"sent"}, actions)

    def test_outage_then_recovery_delivers_each_message_exactly_once(self):
        # Nothing listens on the SMTP port at first: every attempt fails (retryable).
        self.start_smtp()
        port = self.smtp.port
        self.smtp.stop()
        self.daemon_at(port, SEND_DAY)
        failed = self.wait(lambda: [m for m in self.messages("failed")
                                   if m["channel"] == "email"], "email attempts failing")
        self.assertGreaterEqual(failed[0]["attempts"], 1)
        self.assertTrue(failed[0]["last_error"])
        # The server comes back on the same port; the backoff (1-2 s here) retries.
        self.start_smtp(port=port)
        self.wait(lambda: self.all_sent(3), "all messages sent after the outage")
        emails = received_emails(self.mail_dir)
        ids = [str(m["Message-ID"]) for m, _ in emails]
        self.assertEqual(len(ids), 2, ids)
        self.assertEqual(len(set(ids)), 2, "a message arrived twice: %s" % ids)
        for message in self.messages():
            if message["channel"] == "email":
                self.assertGreaterEqual(message["attempts"], 2, message)

    def test_permanent_rejection_makes_the_message_dead(self):
        self.start_smtp(extra=["--reject", "kjt@example.gov.cn=550"])
        self.daemon_at(self.smtp.port, SEND_DAY)
        dead = self.wait(lambda: self.messages("dead"), "the rejected message dead")
        self.assertEqual(len(dead), 1, dead)
        self.assertEqual(dead[0]["target"], "kjt@example.gov.cn")
        self.assertIn("550", dead[0]["last_error"])
        self.assertEqual(dead[0]["attempts"], 1)  # permanent: not retried
        self.wait(lambda: len(self.messages("sent")) == 2, "the other two sent")

    def test_crash_during_a_batch_resends_with_the_same_message_id(self):
        self.start_smtp(extra=["--accept-delay", "0.02"])
        # Per-task mode with many tasks: enough messages that a SIGKILL lands mid-way.
        daemon = DeliveryDaemon(self.smtp.port, self.hook.port, self.cert, digest="task")
        self.addCleanup(daemon.cleanup)
        self.daemon = daemon
        lines = ["关于测试督办工作的分工方案", "一、推进重点工作"]
        for n in range(1, 201):
            lines.append("  %d.完成第%d项测试工作。(省科技厅负责)" % (n, n))
        # The config (written by the constructor) names plan.txt: replace it before the
        # first start imports it.
        with open(os.path.join(daemon.dir, "plan.txt"), "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        daemon.start(["--clock-start", FIRST_START])
        self.assertEqual(daemon.stop(), 0, daemon.log())
        daemon.start(["--clock-start", SEND_DAY])
        self.wait(lambda: len(glob.glob(os.path.join(self.mail_dir, "*.eml"))) >= 5,
                 "the first messages to arrive")
        daemon.kill()
        arrived_before = len(glob.glob(os.path.join(self.mail_dir, "*.eml")))
        daemon.start(["--clock-start", "2026-12-02T09:01:00+08:00"])
        messages = self.wait(lambda: (lambda ms: ms if ms and all(m["state"] == "sent" for m in ms)
                                     else None)(self.messages()), "every message sent")
        self.assertLess(arrived_before, len(messages),
                        "every message had arrived before the kill: nothing was in flight")
        emails = received_emails(self.mail_dir)
        ids = [str(m["Message-ID"]) for m, _ in emails]
        self.assertGreaterEqual(len(emails), len(messages))
        # Every message arrived at least once, and any duplicate carries the same id.
        self.assertEqual(len(set(ids)), len(messages),
                         "arrived %d (%d before the kill), distinct ids %d, messages %d"
                         % (len(ids), arrived_before, len(set(ids)), len(messages)))

    def test_notify_test_sends_now(self):
        self.start_smtp()
        self.daemon_at(self.smtp.port, "2026-12-01T08:30:00+08:00")
        out = self.ctl_ok("notify", "test", "--agency", "省科技厅", "--channel", "email")
        self.assertIn("sent", out)
        emails = received_emails(self.mail_dir)
        self.assertEqual(len(emails), 1)
        self.assertIn("测试", str(emails[0][0]["Subject"]))
        self.assertEqual(emails[0][1]["rcpt_tos"], ["kjt@example.gov.cn"])

    def test_bad_template_refuses_reload_and_keeps_running(self):
        self.start_smtp()
        daemon = self.daemon_at(self.smtp.port, "2026-12-01T08:30:00+08:00")
        daemon.write_config(extra_toml='[templates]\n"email.remind.subject" = "{{#items}}{{nosuch}}{{/items}}"\n')
        err = self.ctl_fails(1, "reload")
        self.assertIn("email.remind.subject", err)
        self.assertIn("nosuch", err)
        self.ctl_ok("status")  # still serving with the running config
        checked = subprocess.run([duban_harness.ARGS.duband, "--config", daemon.config,
                                  "--check-config"], capture_output=True, text=True)
        self.assertNotEqual(checked.returncode, 0)
        self.assertIn("email.remind.subject", checked.stderr)


def main():
    _, rest = duban_harness.parse_args(__doc__)
    unittest.main(argv=[sys.argv[0]] + rest, verbosity=2)


if __name__ == "__main__":
    main()
