#!/usr/bin/env python3
"""Bash completion tests: completion/dubanctl.bash sourced in a real bash, completions
asked through COMP_WORDS / COMP_CWORD as bash-completion would, and its tables compared
with `dubanctl --help` and every command's and subcommand's --help (commands,
subcommands and options), so a new command or option cannot be forgotten.

Run by ctest as
    python3 test_completion.py --duband P --dubanctl P --source-dir REPO --build-dir BUILD
"""

import os
import shlex
import shutil
import sys
import tempfile
import unittest

import install_harness as harness
from install_harness import dubanctl_help, help_commands, help_options, run, source_path

BASH = shutil.which("bash") or "/bin/bash"


def bash(script):
    """Runs `script` in bash after sourcing the completion; returns its stdout."""
    prologue = "source %s || exit 9\n" % shlex.quote(source_path("completion/dubanctl.bash"))
    return run([BASH, "--norc", "--noprofile", "-c", prologue + script],
               env={"LC_ALL": "C.UTF-8"}).stdout


def complete(line, cwd=None):
    """The completions of the last word of `line` (a trailing space: a new empty word)."""
    words = line.split(" ")
    assignments = "COMP_WORDS=(%s)\nCOMP_CWORD=%d\n" % (
        " ".join(shlex.quote(w) for w in words), len(words) - 1)
    script = assignments + 'COMP_LINE=%s\n_dubanctl\nprintf "%%s\\n" "${COMPREPLY[@]}"\n' % (
        shlex.quote(line))
    if cwd:
        script = "cd %s\n" % shlex.quote(cwd) + script
    return [w for w in bash(script).splitlines() if w]


def command_words(command, sub):
    return [command, "1", sub] if command == "task" else [command, sub]


class TablesMatchTheHelpTest(unittest.TestCase):
    def test_command_list_equals_the_help(self):
        listed = bash('echo $_dubanctl_commands').split()
        self.assertEqual(listed, help_commands(dubanctl_help()))

    def test_subcommands_and_options_equal_each_help(self):
        for command in help_commands(dubanctl_help()):
            text = dubanctl_help(command)
            subs = help_commands(text)
            with self.subTest(command=command):
                self.assertEqual(
                    bash("_dubanctl_subcommands %s" % shlex.quote(command)).split(), subs)
            places = [([command], text)] + [
                ([command, sub], dubanctl_help(*command_words(command, sub))) for sub in subs]
            for words, help_text in places:
                where = " ".join(words)
                expected = sorted(set(help_options(help_text)) - {"-h", "--help"})
                with self.subTest(where=where):
                    listed = bash("_dubanctl_options %s" % shlex.quote(where)).split()
                    self.assertEqual(sorted(listed), expected)

    def test_flags_are_the_options_without_a_value(self):
        # The completion skips the word after an option unless it is a flag: a flag it
        # does not know would swallow the next word.
        flags = set()
        for command in help_commands(dubanctl_help()):
            text = dubanctl_help(command)
            flags.update(help_options(text, flags_only=True))
            for sub in help_commands(text):
                flags.update(help_options(dubanctl_help(*command_words(command, sub)),
                                          flags_only=True))
        flags.update(help_options(dubanctl_help(), flags_only=True))
        self.assertIn("--dry-run", flags)
        self.assertNotIn("--state", flags)
        self.assertEqual(sorted(bash("echo $_dubanctl_flags").split()), sorted(flags))

    def test_global_options_equal_the_help(self):
        listed = bash("echo $_dubanctl_global_opts").split()
        self.assertEqual(sorted(listed), sorted(set(help_options(dubanctl_help())) - {"-h"}))


