#!/usr/bin/env python3
"""End-to-end tests of where targets (指标) show, with the real duband and dubanctl
(harness: duban_harness.py): `dubanctl task N` (the 指标 block and the pointer to the
proposals) and its JSON, the 考核 report's target counts in JSON and CSV, and the target
line of a reminder e-mail (below, TargetsInRemindersTest).

Plan: tests/data/plans/07-anhui-2022-zdgz-zrfj.txt. Task 1 "全省生产总值增长7%以上" (lead
省发展改革委 = 省发改委) gets its proposal confirmed (≥7%, yearly, a rate: judged as it
stands) and a value of 5.1 reported now, so by hand it is BEHIND whatever today's date;
task 2's proposal is left unconfirmed. 省商务厅 leads tasks 3 and 4, whose targets are
never confirmed, so it answers for none.

Run by ctest (tests/CMakeLists.txt) as
    python3 test_targets_show.py --duband PATH --dubanctl PATH --source-dir REPO [unittest args]
Python 3 standard library only.
"""

import email
import email.policy
import glob
import os
import sys
import time
import unittest

import duban_harness
from duban_harness import DubanTestCase, source_path

PLAN = "tests/data/plans/07-anhui-2022-zdgz-zrfj.txt"

AGENCIES = """
[[agency]]
name = "省发改委"
aliases = ["省发展改革委"]
email = "fgw@example.gov.cn"

[[agency]]
name = "省商务厅"
email = "swt@example.gov.cn"
"""


class Daemon(duban_harness.Daemon):
    def __init__(self, extra_toml="", agencies_toml=AGENCIES):
        super().__init__(extra_toml, agencies_toml)


class TargetsShowTest(DubanTestCase):
    daemon_class = Daemon

    def setUp(self):
        self.start_daemon()
        self.ctl_ok("plan", "import", "--accept-doubtful", source_path(PLAN))
        proposed = self.ctl_json("target", "list", "--state", "proposed")["targets"]
        growth = [t for t in proposed if t["task_ref"] == "1"]
        self.assertEqual(len(growth), 1, proposed)
        self.growth = growth[0]
        self.task2_proposals = len([t for t in proposed if t["task_ref"] == "2"])
        self.assertGreaterEqual(self.task2_proposals, 1, proposed)
        self.ctl_ok("target", "confirm", str(self.growth["id"]))
        self.ctl_ok("feedback", "1", "--agency", "省发展改革委", "--text", "一季度增长5.1%",
                    "--value", "%s=5.1" % self.growth["name"])

    def test_task_view_shows_targets_and_points_to_proposals(self):
        out = self.ctl_ok("task", "1")
        self.assertIn("targets (指标): 1 confirmed", out)
        row = [line for line in out.splitlines() if line.startswith(self.growth["name"])]
        self.assertEqual(len(row), 1, out)
        for cell in ("≥7%", "每年 yearly", "滞后 behind", "5.1 (", "省发改委)"):
            self.assertIn(cell, row[0])
        self.assertNotIn("proposed target", out)

        out = self.ctl_ok("task", "2")
        self.assertIn("targets (指标): none", out)
        plural = "proposed target" if self.task2_proposals == 1 else "proposed targets"
        self.assertIn("%d %s: dubanctl target list 2 --state proposed" % (self.task2_proposals, plural),
                      out)

        task = self.ctl_json("task", "1")
        self.assertEqual(task["proposed_targets"], 0)
        self.assertEqual(len(task["targets"]), 1)
        target = task["targets"][0]
        self.assertEqual(target["formatted"], "≥7%")
        self.assertEqual(target["reading"]["status"], "behind")
        self.assertEqual(target["reading"]["status_zh"], "滞后")
        self.assertEqual(target["reading"]["last_value"], 5.1)
        self.assertEqual(target["reading"]["last_agency"], "省发改委")

    def test_assessment_counts_targets_met_per_agency(self):
        # A period from long ago to far ahead: the as-of moment is now, after the value.
        args = ("report", "assessment", "--from", "2020-01-01", "--to", "2030-12-31")
        report = self.ctl_json(*args)["report"]
        agencies = {a["agency"]: a for a in report["agencies"]}
        self.assertEqual(agencies["省发改委"]["targets"],
                         {"total": 1, "met": 0, "on_track": 0, "behind": 1, "missing": 0})
        self.assertEqual(agencies["省商务厅"]["targets"]["total"], 0)
        self.assertEqual(report["totals"]["targets"]["total"], 1)

        csv_path = self.daemon.path("report.csv")
        self.ctl_ok(*args, "--format", "csv", "--output", csv_path)
        with open(csv_path, encoding="utf-8-sig", newline="") as f:
            lines = f.read().split("\r\n")
        self.assertTrue(lines[0].endswith(",当前状态,指标达标,指标滞后"), lines[0])
        fgw = [line for line in lines if ",省发改委," in line]
        self.assertEqual(len(fgw), 1, lines)
        self.assertTrue(fgw[0].endswith(",0/1,1"), fgw[0])
        swt = [line for line in lines if ",省商务厅," in line]
        self.assertTrue(swt[0].endswith(",—,—"), swt[0])


