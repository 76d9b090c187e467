#!/usr/bin/env bash
# Command 2 of the README (and what CI runs): install what is missing, build with
# warnings as errors, and run every test (unit, store, config, daemon, end-to-end).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
build_dir=${DUBAN_BUILD_DIR:-build}
cd "$build_dir"
ctest --output-on-failure -j"$(nproc)"
