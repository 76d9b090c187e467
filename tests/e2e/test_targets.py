#!/usr/bin/env python3
"""End-to-end tests of targets (指标) with the real duband and dubanctl (harness:
duban_harness.py): the importer's proposals from a plan full of targets
(tests/data/plans/07-anhui-2022-zdgz-zrfj.txt: "全省生产总值增长7%以上", "社会消费品零售总额增长
9%左右", …), never tracked until the office confirms them; confirm, edit, reject, re-import
(nothing proposed again); values reported with `dubanctl feedback N --value 名称=V`, refused
for a name that is not a confirmed target; `target list` reading met and behind; and the
start-up import of `[plan] file` (the seed plan) storing its proposals too.

Every target here is a rate (%), which is judged as it stands, never pro rata, and yearly:
a value reported now counts for this year whatever today's date, so the expected statuses
are computed by hand from the values, not from the clock:
  task 1  ≥7%  (confirmed as proposed)    reported 7.2  → met
  task 2  ≥10% (proposal edited to ≥12%)  reported 10.5 → behind
  task 5  ≈7%±0.5 (entered by hand)       reported 7.3  → met

Run by ctest (tests/CMakeLists.txt) as
    python3 test_targets.py --duband PATH --dubanctl PATH --source-dir REPO [unittest args]
Python 3 standard library only.
"""

import sys
import unittest

import duban_harness
from duban_harness import DubanTestCase, source_path

PLAN = "tests/data/plans/07-anhui-2022-zdgz-zrfj.txt"
SEED_PLAN = "examples/plan-zhejiang-2013.txt"

AGENCIES = """
[[agency]]
name = "省发改委"
aliases = ["省发展改革委"]
email = "fgw@example.gov.cn"

[[agency]]
name = "省商务厅"
email = "swt@example.gov.cn"

[[agency]]
name = "省财政厅"
email = "czt@example.gov.cn"
"""

HINT = "target proposals to review: dubanctl target list --state proposed"


class Daemon(duban_harness.Daemon):
    def __init__(self, extra_toml="", agencies_toml=AGENCIES):
        super().__init__(extra_toml, agencies_toml)


