#!/usr/bin/env python3
"""End-to-end tests of duban's foundation: the real duband and the real dubanctl.

Each test starts duband on a fresh temporary folder with a config file it writes (state,
socket and mail dir inside that folder), waits until `dubanctl status` answers, drives it
with dubanctl (and, for malformed requests, a raw Unix socket), and always stops the
daemon and removes the folder.

Run by ctest (tests/CMakeLists.txt) as
    python3 test_foundation.py --duband PATH --dubanctl PATH --source-dir REPO [unittest args]
Python 3 standard library only.
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import unicodedata
import unittest

import duban_harness
from duban_harness import COMMAND_TIMEOUT, run_dubanctl, source_path

ARGS = None  # the parsed --duband, --dubanctl, --source-dir (duban_harness.parse_args)

SEED_PLAN = "examples/plan-zhejiang-2013.txt"
SEED_EXPECTATION = "tests/data/plans/00-seed-003.expected.json"
CHECKED_TASKS = [2, 3, 5, 17, 22, 35, 47]

# Agencies in the test config: 省发展改革委 is an alias of 省发改委 (as in examples/demo.toml).
AGENCIES_TOML = """
[[agency]]
name = "省发改委"
aliases = ["省发展改革委", "省发展和改革委员会"]
email = "fgw@example.gov.cn"

[[agency]]
name = "省科技厅"
aliases = ["省科学技术厅"]
"""

# A plan whose second task has no assignment: the importer must doubt it (line 4).
DOUBTFUL_PLAN = """关于测试工作的重点工作分工方案
一、加强规划指导
  1.制订落实年度实施方案,明确年度目标任务和责任分工。(省发改委、省经信委负责)
  2.探索战略性新兴产业发展的实际突破口,有序推进试点工作。
  3.建设一批公共技术服务平台。(省科技厅牵头,省财政厅参加)
