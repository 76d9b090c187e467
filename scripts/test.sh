#!/usr/bin/env bash
# Command 2 of the README (and what CI runs): install what is missing, build with
# warnings as errors, and run every test (unit, store, config, daemon, end-to-end).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
# Each libFuzzer target for 15 s in a clang build directory of its own (docs/FUZZING.md);
# before ctest, so that ctest's summary stays the last line.
scripts/fuzz.sh 15
build_dir=${DUBAN_BUILD_DIR:-build}
cd "$build_dir"
ctest --output-on-failure -j"$(nproc)"
