#!/usr/bin/env python3
"""End-to-end tests of the task lifecycle, feedback sheets and the audit log, with the real
duband and the real dubanctl (harness: duban_harness.py).

- A task goes suspend → complete (refused: resume it first) → resume → complete → reopen
  (refused without a reason, then done), and `dubanctl log --task 1` shows each
  transition with the user that ran dubanctl.
- A feedback sheet with one bad row imports nothing and lists every error by row and
  column; fixed, it stores every row in one go (attachments kept), and importing it again
  stores nothing (each row skipped as already stored).
- Feedback entered late with --received and --attach shows in `feedback list`.

Dates in the sheets are computed from today in Asia/Shanghai (the daemon's default zone),
never hard-coded, so the "not in the future" check is exercised on both sides.

Run by ctest (tests/CMakeLists.txt) as
    python3 test_lifecycle.py --duband PATH --dubanctl PATH --source-dir REPO [unittest args]
Python 3 standard library only.
"""

import datetime
import os
import pwd
import sys
import unittest

import duban_harness
from duban_harness import DubanTestCase

UTC8 = datetime.timezone(datetime.timedelta(hours=8))

PLAN = """关于测试督办工作的分工方案
一、推进重点工作
  1.建设一批公共技术服务平台。(省发改委牵头,省科技厅参加)
  2.完善统计监测制度。(省统计局负责)
"""

AGENCIES = """
[[agency]]
name = "省发改委"
aliases = ["省发展改革委"]
email = "fgw@example.gov.cn"
"""


def days_ago(n):
    return (datetime.datetime.now(UTC8).date() - datetime.timedelta(days=n)).isoformat()


def user_name():
    return pwd.getpwuid(os.getuid()).pw_name


