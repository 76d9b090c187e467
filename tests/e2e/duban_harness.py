"""Shared harness of the end-to-end tests: a real duband on a temporary folder, driven
with the real dubanctl.

A Daemon writes its config file (state, socket and mail dir inside its folder, plus any
extra TOML the test gives), starts duband, waits until `dubanctl status` answers, and
always stops it and removes the folder. DubanTestCase runs dubanctl and checks its
outcome, putting the daemon's log into every failure message.

Not a test module itself (tests/CMakeLists.txt runs tests/e2e/test_*.py); each test module
calls parse_args() from its main() and then unittest.main.
Python 3 standard library only.
"""

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
import unittest

ARGS = None  # the parsed --duband, --dubanctl, --source-dir (set by parse_args)

READY_TIMEOUT = 10.0     # seconds for a started duband to answer `status`
COMMAND_TIMEOUT = 60.0   # seconds for one dubanctl run
STOP_TIMEOUT = 10.0      # seconds for duband to exit after SIGTERM


def parse_args(description):
    """Parses --duband, --dubanctl and --source-dir; returns (args, the rest for unittest)."""
    global ARGS
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--duband", required=True)
    parser.add_argument("--dubanctl", required=True)
    parser.add_argument("--source-dir", required=True)
    ARGS, rest = parser.parse_known_args()
    return ARGS, rest


# A sanitizer build (scripts/sanitize.sh, docs/TESTING.md) reports on stderr; a report
# fails the test even where the exit code is not looked at (a leak found as duband exits
# after the test's last check, a dubanctl run that was expected to fail anyway).
SANITIZER_REPORT = re.compile(r"^SUMMARY: \w*Sanitizer|^==\d+==ERROR: \w*Sanitizer"
                              r"|^WARNING: ThreadSanitizer", re.MULTILINE)


def check_no_sanitizer_report(text, who):
    match = SANITIZER_REPORT.search(text)
    if match:
        raise AssertionError("%s: sanitizer report:\n%s" % (who, text[max(0, match.start() - 6000):]))


def source_path(relative):
    return os.path.join(ARGS.source_dir, relative)


def run_dubanctl(args, socket_path=None, env=None, timeout=COMMAND_TIMEOUT):
    command = [ARGS.dubanctl]
    if socket_path is not None:
        command += ["--socket", socket_path]
    full_env = dict(os.environ)
    full_env.pop("DUBAN_SOCKET", None)
    full_env["COLUMNS"] = "120"
    full_env.update(env or {})
    result = subprocess.run(command + list(args), capture_output=True, timeout=timeout,
                            env=full_env)
    check_no_sanitizer_report(result.stderr.decode("utf-8", "replace"),
                              "dubanctl " + " ".join(args))
    return result


