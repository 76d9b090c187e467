#!/usr/bin/env python3
"""End-to-end test of control-socket access with real, unprivileged users.

Run as root (CI runs as root; elsewhere it is skipped, saying why), it creates two groups
and three users with groupadd/useradd (unique names, removed at the end even when a check
fails):

    reader   in the socket group only           may connect; read-only commands only
    admin    in the socket group and admin group  may mutate
    outsider in neither                          cannot connect at all

duband runs (as root) with [control] socket_group = the socket group and admin_group =
the admin group, so its socket is 0660 root:<socket group>. Each user runs the real
dubanctl through `setpriv --reuid U --regid G --init-groups`, so the kernel's
SO_PEERCRED is the only thing that tells duband who is asking. The folders on the path to
the socket are made traversable (0711) for those users.

Run by ctest as
    python3 test_access.py --duband PATH --dubanctl PATH --source-dir REPO [unittest args]
"""

import grp
import os
import pwd
import secrets
import shutil
import subprocess
import sys
import tempfile
import unittest

import duban_harness
from duban_harness import DubanTestCase

PLAN = """关于测试权限的分工方案
一、推进重点工作
  1.建设一批公共技术服务平台。(省发改委牵头,省科技厅参加)
"""

AGENCIES = """
[[agency]]
name = "省发改委"
email = "fgw@example.gov.cn"

[[agency]]
name = "省科技厅"
"""


def run(command):
    return subprocess.run(command, capture_output=True, text=True, timeout=60)