"""
DOUBTFUL_LINE = 4


def read_text(relative):
    with open(source_path(relative), encoding="utf-8") as f:
        return f.read()


def load_expectation(relative=SEED_EXPECTATION):
    with open(source_path(relative), encoding="utf-8") as f:
        return json.load(f)


def expected_task(expectation, number):
    for task in expectation["tasks"]:
        if task["number"] == number:
            return task
    raise AssertionError("task %d is not in %s" % (number, SEED_EXPECTATION))


def display_width(text):
    """Terminal columns of `text`: East Asian Wide and Fullwidth count two."""
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)


class Daemon(duban_harness.Daemon):
    """A duband with the agencies of AGENCIES_TOML unless told otherwise."""

    def __init__(self, extra_toml="", agencies_toml=AGENCIES_TOML):
        super().__init__(extra_toml, agencies_toml)


class DubanTestCase(duban_harness.DubanTestCase):
    daemon_class = Daemon

    def import_seed(self):
        out = self.ctl_ok("plan", "import", source_path(SEED_PLAN))
        self.assertIn("imported 47 tasks in 8 sections", out)
        return out


class SeedPlanTest(DubanTestCase):
    """The bundled seed plan, imported and read back."""

    def setUp(self):
        self.start_daemon()
        self.expectation = load_expectation()

    def test_import_gives_47_tasks_in_8_sections(self):
        out = self.import_seed()
        self.assertIn("47 added, 0 removed, 0 changed", out)
        summary = self.ctl_json("status")["summary"]
        self.assertEqual(summary["active_tasks"], self.expectation["task_count"])
        self.assertEqual(summary["sections"], len(self.expectation["sections"]))
        self.assertEqual(summary["plan_title"], self.expectation["title"])
        listed = self.ctl_json("tasks")
        self.assertEqual(listed["count"], 47)
        self.assertEqual(len(listed["tasks"]), 47)
        status_text = self.ctl_ok("status")
        self.assertIn(self.expectation["title"], status_text)
        self.assertIn("47 active", status_text)

    def test_roles_of_checked_tasks_match_the_expectation(self):
        self.import_seed()
        for number in CHECKED_TASKS:
            with self.subTest(task=number):
                expected = expected_task(self.expectation, number)
                task = self.ctl_json("task", str(number))["task"]
                self.assertEqual(task["section"], expected["section"])
                for role in ("lead", "participants", "responsible"):
                    self.assertEqual(task[role], expected[role],
                                     "task %d, role %s" % (number, role))

    def test_task_details_name_the_roles(self):
        self.import_seed()
        out = self.ctl_ok("task", "22")
        self.assertIn("牵头", out)
        self.assertIn("参加", out)
        for name in expected_task(self.expectation, 22)["participants"]:
            self.assertIn(name, out)

    def test_lead_count_of_an_agency_matches_the_expectation(self):
        self.import_seed()
        agency = "省科技厅"
        expected = sum(1 for t in self.expectation["tasks"] if agency in t["lead"])
        listed = self.ctl_json("tasks", "--agency", agency, "--role", "lead")
        self.assertEqual(listed["count"], expected)
        self.assertEqual(sorted(int(t["ref"]) for t in listed["tasks"]),
                         sorted(t["number"] for t in self.expectation["tasks"]
                                if agency in t["lead"]))
        out = self.ctl_ok("tasks", "--agency", agency, "--role", "lead")
        self.assertEqual(out.splitlines()[-1].split()[0], str(expected))

    def test_tasks_table_lines_up(self):
        self.import_seed()
        out = self.ctl_ok("tasks")
        lines = out.splitlines()
        table, count_line = lines[:-1], lines[-1]
        self.assertTrue(count_line.startswith("47 tasks"), count_line)
        self.assertEqual(len(table), 48)  # header + 47 rows
        widths = {display_width(line) for line in table}
        self.assertEqual(len(widths), 1, "table lines differ in display width: %s" % widths)
        self.assertLessEqual(widths.pop(), 120)
        self.assertTrue(table[0].startswith("REF"))

    def test_agencies_table_lines_up(self):
        self.import_seed()
        lines = self.ctl_ok("agencies").splitlines()
        widths = {display_width(line) for line in lines[:-1]}
        self.assertEqual(len(widths), 1, "table lines differ in display width: %s" % widths)
        self.assertTrue(lines[-1].endswith("agencies"), lines[-1])

    def test_alias_from_config_finds_the_agency(self):
        self.import_seed()
        result = self.ctl_json("agency", "省发展改革委")
        self.assertEqual(result["agency"]["name"], "省发改委")
        self.assertIn("省发展改革委", result["agency"]["aliases"])
        expected_leads = sorted(t["number"] for t in self.expectation["tasks"]
                                if "省发改委" in t["lead"])
        self.assertEqual(sorted(int(t["ref"]) for t in result["tasks"]["lead"]), expected_leads)
        out = self.ctl_ok("agency", "省发展改革委")
        self.assertIn("省发改委", out)
        by_alias = self.ctl_json("tasks", "--agency", "省发展改革委", "--role", "lead")
        self.assertEqual(by_alias["count"], len(expected_leads))

    def test_unknown_task_is_a_daemon_error(self):
        self.import_seed()
        err = self.ctl_fails(1, "task", "999")
        self.assertTrue(err.startswith("dubanctl: "), err)


class ImportChangesTest(DubanTestCase):
    """Dry runs, re-imports, modified plans and CSV round trips."""

    def setUp(self):
        self.start_daemon()

    def test_dry_run_does_not_change_the_store(self):
        out = self.ctl_ok("plan", "import", "--dry-run", source_path(SEED_PLAN))
        self.assertIn("47 added, 0 removed, 0 changed", out)
        self.assertIn("CONFIDENCE", out)
        summary = self.ctl_json("status")["summary"]
        self.assertEqual(summary["active_tasks"], 0)
        self.assertEqual(summary["plan_imported_at"], 0)
        self.assertEqual(self.ctl_json("tasks")["count"], 0)

        self.import_seed()
        before = self.ctl_json("tasks", "--state", "all")
        modified = self.write_file("modified.txt", self.modified_plan())
        result = self.ctl_json("plan", "import", "--dry-run", modified)
        self.assertTrue(result["dry_run"])
        self.assertFalse(result["applied"])
        self.assertEqual(result["diff"]["removed"], ["47"])
        self.assertEqual(self.ctl_json("tasks", "--state", "all"), before)

    def test_reimport_reports_no_changes(self):
        self.import_seed()
        out = self.ctl_ok("plan", "import", source_path(SEED_PLAN))
        self.assertIn("no changes", out)
        result = self.ctl_json("plan", "import", source_path(SEED_PLAN))
        diff = result["diff"]
        self.assertEqual((diff["added"], diff["removed"], diff["changed"]), ([], [], []))

    def modified_plan(self):
        """The seed plan without task 47 and with task 22's text changed."""
        text = read_text(SEED_PLAN)
        lines = text.splitlines(keepends=True)
        kept = [line for line in lines if not line.lstrip().startswith("47 ")]
        self.assertEqual(len(kept), len(lines) - 1, "task 47 not found in the seed plan")
        modified = "".join(kept)
        old = "积极开展“三网融合”试点工作。"
        self.assertIn(old, modified)
        return modified.replace(old, "积极开展“三网融合”试点推广工作。")

    def test_modified_plan_reports_one_removed_one_changed(self):
        self.import_seed()
        modified = self.write_file("modified.txt", self.modified_plan())
        out = self.ctl_ok("plan", "import", modified)
        self.assertIn("0 added, 1 removed, 1 changed", out)
        task47 = self.ctl_json("task", "47")["task"]
        self.assertEqual(task47["state"], "removed")
        self.assertEqual(self.ctl_json("tasks")["count"], 46)
        self.assertEqual([t["ref"] for t in self.ctl_json("tasks", "--state", "removed")["tasks"]],
                         ["47"])
        self.assertIn("试点推广工作", self.ctl_json("task", "22")["task"]["text"])

    def test_csv_export_then_import_gives_no_changes(self):
        self.import_seed()
        exported = self.daemon.path("plan.csv")
        self.ctl_ok("plan", "export", "-o", exported)
        with open(exported, "rb") as f:
            content = f.read()
        self.assertTrue(content.startswith(b"\xef\xbb\xbf"), "the CSV export has no BOM")
        stdout = self.daemon.ctl("plan", "export").stdout
        self.assertEqual(stdout, content, "stdout and -o differ")
        self.assertEqual(self.ctl_json("plan", "export")["content"].encode("utf-8"), content)

        result = self.ctl_json("plan", "import", "--dry-run", exported)
        self.assertEqual(result["counts"]["tasks"], 47)
        diff = result["diff"]
        self.assertEqual(
            (diff["added"], diff["removed"], diff["changed"]), ([], [], []),
            "re-importing the CSV export changes tasks: the CSV round trip must keep every "
            "field DiffPlans compares (workflow/plan_csv.cpp, workflow/plan_diff.cpp)")
        self.assertFalse(result["diff"]["title_changed"], "CSV re-import changes the title")
        self.assertFalse(
            result["diff"]["sections_changed"],
            "CSV re-import reports the sections as changed: the CSV gives sections by number "
            "only, and the store must keep the stored headings for them "
            "(workflow/plan_csv.cpp, workflow/sqlite_store_plan.cpp)")
        out = self.ctl_ok("plan", "import", exported)
        self.assertIn("no changes", out)


