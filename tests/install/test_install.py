#!/usr/bin/env python3
"""Install and package tests: what `cmake --install` and `cpack -G DEB` deliver.

- `cmake --install` into a scratch DESTDIR (prefix /usr and /usr/local): every file in its
  FHS place with a sane mode, the unit pointing at the installed duband, and a second
  install keeping an edited /etc/duban/duban.toml (the new example goes beside it).
- `cpack -G DEB`: package name, dependencies (dpkg-shlibdeps plus tzdata and systemd),
  /etc/duban/duban.toml as a conffile, the maintainer scripts; unpacked into a scratch
  root, the installed duband checks the installed example config and the installed
  dubanctl prints its help.
- As root with dpkg and no duban installed on the machine: `dpkg -i` the package for real,
  check the user, directories and modes it set up, `duband --check-config` of
  /etc/duban/duban.toml as the user duban, then `dpkg --purge` (skipped otherwise, saying
  why).
- The unit: `systemd-analyze verify` and `systemd-analyze security --offline=true` with an
  exposure of 1.5 or less.

Nothing is rebuilt; the package is built from the build tree as it is. Run by ctest as
    python3 test_install.py --duband P --dubanctl P --source-dir REPO --build-dir BUILD
"""

import grp
import os
import pwd
import re
import shutil
import stat
import sys
import tempfile
import unittest

import install_harness as harness
from install_harness import run, source_path

MAX_EXPOSURE = 1.5

# Installed with prefix /usr, relative to DESTDIR: path -> expected mode.
EXPECTED_USR = {
    "usr/sbin/duband": 0o755,
    "usr/bin/dubanctl": 0o755,
    "usr/lib/systemd/system/duband.service": 0o644,
    "usr/lib/sysusers.d/duban.conf": 0o644,
    "usr/lib/tmpfiles.d/duban.conf": 0o644,
    "etc/duban/duban.toml": 0o644,
    "usr/share/man/man8/duband.8": 0o644,
    "usr/share/man/man1/dubanctl.1": 0o644,
    "usr/share/man/man5/duban.toml.5": 0o644,
    "usr/share/bash-completion/completions/dubanctl": 0o644,
    "usr/share/doc/duban/README.md": 0o644,
    "usr/share/doc/duban/OPERATIONS.md": 0o644,
    "usr/share/doc/duban/DUBANCTL.md": 0o644,
    "usr/share/doc/duban/examples/duban.toml": 0o644,
    "usr/share/doc/duban/examples/plan-zhejiang-2013.txt": 0o644,
}

# Secret files the example config names (mail password, the DingTalk robot's secret).
EXAMPLE_SECRETS = ["/etc/duban/smtp-password", "/etc/duban/dingtalk-office.secret"]


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def mode_of(path):
    return stat.S_IMODE(os.lstat(path).st_mode)


def cmake_install(destdir, prefix, strip=False):
    return run(["cmake", "--install", harness.ARGS.build_dir, "--prefix", prefix]
               + (["--strip"] if strip else []), env={"DESTDIR": destdir})


def build_deb(workdir):
    """The .deb of the build tree, written into `workdir`; returns its path.

    Plain `cpack` first builds the target `preinstall` (everything, tests included); to
    package the build tree as it is, the files are installed with the package's prefix
    into a staging root (what cpack's own install step does, stripped as it strips) and
    cpack packs that root, with packaging/deb.cmake's settings otherwise unchanged."""
    stage = os.path.join(workdir, "stage")
    cmake_install(stage, "/usr", strip=True)  # as CPACK_STRIP_FILES does
    run(["cpack", "-G", "DEB", "-B", workdir,
         "--config", os.path.join(harness.ARGS.build_dir, "CPackConfig.cmake"),
         "-D", "CPACK_INSTALL_CMAKE_PROJECTS=",
         "-D", "CPACK_INSTALLED_DIRECTORIES=%s;/" % stage], timeout=300)
    debs = [name for name in os.listdir(workdir) if name.endswith(".deb")]
    if len(debs) != 1:
        raise AssertionError("expected one .deb in %s, found %s" % (workdir, debs))
    return os.path.join(workdir, debs[0])


