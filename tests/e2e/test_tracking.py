#!/usr/bin/env python3
"""End-to-end tests of tracking: deadlines, the working-day calendar, reminders and
escalation, feedback, lifecycle, rules check, reload and the scheduler's outbox, with the
real duband and the real dubanctl (harness: duban_harness.py).

duband reads the real clock, so every config here is written relative to today in
Asia/Shanghai: a test calendar (this year and next) with a two-day holiday on the next
Monday..Thursday after today, a 调休 make-up day on the next weekend (today, when today is
a weekend day, so that today is always a working day), and a task whose final due date is
a few working days ahead. The expected dates are computed here with the same calendar
rules (TestCalendar), never hard-coded.

No test waits for a schedule. The scheduler test stands in for downtime instead: it moves
the store's evaluation mark back (the `meta` row 'scheduler.evaluated_until') while duband
is stopped, with the send time set two minutes before now, so that the restarted daemon
finds one reminder due and must record it in the outbox exactly once.

Run by ctest (tests/CMakeLists.txt) as
    python3 test_tracking.py --duband PATH --dubanctl PATH --source-dir REPO [unittest args]
Python 3 standard library only.
"""

import datetime
import json
import signal
import sqlite3
import sys
import time
import unittest

import duban_harness
from duban_harness import DubanTestCase

UTC8 = datetime.timezone(datetime.timedelta(hours=8))  # Asia/Shanghai has no DST
POLL_TIMEOUT = 5.0  # seconds to wait for a reload or a wake the test caused

PLAN = """关于测试督办工作的分工方案
一、推进重点工作
  1.建设一批公共技术服务平台。(省发改委牵头,省科技厅参加)
  2.完善统计监测制度。(省发改委负责)
"""

# 省科技厅 has no contact on purpose: `rules check` must report it.
AGENCIES = """
[[agency]]
name = "省发改委"
aliases = ["省发展改革委"]
email = "fgw@example.gov.cn"
leadership_email = "fgw-leaders@example.gov.cn"

[[agency]]
name = "省科技厅"
aliases = %s
"""

LEAD = "省发改委"
PARTICIPANT = "省科技厅"


def agencies_toml(participant_aliases=("省科学技术厅",)):
    return AGENCIES % ("[" + ", ".join('"%s"' % a for a in participant_aliases) + "]")


def now_shanghai():
    return datetime.datetime.now(UTC8)


class TestCalendar:
    """The test's working-day calendar, built around `today`, and its arithmetic (as
    WorkingCalendar: weekends off, holidays off, make-up days on)."""

    def __init__(self, today):
        self.today = today
        day = today + datetime.timedelta(days=1)
        while day.weekday() > 3:  # Monday..Thursday, so the day after is a weekday too
            day += datetime.timedelta(days=1)
        self.holiday = (day, day + datetime.timedelta(days=1))
        self.make_up = today if today.weekday() >= 5 else self.next_weekend_day(today, skip=None)
        self.weekend = self.next_weekend_day(today, skip=self.make_up)

    @staticmethod
    def next_weekend_day(after, skip):
        day = after + datetime.timedelta(days=1)
        while day.weekday() < 5 or day == skip:
            day += datetime.timedelta(days=1)
        return day

    def working(self, day):
        if self.holiday[0] <= day <= self.holiday[1]:
            return False
        return day == self.make_up or day.weekday() < 5

    def add(self, day, n):
        """The day n working days after `day` (before for n < 0), as AddWorkingDays."""
        step = datetime.timedelta(days=1 if n >= 0 else -1)
        if n == 0:
            while not self.working(day):
                day += step
            return day
        for _ in range(abs(n)):
            day += step
            while not self.working(day):
                day += step
        return day

    def naive_add(self, day, n):
        """Monday to Friday only: what a calendar without holidays and 调休 would say."""
        for _ in range(n):
            day += datetime.timedelta(days=1)
            while day.weekday() >= 5:
                day += datetime.timedelta(days=1)
        return day

    def toml(self):
        year = self.today.year
        return ('[calendar]\nweekend = [6, 7]\nyears = [%d, %d]\n\n'
                '[[calendar.holiday]]\nfrom = "%s"\nto = "%s"\nname = "测试节"\n\n'
                '[[calendar.workday]]\ndate = "%s"\nname = "测试节调休"\n'
                % (year, year + 1, self.holiday[0], self.holiday[1], self.make_up))