class DoubtfulPlanTest(DubanTestCase):
    def setUp(self):
        self.start_daemon()

    def test_doubtful_plan_needs_accept_doubtful(self):
        path = self.write_file("doubtful.txt", DOUBTFUL_PLAN)
        err = self.ctl_fails(1, "plan", "import", path)
        self.assertIn("line %d" % DOUBTFUL_LINE, err)
        self.assertIn("--accept-doubtful", err)
        self.assertEqual(self.ctl_json("status")["summary"]["active_tasks"], 0)

        dry = self.ctl_ok("plan", "import", "--dry-run", path)
        self.assertIn("? doubtful", dry)
        self.assertIn("line %d: task 2:" % DOUBTFUL_LINE, dry)

        out = self.ctl_ok("plan", "import", "--accept-doubtful", path)
        self.assertIn("imported 3 tasks in 1 section", out)
        task = self.ctl_json("task", "2")["task"]
        self.assertEqual(task["confidence"], "doubtful")
        self.assertTrue(task["doubts"])


class SamplePlansTest(DubanTestCase):
    """Every sample plan under tests/data/plans: the dry run finds its expected tasks."""

    def setUp(self):
        self.start_daemon()

    def test_dry_run_task_counts(self):
        folder = source_path("tests/data/plans")
        samples = sorted(name for name in os.listdir(folder) if name.endswith(".txt"))
        self.assertTrue(samples, "no sample plans in " + folder)
        for name in samples:
            with self.subTest(sample=name):
                expectation = load_expectation(
                    os.path.join("tests/data/plans", name[:-4] + ".expected.json"))
                result = self.ctl_json("plan", "import", "--dry-run", os.path.join(folder, name))
                self.assertEqual(result["counts"]["tasks"], expectation["task_count"])
                self.assertEqual(len(result["tasks"]), expectation["task_count"])
        self.assertEqual(self.ctl_json("status")["summary"]["active_tasks"], 0)