class CmakeInstallTest(unittest.TestCase):
    def setUp(self):
        self.destdir = tempfile.mkdtemp(prefix="duban-install-")
        self.addCleanup(shutil.rmtree, self.destdir, ignore_errors=True)

    def path(self, relative):
        return os.path.join(self.destdir, relative)

    def test_every_file_in_its_place_with_its_mode(self):
        cmake_install(self.destdir, "/usr")
        for relative, mode in EXPECTED_USR.items():
            with self.subTest(path=relative):
                self.assertTrue(os.path.isfile(self.path(relative)), relative + " missing")
                self.assertEqual(oct(mode_of(self.path(relative))), oct(mode))
        # Nothing outside /usr and /etc (no /var, no /run: systemd-tmpfiles makes those).
        self.assertEqual(sorted(os.listdir(self.destdir)), ["etc", "usr"])

    def test_installed_files_match_their_sources(self):
        cmake_install(self.destdir, "/usr")
        for installed, source in [
                ("etc/duban/duban.toml", "examples/duban.toml"),
                ("usr/lib/sysusers.d/duban.conf", "systemd/duban.sysusers"),
                ("usr/lib/tmpfiles.d/duban.conf", "systemd/duban.tmpfiles"),
                ("usr/share/bash-completion/completions/dubanctl", "completion/dubanctl.bash"),
                ("usr/share/man/man8/duband.8", "man/duband.8")]:
            with self.subTest(path=installed):
                self.assertEqual(read(self.path(installed)), read(source_path(source)))
        with open(self.path("usr/sbin/duband"), "rb") as a, open(harness.ARGS.duband, "rb") as b:
            self.assertEqual(a.read(), b.read(), "usr/sbin/duband is not the built duband")

    def test_unit_runs_the_installed_duband_on_the_installed_config(self):
        cmake_install(self.destdir, "/usr")
        unit = read(self.path("usr/lib/systemd/system/duband.service"))
        self.assertIn("\nExecStart=/usr/sbin/duband --config /etc/duban/duban.toml\n", unit)
        self.assertIn("\nType=notify\n", unit)

    def test_prefix_usr_local_keeps_everything_under_it(self):
        cmake_install(self.destdir, "/usr/local")
        self.assertEqual(os.listdir(self.destdir), ["usr"])
        self.assertTrue(os.path.isfile(self.path("usr/local/etc/duban/duban.toml")))
        self.assertTrue(os.path.isfile(self.path("usr/local/sbin/duband")))
        unit = read(self.path("usr/local/lib/systemd/system/duband.service"))
        self.assertIn("\nExecStart=/usr/local/sbin/duband --config "
                      "/usr/local/etc/duban/duban.toml\n", unit)

    def test_second_install_keeps_an_edited_config(self):
        cmake_install(self.destdir, "/usr")
        config = self.path("etc/duban/duban.toml")
        edited = read(config).replace('time_zone = "Asia/Shanghai"', 'time_zone = "UTC"', 1)
        self.assertIn('time_zone = "UTC"', edited)
        with open(config, "w", encoding="utf-8") as f:
            f.write(edited)
        second = cmake_install(self.destdir, "/usr")
        self.assertEqual(read(config), edited)
        self.assertIn("Keeping existing", second.stdout)
        # The new example is put beside the operator's file, not over it.
        self.assertEqual(read(config + ".example"), read(source_path("examples/duban.toml")))


