"""Shared parts of the delivery fault tests (tests/e2e/test_faults_*.py): a duband that
sends each task's reminder by email (SMTP with STARTTLS and AUTH to
tests/servers/smtp_server.py) and by a signed Standard Webhook (to
tests/servers/http_receiver.py --standard, which verifies the signature), the servers,
and readers of what the servers received, keyed by the store's message keys.

Time: as test_delivery.py. A first start at FIRST_START sets the scheduler's evaluation
mark; a start at SEND_DAY (2026-12-02 09:00:20, Shanghai) finds the 09:00 reminders of
the tasks due 2026-12-03 and queues them: per-task digests, so N tasks give N emails and
N webhook messages to 省科技厅. No rule falls due later in the tests' windows (no
escalation), so restarts at later instants queue nothing new.

Ids: a duplicate must carry the first copy's id. The ids are computed here from the
store's message key, independently of duban's code: Message-ID = <duban.H@example.gov.cn>
and webhook-id = msg_H, H the first 32 hex digits of SHA-256(key) (docs/DELIVERY.md).

Not a test module itself (no test_ prefix). Python 3 standard library only, plus the
servers' aiosmtpd (Debian's python3-aiosmtpd).
"""

import base64
import email
import email.policy
import hashlib
import json
import os
import sqlite3
import time

from duban_harness import Daemon
from test_delivery import SMTP_PASSWORD, SMTP_USER, Server, make_certificate

FIRST_START = "2026-12-01T08:00:00+08:00"
SEND_DAY = "2026-12-02T09:00:20+08:00"
WEBHOOK_SECRET = "whsec_" + base64.b64encode(b"duban-fault-test-key-0123456789!").decode()
AGENCY = "省科技厅"
EMAIL = "kjt@example.gov.cn"

CALENDAR_AND_RULES = """
[calendar]
weekend = [6, 7]
years = [2026]

[deadlines]
final_due = "2026-12-03"
cycle = "none"
participant_lead_days = 1

[rules]
send_time = "09:00"
quiet_hours = "20:00-08:00"
catch_up = "all"
catch_up_grace_minutes = 60

[[rules.reminder]]
offsets = [1]
recipients = ["contact"]
channels = [%s]
"""


def plan_text(tasks):
    lines = ["关于测试督办工作的分工方案", "一、推进重点工作"]
    lines += ["  %d.完成第%d项测试工作。(%s负责)" % (n, n, AGENCY) for n in range(1, tasks + 1)]
    return "\n".join(lines) + "\n"


def message_id(key):
    return "<duban.%s@example.gov.cn>" % hashlib.sha256(key.encode()).hexdigest()[:32]


def webhook_id(key):
    return "msg_" + hashlib.sha256(key.encode()).hexdigest()[:32]


# The FaultDaemon made last: a timed-out wait shows its log as it is then.
CURRENT = []


