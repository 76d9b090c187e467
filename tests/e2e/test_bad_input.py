#!/usr/bin/env python3
"""docs/BAD-INPUT.md, run: every bad input the document shows, given to the real duband
and dubanctl, and every message it quotes checked against what they print.

The document is the table of cases. Each case is a fenced block whose info string names
it, `case=ID`, with `exit=N` (the exit code) and `where=` (stderr, the default; stdout; log:
duband's log; reply: the control socket's reply lines). A `console` block holds one
`$ command` line and then the lines the user sees; a `jsonl` block holds `> request` lines
sent on a raw connection to the socket and `< reply` lines expected back. Blocks with
`file=NAME` in the same section are written into the case's folder first (as UTF-8); the
few inputs that cannot be shown as text (invalid UTF-8, a BOM, a damaged store) are made by
SETUP below. Each expected line must appear, in order, inside a line of the output (so a log
line's timestamp can be left out); `$DIR` stands for the case's folder.

CASES below says how each case runs beyond "run the `$` line in a fresh folder with
DUBAN_SOCKET set to a shared daemon"; a case in the document and not here (or here and not
in the document) fails the test, so the two cannot drift apart.

Run by ctest as
    python3 test_bad_input.py --duband PATH --dubanctl PATH --source-dir REPO [unittest args]
"""

import os
import re
import shlex
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import unittest

import duban_harness
from duban_harness import Daemon

CLOCK_START = "2026-12-01T09:00:00+08:00"  # "today" in the document is 2026-12-01
MAX_REQUEST_BYTES = 4096                    # the shared daemon's [control] max_request_bytes