class DebianPackageTest(unittest.TestCase):
    """One package built for the whole class (cpack takes a few seconds)."""

    @classmethod
    def setUpClass(cls):
        cls.workdir = tempfile.mkdtemp(prefix="duban-deb-")
        cls.deb = build_deb(cls.workdir)
        cls.root = os.path.join(cls.workdir, "root")
        run(["dpkg-deb", "-x", cls.deb, cls.root])

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.workdir, ignore_errors=True)

    def field(self, name):
        return run(["dpkg-deb", "--field", self.deb, name]).stdout.strip()

    def test_package_name_and_architecture(self):
        self.assertEqual(self.field("Package"), "duban")
        self.assertEqual(self.field("Architecture"),
                         run(["dpkg", "--print-architecture"]).stdout.strip())
        self.assertRegex(os.path.basename(self.deb), r"^duban_\d+\.\d+\.\d+_[a-z0-9]+\.deb$")

    def test_depends_on_shared_libraries_tzdata_and_systemd(self):
        depends = [d.strip().split(" ")[0] for d in self.field("Depends").split(",")]
        # From dpkg-shlibdeps: the libraries duband links.
        for library in ["libc6", "libsqlite3-0", "libsystemd0", "libcurl4", "libssl3"]:
            self.assertIn(library, depends)
        for package in ["tzdata", "systemd"]:
            self.assertIn(package, depends)

    def test_config_is_a_conffile_and_the_scripts_are_there(self):
        control = os.path.join(self.workdir, "control")
        run(["dpkg-deb", "-e", self.deb, control])
        self.assertEqual(read(os.path.join(control, "conffiles")).split(),
                         ["/etc/duban/duban.toml"])
        for script in ["postinst", "prerm", "postrm"]:
            with self.subTest(script=script):
                path = os.path.join(control, script)
                self.assertEqual(oct(mode_of(path)), oct(0o755))
                self.assertEqual(read(path), read(source_path("packaging/debian/" + script)))
        run(["sh", "-n", os.path.join(control, "postinst")])

    def test_contents_in_fhs_places_owned_by_root(self):
        listing = run(["dpkg-deb", "--contents", self.deb]).stdout.splitlines()
        paths = {}
        for line in listing:
            fields = line.split()
            paths[fields[5].lstrip(".")] = (fields[0], fields[1])
        for relative, mode in EXPECTED_USR.items():
            with self.subTest(path=relative):
                self.assertIn("/" + relative, paths)
                perms, owner = paths["/" + relative]
                self.assertEqual(owner, "root/root")
                self.assertEqual(perms, "-" + stat.filemode(mode)[1:])
        self.assertFalse([p for p in paths if p.startswith("/usr/local")])

    def test_installed_duband_checks_the_installed_example(self):
        # The example names /etc/duban/... secret files, which only root may create on
        # this machine: a copy of the installed config points them into the scratch root
        # instead (nothing else changes), with the mode duband demands (not o+r).
        installed = os.path.join(self.root, "etc/duban/duban.toml")
        text = read(installed)
        for secret in EXAMPLE_SECRETS:
            self.assertIn('"%s"' % secret, text)
            local = os.path.join(self.root, secret.lstrip("/"))
            with open(local, "w", encoding="utf-8") as f:
                f.write("example-secret\n")
            os.chmod(local, 0o640)
            text = text.replace('"%s"' % secret, '"%s"' % local)
        copy = os.path.join(self.workdir, "duban.toml")
        with open(copy, "w", encoding="utf-8") as f:
            f.write(text)
        duband = os.path.join(self.root, "usr/sbin/duband")
        result = run([duband, "--config", copy, "--check-config"])
        self.assertIn("config OK", result.stderr)
        self.assertIn('state_dir = "/var/lib/duban"', result.stdout)
        self.assertIn('socket = "/run/duban/duband.sock"', result.stdout)
        self.assertNotIn("example-secret", result.stdout + result.stderr)

    def test_installed_example_without_its_secrets_names_them(self):
        # As shipped, before the operator creates the secret files: refused, naming them.
        installed = os.path.join(self.root, "etc/duban/duban.toml")
        text = read(installed).replace('"/etc/duban/', '"%s/missing/' % self.workdir)
        copy = os.path.join(self.workdir, "unready.toml")
        with open(copy, "w", encoding="utf-8") as f:
            f.write(text)
        result = run([os.path.join(self.root, "usr/sbin/duband"), "--config", copy,
                      "--check-config"], check=False)
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn("smtp-password", result.stderr)

    def test_installed_dubanctl_prints_its_help(self):
        result = run([os.path.join(self.root, "usr/bin/dubanctl"), "--help"])
        self.assertIn("Usage: dubanctl", result.stdout)
        self.assertIn("/run/duban/duband.sock", result.stdout)