class AccessTest(DubanTestCase):

    def setUp(self):
        if os.geteuid() != 0:
            self.skipTest("needs root to create users and groups (CI runs as root); "
                          "run as root to test socket access with real users")
        for tool in ("/usr/sbin/useradd", "/usr/sbin/groupadd", "/usr/bin/setpriv"):
            if not os.path.exists(tool):
                self.skipTest("%s is missing (passwd, util-linux)" % tool)
        # The new users must reach the socket and the binary: the daemon's folder goes
        # under /tmp whatever TMPDIR says, and dubanctl is copied out of the build tree
        # (a checkout under /root is not traversable by them). It links only system
        # libraries, so the copy runs as it is.
        tempfile.tempdir = "/tmp"
        self.addCleanup(setattr, tempfile, "tempdir", None)
        bin_dir = tempfile.mkdtemp(prefix="duban-access-bin-")
        self.addCleanup(shutil.rmtree, bin_dir, True)
        os.chmod(bin_dir, 0o755)
        self.dubanctl = os.path.join(bin_dir, "dubanctl")
        shutil.copy(duban_harness.ARGS.dubanctl, self.dubanctl)
        os.chmod(self.dubanctl, 0o755)
        tag = secrets.token_hex(3)
        self.socket_group = self.add_group("dbs" + tag)
        self.admin_group = self.add_group("dba" + tag)
        self.reader = self.add_user("dbr" + tag, [self.socket_group])
        self.admin = self.add_user("dbm" + tag, [self.socket_group, self.admin_group])
        self.outsider = self.add_user("dbo" + tag, [])

    def add_group(self, name):
        self.addCleanup(run, ["groupdel", name])  # registered first: runs last
        result = run(["groupadd", name])
        self.assertEqual(result.returncode, 0, result.stderr)
        return name

    def add_user(self, name, groups):
        self.addCleanup(run, ["userdel", name])
        command = ["useradd", "--no-create-home", "--shell", "/usr/sbin/nologin", "-N"]
        if groups:
            command += ["-G", ",".join(groups)]
        result = run(command + [name])
        self.assertEqual(result.returncode, 0, result.stderr)
        return name

    def start(self):
        extra = ('[control]\nadmin_group = "%s"\nsocket_group = "%s"\n'
                 % (self.admin_group, self.socket_group))
        daemon = duban_harness.Daemon(extra_toml=extra, agencies_toml=AGENCIES)
        os.chmod(daemon.dir, 0o711)  # the users must reach the socket inside it
        self.addCleanup(daemon.cleanup)
        self.daemon = daemon
        daemon.start()
        self.ctl_ok("plan", "import", self.write_file("plan.txt", PLAN))  # as root
        return daemon

    def as_user(self, user, *args):
        """The real dubanctl as `user` (its groups from /etc/group), on the daemon's socket."""
        entry = pwd.getpwnam(user)
        command = ["setpriv", "--reuid", str(entry.pw_uid), "--regid", str(entry.pw_gid),
                   "--init-groups", self.dubanctl, "--socket", self.daemon.socket]
        env = {"PATH": "/usr/bin:/bin", "COLUMNS": "120"}
        # A sanitizer build (scripts/sanitize.sh) keeps its options in the users' runs too.
        env.update({k: v for k, v in os.environ.items() if k.endswith("SAN_OPTIONS")})
        return subprocess.run(command + list(args), capture_output=True, text=True,
                              timeout=60, env=env)

    def check(self, result, code, what):
        self.assertEqual(result.returncode, code,
                         "%s: exit %d\nstdout:\n%s\nstderr:\n%s\nduband log:\n%s"
                         % (what, result.returncode, result.stdout, result.stderr,
                            self.daemon.log()[-3000:]))

    def test_readers_read_admins_mutate_outsiders_cannot_connect(self):
        daemon = self.start()
        mode = os.stat(daemon.socket)
        self.assertEqual(mode.st_mode & 0o777, 0o660)
        self.assertEqual(grp.getgrgid(mode.st_gid).gr_name, self.socket_group)
        probe = self.as_user(self.reader, "--help")
        self.assertEqual(probe.returncode, 0, "an unprivileged user cannot run %s: %s"
                         % (self.dubanctl, probe.stderr))

        # The reader connects and reads.
        self.check(self.as_user(self.reader, "status"), 0, "reader: status")
        tasks = self.as_user(self.reader, "tasks")
        self.check(tasks, 0, "reader: tasks")
        self.assertIn("建设一批公共技术服务平台", tasks.stdout)
        self.check(self.as_user(self.reader, "log-level"), 0, "reader: log-level (show)")
        self.check(self.as_user(self.reader, "metrics"), 0, "reader: metrics")

        # ... but every mutation is refused with the permission error, exit 1.
        uid = pwd.getpwnam(self.reader).pw_uid
        for args in (["feedback", "1", "--agency", "省发改委", "--text", "已完成"],
                     ["reload"], ["log-level", "debug"]):
            denied = self.as_user(self.reader, *args)
            self.check(denied, 1, "reader: " + " ".join(args))
            self.assertIn("uid %d (%s) is not root, the daemon's user or a member of the admin "
                          "group \"%s\"" % (uid, self.reader, self.admin_group), denied.stderr)
        log = daemon.log()
        for command in ("feedback.add", "reload", "log.level"):
            self.assertIn("denied %s to uid %d (%s)" % (command, uid, self.reader), log)
        self.assertEqual(self.ctl_json("feedback", "list", "1")["feedback"], [])

        # The admin's mutations succeed, and are recorded with its name.
        self.check(self.as_user(self.admin, "feedback", "1", "--agency", "省发改委",
                                "--text", "平台已建成"), 0, "admin: feedback")
        level = self.as_user(self.admin, "log-level", "debug")
        self.check(level, 0, "admin: log-level debug")
        self.check(self.as_user(self.admin, "reload"), 0, "admin: reload")
        feedback = self.ctl_json("feedback", "list", "1")["feedback"]
        self.assertEqual(len(feedback), 1, feedback)
        self.assertIn(self.admin, feedback[0]["actor"])
        self.assertIn("(%s) set the log level from" % self.admin, daemon.log())

        # The outsider cannot even connect: exit 3 and a clear message.
        refused = self.as_user(self.outsider, "status")
        self.check(refused, 3, "outsider: status")
        self.assertIn("Permission denied", refused.stderr)
        self.assertIn("is your user allowed to use the socket?", refused.stderr)


def main():
    _, rest = duban_harness.parse_args(__doc__)
    unittest.main(argv=[sys.argv[0]] + rest, verbosity=2)


if __name__ == "__main__":
    main()