class TargetsTest(DubanTestCase):
    daemon_class = Daemon

    def setUp(self):
        self.start_daemon()

    def import_plan(self, *extra):
        return self.ctl_ok("plan", "import", "--accept-doubtful", *extra, source_path(PLAN))

    def targets(self, *args):
        return self.ctl_json("target", "list", *args)["targets"]

    def proposal_of(self, task_ref, proposals):
        found = [t for t in proposals if t["task_ref"] == task_ref]
        self.assertTrue(found, "no proposal for task %s in %r" % (task_ref, proposals))
        return found[0]

    def row_of(self, table, target_id):
        """The line of `target list`'s table for target `target_id`."""
        for line in table.splitlines():
            if line.split() and line.split()[0] == str(target_id):
                return line
        self.fail("no row for target %d in:\n%s" % (target_id, table))

    def test_dry_run_shows_the_proposals_and_stores_none(self):
        out = self.import_plan("--dry-run")
        self.assertIn("target proposals an import would store", out)
        self.assertIn("≥7%", out)
        self.assertIn("nothing was stored", out)
        self.assertEqual(self.targets(), [])

    def test_proposals_confirm_edit_reject_reimport_and_report_values(self):
        # The import proposes; nothing is tracked yet.
        out = self.import_plan()
        proposed = self.targets("--state", "proposed")
        self.assertGreaterEqual(len(proposed), 5, out)  # tasks 1..5 each carry one
        self.assertIn("%d %s" % (len(proposed), HINT), out)
        self.assertEqual(self.targets("--state", "confirmed"), [])
        growth = self.proposal_of("1", proposed)
        self.assertEqual((growth["comparison"], growth["value"], growth["unit"], growth["period"]),
                         ("at_least", 7, "%", "yearly"))
        self.assertIn("7%以上", growth["matched_text"])
        retail = self.proposal_of("3", proposed)
        self.assertEqual((retail["comparison"], retail["value"], retail["unit"]), ("about", 9, "%"))
        for target in proposed:
            self.assertIsNone(target["reading"], "a proposal is not tracked: %r" % target)

        # A value for an unconfirmed target is refused with its name, and nothing is stored.
        err = self.ctl_fails(1, "feedback", "1", "--agency", "省发改委", "--text", "一季度",
                             "--value", "%s=7.2" % growth["name"])
        self.assertIn(growth["name"], err)
        self.assertEqual(self.ctl_json("feedback", "list", "1")["feedback"], [])

        # Confirm task 1's, edit task 2's (which confirms it), reject task 4's.
        investment = self.proposal_of("2", proposed)
        trade = self.proposal_of("4", proposed)
        out = self.ctl_ok("target", "confirm", str(growth["id"]))
        self.assertIn("confirmed #%d" % growth["id"], out)
        out = self.ctl_ok("target", "edit", str(investment["id"]), "--value", "12")
        self.assertIn("≥12%", out)
        self.assertIn("confirmed", out)
        self.ctl_ok("target", "reject", str(trade["id"]), "--reason", "进出口不由本办考核")
        self.ctl_fails(2, "target", "reject", str(trade["id"]))  # --reason is required
        self.ctl_ok("target", "add", "5", "--name", "收入增幅", "--value", "7", "--unit", "%",
                    "--comparison", "about", "--tolerance", "0.5")
        states = {t["id"]: t["state"] for t in self.targets()}
        self.assertEqual(states[growth["id"]], "confirmed")
        self.assertEqual(states[investment["id"]], "confirmed")
        self.assertEqual(states[trade["id"]], "rejected")
        self.assertEqual(len(self.targets("--state", "proposed")), len(proposed) - 3)

        # Re-importing proposes nothing again: not the confirmed, edited or rejected ones.
        out = self.import_plan()
        self.assertNotIn(HINT, out)
        self.assertEqual(len(self.targets()), len(proposed) + 1)
        self.assertEqual(len(self.targets("--state", "proposed")), len(proposed) - 3)

        # Values for confirmed targets are accepted and read.
        out = self.ctl_ok("feedback", "1", "--agency", "省发展改革委", "--text", "一季度增长7.2%",
                          "--value", "%s=7.2" % growth["name"])
        self.assertIn("%s=7.2" % growth["name"], out)
        self.ctl_ok("feedback", "2", "--agency", "省发改委", "--text", "投资增长10.5%",
                    "--value", "%s=10.5%%" % investment["name"])
        self.ctl_ok("feedback", "5", "--agency", "省财政厅", "--text", "收入增长7.3%",
                    "--value", "收入增幅=7.3")
        readings = {t["id"]: t["reading"] for t in self.targets("--state", "confirmed")}
        self.assertEqual(readings[growth["id"]]["status"], "met")
        self.assertEqual(readings[growth["id"]]["last_value"], 7.2)
        self.assertEqual(readings[growth["id"]]["last_agency"], "省发改委")
        self.assertEqual(readings[investment["id"]]["status"], "behind")
        self.assertEqual(readings[investment["id"]]["last_value"], 10.5)
        added = [t for t in self.targets("5") if t["name"] == "收入增幅"][0]
        self.assertEqual(added["reading"]["status"], "met")

        table = self.ctl_ok("target", "list", "--state", "confirmed")
        self.assertIn(" met ", self.row_of(table, growth["id"]))
        self.assertIn("7.2%", self.row_of(table, growth["id"]))
        self.assertIn(" behind ", self.row_of(table, investment["id"]))
        self.assertIn("≥12%", self.row_of(table, investment["id"]))
        self.assertIn("3 targets (confirmed)", table)

    def test_start_up_import_of_the_plan_file_stores_proposals(self):
        # The seed plan's task 2: "…比重每年提高3个百分点以上；…比重每年提高2个百分点以上".
        self.daemon.stop()
        start_up = Daemon(extra_toml='file = "%s"\n' % source_path(SEED_PLAN))
        self.addCleanup(start_up.cleanup)
        self.daemon = start_up.start()
        proposed = self.targets("--state", "proposed")
        self.assertEqual(sorted((t["task_ref"], t["formatted"]) for t in proposed),
                         [("2", "≥2个百分点"), ("2", "≥3个百分点")])
        self.assertEqual(self.targets("--state", "confirmed"), [])
        self.assertIn("2 " + HINT, start_up.log())

    def test_target_add_errors_name_the_field(self):
        self.import_plan()
        err = self.ctl_fails(2, "target", "add", "1", "--name", "增长", "--value", "x")
        self.assertIn("--value", err)
        err = self.ctl_fails(1, "target", "add", "1", "--name", "a=b", "--value", "1")
        self.assertIn("name", err)
        err = self.ctl_fails(1, "target", "add", "99", "--name", "增长", "--value", "1")
        self.assertIn("99", err)
        err = self.ctl_fails(1, "target", "confirm", "9999")
        self.assertIn("9999", err)


def main():
    _, rest = duban_harness.parse_args(__doc__.splitlines()[0])
    unittest.main(argv=[sys.argv[0]] + rest, verbosity=2)


if __name__ == "__main__":
    main()
