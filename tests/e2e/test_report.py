#!/usr/bin/env python3
"""End-to-end test of the 考核 report: the real duband on the bundled plan
(examples/plan-zhejiang-2013.txt, 47 tasks), feedback given through dubanctl at chosen
daemon times (--clock-start), `dubanctl report assessment` in every format, and the HTML
report opened in headless Chromium (Debian's chromium package) and screenshotted; the PNG
is checked with zlib and struct (no PIL): its size, that it is not blank or one colour,
and that the chart's green bar was painted.

Time, by hand (calendar below: 清明 2026-04-04..06; quarterly reports due 5 working days
after the quarter, participants 3 working days earlier):
  Q1 ends Tue 03-31. Lead due: 04-01(1) 04-02(2) 04-03(3) [04-04..06 holiday] 04-07(4)
  04-08(5) -> 2026-04-08. Participant due: 3 working days before 04-08: 04-07, 04-03,
  04-02 -> 2026-04-02.
  Task 13 (省科技厅牵头, 省发改委 among its participants): 省科技厅 reports on 04-02 (on time
  for 04-08); 省发改委 reports on 04-09: late by the working days in (04-02, 04-09] = 04-03,
  04-07, 04-08, 04-09 = 4 (the holiday does not count).

Run by ctest (tests/CMakeLists.txt) as
    python3 test_report.py --duband PATH --dubanctl PATH --source-dir REPO [unittest args]
Python 3 standard library only.
"""

import os
import shutil
import struct
import subprocess
import sys
import unittest
import zlib

import duban_harness
from duban_harness import Daemon, DubanTestCase

FIRST_START = "2026-01-05T09:00:00+08:00"   # the plan enters the store: tracking starts
LEAD_REPORTS = "2026-04-02T10:00:00+08:00"
PARTICIPANT_REPORTS = "2026-04-09T10:00:00+08:00"
REPORT_DAY = "2026-04-15T10:00:00+08:00"

CONFIG = """
[calendar]
weekend = [6, 7]
years = [2026]

[[calendar.holiday]]
from = "2026-04-04"
to = "2026-04-06"
name = "清明节"

[deadlines]
cycle = "quarterly"
report_working_days_after = 5
participant_lead_days = 3
"""

WINDOW = (1200, 900)
CHART_GREEN = (0x2E, 0x7D, 0x32)  # a bar of a rate >= 90% (reports/assessment_html.cpp)


class ReportDaemon(Daemon):
    """A duband importing the bundled plan at its first start, in Asia/Shanghai."""

    def config_text(self, extra_toml="", agencies_toml=""):
        text = super().config_text(extra_toml, agencies_toml)
        text = text.replace('log_level = "debug"\n',
                            'log_level = "debug"\ntime_zone = "Asia/Shanghai"\n', 1)
        plan = duban_harness.source_path("examples/plan-zhejiang-2013.txt")
        return text.replace("[plan]\n", '[plan]\nfile = "%s"\n' % plan, 1) + CONFIG


