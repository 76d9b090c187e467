#!/usr/bin/env python3
"""End-to-end test of the scheduled 考核 report: the real duband and dubanctl, the mail
folder sink. [report] monthly, first working day, 09:00, to the office.

Time: duband runs with --clock-start. A first start on 2026-11-02 10:00 (Shanghai)
imports the plan (task 1 due 2026-11-20, no feedback: missing in November) and sets the
evaluation mark after October's report time (2026-11-02 09:00), so October's is not sent.
The restart at 2026-12-01 08:59:55 (Tuesday, December's first working day) wakes at 09:00
for November's report: one email to the office with the HTML report and a Chinese subject.
A second restart finds it queued already: no second copy. `report send` then refuses the
same period without --force, and with --force queues a second copy under a new key.

Run by ctest as
    python3 test_report_schedule.py --duband PATH --dubanctl PATH --source-dir REPO
"""

import email
import email.policy
import glob
import os
import time
import unittest

import duban_harness
from duban_harness import Daemon, DubanTestCase

POLL_TIMEOUT = 20.0
FIRST_START = "2026-11-02T10:00:00+08:00"
BEFORE_SEND = "2026-12-01T08:59:55+08:00"
AFTER_SEND = "2026-12-01T09:05:00+08:00"
SUBJECT = "考核情况通报（2026-11-01至2026-11-30"

PLAN = """关于测试考核通报的分工方案
一、推进重点工作
  1.建设一批公共技术服务平台。(省发改委牵头,省科技厅参加)
"""

CONFIG = """
[office]
name = "领导小组办公室"
email = "office@example.gov.cn"

[calendar]
weekend = [6, 7]
years = [2026]

[[calendar.holiday]]
from = "2026-10-01"
to = "2026-10-07"
name = "国庆节"

[deadlines]
final_due = "2026-11-20"
cycle = "none"
participant_lead_days = 0

[rules]
send_time = "09:00"
quiet_hours = "20:00-08:00"

[report]
schedule = "monthly"
working_day = 1
time = "09:00"
period = "previous"
email = ["office"]
"""

AGENCIES = """
[[agency]]
name = "省发改委"

[[agency]]
name = "省科技厅"
"""


def reports_in(mail_dir):
    """The .eml files in the mail folder whose subject is the 考核 report's."""
    found = []
    for path in sorted(glob.glob(os.path.join(mail_dir, "*.eml"))):
        with open(path, "rb") as f:
            message = email.message_from_bytes(f.read(), policy=email.policy.default)
        if str(message["Subject"]).startswith(SUBJECT):
            found.append(message)
    return found


class ReportScheduleTest(DubanTestCase):

    def setUp(self):
        daemon = Daemon(extra_toml=CONFIG, agencies_toml=AGENCIES)
        self.addCleanup(daemon.cleanup)
        self.daemon = daemon
        daemon.start(["--clock-start", FIRST_START])
        self.ctl_ok("plan", "import", self.write_file("plan.txt", PLAN))
        self.assertEqual(daemon.stop(), 0, daemon.log())

    def wait_reports(self, count):
        deadline = time.monotonic() + POLL_TIMEOUT
        while time.monotonic() < deadline:
            found = reports_in(self.daemon.mail)
            if len(found) >= count:
                return found
            time.sleep(0.1)
        self.fail("%d report email(s) expected, found %d\nmessages: %s\nlog:\n%s"
                  % (count, len(reports_in(self.daemon.mail)),
                     self.daemon.ctl("--json", "outbox", "messages").stdout,
                     self.daemon.log()[-4000:]))

    def report_messages(self):
        messages = self.ctl_json("outbox", "messages", "--target", "office@example.gov.cn",
                                 "--limit", "1000")["messages"]
        return [m for m in messages if m["subject"].startswith(SUBJECT)]

    def test_sent_once_at_the_first_working_day_and_never_again(self):
        self.daemon.start(["--clock-start", BEFORE_SEND])
        self.assertEqual(reports_in(self.daemon.mail), [],
                         "October's report (due 11-02 09:00, before the mark) or November's "
                         "(due in 5 s) was sent at start")
        [message] = self.wait_reports(1)
        self.assertEqual(message["To"].addresses[0].addr_spec, "office@example.gov.cn")
        self.assertIn("截至2026-11-30 24:00", str(message["Subject"]))
        html = message.get_body(preferencelist=("html",))
        self.assertIsNotNone(html, "no text/html part")
        page = html.get_content()
        self.assertIn("<svg", page)          # the chart
        self.assertIn("省发改委", page)
        plain = message.get_body(preferencelist=("plain",)).get_content()
        self.assertIn("未报", plain)         # task 1 due 11-20, no feedback: missing
        self.assertIn("2026-12-01 09:00", self.daemon.log())  # woke at the send time

        # Restart after the send time: nothing more is queued or sent.
        self.assertEqual(self.daemon.stop(), 0, self.daemon.log())
        self.daemon.start(["--clock-start", AFTER_SEND])
        self.ctl_ok("status")
        time.sleep(1.0)  # a bounded look for a second copy that must not come
        self.assertEqual(len(reports_in(self.daemon.mail)), 1)
        self.assertEqual(len(self.report_messages()), 1)

        # report send: the same period again only with --force.
        error = self.ctl_fails(1, "report", "send", "--period", "2026-11")
        self.assertIn("--force", error)
        dry = self.ctl_json("report", "send", "--period", "2026-11", "--force", "--dry-run")
        self.assertTrue(dry["dry_run"])
        self.assertEqual([m["target"] for m in dry["messages"]], ["office@example.gov.cn"])
        self.assertEqual(len(self.report_messages()), 1)  # a dry run queues nothing
        sent = self.ctl_json("report", "send", "--period", "2026-11", "--force")
        self.assertRegex(sent["key"], r"^report\|monthly\|2026-11\|resend-\d+$")
        self.wait_reports(2)
        self.assertEqual(len(self.report_messages()), 2)


if __name__ == "__main__":
    _, rest = duban_harness.parse_args(__doc__)
    unittest.main(argv=[__file__] + rest, verbosity=2)