class LifecycleTest(DubanTestCase):
    def setUp(self):
        self.start_daemon(agencies_toml=AGENCIES)
        plan = self.write_file("plan.txt", PLAN)
        self.assertIn("imported 2 tasks", self.ctl_ok("plan", "import", plan))

    def state(self, ref):
        return self.ctl_json("task", ref)["task"]["state"]

    def test_transitions_are_checked_and_each_is_in_the_log_with_its_user(self):
        self.assertIn("is now suspended",
                      self.ctl_ok("task", "1", "suspend", "--reason", "等待国务院批复"))
        err = self.ctl_fails(1, "task", "1", "complete")
        self.assertIn("cannot complete a suspended task", err)
        self.assertIn("resume it first", err)
        self.assertEqual(self.state("1"), "suspended")

        self.ctl_ok("task", "1", "resume", "--reason", "已批复")
        self.assertIn("is now completed", self.ctl_ok("task", "1", "complete", "--reason", "已办结"))

        # reopen needs a reason: the command line says so before asking the daemon ...
        self.ctl_fails(2, "task", "1", "reopen")
        # ... and a blank one is refused by the daemon, naming the command.
        err = self.ctl_fails(1, "task", "1", "reopen", "--reason", "  ")
        self.assertIn("reopen needs a reason", err)
        err = self.ctl_fails(1, "task", "2", "reopen", "--reason", "复查")
        self.assertIn("cannot reopen an active task", err)
        out = self.ctl_ok("task", "1", "reopen", "--reason", "复核发现遗留问题")
        self.assertIn("is now active (reason: 复核发现遗留问题)", out)
        self.assertEqual(self.state("1"), "active")

        log = self.ctl_json("log", "--task", "1", "--action", "task.state")
        transitions = [(e["detail"]["command"], e["detail"]["from"], e["detail"]["to"],
                        e["detail"]["reason"]) for e in log["entries"]]
        self.assertEqual(transitions, [
            ("suspend", "active", "suspended", "等待国务院批复"),
            ("resume", "suspended", "active", "已批复"),
            ("complete", "active", "completed", "已办结"),
            ("reopen", "completed", "active", "复核发现遗留问题"),
        ])
        for entry in log["entries"]:
            self.assertIn("(%s)" % user_name(), entry["actor"])
            self.assertEqual(entry["task_ref"], "1")

        table = self.ctl_ok("log", "--task", "1")
        self.assertIn("reopen: completed → active; reason: 复核发现遗留问题", table)
        self.assertIn("task.add", table)  # the import that brought the task in
        self.assertNotIn("task 2", table)
        self.assertIn(user_name(), table)

    def test_log_filters_by_agency_and_time(self):
        self.ctl_ok("feedback", "1", "--agency", "省发展改革委", "--text", "规划初稿已完成",
                    "--received", days_ago(3), "--attach", "/srv/反馈/fgw.pdf",
                    "--attach", "https://oa.example.gov.cn/d/1")
        self.ctl_ok("feedback", "add", "2", "--agency", "省统计局", "--text", "制度已印发")
        entries = self.ctl_json("log", "--agency", "省发改委")["entries"]
        self.assertEqual([e["action"] for e in entries if e["action"].startswith("feedback")],
                         ["feedback.add"])
        self.assertEqual(entries[-1]["detail"]["attachments"],
                         ["/srv/反馈/fgw.pdf", "https://oa.example.gov.cn/d/1"])
        tomorrow = (datetime.datetime.now(UTC8).date() + datetime.timedelta(days=1)).isoformat()
        self.assertEqual(self.ctl_json("log", "--since", tomorrow)["entries"], [])
        self.assertIn("省统计局", self.ctl_ok("log", "--limit", "1"))
        self.ctl_fails(2, "log", "--since", "2026-02-30")
        self.ctl_fails(1, "log", "--agency", "没有这个单位")

        wide = self.daemon.ctl("feedback", "list", "--task", "1", env={"COLUMNS": "250"})
        self.assertEqual(wide.returncode, 0, self.describe(wide))
        history = wide.stdout.decode("utf-8")
        self.assertIn("[附件: /srv/反馈/fgw.pdf; https://oa.example.gov.cn/d/1]", history)
        listed = self.ctl_json("feedback", "list", "--agency", "省发改委")["feedback"]
        self.assertEqual(len(listed), 1)
        self.assertTrue(listed[0]["at"] < listed[0]["recorded_at"])  # entered late

        err = self.ctl_fails(1, "feedback", "1", "--agency", "省发改委", "--text", "x",
                             "--received", tomorrow)
        self.assertIn("in the future", err)
        self.ctl_fails(2, "feedback", "1", "--agency", "省发改委", "--text", "x",
                       "--attach", "ftp://files/a.pdf")

    def test_feedback_sheet_with_a_bad_row_stores_nothing_then_all_rows(self):
        header = "任务,单位,收到日期,内容,进度,完成,附件\n"
        good = ("1,省发展改革委,%s,平台建设方案已报送,60%%,否,/srv/反馈/fgw.pdf；"
                "https://oa.example.gov.cn/d/2\n"
                "1,省科技厅,%s,已配合完成调研,100,是,\n"
                "2,省统计局,%s 15:30,制度已印发,,,\n") % (days_ago(5), days_ago(4), days_ago(2))
        bad_row = "2,省科技厅,%s,省科技厅与任务2无关,,,\n" % days_ago(1)
        sheet = self.write_file("replies.csv", "\ufeff" + header + good + bad_row)
        before = self.ctl_json("feedback", "list")["feedback"]

        err = self.ctl_fails(1, "feedback", "import", sheet)
        self.assertIn("replies.csv has 1 error; nothing was stored", err)
        self.assertIn("row 5, agency: 省科技厅 has no role in task 2", err)
        self.assertEqual(self.ctl_json("feedback", "list")["feedback"], before)

        sheet = self.write_file("replies.csv", "\ufeff" + header + good)
        dry = self.ctl_ok("feedback", "import", sheet, "--dry-run")
        self.assertIn("3 feedback would be stored", dry)
        self.assertEqual(self.ctl_json("feedback", "list")["feedback"], before)

        out = self.ctl_ok("feedback", "import", sheet)
        self.assertIn("3 feedback stored, 0 skipped", out)
        stored = self.ctl_json("feedback", "list")["feedback"]
        self.assertEqual(len(stored), len(before) + 3)
        fgw = [f for f in stored if f["agency"] == "省发改委"]
        self.assertEqual(fgw[0]["attachments"],
                         ["/srv/反馈/fgw.pdf", "https://oa.example.gov.cn/d/2"])
        self.assertEqual(fgw[0]["percent"], 60)
        self.assertTrue([f for f in stored if f["agency"] == "省科技厅"][0]["done"])

        again = self.ctl_ok("feedback", "import", sheet)
        self.assertIn("0 feedback stored, 3 skipped", again)
        self.assertIn("skipped row 2 (task 1, 省发改委): already stored as feedback #", again)
        self.assertEqual(len(self.ctl_json("feedback", "list")["feedback"]), len(stored))

        log = self.ctl_json("log", "--action", "feedback.import")["entries"]
        self.assertEqual([(e["detail"]["stored"], e["detail"]["skipped"]) for e in log],
                         [(3, 0), (0, 3)])


def main():
    _, rest = duban_harness.parse_args(__doc__.splitlines()[0])
    unittest.main(argv=[sys.argv[0]] + rest, verbosity=2)


if __name__ == "__main__":
    main()