def rules_toml(send_time="09:30", quiet_hours="20:00-08:00", offsets=(3, 1)):
    return ('[office]\nemail = "office@example.gov.cn"\n'
            'leading_group_email = "group@example.gov.cn"\n\n'
            '[rules]\nsend_time = "%s"\nquiet_hours = "%s"\n\n'
            '[[rules.reminder]]\noffsets = [%s]\nrecipients = ["contact"]\nchannels = ["email"]\n\n'
            '[[rules.escalation]]\nname = "urge"\nlevel = "urge"\nafter_working_days = 1\n'
            'recipients = ["contact"]\nchannels = ["email"]\n'
            'repeat_every_working_days = 2\nmax_repeats = 1\n\n'
            '[[rules.escalation]]\nname = "supervise"\nlevel = "supervise"\n'
            'after_working_days = 4\nrecipients = ["leadership", "office"]\n'
            'channels = ["email"]\n\n'
            '[rules.light]\nyellow_working_days = 2\nyellow_share = 0.1\n'
            % (send_time, quiet_hours, ", ".join(str(o) for o in offsets)))


def deadlines_toml(final_due, participant_lead_days=2):
    return ('[deadlines]\nparticipant_lead_days = %d\n\n'
            '[deadlines.task."1"]\nfinal_due = "%s"\n' % (participant_lead_days, final_due))


class TrackingTestCase(DubanTestCase):
    """A daemon with the test calendar, rules and a final due date for task 1."""

    send_time = "09:30"

    def setUp(self):
        self.calendar = TestCalendar(now_shanghai().date())
        self.final_due = self.calendar.add(self.calendar.today, 8)
        self.start_daemon(extra_toml=self.extra_toml(), agencies_toml=agencies_toml())
        plan = self.write_file("plan.txt", PLAN)
        self.assertIn("imported 2 tasks", self.ctl_ok("plan", "import", plan))

    def extra_toml(self, send_time=None, final_due=None):
        return "\n".join([self.calendar.toml(), rules_toml(send_time or self.send_time),
                          deadlines_toml(final_due or self.final_due)])

    def at(self, day, send_time=None):
        return "%s %s" % (day, send_time or self.send_time)

    def simulate(self, *args):
        result = self.ctl_json("simulate", "--days", "30", *args)
        self.assertEqual(result["count"], len(result["actions"]), result)
        return result["actions"]

    def sent_at(self, actions, agency, step=None):
        """The local times of `agency`'s actions (of `step`, if given)."""
        return sorted(a["at_local"] for a in actions
                      if a["agency"] == agency and (step is None or a["step"] == step))


class CalendarTest(TrackingTestCase):
    def test_calendar_explains_holiday_make_up_day_and_weekend(self):
        first, last = self.calendar.holiday
        day = self.ctl_json("calendar", str(last))
        self.assertFalse(day["working"], day)
        self.assertEqual(day["reason"], "holiday")
        self.assertEqual(day["name"], "测试节")
        out = self.ctl_ok("calendar", str(first))
        self.assertIn(str(first), out)
        self.assertIn("测试节", out)
        self.assertIn("not a working day", out)

        day = self.ctl_json("calendar", str(self.calendar.make_up))
        self.assertTrue(day["working"], day)
        self.assertEqual(day["reason"], "make_up_day")
        self.assertIn("测试节调休", self.ctl_ok("calendar", str(self.calendar.make_up)))

        day = self.ctl_json("calendar", str(self.calendar.weekend))
        self.assertFalse(day["working"], day)
        self.assertEqual(day["reason"], "weekend")
        self.assertFalse(day["outside_known_years"])

    def test_calendar_warns_outside_the_configured_years(self):
        far = datetime.date(self.calendar.today.year + 3, 6, 1)
        self.assertTrue(self.ctl_json("calendar", str(far))["outside_known_years"])
        self.assertIn("warning", self.ctl_ok("calendar", str(far)))

    def test_calendar_add_skips_holidays_and_counts_make_up_days(self):
        start = self.calendar.today
        expected = self.calendar.add(start, 10)
        # The holiday (two weekdays) and the make-up day (one weekend day) both lie in
        # these ten working days, so a calendar that ignored them would answer otherwise.
        self.assertNotEqual(expected, self.calendar.naive_add(start, 10))
        result = self.ctl_json("calendar", "add", str(start), "10")
        self.assertEqual(result["result"]["date"], str(expected), result)
        out = self.ctl_ok("calendar", "add", str(start), "10")
        self.assertIn(str(expected), out)
        self.assertIn("10 working days later", out)

        back = self.ctl_json("calendar", "add", str(expected), "-10")
        self.assertEqual(back["result"]["date"], str(self.calendar.add(expected, -10)))