def dpkg_install_skip_reason():
    if os.geteuid() != 0:
        return "not root: dpkg -i of the package needs root (CI runs it as root)"
    if not shutil.which("dpkg"):
        return "no dpkg on this machine"
    status = run(["dpkg-query", "-W", "-f=${Status}", "duban"], check=False).stdout
    if "installed" in status:
        return "a duban package is installed on this machine; not replacing it"
    for path in ["/etc/duban", "/var/lib/duban", "/usr/sbin/duband"]:
        if os.path.exists(path):
            return "%s exists (a duban installed from source?); not touching it" % path
    return None


@unittest.skipIf(dpkg_install_skip_reason(), dpkg_install_skip_reason())
class DpkgInstallTest(unittest.TestCase):
    """The package installed on this machine for real, then purged."""

    def setUp(self):
        self.workdir = tempfile.mkdtemp(prefix="duban-dpkg-")
        self.addCleanup(shutil.rmtree, self.workdir, ignore_errors=True)
        self.deb = build_deb(self.workdir)
        self.user_existed = self.user_exists("duban")
        self.group_existed = self.group_exists("duban")
        self.addCleanup(self.purge_and_forget_user)

    @staticmethod
    def user_exists(name):
        try:
            pwd.getpwnam(name)
            return True
        except KeyError:
            return False

    @staticmethod
    def group_exists(name):
        try:
            grp.getgrnam(name)
            return True
        except KeyError:
            return False

    def purge_and_forget_user(self):
        for secret in EXAMPLE_SECRETS:
            if os.path.exists(secret):
                os.remove(secret)
        run(["dpkg", "--purge", "duban"], check=False)
        # The package leaves its system user in place (as Debian does); the test removes
        # what it created so the machine is as it was.
        if not self.user_existed and self.user_exists("duban"):
            run(["userdel", "duban"], check=False)
        if not self.group_existed and self.group_exists("duban"):
            run(["groupdel", "duban"], check=False)

    def test_install_check_config_as_duban_then_purge(self):
        installed = run(["dpkg", "-i", self.deb], env={"DEBIAN_FRONTEND": "noninteractive"})
        self.assertIn("systemctl enable --now duband", installed.stdout)
        self.assertEqual(run(["dpkg-query", "-W", "-f=${Status}", "duban"]).stdout,
                         "install ok installed")

        # postinst: the user and group, and the directories from the tmpfiles snippet.
        user = pwd.getpwnam("duban")
        self.assertEqual(user.pw_dir, "/var/lib/duban")
        self.assertEqual(user.pw_shell, "/usr/sbin/nologin")
        self.assertEqual(grp.getgrgid(user.pw_gid).gr_name, "duban")
        duban_gid = grp.getgrnam("duban").gr_gid
        for path, mode, uid, gid in [("/etc/duban", 0o750, 0, duban_gid),
                                     ("/var/lib/duban", 0o750, user.pw_uid, duban_gid)]:
            with self.subTest(path=path):
                info = os.stat(path)
                self.assertEqual(oct(stat.S_IMODE(info.st_mode)), oct(mode))
                self.assertEqual((info.st_uid, info.st_gid), (uid, gid))

        # Not ready yet: the example's secret files do not exist, and duband says so.
        unready = run(["/usr/sbin/duband", "--config", "/etc/duban/duban.toml",
                       "--check-config"], check=False)
        self.assertEqual(unready.returncode, 1)
        self.assertIn("/etc/duban/smtp-password", unready.stderr)

        # The operator's step (docs/OPERATIONS.md): secrets 0640 root:duban. Then the
        # installed example passes, checked as the user duband runs as, so the modes of
        # /etc/duban, the config and the secrets are checked too.
        for secret in EXAMPLE_SECRETS:
            with open(secret, "w", encoding="utf-8") as f:
                f.write("example-secret\n")
            os.chown(secret, 0, duban_gid)
            os.chmod(secret, 0o640)
        checked = run(["setpriv", "--reuid=duban", "--regid=duban", "--init-groups",
                       "/usr/sbin/duband", "--config", "/etc/duban/duban.toml",
                       "--check-config"])
        self.assertIn("config OK", checked.stderr)
        self.assertIn("Usage: dubanctl", run(["/usr/bin/dubanctl", "--help"]).stdout)
        self.assertTrue(os.path.isfile("/usr/share/man/man8/duband.8"))

        for secret in EXAMPLE_SECRETS:
            os.remove(secret)
        run(["dpkg", "--purge", "duban"])
        for path in ["/usr/sbin/duband", "/etc/duban", "/var/lib/duban",
                     "/usr/lib/systemd/system/duband.service"]:
            self.assertFalse(os.path.exists(path), path + " left after purge")


