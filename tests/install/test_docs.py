#!/usr/bin/env python3
"""Man page tests: man/duband.8, man/dubanctl.1 and man/duban.toml.5 render without a
warning, and cover what the binaries and the config schema offer, so they cannot drift:

- dubanctl.1 describes every command of `dubanctl --help`, every subcommand of each
  command's --help, and every option of each;
- duband.8 describes every option of `duband --help`;
- duban.toml.5 has a section for every table of config/config_schema.cpp (with [[...]]
  for arrays of tables) and names every key that examples/duban.toml sets.

Run by ctest as
    python3 test_docs.py --duband P --dubanctl P --source-dir REPO --build-dir BUILD
"""

import os
import re
import shutil
import sys
import tomllib
import unittest

import install_harness as harness
from install_harness import dubanctl_help, help_commands, help_options, run, source_path

PAGES = ["man/duband.8", "man/dubanctl.1", "man/duban.toml.5"]


def render(page):
    """The page as plain text (what `man` shows, without bold and underlining), on lines
    wide enough and without hyphenation, so no name is broken across lines."""
    return run(["groff", "-k", "-man", "-Tutf8", "-P-cbou", "-rLL=400n", "-rHY=0",
                source_path(page)],
               env={"LC_ALL": "C.UTF-8"}).stdout


def item_tags(text):
    """The tag lines of the page's .TP items (indented 7 columns in groff's output)."""
    return [line.strip() for line in text.splitlines() if re.match(r"^ {7}\S", line)]


def command_words(command, sub):
    """The words that reach `sub` of `command` on the command line: `task` and `feedback`
    take a task reference before their subcommands (`task 22 due`)."""
    if command == "task":
        return [command, "1", sub]
    return [command, sub]


def command_tree():
    """[(words, help text)] for every command and subcommand of dubanctl."""
    tree = []
    for command in help_commands(dubanctl_help()):
        text = dubanctl_help(command)
        tree.append(([command], text))
        for sub in help_commands(text):
            tree.append((command_words(command, sub), dubanctl_help(*command_words(command, sub))))
    return tree


class RenderTest(unittest.TestCase):
    def test_groff_renders_each_page_without_warnings(self):
        for page in PAGES:
            with self.subTest(page=page):
                result = run(["groff", "-k", "-ww", "-man", "-Tutf8", "-z", source_path(page)],
                             env={"LC_ALL": "C.UTF-8"}, check=False)
                self.assertEqual(result.returncode, 0, result.stderr)
                self.assertEqual(result.stderr, "")

    @unittest.skipUnless(shutil.which("man"), "man-db is not installed")
    def test_man_renders_each_page_without_warnings(self):
        for page in PAGES:
            with self.subTest(page=page):
                result = run(["man", "--warnings", "-l", source_path(page)],
                             env={"MANPAGER": "cat", "MANWIDTH": "80", "LC_ALL": "C.UTF-8"},
                             check=False)
                self.assertEqual(result.returncode, 0, result.stderr)
                self.assertEqual(result.stderr, "")
                self.assertIn("NAME", result.stdout)

    def test_each_page_names_its_section_and_is_installed_there(self):
        for page in PAGES:
            with self.subTest(page=page):
                name, section = os.path.basename(page).rsplit(".", 1)
                with open(source_path(page), encoding="utf-8") as f:
                    header = [l for l in f if l.startswith(".TH ")][0].split()
                self.assertEqual(header[1:3], [name.upper(), section])


class DubanctlPageTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.text = render("man/dubanctl.1")
        cls.tags = item_tags(cls.text)
        cls.tree = command_tree()

    def test_every_command_of_the_help_has_an_item(self):
        commands = help_commands(dubanctl_help())
        self.assertGreaterEqual(len(commands), 19)
        for command in commands:
            with self.subTest(command=command):
                self.assertTrue([t for t in self.tags if re.match(
                    r"^%s(\s|$)" % re.escape(command), t)],
                    "no item in dubanctl.1 starts with the command " + command)

    def test_every_subcommand_has_an_item(self):
        for words, _ in self.tree:
            if len(words) == 1:
                continue
            command, sub = words[0], words[-1]
            with self.subTest(command=command, sub=sub):
                pattern = r"^%s (REF )?%s(\s|$)" % (re.escape(command), re.escape(sub))
                self.assertTrue([t for t in self.tags if re.match(pattern, t)],
                                "no item in dubanctl.1 for " + " ".join(words))

    def test_every_option_is_named(self):
        for words, text in self.tree:
            for option in help_options(text):
                if option in ("-h", "--help"):
                    continue
                with self.subTest(command=" ".join(words), option=option):
                    self.assertTrue(
                        re.search(r"(?<![\w-])%s(?![\w-])" % re.escape(option), self.text),
                        "dubanctl.1 does not name %s of %s" % (option, " ".join(words)))

    def test_every_global_option_is_named(self):
        for option in help_options(dubanctl_help()):
            with self.subTest(option=option):
                self.assertIn(option, self.tags + [o for t in self.tags for o in t.split(", ")]
                              + [t.split()[0] for t in self.tags])


class DubandPageTest(unittest.TestCase):
    def test_every_option_of_the_help_has_an_item(self):
        text = render("man/duband.8")
        tags = item_tags(text)
        options = help_options(run([harness.ARGS.duband, "--help"]).stdout)
        self.assertIn("--check-config", options)
        for option in options:
            with self.subTest(option=option):
                self.assertTrue([t for t in tags if re.match(
                    r"^(\S+, )?%s(\s|,|$)" % re.escape(option), t)],
                    "no item in duband.8 for " + option)


def schema_sections():
    """[(name, is an array of tables)] from the section table of config/config_schema.cpp."""
    with open(source_path("config/config_schema.cpp"), encoding="utf-8") as f:
        text = f.read()
    sections = re.findall(r'^\s*\{"([a-z_]+)", (true|false), ', text, re.MULTILINE)
    return [(name, flag == "true") for name, flag in sections]


def example_keys():
    """Every key examples/duban.toml sets, in any table (values of [[agency]] etc. not
    included: their keys are)."""
    with open(source_path("examples/duban.toml"), "rb") as f:
        document = tomllib.load(f)
    keys = set()

    def walk(value):
        if isinstance(value, dict):
            for key, inner in value.items():
                keys.add(key)
                walk(inner)
        elif isinstance(value, list):
            for inner in value:
                walk(inner)
    walk(document)
    return keys


class ConfigPageTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        with open(source_path("man/duban.toml.5"), encoding="utf-8") as f:
            cls.source = f.read()
        cls.text = render("man/duban.toml.5")

    def test_every_schema_section_has_a_section(self):
        sections = schema_sections()
        self.assertGreaterEqual(len(sections), 13)
        self.assertIn(("agency", True), sections)
        for name, array in sections:
            heading = "[[%s]]" % name if array else "[%s]" % name
            with self.subTest(section=heading):
                self.assertTrue(re.search(r"(?m)^\.SH %s$" % re.escape(heading), self.source),
                                "duban.toml.5 has no section .SH " + heading)

    def test_every_key_of_the_example_is_named(self):
        keys = example_keys()
        self.assertIn("idle_timeout_seconds", keys)
        for key in sorted(keys):
            with self.subTest(key=key):
                self.assertTrue(re.search(r"(?<!\w)%s(?!\w)" % re.escape(key), self.text),
                                "duban.toml.5 does not name the key " + key)


def main():
    rest = harness.parse_args(__doc__.splitlines()[0])
    unittest.main(argv=[sys.argv[0]] + rest, verbosity=2)


if __name__ == "__main__":
    main()