class SimulateTest(TrackingTestCase):
    def test_simulate_lists_reminders_at_the_send_time_with_reasons(self):
        actions = self.simulate()
        cal, due = self.calendar, self.final_due
        self.assertEqual(self.sent_at(actions, LEAD, "remind-3"), [self.at(cal.add(due, -3))])
        self.assertEqual(self.sent_at(actions, LEAD, "remind-1"), [self.at(cal.add(due, -1))])
        participant_due = cal.add(due, -2)
        self.assertEqual(self.sent_at(actions, PARTICIPANT, "remind-1"),
                         [self.at(cal.add(participant_due, -1))])
        self.assertEqual(self.sent_at(actions, LEAD, "urge"),
                         [self.at(cal.add(due, 1)), self.at(cal.add(due, 3))])
        for action in actions:
            self.assertEqual(action["task_ref"], "1", action)
            self.assertTrue(action["reason"], action)
            self.assertTrue(action["at_local"].endswith(" " + self.send_time), action)
        lead_reminder = [a for a in actions if a["agency"] == LEAD and a["step"] == "remind-1"][0]
        self.assertEqual(lead_reminder["level"], "remind")
        self.assertEqual(lead_reminder["recipients"], ["contact"])
        self.assertEqual(lead_reminder["channels"], ["email"])

        out = self.ctl_ok("simulate", "--days", "30")
        self.assertIn("nothing was sent or stored", out)
        self.assertIn("%d actions from" % len(actions), out)
        self.assertIn(self.at(cal.add(due, -1)), out)
        self.assertIn("提醒", out)
        self.assertIn("催办", out)
        for action in actions:
            self.assertIn(action["reason"], out)  # never cut, whatever the width

    def test_simulate_changes_nothing(self):
        before = self.ctl_json("outbox")
        status_before = self.ctl_json("status")["summary"]["audit_entries"]
        self.simulate()
        self.assertEqual(self.ctl_json("outbox"), before)
        self.assertEqual(self.ctl_json("status")["summary"]["audit_entries"], status_before)

    def test_task_due_moves_the_reminders_and_is_audited(self):
        cal = self.calendar
        new_due = cal.add(self.final_due, 4)
        audit_before = self.ctl_json("status")["summary"]["audit_entries"]
        out = self.ctl_ok("task", "1", "due", str(new_due))
        self.assertIn(str(new_due), out)
        self.assertGreater(self.ctl_json("status")["summary"]["audit_entries"], audit_before)

        actions = self.simulate()
        self.assertEqual(self.sent_at(actions, LEAD, "remind-1"), [self.at(cal.add(new_due, -1))])
        self.assertEqual(self.ctl_json("task", "1")["deadline"]["final_due"], str(new_due))
        self.assertIn(str(new_due), self.ctl_ok("task", "1"))

        self.ctl_ok("task", "1", "due", "--clear")
        actions = self.simulate()
        self.assertEqual(self.sent_at(actions, LEAD, "remind-1"),
                         [self.at(cal.add(self.final_due, -1))])

    def test_feedback_stops_that_agencys_reminders_and_escalation(self):
        self.assertTrue(self.sent_at(self.simulate(), LEAD))
        out = self.ctl_ok("feedback", "1", "--agency", "省发展改革委", "--text", "平台已建成",
                          "--percent", "80")
        self.assertIn("final", out)  # the occurrence it satisfied
        actions = self.simulate()
        self.assertEqual(self.sent_at(actions, LEAD), [], actions)
        self.assertTrue(self.sent_at(actions, PARTICIPANT, "urge"), actions)

        listed = self.ctl_json("feedback", "list", "1")["feedback"]
        self.assertEqual([(f["agency"], f["text"], f["percent"]) for f in listed],
                         [(LEAD, "平台已建成", 80)])
        details = self.ctl_json("task", "1")
        self.assertEqual(len(details["feedback"]), 1)
        lead_dues = [a for o in details["occurrences"] for a in o["agencies"]
                     if a["agency"] == LEAD]
        self.assertEqual(lead_dues[0]["satisfied_by"], listed[0]["id"], details)

    def test_suspend_resume_and_complete(self):
        self.assertTrue(self.simulate("--task", "1"))
        out = self.ctl_ok("task", "1", "suspend", "--reason", "等待国务院批复")
        self.assertIn("suspended", out)
        self.assertEqual(self.simulate("--task", "1"), [])
        self.assertIn("0 actions", self.ctl_ok("simulate", "--days", "30", "--task", "1"))
        self.assertIn("1 active, 1 suspended, 0 completed", self.ctl_ok("status"))

        err = self.ctl_fails(1, "task", "1", "complete", "--reason", "已办结")
        self.assertIn("suspended", err)

        self.ctl_ok("task", "1", "resume", "--reason", "已批复")
        self.assertTrue(self.simulate("--task", "1"))
        self.assertIn("completed", self.ctl_ok("task", "1", "complete", "--reason", "已办结"))
        self.assertEqual(self.simulate("--task", "1"), [])
        self.assertEqual(self.ctl_json("task", "1")["task"]["state"], "completed")