def wait_for(predicate, what, timeout=60.0, interval=0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    log = CURRENT[-1].log()[-4000:] if CURRENT else ""
    raise AssertionError("timed out after %.0f s waiting for %s\nduband log now (tail):\n%s"
                         % (timeout, what, log))


class FaultServers:
    """The certificate, the SMTP server and the webhook receiver of one test. The SMTP
    server can be stopped and started again on the same port (an outage)."""

    def __init__(self, work, smtp_extra=(), hook_extra=()):
        self.work = work
        self.cert, self.key = make_certificate(work)
        self.mail_dir = os.path.join(work, "received")
        self.record = os.path.join(work, "hook-requests.jsonl")
        self.smtp_extra = list(smtp_extra)
        self.smtp = None
        self.smtp_port = 0
        self.hook = None
        self.hook_port = 0
        self.start_smtp()
        self.start_hook(hook_extra)

    def start_smtp(self, extra=None):
        self.smtp = Server("smtp_server.py",
                           ["--port", str(self.smtp_port), "--mail-dir", self.mail_dir,
                            "--tls-cert", self.cert, "--tls-key", self.key, "--starttls",
                            "--auth-user", SMTP_USER, "--auth-password", SMTP_PASSWORD]
                           + (self.smtp_extra if extra is None else list(extra)))
        self.smtp_port = self.smtp.port
        return self.smtp

    def stop_smtp(self):
        if self.smtp is not None:
            self.smtp.stop()
            self.smtp = None

    def start_hook(self, extra=()):
        self.hook = Server("http_receiver.py",
                           ["--port", str(self.hook_port), "--standard", "--secret",
                            WEBHOOK_SECRET, "--record", self.record] + list(extra))
        self.hook_port = self.hook.port
        return self.hook

    def stop_hook(self):
        if self.hook is not None:
            self.hook.stop()
            self.hook = None

    def stop(self):
        self.stop_smtp()
        self.stop_hook()

    def email_count(self):
        if not os.path.isdir(self.mail_dir):
            return 0
        return sum(1 for name in os.listdir(self.mail_dir) if name.endswith(".eml"))

    def hook_count(self):
        if not os.path.exists(self.record):
            return 0
        with open(self.record, "rb") as f:
            return f.read().count(b"\n")

    def emails(self):
        """The Message-ID of every email the server accepted, in arrival order."""
        ids = []
        for name in sorted(os.listdir(self.mail_dir)) if os.path.isdir(self.mail_dir) else []:
            if name.endswith(".eml"):
                with open(os.path.join(self.mail_dir, name), "rb") as f:
                    message = email.message_from_bytes(f.read(), policy=email.policy.default)
                ids.append(str(message["Message-ID"]))
        return ids

    def hook_requests(self):
        """Every request the receiver answered, as recorded (see http_receiver.py)."""
        if not os.path.exists(self.record):
            return []
        with open(self.record, encoding="utf-8") as f:
            return [json.loads(line) for line in f if line.strip()]

    def webhooks(self, accepted_only=True):
        """The webhook-id of every request the receiver accepted (2xx), in order."""
        return [r["headers"].get("webhook-id") for r in self.hook_requests()
                if r["verified"] and (not accepted_only or 200 <= r["status"] < 300)]


class FaultDaemon(Daemon):
    """A duband sending to FaultServers: `tasks` tasks of 省科技厅, reminded by the
    `channels` given, with the [delivery], [mail] and [[webhook]] settings given."""

    def __init__(self, servers, tasks, channels=("email", "webhook"), delivery="",
                 mail="", webhook="", extra_toml=""):
        self.servers = servers
        self.tasks = tasks
        self.channels = channels
        self.delivery = delivery
        self.mail_settings = mail
        self.webhook = webhook
        super().__init__(extra_toml=extra_toml)
        CURRENT.append(self)

    def config_text(self, extra_toml="", agencies_toml=""):
        password = os.path.join(self.dir, "smtp-password")
        with open(password, "w", encoding="utf-8") as f:
            f.write(SMTP_PASSWORD + "\n")
        os.chmod(password, 0o600)
        secret = os.path.join(self.dir, "webhook-secret")
        with open(secret, "w", encoding="utf-8") as f:
            f.write(WEBHOOK_SECRET + "\n")
        os.chmod(secret, 0o600)
        plan = os.path.join(self.dir, "plan.txt")
        with open(plan, "w", encoding="utf-8") as f:
            f.write(plan_text(self.tasks))
        channels = ", ".join('"%s"' % c for c in self.channels)
        return ('[daemon]\nstate_dir = "%s"\nsocket = "%s"\nlog_level = "debug"\n'
                'time_zone = "Asia/Shanghai"\n\n'
                '[store]\npath = "%s"\n\n'
                '[mail]\ntransport = "smtp"\ndir = "%s"\n'
                'from = "督办系统 <duban@example.gov.cn>"\n'
                'url = "smtp://127.0.0.1:%d"\nstarttls = "required"\n'
                'username = "%s"\npassword_file = "%s"\nca_file = "%s"\n%s\n\n'
                '[delivery]\ndigest = "task"\njitter = 0.0\n%s\n\n'
                '[[webhook]]\nname = "hub"\nkind = "standard"\n'
                'url = "http://127.0.0.1:%d/hooks"\nsecret_file = "%s"\n%s\n\n'
                '[office]\nname = "领导小组办公室"\nemail = "office@example.gov.cn"\n\n'
                '[plan]\nfile = "%s"\n\n'
                '[[agency]]\nname = "%s"\nemail = "%s"\nwebhook = "hub"\n'
                '%s\n%s\n'
                % (os.path.join(self.dir, "state"), self.socket, self.store, self.mail,
                   self.servers.smtp_port, SMTP_USER, password, self.servers.cert,
                   self.mail_settings, self.delivery, self.servers.hook_port, secret,
                   self.webhook, plan, AGENCY, EMAIL, CALENDAR_AND_RULES % channels,
                   extra_toml))

    def queue_reminders(self, when=SEND_DAY):
        """First start (sets the evaluation mark), stop, start at `when`: the reminders
        are queued and sending begins."""
        self.start(["--clock-start", FIRST_START])
        code = self.stop()
        if code != 0:
            raise AssertionError("duband exited %s:\n%s" % (code, self.log()[-3000:]))
        return self.start(["--clock-start", when])

    def store_messages(self):
        """{key: (channel, state, attempts, last_error)} read straight from the store."""
        with sqlite3.connect("file:%s?mode=ro" % self.store, uri=True, timeout=30) as db:
            rows = db.execute("SELECT key, channel, state, attempts, last_error FROM messages")
            return {key: (channel, state, attempts, error)
                    for key, channel, state, attempts, error in rows}