class ProtocolTest(DubanTestCase):
    """Malformed requests over a raw socket: the right error, and the daemon carries on."""

    def setUp(self):
        self.start_daemon(extra_toml="\n[control]\nmax_request_bytes = 65536\n")

    def exchange(self, sock, reader, line):
        sock.sendall(line + b"\n")
        reply = reader.readline()
        self.assertTrue(reply.endswith(b"\n"), "no reply line to %r" % line[:60])
        return json.loads(reply)

    def test_malformed_requests_get_error_codes(self):
        cases = [
            (b"garbage", "bad_request", 0),
            (b"[1,2,3]", "bad_request", 0),
            (b'{"v":2,"id":5,"cmd":"status"}', "unsupported_version", 5),
            (b'{"v":1,"id":6,"cmd":"frobnicate"}', "unknown_command", 6),
            (b'{"v":1,"id":7,"cmd":"task.get","args":{}}', "invalid_argument", 7),
            (b'{"v":1,"id":8,"cmd":"tasks.list","args":{"role":"boss"}}', "invalid_argument", 8),
        ]
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(10)
            sock.connect(self.daemon.socket)
            reader = sock.makefile("rb")
            for line, code, request_id in cases:
                with self.subTest(request=line):
                    reply = self.exchange(sock, reader, line)
                    self.assertIs(reply["ok"], False)
                    self.assertEqual(reply["error"]["code"], code)
                    self.assertEqual(reply["id"], request_id)
                    self.assertTrue(reply["error"]["message"])
            # The same connection still serves a good request.
            reply = self.exchange(sock, reader, b'{"v":1,"id":9,"cmd":"status"}')
            self.assertIs(reply["ok"], True)
            self.assertEqual(reply["id"], 9)
        self.ctl_ok("status")

    def test_too_large_request_is_refused_and_closed(self):
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(10)
            sock.connect(self.daemon.socket)
            try:
                sock.sendall(b"x" * 200000 + b"\n")
            except (BrokenPipeError, ConnectionResetError):
                pass  # the daemon may close before reading it all
            reader = sock.makefile("rb")
            reply = json.loads(reader.readline())
            self.assertEqual(reply["error"]["code"], "too_large")
            try:
                rest = reader.readline()
            except ConnectionResetError:
                rest = b""  # closed with our unread bytes still queued: a reset
            self.assertEqual(rest, b"", "connection not closed after too_large")
        self.ctl_ok("status")