def read_png(path):
    """(width, height, set of (r, g, b)) of an 8-bit RGB or RGBA, non-interlaced PNG."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise AssertionError("%s is not a PNG" % path)
    pos, idat, header = 8, [], None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in (2, 6) or interlace != 0:
        raise AssertionError("unexpected PNG format: depth %d colour %d interlace %d"
                             % (depth, colour, interlace))
    channels = 3 if colour == 2 else 4
    raw = zlib.decompress(b"".join(idat))
    stride = width * channels
    previous = bytearray(stride)
    colours = set()
    for row in range(height):
        start = row * (stride + 1)
        kind = raw[start]
        line = bytearray(raw[start + 1:start + 1 + stride])
        unfilter(kind, line, previous, channels)
        for x in range(0, stride, channels):
            colours.add(bytes(line[x:x + 3]))
        previous = line
    return width, height, {tuple(c) for c in colours}


def unfilter(kind, line, previous, bpp):
    """Reverses PNG filter `kind` on `line` in place (RFC 2083, 6.)."""
    if kind == 0:
        return
    n = len(line)
    if kind == 1:
        for i in range(bpp, n):
            line[i] = (line[i] + line[i - bpp]) & 0xFF
    elif kind == 2:
        for i in range(n):
            line[i] = (line[i] + previous[i]) & 0xFF
    elif kind == 3:
        for i in range(n):
            left = line[i - bpp] if i >= bpp else 0
            line[i] = (line[i] + ((left + previous[i]) >> 1)) & 0xFF
    elif kind == 4:
        for i in range(n):
            a = line[i - bpp] if i >= bpp else 0
            b = previous[i]
            c = previous[i - bpp] if i >= bpp else 0
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
            line[i] = (line[i] + pred) & 0xFF
    else:
        raise AssertionError("unknown PNG filter %d" % kind)


class ReportTest(DubanTestCase):
    daemon_class = ReportDaemon

    def restart_at(self, when):
        self.assertEqual(self.daemon.stop(), 0, self.daemon.log())
        self.daemon.start(["--clock-start", when])

    def setUp(self):
        daemon = ReportDaemon()
        self.addCleanup(daemon.cleanup)
        self.daemon = daemon
        daemon.start(["--clock-start", FIRST_START])  # the plan enters the store now
        self.solo, self.solo_task = self.agency_with_one_task()
        self.restart_at(LEAD_REPORTS)
        self.ctl_ok("feedback", "13", "--agency", "省科技厅", "--text", "一季度进展：平台建设方案已完成")
        self.ctl_ok("feedback", self.solo_task, "--agency", self.solo, "--text", "一季度进展已报送")
        self.restart_at(PARTICIPANT_REPORTS)
        self.ctl_ok("feedback", "13", "--agency", "省发改委", "--text", "配合意见已报牵头单位")
        self.restart_at(REPORT_DAY)

    def agency_with_one_task(self):
        """An agency named in exactly one task (not 13), and that task: reporting on
        04-02 makes it 100% on time (due 04-02 as a participant, 04-08 as a lead)."""
        tasks = {}
        for task in self.ctl_json("tasks")["tasks"]:
            for role in ("lead", "participants", "responsible"):
                for agency in task[role]:
                    tasks.setdefault(agency, set()).add(task["ref"])
        solos = sorted((a, min(refs)) for a, refs in tasks.items() if len(refs) == 1 and "13" not in refs)
        self.assertTrue(solos, "the bundled plan has no agency named in only one task")
        return solos[0]

    def test_assessment_figures_and_documents(self):
        result = self.ctl_json("report", "assessment", "--from", "2026-04-01", "--to", "2026-04-14")
        report = result["report"]
        self.assertEqual(report["as_of_local"], "2026-04-14 24:00")
        late = [f for f in report["findings"] if f["task"] == "13" and f["agency"] == "省发改委"]
        self.assertEqual(len(late), 1, report["findings"])
        self.assertEqual(late[0]["outcome"], "late")
        self.assertEqual(late[0]["role"], "participant")
        self.assertEqual(late[0]["due"], "2026-04-02")
        self.assertEqual(late[0]["reported"], "2026-04-09")
        self.assertEqual(late[0]["late_working_days"], 4)
        kjt = [a for a in report["agencies"] if a["agency"] == "省科技厅"][0]
        self.assertGreaterEqual(kjt["on_time"], 1)
        solo = [a for a in report["agencies"] if a["agency"] == self.solo][0]
        self.assertEqual((solo["rate"], solo["rank"], solo["missing"]), (1.0, 1, 0), solo)
        self.assertGreater(len(report["agencies"]), 10)
        ranks = [a["rank"] for a in report["agencies"] if a["rank"] > 0]
        self.assertEqual(ranks, sorted(ranks))

        table = self.ctl_ok("report", "assessment", "--from", "2026-04-01", "--to", "2026-04-14")
        self.assertIn("考核情况通报（2026-04-01至2026-04-14，截至2026-04-14 24:00）", table)
        self.assertIn("按时率", table)

        csv_path = self.daemon.path("q.csv")
        self.ctl_ok("report", "assessment", "--from", "2026-04-01", "--to", "2026-04-14",
                    "--format", "csv", "--output", csv_path)
        with open(csv_path, "rb") as f:
            csv = f.read()
        self.assertTrue(csv.startswith(b"\xef\xbb\xbf" + "排名,单位,".encode("utf-8")))
        self.assertEqual(csv.count(b"\r\n"), len(report["agencies"]) + 1)

        md = self.ctl_ok("report", "assessment", "--from", "2026-04-01", "--to", "2026-04-14",
                         "--format", "md", "--section", "二")
        self.assertTrue(md.startswith("## 考核情况通报（第二部分，"), md[:200])

    def test_bad_period_is_a_usage_error(self):
        err = self.ctl_fails(2, "report", "assessment", "--from", "2026-04-14", "--to", "2026-04-01")
        self.assertIn("--from 2026-04-14 is after --to 2026-04-01", err)
        err = self.ctl_fails(2, "report", "assessment", "--from", "2026-02-30", "--to", "2026-04-01")
        self.assertIn("--from: not a YYYY-MM-DD date: 2026-02-30", err)
        err = self.ctl_fails(1, "report", "assessment", "--from", "2026-04-01", "--to", "2026-04-14",
                             "--section", "九")
        self.assertIn("no section 九", err)

    def test_html_report_renders_in_headless_chromium(self):
        chromium = shutil.which("chromium") or shutil.which("chromium-browser")
        if chromium is None:
            self.skipTest("chromium is not installed (Debian package chromium): cannot "
                          "screenshot the HTML report")
        html = self.daemon.path("report.html")
        self.ctl_ok("report", "assessment", "--from", "2026-04-01", "--to", "2026-04-14",
                    "--format", "html", "--output", html)
        png = self.daemon.path("report.png")
        profile = self.daemon.path("chromium-profile")
        run = subprocess.run(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
             "--user-data-dir=" + profile, "--screenshot=" + png,
             "--window-size=%d,%d" % WINDOW, "file://" + html],
            capture_output=True, timeout=180, env=dict(os.environ, HOME=self.daemon.dir))
        self.assertTrue(os.path.exists(png),
                        "chromium wrote no screenshot (exit %d):\n%s"
                        % (run.returncode, run.stderr.decode("utf-8", "replace")[-3000:]))
        width, height, colours = read_png(png)
        self.assertEqual((width, height), WINDOW)
        # Text in black and grey, table borders, heading background and the bars: a blank
        # or failed page has one or two colours.
        self.assertGreater(len(colours), 20, "the screenshot is nearly one colour")
        # The agency named in one task reported on time: 100%, its bar is green.
        self.assertIn(CHART_GREEN, colours, "the chart's green bar was not painted")


def main():
    _, rest = duban_harness.parse_args(__doc__)
    unittest.main(argv=[sys.argv[0]] + rest)


if __name__ == "__main__":
    main()