# The reminder: duband runs with --clock-start (test_delivery.py's scheme). Started at
# 2026-12-01 08:00 (Shanghai) to import the plan, add a target to task 1 (≥3个百分点) and
# record 省科技厅's feedback with 覆盖率=2.1; restarted at 2026-12-02 09:00:20, it sends
# 省发改委's 09:00 reminder (one working day before the 12-03 due date) as one digest .eml
# for tasks 1 and 2. Task 1's item carries the target line, task 2's none.
REMINDER_PLAN = """关于测试指标提醒的分工方案
一、推进重点工作
  1.建设一批公共技术服务平台。(省发改委牵头,省科技厅参加)
  2.完善统计监测制度。(省发改委负责)
"""

REMINDER_CONFIG = """
[office]
name = "领导小组办公室"

[calendar]
weekend = [6, 7]
years = [2026]

[deadlines]
final_due = "2026-12-03"
cycle = "none"
participant_lead_days = 1

[rules]
send_time = "09:00"
catch_up = "all"
catch_up_grace_minutes = 60
escalation = []

[[rules.reminder]]
offsets = [1]
recipients = ["contact"]
channels = ["email"]
"""

REMINDER_AGENCIES = """
[[agency]]
name = "省发改委"
email = "fgw@example.gov.cn"

[[agency]]
name = "省科技厅"
email = "kjt@example.gov.cn"
"""


class ReminderDaemon(duban_harness.Daemon):
    def __init__(self):
        super().__init__(REMINDER_CONFIG, REMINDER_AGENCIES)


class TargetsInRemindersTest(DubanTestCase):
    daemon_class = ReminderDaemon

    def emails_to(self, address):
        found = []
        for path in sorted(glob.glob(os.path.join(self.daemon.mail, "*.eml"))):
            with open(path, "rb") as f:
                message = email.message_from_bytes(f.read(), policy=email.policy.default)
            if message["To"].addresses[0].addr_spec == address:
                found.append(message.get_body(preferencelist=("plain",)).get_content())
        return found

    def test_reminder_names_the_target_and_the_last_value(self):
        daemon = self.start_daemon()
        daemon.stop()
        daemon.start(["--clock-start", "2026-12-01T08:00:00+08:00"])
        plan = self.write_file("plan.txt", REMINDER_PLAN)
        self.ctl_ok("plan", "import", plan)
        self.ctl_ok("target", "add", "1", "--name", "覆盖率", "--value", "3", "--unit", "个百分点")
        self.ctl_ok("feedback", "1", "--agency", "省科技厅", "--text", "覆盖率提高2.1个百分点",
                    "--value", "覆盖率=2.1")
        self.assertEqual(daemon.stop(), 0, daemon.log())
        daemon.start(["--clock-start", "2026-12-02T09:00:20+08:00"])
        deadline = time.monotonic() + 20
        while not self.emails_to("fgw@example.gov.cn") and time.monotonic() < deadline:
            time.sleep(0.1)
        bodies = self.emails_to("fgw@example.gov.cn")
        self.assertEqual(len(bodies), 1, daemon.log()[-4000:])
        text = bodies[0].replace("\r\n", "\n")  # the e-mail's CRLF line ends
        self.assertIn("1. 第1项　建设一批公共技术服务平台\n"
                      "   报送任务办结情况，截止日期2026年12月3日，距截止还有1天。\n"
                      "   目标：≥3个百分点；上次报送：2.1。\n", text)
        self.assertIn("2. 第2项　完善统计监测制度\n"
                      "   报送任务办结情况，截止日期2026年12月3日，距截止还有1天。\n\n", text)
        self.assertEqual(text.count("目标："), 1, text)


def main():
    _, rest = duban_harness.parse_args(__doc__.splitlines()[0])
    unittest.main(argv=[sys.argv[0]] + rest, verbosity=2)


if __name__ == "__main__":
    main()