FENCE = re.compile(r"^```(\w*)([^\n]*)\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)
HEADING = re.compile(r"^#{2,4} ", re.MULTILINE)


class DocCase:
    def __init__(self, case_id, kind, options, body, files):
        self.id = case_id
        self.kind = kind            # console | jsonl
        self.exit = int(options.get("exit", "0"))
        self.where = options.get("where", "stderr" if kind == "console" else "reply")
        self.files = files          # name -> text, from file= blocks of the section
        self.commands = []          # console: "$ ..." lines; jsonl: "> ..." lines
        self.expected = []          # the lines the user sees
        for line in body.splitlines():
            if kind == "console" and line.startswith("$ "):
                self.commands.append(line[2:])
            elif kind == "jsonl" and line.startswith("> "):
                self.commands.append(line[2:])
            elif kind == "jsonl" and line.startswith("< "):
                self.expected.append(line[2:])
            elif line.strip():
                self.expected.append(line.rstrip())


def parse_doc(text):
    """The cases of the document, in order: {id: DocCase}."""
    cases = {}
    starts = [m.start() for m in HEADING.finditer(text)] + [len(text)]
    sections = [text[a:b] for a, b in zip([0] + starts, starts)]
    for section in sections:
        files = {}
        blocks = []
        for match in FENCE.finditer(section):
            options = dict(item.split("=", 1) for item in match.group(2).split() if "=" in item)
            if "file" in options:
                files[options["file"]] = match.group(3)
            elif "case" in options:
                blocks.append((match.group(1), options, match.group(3)))
        for kind, options, body in blocks:
            if options["case"] in cases:
                raise AssertionError("case %s appears twice in the document" % options["case"])
            cases[options["case"]] = DocCase(options["case"], kind, options, body, files)
    return cases


# ---- inputs that cannot be written as text in the document -------------------------------

def write_bytes(folder, name, data):
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def setup_gb18030(folder):
    write_bytes(folder, "plan-gbk.txt", "一、总体\n1.加强统筹。（省发改委牵头）\n".encode("gb18030"))


def setup_bom(folder):
    write_bytes(folder, "plan-bom.txt",
                b"\xef\xbb\xbf" + "一、总体\n1.加强统筹。（省发改委牵头，省财政厅参加）\n".encode())


def setup_feedback_gb18030(folder):
    write_bytes(folder, "replies-gbk.csv",
                "task,agency,received,text\n22,省经信委,2026-11-30,已完成\n".encode("gb18030"))


def setup_empty(name):
    return lambda folder: write_bytes(folder, name, b"")


def setup_secret_mode(folder):
    write_bytes(folder, "smtp-password", b"secret\n")
    os.chmod(os.path.join(folder, "smtp-password"), 0o644)


def make_store(path, version):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE t (x)")
    db.execute("PRAGMA user_version = %d" % version)
    db.commit()
    db.close()


def setup_store_newer(folder):
    make_store(os.path.join(folder, "state", "duban.db"), 99)


def setup_store_garbage(folder):
    os.makedirs(os.path.join(folder, "state"), exist_ok=True)
    write_bytes(folder, "state/duban.db", b"not a database, a text file saved by mistake\n" * 200)


def setup_store_damaged(folder):
    """A real store (SQLite, a few pages) with one page overwritten in the middle."""
    path = os.path.join(folder, "backup.db")
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE t (x)")
    db.executemany("INSERT INTO t VALUES (?)", [("row %d " % i * 40,) for i in range(2000)])
    db.execute("CREATE INDEX tx ON t (x)")
    db.commit()
    db.close()
    with open(path, "r+b") as f:
        f.seek(4096 * 5)
        f.write(b"\x07damaged" * 512)


SETUP = {
    "plan-text-gb18030": setup_gb18030,
    "plan-text-bom": setup_bom,
    "plan-text-empty": setup_empty("empty.txt"),
    "feedback-gb18030": setup_feedback_gb18030,
    "feedback-empty-file": setup_empty("replies.csv"),
    "config-secret-mode": setup_secret_mode,
    "store-newer": setup_store_newer,
    "store-not-a-database": setup_store_garbage,
    "store-damaged-backup": setup_store_damaged,
}

# Messages with a part that changes by design (the schema version this build knows).
NORMALIZE = {
    "store-newer": [(r"supports \(\d+\)", "supports (N)"), (r"knows 1 to \d+", "knows 1 to N")],
}


class Outcome:
    def __init__(self, code, stdout="", stderr="", log="", reply=""):
        self.code, self.stdout, self.stderr, self.log, self.reply = code, stdout, stderr, log, reply

    def text(self, where):
        return getattr(self, where)

    def describe(self):
        return ("exit %s\n--- stdout\n%s\n--- stderr\n%s\n--- log (tail)\n%s\n--- reply\n%s"
                % (self.code, self.stdout, self.stderr, self.log[-3000:], self.reply))


class BadInputTest(unittest.TestCase):
    """One test: every case of the document; each failure names its case."""

    shared = None   # the daemon every plain dubanctl case talks to

    @classmethod
    def setUpClass(cls):
        with open(duban_harness.source_path("docs/BAD-INPUT.md"), encoding="utf-8") as f:
            cls.cases = parse_doc(f.read())
        cls.root = os.geteuid() == 0
        tempfile.tempdir = "/tmp"   # reachable by `nobody` for the non-admin case
        # Goes on under the harness's [plan] table: the plan is imported at start.
        extra = ('file = "%s"\n\n[control]\nmax_request_bytes = %d\n'
                 % (duban_harness.source_path("examples/plan-zhejiang-2013.txt"),
                    MAX_REQUEST_BYTES))
        if cls.root:
            extra += 'admin_group = "root"\nsocket_group = "nogroup"\n'
        cls.shared = Daemon(extra_toml=extra,
                            agencies_toml='[[agency]]\nname = "省发改委"\naliases = ["发改委"]\n')
        if cls.root:
            os.chmod(cls.shared.dir, 0o711)
        try:
            cls.shared.start(["--clock-start", CLOCK_START])
        except BaseException:
            cls.shared.cleanup()
            raise

    @classmethod
    def tearDownClass(cls):
        if cls.shared is not None:
            cls.shared.cleanup()
        tempfile.tempdir = None

    # ---- running ------------------------------------------------------------------------

    def binary(self, name):
        return {"duband": duban_harness.ARGS.duband,
                "dubanctl": duban_harness.ARGS.dubanctl}.get(name)

    def run_line(self, line, folder, env=None):
        argv = shlex.split(line.replace("$DIR", folder))
        program = self.binary(argv[0])
        if program is None:
            raise AssertionError("no way to run %r: not duband or dubanctl" % line)
        full_env = dict(os.environ)
        full_env.pop("DUBAN_SOCKET", None)
        full_env["DUBAN_SOCKET"] = self.shared.socket
        full_env["COLUMNS"] = "120"
        full_env.update(env or {})
        full_env = {k: v for k, v in full_env.items() if v is not None}
        result = subprocess.run([program] + argv[1:], cwd=folder, capture_output=True,
                                env=full_env, timeout=60)
        stderr = result.stderr.decode("utf-8", "replace")
        duban_harness.check_no_sanitizer_report(stderr, line)
        return Outcome(result.returncode, result.stdout.decode("utf-8", "replace"), stderr)

    def run_console(self, case, folder):
        self.assertEqual(len(case.commands), 1, "%s: one $ line per case" % case.id)
        env = {"DUBAN_SMTP_PASSWORD": None} if case.id == "config-secret-env" else None
        return self.run_line(case.commands[0], folder, env)

    def exchange(self, socket_path, requests):
        """Sends each request line on one connection and reads one reply line for each."""
        conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        conn.settimeout(10)
        conn.connect(socket_path)
        replies = []
        buffer = b""
        with conn:
            for request in requests:
                conn.sendall(request.encode("utf-8") + b"\n")
                while b"\n" not in buffer:
                    chunk = conn.recv(65536)
                    if not chunk:
                        break
                    buffer += chunk
                line, _, buffer = buffer.partition(b"\n")
                replies.append(line.decode("utf-8", "replace"))
        return Outcome(0, reply="\n".join(replies))

    # ---- cases that need more than one dubanctl or duband run ---------------------------

    def own_daemon(self, folder, extra_toml=""):
        daemon = Daemon(extra_toml=extra_toml)
        self.addCleanup(daemon.cleanup)
        return daemon

    def run_socket_too_large(self, case, folder):
        """A line longer than max_request_bytes: one reply, then the daemon closes."""
        conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        conn.settimeout(10)
        conn.connect(self.shared.socket)
        with conn:
            conn.sendall(('{"v":1,"id":1,"cmd":"status","args":{"pad":"%s"}}\n'
                          % ("x" * MAX_REQUEST_BYTES)).encode())
            data = b""
            while True:
                chunk = conn.recv(65536)
                if not chunk:
                    break
                data += chunk
        return Outcome(0, reply=data.decode("utf-8", "replace").rstrip("\n"))

    def run_socket_non_admin(self, case, folder):
        if not self.root:
            self.skipTest("needs root to run dubanctl as nobody")
        bin_dir = tempfile.mkdtemp(prefix="duban-bad-input-bin-")
        self.addCleanup(shutil.rmtree, bin_dir, True)
        os.chmod(bin_dir, 0o755)
        os.chmod(folder, 0o755)
        ctl = os.path.join(bin_dir, "dubanctl")
        shutil.copy(duban_harness.ARGS.dubanctl, ctl)
        os.chmod(ctl, 0o755)
        argv = shlex.split(case.commands[0])[1:]
        env = {"PATH": "/usr/bin:/bin", "COLUMNS": "120", "DUBAN_SOCKET": self.shared.socket}
        env.update({k: v for k, v in os.environ.items() if k.endswith("SAN_OPTIONS")})
        result = subprocess.run(["setpriv", "--reuid", "65534", "--regid", "65534",
                                 "--clear-groups", ctl] + argv, cwd=folder,
                                capture_output=True, env=env, timeout=60)
        return Outcome(result.returncode, result.stdout.decode("utf-8", "replace"),
                       result.stderr.decode("utf-8", "replace"))

    def start_own(self, folder):
        daemon = self.own_daemon(folder)
        daemon.start(["--clock-start", CLOCK_START])
        return daemon

    def broken_config(self, daemon):
        with open(daemon.config, "a", encoding="utf-8") as f:
            f.write('\n[rules]\nsend_time = "25:00"\n')

    def check_still_running(self, daemon):
        status = daemon.ctl("status")
        self.assertEqual(status.returncode, 0, "the daemon stopped after a refused reload")

    def run_reload_broken_config(self, case, folder):
        daemon = self.start_own(folder)
        self.broken_config(daemon)
        outcome = self.run_line(case.commands[0], folder, {"DUBAN_SOCKET": daemon.socket})
        outcome.stderr = outcome.stderr.replace(daemon.dir, "$DIR")
        self.check_still_running(daemon)
        return outcome

    def run_sighup_broken_config(self, case, folder):
        daemon = self.start_own(folder)
        self.broken_config(daemon)
        daemon.signal(signal.SIGHUP)
        deadline = time.monotonic() + 10
        while "reload failed" not in daemon.log() and time.monotonic() < deadline:
            time.sleep(0.05)
        self.check_still_running(daemon)
        return Outcome(0, log=daemon.log().replace(daemon.dir, "$DIR"))

    def run_socket_in_use(self, case, folder):
        daemon = self.start_own(folder)
        second = subprocess.run([duban_harness.ARGS.duband, "--config", "duban.toml"],
                                cwd=daemon.dir, capture_output=True, timeout=60)
        self.check_still_running(daemon)
        return Outcome(second.returncode, stderr=second.stderr.decode("utf-8", "replace")
                       .replace(daemon.dir, "$DIR"))

    def run_plan_file_doubtful(self, case, folder):
        """duband starts without the plan; stopped with SIGTERM once it says it is ready."""
        log_path = os.path.join(folder, "duband.log")
        with open(log_path, "wb") as log:
            argv = shlex.split(case.commands[0])
            self.assertEqual(argv[0], "duband", case.id)
            process = subprocess.Popen([duban_harness.ARGS.duband] + argv[1:], cwd=folder,
                                       stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline and process.poll() is None:
                with open(log_path, encoding="utf-8", errors="replace") as f:
                    if "duband ready" in f.read():
                        break
                time.sleep(0.05)
        finally:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
            code = process.wait(timeout=10)
        with open(log_path, encoding="utf-8", errors="replace") as f:
            return Outcome(code, stderr=f.read())

    # ---- checking -----------------------------------------------------------------------

    def check_case(self, case):
        folder = tempfile.mkdtemp(prefix="duban-bad-input-")
        self.addCleanup(shutil.rmtree, folder, True)
        for name, text in case.files.items():
            path = os.path.join(folder, name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text.replace("$DIR", folder))
        if case.id in SETUP:
            SETUP[case.id](folder)
        special = getattr(self, "run_" + case.id.replace("-", "_"), None)
        if special is not None:
            outcome = special(case, folder)
        elif case.kind == "jsonl":
            outcome = self.exchange(self.shared.socket, case.commands)
        else:
            outcome = self.run_console(case, folder)
        actual = outcome.text(case.where).replace(folder, "$DIR")
        expected = list(case.expected)
        for pattern, replacement in NORMALIZE.get(case.id, []):
            actual = re.sub(pattern, replacement, actual)
            expected = [re.sub(pattern, replacement, line) for line in expected]
        self.assertEqual(outcome.code, case.exit, "%s: %s" % (case.id, outcome.describe()))
        lines = actual.splitlines()
        position = 0
        for want in expected:
            while position < len(lines) and want not in lines[position]:
                position += 1
            self.assertLess(position, len(lines),
                            "%s: the document's line\n  %s\nis not in the %s (in order):\n%s"
                            % (case.id, want, case.where, outcome.describe()))
            position += 1

    def test_every_documented_case(self):
        missing = [name for name in list(SETUP) + list(NORMALIZE) if name not in self.cases]
        self.assertEqual(missing, [], "set up here but not in docs/BAD-INPUT.md")
        self.assertGreaterEqual(len(self.cases), 40)
        for case in self.cases.values():
            with self.subTest(case=case.id):
                try:
                    self.check_case(case)
                finally:
                    self.doCleanups()  # a case's own daemon and folder go before the next


def main():
    _, rest = duban_harness.parse_args(__doc__)
    unittest.main(argv=[sys.argv[0]] + rest)


if __name__ == "__main__":
    main()
