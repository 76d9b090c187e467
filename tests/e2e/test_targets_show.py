#!/usr/bin/env python3
"""End-to-end tests of where targets (指标) show, with the real duband and dubanctl
(harness: duban_harness.py): `dubanctl task N` (the 指标 block and the pointer to the
proposals) and its JSON, and the 考核 report's target counts in JSON and CSV.

Plan: tests/data/plans/07-anhui-2022-zdgz-zrfj.txt. Task 1 "全省生产总值增长7%以上" (lead
省发展改革委 = 省发改委) gets its proposal confirmed (≥7%, yearly, a rate: judged as it
stands) and a value of 5.1 reported now, so by hand it is BEHIND whatever today's date;
task 2's proposal is left unconfirmed. 省商务厅 leads tasks 3 and 4, whose targets are
never confirmed, so it answers for none.

Run by ctest (tests/CMakeLists.txt) as
    python3 test_targets_show.py --duband PATH --dubanctl PATH --source-dir REPO [unittest args]
Python 3 standard library only.
"""

import sys
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


def main():
    _, rest = duban_harness.parse_args(__doc__.splitlines()[0])
    unittest.main(argv=[sys.argv[0]] + rest, verbosity=2)


if __name__ == "__main__":
    main()
