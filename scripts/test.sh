#!/usr/bin/env bash
# Command 2 of the README (and what CI runs): install what is missing, build with
# warnings as errors, run every test (unit, store, config, daemon, end-to-end), then the
# same suite again under the sanitizers (docs/TESTING.md).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
# Each libFuzzer target for 15 s in a clang build directory of its own (docs/FUZZING.md).
scripts/fuzz.sh 15
build_dir=${DUBAN_BUILD_DIR:-build}
(cd "$build_dir" && ctest --output-on-failure -j"$(nproc)")
# After the normal pass, so that a plain failure shows first and alone: the whole suite
# under AddressSanitizer + UndefinedBehaviorSanitizer (+ LeakSanitizer), then the tests
# that run threads under ThreadSanitizer, each in a build directory of its own
# (scripts/sanitize.sh; build-asan/, build-tsan/). DUBAN_SKIP_SANITIZERS=1 leaves them
# out for a quicker local run; CI always runs them.
if [[ "${DUBAN_SKIP_SANITIZERS:-0}" != 1 ]]; then
  scripts/sanitize.sh address
  scripts/sanitize.sh thread
fi