def unit_for_analysis(directory):
    """The source unit with ExecStart pointing at the built duband (verify wants the
    executable to exist), written into `directory`."""
    text = read(source_path("systemd/duband.service"))
    text = text.replace("/usr/sbin/duband", os.path.abspath(harness.ARGS.duband))
    path = os.path.join(directory, "duband.service")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


@unittest.skipUnless(shutil.which("systemd-analyze"), "systemd-analyze is not installed")
class SystemdUnitTest(unittest.TestCase):
    def setUp(self):
        self.workdir = tempfile.mkdtemp(prefix="duban-unit-")
        self.addCleanup(shutil.rmtree, self.workdir, ignore_errors=True)
        self.unit = unit_for_analysis(self.workdir)

    def test_verify_is_clean_with_the_man_pages_it_names(self):
        # Documentation=man:duband(8) ...: verify runs man on each, so the man pages are
        # put on MANPATH as they are installed.
        manpath = os.path.join(self.workdir, "man")
        for page, section in [("duband.8", 8), ("dubanctl.1", 1), ("duban.toml.5", 5)]:
            os.makedirs(os.path.join(manpath, "man%d" % section), exist_ok=True)
            shutil.copy(source_path("man/" + page), os.path.join(manpath, "man%d" % section))
        result = run(["systemd-analyze", "verify", self.unit], env={"MANPATH": manpath},
                     check=False)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertEqual(result.stderr.strip(), "")

    def test_security_exposure_is_at_most_1_5(self):
        result = run(["systemd-analyze", "security", "--offline=true", "--no-pager",
                      self.unit], check=False)
        match = re.search(r"Overall exposure level for duband\.service: (\d+\.\d+)",
                          result.stdout)
        self.assertIsNotNone(match, result.stdout + result.stderr)
        self.assertLessEqual(float(match.group(1)), MAX_EXPOSURE, result.stdout)

    def test_unit_names_the_sysusers_user_and_the_tmpfiles_directories(self):
        unit = read(source_path("systemd/duband.service"))
        sysusers = read(source_path("systemd/duban.sysusers"))
        tmpfiles = read(source_path("systemd/duban.tmpfiles"))
        self.assertIn("\nUser=duban\n", unit)
        self.assertRegex(sysusers, r"(?m)^u duban ")
        self.assertIn("\nStateDirectory=duban\n", unit)
        self.assertRegex(tmpfiles, r"(?m)^d /var/lib/duban\s+0750 duban duban")
        self.assertIn("\nRuntimeDirectory=duban\n", unit)
        self.assertIn("\nRuntimeDirectoryMode=0755\n", unit)
        self.assertRegex(tmpfiles, r"(?m)^d /run/duban\s+0755 duban duban")
        # The example config uses exactly these directories.
        example = read(source_path("examples/duban.toml"))
        self.assertIn('\nstate_dir = "/var/lib/duban"\n', example)
        self.assertIn('\nsocket = "/run/duban/duband.sock"\n', example)
        self.assertIn('\npath = "/var/lib/duban/duban.db"\n', example)


def main():
    rest = harness.parse_args(__doc__.splitlines()[0])
    unittest.main(argv=[sys.argv[0]] + rest, verbosity=2)


if __name__ == "__main__":
    main()