class LightTest(TrackingTestCase):
    def test_lights_in_tasks_task_agencies_and_status(self):
        tasks = {t["ref"]: t for t in self.ctl_json("tasks")["tasks"]}
        self.assertEqual(tasks["1"]["light"], "green", tasks["1"])
        self.assertEqual(tasks["2"]["light"], "none", tasks["2"])  # no due date
        self.assertEqual([t["ref"] for t in self.ctl_json("tasks", "--light", "green")["tasks"]],
                         ["1"])
        self.assertEqual([t["ref"] for t in self.ctl_json("tasks", "--light", "none")["tasks"]],
                         ["2"])
        out = self.ctl_ok("tasks")
        self.assertIn("LIGHT", out.splitlines()[0])
        self.assertIn("绿 green", out)
        self.assertIn("LIGHT", self.ctl_ok("agencies").splitlines()[0])

        details = self.ctl_ok("task", "1")
        self.assertIn("绿 green", details)
        self.assertIn(str(self.final_due), details)
        self.assertIn("next due occurrences", details)

        status = self.ctl_ok("status")
        self.assertIn("绿 green 1", status)
        self.assertIn("next wake", status)
        self.assertIn("pending", status)

        self.ctl_ok("task", "1", "suspend", "--reason", "暂缓")
        self.assertEqual(self.ctl_json("task", "1")["task"]["light"], "none")


