"""End-to-end: `dubanctl export`, `dubanctl backup` and a restore, with the real binaries.

A daemon runs on the bundled seed plan; feedback and a suspension are recorded; `dubanctl
backup` copies the store while the daemon runs and `dubanctl export` records the state at
that moment; more changes follow. Then the daemon stops, the backup is checked with
`duband --check-store` and put in place as the store of a fresh state directory, and a
daemon started there must export the same state as at backup time, without the later
changes. A truncated and a foreign file are refused by `duband --check-store`, and a
backup into a missing directory is refused before the daemon copies anything.

Python 3 standard library only.
"""

import hashlib
import json
import os
import shutil
import stat
import subprocess
import sys
import unittest

import duban_harness
from duban_harness import DubanTestCase, source_path

SEED_PLAN = "examples/plan-zhejiang-2013.txt"

AGENCIES = """
[[agency]]
name = "省发改委"
aliases = ["省发展改革委"]
email = "fgw@example.gov.cn"

[[agency]]
name = "省科技厅"
email = "kjt@example.gov.cn"
"""

# Fields of the export that change by themselves: when it was taken, and the scheduler's
# evaluation mark (it advances at every wake, also in the restored daemon).
VOLATILE = ("exported_at", "evaluated_until")


def stable(document):
    return {key: value for key, value in document.items() if key not in VOLATILE}


def check_store(path):
    return subprocess.run([duban_harness.ARGS.duband, "--check-store", path],
                          capture_output=True, timeout=60)


class BackupRestoreTest(DubanTestCase):
    def setUp(self):
        self.start_daemon(agencies_toml=AGENCIES)
        self.assertIn("imported", self.ctl_ok("plan", "import", source_path(SEED_PLAN)))
        self.out_dir = self.daemon.path("out")
        os.mkdir(self.out_dir)

    def lead_of(self, ref):
        task = self.ctl_json("task", ref)
        task = task.get("task", task)
        return (task["lead"] or task["responsible"] or task["participants"])[0]

    def export(self, name):
        path = os.path.join(self.out_dir, name)
        self.ctl_ok("export", path)
        self.assertEqual(stat.S_IMODE(os.stat(path).st_mode), 0o600)
        with open(path, encoding="utf-8") as f:
            return json.load(f)

    def test_backup_while_running_restores_to_the_state_at_backup_time(self):
        self.ctl_ok("feedback", "1", "--agency", self.lead_of("1"), "--text", "年度实施方案已印发",
                    "--percent", "40")
        self.ctl_ok("task", "2", "suspend", "--reason", "等待国家政策")

        backup = os.path.join(self.out_dir, "duban-backup.db")
        out = self.ctl_ok("backup", backup)
        self.assertIn("written to " + backup, out)
        self.assertEqual(stat.S_IMODE(os.stat(backup).st_mode), 0o600)
        with open(backup, "rb") as f:
            digest = hashlib.sha256(f.read()).hexdigest()
        self.assertIn(digest, out)  # the hash dubanctl checked is the file's
        at_backup = self.export("at-backup.json")
        self.assertEqual(at_backup["format"], "duban-state-export")
        self.assertEqual(len(at_backup["feedback"]), 1)
        suspended = [t for t in at_backup["plan"]["tasks"] if t["ref"] == "2"][0]
        self.assertEqual((suspended["state"], suspended["state_reason"]),
                         ("suspended", "等待国家政策"))
        # The daemon's copy is deleted once handed out.
        self.assertEqual(os.listdir(os.path.join(self.daemon.dir, "state", "backups")), [])

        # Changes after the backup.
        self.ctl_ok("feedback", "3", "--agency", self.lead_of("3"), "--text", "已完成", "--done")
        self.ctl_ok("task", "2", "resume", "--reason", "政策已出台")
        later = self.export("later.json")
        self.assertEqual(len(later["feedback"]), 2)
        self.assertNotEqual(stable(later), stable(at_backup))
        self.assertEqual(self.daemon.stop(), 0, self.daemon.log())

        # The check a restore starts with.
        checked = check_store(backup)
        self.assertEqual(checked.returncode, 0, checked.stderr.decode())
        summary = checked.stdout.decode()
        self.assertIn("store OK", summary)
        self.assertIn("feedback: 1", summary)

        # Restore into a fresh state directory: the file as the store, 0600.
        restored = duban_harness.Daemon(agencies_toml=AGENCIES)
        self.addCleanup(restored.cleanup)
        os.makedirs(os.path.dirname(restored.store), mode=0o750)
        shutil.copyfile(backup, restored.store)
        os.chmod(restored.store, 0o600)
        self.daemon = restored.start()
        after_restore = self.export("after-restore.json")
        self.assertEqual(stable(after_restore), stable(at_backup))
        texts = [f["text"] for f in after_restore["feedback"]]
        self.assertNotIn("已完成", texts)
        self.assertIn("年度实施方案已印发", texts)

    def test_damaged_and_foreign_files_are_refused(self):
        backup = os.path.join(self.out_dir, "duban-backup.db")
        self.ctl_ok("backup", backup)
        truncated = os.path.join(self.out_dir, "truncated.db")
        with open(backup, "rb") as f:
            data = f.read()
        with open(truncated, "wb") as f:
            f.write(data[:len(data) // 2])
        result = check_store(truncated)
        self.assertEqual(result.returncode, 1)
        err = result.stderr.decode()
        self.assertIn(truncated, err)
        self.assertIn("do not restore it", err)

        foreign = os.path.join(self.out_dir, "notes.txt")
        with open(foreign, "w") as f:
            f.write("not a database\n" * 300)
        result = check_store(foreign)
        self.assertEqual(result.returncode, 1)
        self.assertIn("not a database", result.stderr.decode())

        missing = check_store(os.path.join(self.out_dir, "none.db"))
        self.assertEqual(missing.returncode, 1)
        self.assertIn("no store file", missing.stderr.decode())

    def test_backup_into_a_missing_directory_is_refused_before_copying(self):
        err = self.ctl_fails(2, "backup", os.path.join(self.out_dir, "no", "such", "b.db"))
        self.assertIn("no/such/b.db", err)
        self.assertFalse(os.path.exists(os.path.join(self.daemon.dir, "state", "backups")))

    def test_export_to_stdout(self):
        document = json.loads(self.ctl_ok("export", "-"))
        self.assertEqual(document["counts"]["tasks"], len(document["plan"]["tasks"]))
        self.assertFalse(document["messages"]["bodies_included"])


def main():
    _, rest = duban_harness.parse_args(__doc__)
    unittest.main(argv=[sys.argv[0]] + rest)


if __name__ == "__main__":
    main()