class ClientFailureTest(unittest.TestCase):
    """dubanctl's exit codes when the daemon cannot be reached or does not speak the protocol."""

    def test_missing_socket_exits_3_with_a_helpful_message(self):
        folder = tempfile.mkdtemp(prefix="duban-e2e-")
        self.addCleanup(shutil.rmtree, folder, True)
        missing = os.path.join(folder, "nobody.sock")
        for args, env in ((["--socket", missing, "status"], None),
                          (["status"], {"DUBAN_SOCKET": missing})):
            with self.subTest(args=args, env=env):
                result = run_dubanctl(args, env=env)
                err = result.stderr.decode("utf-8")
                self.assertEqual(result.returncode, 3, err)
                self.assertIn("cannot reach duband at " + missing, err)
                self.assertIn("No such file or directory", err)
                self.assertIn("DUBAN_SOCKET", err)

    def test_reply_that_is_not_the_protocol_exits_4(self):
        folder = tempfile.mkdtemp(prefix="duban-e2e-")
        self.addCleanup(shutil.rmtree, folder, True)
        path = os.path.join(folder, "fake.sock")
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.addCleanup(server.close)
        server.bind(path)
        server.listen(1)

        def answer_garbage():
            connection, _ = server.accept()
            with connection:
                connection.makefile("rb").readline()
                connection.sendall(b"HTTP/1.1 400 Bad Request\r\n\r\n")

        thread = threading.Thread(target=answer_garbage, daemon=True)
        thread.start()
        result = run_dubanctl(["--socket", path, "status"])
        thread.join(10)
        self.assertEqual(result.returncode, 4, result.stderr.decode("utf-8"))
        self.assertIn("not a protocol reply", result.stderr.decode("utf-8"))

    def test_usage_errors_exit_2(self):
        result = run_dubanctl(["plan", "import", "/nonexistent/plan.txt"], "/nonexistent.sock")
        self.assertEqual(result.returncode, 2)
        self.assertIn("/nonexistent/plan.txt", result.stderr.decode("utf-8"))
        self.assertEqual(run_dubanctl(["tasks", "--role", "boss"]).returncode, 2)
        self.assertEqual(run_dubanctl(["no-such-command"]).returncode, 2)
        help_result = run_dubanctl(["--help"])
        self.assertEqual(help_result.returncode, 0)
        self.assertIn("Exit codes", help_result.stdout.decode("utf-8"))


class LifecycleTest(DubanTestCase):
    def test_sigterm_exits_0_and_removes_the_socket(self):
        daemon = self.start_daemon()
        self.assertTrue(os.path.exists(daemon.socket))
        code = daemon.stop()
        self.assertEqual(code, 0, daemon.log())
        self.assertFalse(os.path.exists(daemon.socket), "socket left behind after SIGTERM")

    def test_check_config_names_file_line_and_field(self):
        daemon = Daemon()
        self.addCleanup(daemon.cleanup)
        good = subprocess.run([ARGS.duband, "--check-config", "--config", daemon.config],
                              capture_output=True, timeout=COMMAND_TIMEOUT)
        self.assertEqual(good.returncode, 0, good.stderr.decode("utf-8", "replace"))

        bad = daemon.path("bad.toml")
        with open(bad, "w", encoding="utf-8") as f:
            f.write('[daemon]\nstate_dir = "%s"\nsocket = 42\n' % daemon.dir)
        result = subprocess.run([ARGS.duband, "--check-config", "--config", bad],
                                capture_output=True, timeout=COMMAND_TIMEOUT)
        err = result.stderr.decode("utf-8", "replace")
        self.assertNotEqual(result.returncode, 0, err)
        self.assertIn(bad + ":3", err)
        self.assertIn("daemon.socket", err)


def main():
    global ARGS
    ARGS, rest = duban_harness.parse_args(__doc__.splitlines()[0])
    unittest.main(argv=[sys.argv[0]] + rest, verbosity=2)


if __name__ == "__main__":
    main()