class RulesAndReloadTest(TrackingTestCase):
    def test_rules_check_reports_an_agency_with_no_contact(self):
        result = self.daemon.ctl("--json", "rules", "check")
        problems = json.loads(result.stdout.decode("utf-8"))["problems"]
        about = [p for p in problems if PARTICIPANT in p["subject"] + p["message"]]
        self.assertTrue(about, problems)
        errors = [p for p in problems if p["severity"] == "error"]
        self.assertEqual(result.returncode, 1 if errors else 0, self.describe(result))
        out = self.daemon.ctl("rules", "check").stdout.decode("utf-8")
        self.assertIn(PARTICIPANT, out)
        self.assertIn("problem", out.splitlines()[-1])

    def test_reload_with_a_broken_config_keeps_the_running_one(self):
        text = self.daemon.config_text(self.extra_toml(), agencies_toml())
        lines = text.split("\n")
        at = lines.index("[rules]") + 1
        lines.insert(at, "bogus_setting = 1")
        with open(self.daemon.config, "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
        err = self.ctl_fails(1, "reload")
        self.assertIn("%s:%d" % (self.daemon.config, at + 1), err)
        self.assertIn("bogus_setting", err)
        self.assertIn("keeps its running config", err)

        # Still serving, with the old calendar and rules.
        self.assertEqual(self.ctl_json("calendar", str(self.calendar.holiday[0]))["reason"],
                         "holiday")
        self.assertTrue(self.simulate())
        self.assertIsNone(self.daemon.process.poll())

    def test_reload_command_applies_a_good_config(self):
        self.daemon.write_config(self.extra_toml(send_time="10:15"), agencies_toml())
        self.assertIn("reloaded", self.ctl_ok("reload"))
        actions = self.simulate()
        self.assertTrue(actions)
        self.assertTrue(all(a["at_local"].endswith(" 10:15") for a in actions), actions)

    def test_sighup_applies_a_good_config(self):
        self.ctl_fails(1, "agency", "省科技局")
        self.daemon.write_config(self.extra_toml(),
                                 agencies_toml(participant_aliases=("省科学技术厅", "省科技局")))
        self.daemon.signal(signal.SIGHUP)
        deadline = time.monotonic() + POLL_TIMEOUT
        while self.daemon.ctl("agency", "省科技局").returncode != 0:
            self.assertLess(time.monotonic(), deadline,
                            "the new alias did not work after SIGHUP:\n" + self.daemon.log()[-3000:])
            time.sleep(0.1)
        self.assertEqual(self.ctl_json("agency", "省科技局")["agency"]["name"], PARTICIPANT)


class SchedulerTest(DubanTestCase):
    """The scheduler records what fell due in the outbox, once, and never floods."""

    EVALUATED_UNTIL = "scheduler.evaluated_until"

    def setUp(self):
        now = now_shanghai().replace(second=0, microsecond=0)
        if now.hour * 60 + now.minute < 5:
            self.skipTest("too close to midnight in Asia/Shanghai to put a send time before now")
        self.send = now - datetime.timedelta(minutes=2)
        self.send_time = self.send.strftime("%H:%M")
        self.calendar = TestCalendar(now.date())  # today is a working day in it
        due = self.calendar.add(self.calendar.today, 1)
        extra = "\n".join([self.calendar.toml(),
                           rules_toml(self.send_time, quiet_hours="", offsets=(1,)),
                           deadlines_toml(due, participant_lead_days=0)])
        self.start_daemon(extra_toml=extra, agencies_toml=agencies_toml())
        plan = self.write_file("plan.txt", PLAN)
        self.ctl_ok("plan", "import", plan)

    def set_evaluation_mark(self, utc_seconds):
        """While duband is stopped: pretend it was last evaluated at `utc_seconds`."""
        with sqlite3.connect(self.daemon.store) as db:
            db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                       (self.EVALUATED_UNTIL, utc_seconds))
        db.close()

    def wait_for_wake_after(self, mark):
        """Until the restarted daemon's first wake has moved the evaluation mark."""
        deadline = time.monotonic() + POLL_TIMEOUT
        while (self.ctl_json("status")["scheduler"]["evaluated_until"] or 0) <= mark:
            self.assertLess(time.monotonic(), deadline, "no wake after restart:\n" +
                            self.daemon.log()[-3000:])
            time.sleep(0.1)

    def outbox_rows(self, minimum=0):
        deadline = time.monotonic() + POLL_TIMEOUT
        while True:
            rows = self.ctl_json("outbox")["rows"]
            if len(rows) >= minimum or time.monotonic() > deadline:
                return rows
            time.sleep(0.1)

    def test_due_reminders_are_recorded_once_after_downtime_and_never_on_first_start(self):
        # First start: today's reminder went out before duband started; no flood.
        self.assertEqual(self.ctl_json("outbox")["rows"], [])

        # Downtime since an hour before the reminder: the restart decides it.
        reminder_at = int(self.send.timestamp())
        self.daemon.stop()
        self.set_evaluation_mark(reminder_at - 3600)
        self.daemon.start()
        rows = self.outbox_rows(minimum=2)
        self.assertEqual(sorted((r["agency"], r["step"]) for r in rows),
                         [(LEAD, "remind-1"), (PARTICIPANT, "remind-1")],
                         self.daemon.log()[-3000:])
        for row in rows:
            self.assertEqual(row["at_local"], "%s %s" % (self.calendar.today, self.send_time))
            self.assertEqual(row["at"], reminder_at)
            self.assertEqual(row["task_ref"], "1")
        # Then delivered at once (the mail folder): the lead's reminder is sent; the
        # participant has no email in this config, so its row is dead with the reason.
        deadline = time.monotonic() + POLL_TIMEOUT
        while time.monotonic() < deadline:
            states = {r["agency"]: r for r in self.ctl_json("outbox")["rows"]}
            if states[LEAD]["state"] == "sent" and states[PARTICIPANT]["state"] == "dead":
                break
            time.sleep(0.1)
        self.assertEqual(states[LEAD]["state"], "sent", states)
        self.assertEqual(states[PARTICIPANT]["state"], "dead", states)
        self.assertIn("no email", states[PARTICIPANT]["last_error"])
        status = self.ctl_json("status")
        self.assertGreaterEqual(status["scheduler"]["evaluated_until"], reminder_at)
        out = self.ctl_ok("outbox", "--state", "sent")
        self.assertIn("提醒", out)
        self.assertIn("1 outbox row", out)

        # The same downtime again: the keys are already in the outbox, nothing is doubled.
        self.daemon.stop()
        self.set_evaluation_mark(reminder_at - 3600)
        self.daemon.start()
        self.wait_for_wake_after(reminder_at - 3600)
        again = self.ctl_json("outbox")["rows"]
        self.assertEqual(sorted(r["key"] for r in again), sorted(r["key"] for r in rows))
        self.assertEqual(self.ctl_json("outbox", "--agency", "省发展改革委")["count"], 1)


def main():
    _, rest = duban_harness.parse_args(__doc__.splitlines()[0])
    unittest.main(argv=[sys.argv[0]] + rest, verbosity=2)


if __name__ == "__main__":
    main()
