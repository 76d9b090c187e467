#!/usr/bin/env bash
# Builds duban with sanitizers, in a build directory of its own, and runs the tests there
# (docs/TESTING.md). Every library, binary and test is instrumented, so the end-to-end
# tests drive a sanitized duband and dubanctl.
#
#   scripts/sanitize.sh address   AddressSanitizer + UndefinedBehaviorSanitizer (with
#                                 LeakSanitizer), the whole ctest suite; build-asan/
#   scripts/sanitize.sh thread    ThreadSanitizer, the tests that run threads (see
#                                 THREAD_E2E below): all of daemon_tests and some
#                                 end-to-end tests; build-tsan/
#
# Further arguments go to ctest (e.g. `scripts/sanitize.sh address -R e2e:test_delivery`);
# then only those tests run. $DUBAN_ASAN_BUILD_DIR / $DUBAN_TSAN_BUILD_DIR move the build.
# The first finding fails its test: recovery is off at compile time and the options below
# make the process stop with a report on stderr (the e2e tests print the daemon's log).
set -euo pipefail
cd "$(dirname "$0")/.."
source_dir=$PWD

# The daemon's threads: the Dispatcher's worker pool (dispatcher tests, end-to-end
# delivery and stop), the backup copy thread ([archive], e2e backup), and the test
# fixtures that run a server on a thread of their own ([metrics], [service],
# [control_server], and the fake daemons of the dubanctl tests). daemon_tests runs whole
# (one process, so it costs little more than those tags and a new threaded test is
# never missed); of the end-to-end tests, those where duband's threads do work.
THREAD_E2E='^e2e:test_(delivery|graceful_stop|observability|backup)$'

kind=${1:-}
shift || true
case "$kind" in
  address)
    sanitize=address,undefined
    build_dir=${DUBAN_ASAN_BUILD_DIR:-build-asan}
    targets=(all)  # every library, binary and test (the benchmarks too: soak:small is a test)
    ;;
  thread)
    sanitize=thread
    build_dir=${DUBAN_TSAN_BUILD_DIR:-build-tsan}
    targets=(duband dubanctl daemon_tests)
    ;;
  *)
    echo "usage: scripts/sanitize.sh address|thread [ctest arguments]" >&2
    exit 2
    ;;
esac

# Child processes (duband and dubanctl under the e2e tests) inherit these.
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1

launcher=()
if command -v ccache >/dev/null; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
# -O1 -g1: the usual sanitizer build (fast enough to compile on a small machine, line
# numbers in the reports). No -Werror here: the instrumentation makes GCC warn about code
# it generated itself; the normal build (scripts/build.sh) is the one that checks warnings.
cmake -S "$source_dir" -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1 -DNDEBUG" -DDUBAN_SANITIZE="$sanitize" \
  "${launcher[@]}" >/dev/null
started=$SECONDS
cmake --build "$build_dir" -j"$(nproc)" --target "${targets[@]}" -- --no-print-directory \
  >"$build_dir/sanitize-build.log" 2>&1 ||
  { tail -n 60 "$build_dir/sanitize-build.log" >&2
    echo "sanitize: $kind build failed (full log: $build_dir/sanitize-build.log)" >&2; exit 1; }
echo "sanitize: $kind build took $((SECONDS - started)) s ($build_dir)"

# GCC 12's ThreadSanitizer cannot map its shadow memory when the kernel randomises mmap
# addresses with 32 bits (vm.mmap_rnd_bits=32, e.g. recent Ubuntu kernels): it stops with
# "unexpected memory mapping". Without address randomisation it always works; setarch -R
# is refused in some containers (seccomp), so it is used only where it works.
run=()
if [[ "$kind" == thread ]] && setarch "$(uname -m)" -R true 2>/dev/null; then
  run=(setarch "$(uname -m)" -R)
fi

cd "$build_dir"
started=$SECONDS
status=0
if [[ $# -gt 0 ]]; then
  "${run[@]}" ctest --output-on-failure "$@" || status=$?
elif [[ "$kind" == address ]]; then
  ctest --output-on-failure -j"$(nproc)" || status=$?
else
  "${run[@]}" tests/daemon_tests || status=$?
  "${run[@]}" ctest --output-on-failure -R "$THREAD_E2E" || status=$?
fi
echo "sanitize: $kind tests took $((SECONDS - started)) s"
exit "$status"
