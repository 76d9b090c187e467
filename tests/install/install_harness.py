"""Shared by the install, packaging and documentation tests (tests/install/test_*.py).

They check what an operator gets from the build tree rather than how duband behaves:
`cmake --install`, `cpack -G DEB`, the man pages and the bash completion. ctest runs them
(tests/CMakeLists.txt) as
    python3 tests/install/test_X.py --duband PATH --dubanctl PATH --source-dir REPO
        --build-dir BUILD [unittest args]
Nothing is rebuilt: they use the binaries and the install rules of the build tree as they
are. Python 3 standard library only.
"""

import argparse
import os
import re
import subprocess

ARGS = None  # --duband, --dubanctl, --source-dir, --build-dir (set by parse_args)

RUN_TIMEOUT = 120  # seconds for one external command (cpack, dpkg, cmake --install)


def parse_args(description):
    """Parses the paths; returns the arguments left for unittest."""
    global ARGS
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--duband", required=True)
    parser.add_argument("--dubanctl", required=True)
    parser.add_argument("--source-dir", required=True)
    parser.add_argument("--build-dir", required=True)
    ARGS, rest = parser.parse_known_args()
    return rest


def source_path(relative):
    return os.path.join(ARGS.source_dir, relative)


def run(command, env=None, check=True, timeout=RUN_TIMEOUT, cwd=None):
    """Runs a command, capturing text output; with check, a failure raises with both streams."""
    full_env = dict(os.environ)
    full_env.update(env or {})
    result = subprocess.run(command, capture_output=True, text=True, env=full_env,
                            timeout=timeout, cwd=cwd)
    if check and result.returncode != 0:
        raise AssertionError("%s exited %d\nstdout:\n%s\nstderr:\n%s" % (
            " ".join(command), result.returncode, result.stdout, result.stderr))
    return result


def help_commands(help_text):
    """The subcommand names of a CLI11 --help text (the lines under "SUBCOMMANDS:")."""
    names = []
    in_section = False
    for line in help_text.splitlines():
        if re.match(r"^Subcommands:\s*$", line, re.IGNORECASE):
            in_section = True
            continue
        if in_section:
            match = re.match(r"^  (\S+)", line)
            if match:
                names.append(match.group(1))
            elif line.strip() and not line.startswith("   "):
                in_section = False
    return names


def help_options(help_text, flags_only=False):
    """The long and short option names (--x, -x) of a CLI11 --help text's Options section;
    with flags_only, those that take no value (CLI11 prints a value's type, TEXT, INT ...,
    one space after the name)."""
    options = []
    in_section = False
    for line in help_text.splitlines():
        if re.match(r"^Options:\s*$", line, re.IGNORECASE):
            in_section = True
            continue
        if in_section:
            match = re.match(r"^  (-[^ ]+(?:,-[^ ]+)*)( \S)?", line)
            if match:
                if not flags_only or not match.group(2):
                    options.extend(match.group(1).split(","))
            elif line.strip() and not line.startswith("   "):
                in_section = False
    return options


def dubanctl_help(*words):
    """`dubanctl WORDS... --help`, as text (it never contacts the daemon)."""
    return run([ARGS.dubanctl] + list(words) + ["--help"], env={"COLUMNS": "200"}).stdout