class Daemon:
    """A duband on its own temporary folder and config; cleanup() always removes both."""

    def __init__(self, extra_toml="", agencies_toml=""):
        self.dir = tempfile.mkdtemp(prefix="duban-e2e-")
        self.socket = os.path.join(self.dir, "duband.sock")
        self.store = os.path.join(self.dir, "state", "duban.db")
        self.mail = os.path.join(self.dir, "mail")
        self.config = os.path.join(self.dir, "duban.toml")
        self.log_path = os.path.join(self.dir, "duband.log")
        self.process = None
        self.write_config(extra_toml, agencies_toml)

    def config_text(self, extra_toml="", agencies_toml=""):
        """The config file's text: the folder's paths, then `extra_toml`, then agencies."""
        return ('[daemon]\n'
                'state_dir = "%s"\n'
                'socket = "%s"\n'
                'log_level = "debug"\n'
                '\n[store]\npath = "%s"\n'
                '\n[mail]\ndir = "%s"\n'
                '\n[plan]\nfirst_listed_leads = false\n'
                '%s\n%s' % (os.path.join(self.dir, "state"), self.socket, self.store,
                            self.mail, extra_toml, agencies_toml))

    def write_config(self, extra_toml="", agencies_toml=""):
        """(Re)writes the config file; a running daemon sees it at its next reload."""
        with open(self.config, "w", encoding="utf-8") as f:
            f.write(self.config_text(extra_toml, agencies_toml))

    def start(self, extra_args=(), env=None):
        """Starts duband (with `extra_args`, e.g. ["--clock-start", ...], and `env` added
        to this process's environment) and waits until `dubanctl status` answers."""
        log = open(self.log_path, "ab")
        full_env = dict(os.environ)
        full_env.update(env or {})
        try:
            self.process = subprocess.Popen([ARGS.duband, "--config", self.config]
                                            + list(extra_args),
                                            stdout=log, stderr=subprocess.STDOUT,
                                            env=full_env)
        finally:
            log.close()
        deadline = time.monotonic() + READY_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError("duband exited with %d before answering:\n%s"
                                     % (self.process.returncode, self.log()))
            if os.path.exists(self.socket):
                probe = run_dubanctl(["status"], self.socket, timeout=5)
                if probe.returncode == 0:
                    return self
            time.sleep(0.05)
        raise AssertionError("duband did not answer `dubanctl status` within %.0f s:\n%s"
                             % (READY_TIMEOUT, self.log()))

    def stop(self):
        """SIGTERM, then SIGKILL if needed; returns duband's exit code (None if not run)."""
        code = None
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                code = self.process.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
                code = "killed after SIGTERM was ignored for %.0f s" % STOP_TIMEOUT
        elif self.process is not None:
            code = self.process.returncode
        return code

    def signal(self, number):
        self.process.send_signal(number)

    def kill(self):
        """SIGKILL: a crash, no chance to record anything."""
        self.process.kill()
        self.process.wait()

    def cleanup(self):
        self.stop()
        log = self.log()
        shutil.rmtree(self.dir, ignore_errors=True)
        check_no_sanitizer_report(log, "duband")

    def log(self):
        try:
            with open(self.log_path, encoding="utf-8", errors="replace") as f:
                return f.read()
        except OSError:
            return "(no log)"

    def ctl(self, *args, env=None):
        return run_dubanctl(args, self.socket, env=env)

    def path(self, name):
        return os.path.join(self.dir, name)


class DubanTestCase(unittest.TestCase):
    """Helpers to run dubanctl and check its outcome, with the daemon's log on failure."""

    daemon = None
    daemon_class = Daemon  # a test module may give its own defaults

    def start_daemon(self, **kwargs):
        daemon = self.daemon_class(**kwargs)
        self.addCleanup(daemon.cleanup)
        self.daemon = daemon
        return daemon.start()

    def describe(self, result):
        text = "dubanctl %s exited %d\nstdout:\n%s\nstderr:\n%s" % (
            " ".join(str(a) for a in result.args[1:]), result.returncode,
            result.stdout.decode("utf-8", "replace"), result.stderr.decode("utf-8", "replace"))
        if self.daemon is not None:
            text += "\nduband log (tail):\n" + self.daemon.log()[-3000:]
        return text

    def ctl_ok(self, *args):
        result = self.daemon.ctl(*args)
        self.assertEqual(result.returncode, 0, self.describe(result))
        return result.stdout.decode("utf-8")

    def ctl_json(self, *args):
        return json.loads(self.ctl_ok("--json", *args))

    def ctl_fails(self, expected_code, *args):
        result = self.daemon.ctl(*args)
        self.assertEqual(result.returncode, expected_code, self.describe(result))
        return result.stderr.decode("utf-8")

    def write_file(self, name, content):
        path = self.daemon.path(name)
        mode = "wb" if isinstance(content, bytes) else "w"
        with open(path, mode, **({} if mode == "wb" else {"encoding": "utf-8"})) as f:
            f.write(content)
        return path