class CompletionTest(unittest.TestCase):
    def test_commands(self):
        self.assertEqual(complete("dubanctl lo"), ["log", "log-level"])
        self.assertEqual(complete("dubanctl ta"), ["tasks", "task", "target"])
        self.assertIn("status", complete("dubanctl "))

    def test_global_options_and_their_values_are_skipped(self):
        self.assertEqual(complete("dubanctl --socket /tmp/x.sock --json tas"), ["tasks", "task"])
        self.assertEqual(complete("dubanctl --j"), ["--json"])

    def test_subcommands(self):
        self.assertEqual(complete("dubanctl outbox "), ["messages", "show", "retry"])
        self.assertEqual(complete("dubanctl plan i"), ["import"])
        self.assertEqual(complete("dubanctl report a"), ["assessment"])
        self.assertEqual(complete("dubanctl target c"), ["confirm"])

    def test_task_subcommands_come_after_the_reference(self):
        self.assertEqual(complete("dubanctl task "), [])
        self.assertEqual(complete("dubanctl task 22 s"), ["suspend"])
        self.assertEqual(complete("dubanctl task 22 due --"),
                         ["--cycle", "--report-days", "--fixed-day", "--participant-lead-days",
                          "--clear", "--socket", "--json", "--timeout", "--help"])

    def test_option_values(self):
        self.assertEqual(complete("dubanctl tasks --role "), ["lead", "participant", "responsible"])
        self.assertEqual(complete("dubanctl tasks --agency 省科技厅 --light r"), ["red"])
        self.assertEqual(complete("dubanctl outbox messages --state d"), ["dead"])
        self.assertEqual(complete("dubanctl outbox --state s"), ["skipped", "sent"])
        self.assertEqual(complete("dubanctl task 22 due --cycle h"), ["half-yearly"])
        self.assertEqual(complete("dubanctl notify test --channel "), ["email", "webhook"])
        self.assertEqual(complete("dubanctl report assessment --format "),
                         ["table", "csv", "md", "html"])
        self.assertEqual(complete("dubanctl target list --state "),
                         ["proposed", "confirmed", "rejected", "all"])
        self.assertEqual(complete("dubanctl target edit 3 --comparison a"),
                         ["at_least", "at_most", "about"])
        self.assertEqual(complete("dubanctl log-level "), ["trace", "debug", "info", "warn", "error"])
        self.assertEqual(complete("dubanctl --json log-level w"), ["warn"])
        # Free values (an agency, a number) offer nothing rather than something wrong.
        self.assertEqual(complete("dubanctl tasks --agency "), [])
        self.assertEqual(complete("dubanctl simulate --days "), [])

    def test_options_after_a_flag(self):
        self.assertEqual(complete("dubanctl plan import --dry-run --a"), ["--accept-doubtful"])

    def test_files_where_a_file_is_expected(self):
        folder = tempfile.mkdtemp(prefix="duban-completion-")
        self.addCleanup(shutil.rmtree, folder, ignore_errors=True)
        for name in ["plan-2026.txt", "plan-2026.csv", "other.txt"]:
            open(os.path.join(folder, name), "w").close()
        self.assertEqual(sorted(complete("dubanctl plan import --dry-run pl", cwd=folder)),
                         ["plan-2026.csv", "plan-2026.txt"])
        self.assertEqual(complete("dubanctl backup ot", cwd=folder), ["other.txt"])
        self.assertEqual(complete("dubanctl feedback import --dry-run ot", cwd=folder),
                         ["other.txt"])
        self.assertEqual(complete("dubanctl plan export -o ot", cwd=folder), ["other.txt"])
        # Not where no file is expected.
        self.assertEqual(complete("dubanctl status ot", cwd=folder), [])

    @unittest.skipUnless(os.path.exists("/usr/share/bash-completion/bash_completion"),
                         "bash-completion is not installed")
    def test_registered_for_dubanctl(self):
        out = bash("complete -p dubanctl")
        self.assertEqual(out.strip(), "complete -F _dubanctl dubanctl")


def main():
    rest = harness.parse_args(__doc__.splitlines()[0])
    unittest.main(argv=[sys.argv[0]] + rest, verbosity=2)


if __name__ == "__main__":
    main()
