#!/usr/bin/env bash
# Bounded fuzzing run (docs/FUZZING.md), part of scripts/test.sh and so of CI: builds the
# libFuzzer targets of fuzz/ with clang in a build directory of their own and runs each
# for SECONDS_PER_TARGET (default 15) from its checked-in seed corpus. Fails on the first
# crash, leak, timeout (an input taking over 10 s), out-of-memory (2 GiB) or broken
# invariant; the input is then in $build_dir/fuzz-artifacts/<target>/, to reproduce with
#   $build_dir/fuzz/<target> $build_dir/fuzz-artifacts/<target>/crash-...
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET]    e.g. scripts/fuzz.sh 300
# Environment: DUBAN_FUZZ_BUILD_DIR (default build-fuzz), DUBAN_FUZZ_TARGETS (a subset,
# space-separated), DUBAN_FUZZ_SEED (default 1, so a CI run mutates the same way each
# time and a red run is a change of the code, not luck; 0 = a random seed).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-15}
seed=${DUBAN_FUZZ_SEED:-1}
[[ "$seconds" =~ ^[1-9][0-9]*$ ]] || { echo "usage: scripts/fuzz.sh [SECONDS_PER_TARGET]" >&2; exit 2; }
source_dir=$PWD
build_dir=${DUBAN_FUZZ_BUILD_DIR:-build-fuzz}
targets=(${DUBAN_FUZZ_TARGETS:-fuzz_plan_text fuzz_plan_csv fuzz_feedback_csv fuzz_config fuzz_control})

# The dictionary of each target (fuzz/dict/).
declare -A dicts=(
  [fuzz_plan_text]=plan_text [fuzz_plan_csv]=csv [fuzz_feedback_csv]=csv
  [fuzz_config]=toml [fuzz_control]=control
)

command -v clang++ >/dev/null || { echo "fuzz: clang++ not found (scripts/install-deps.sh installs it)" >&2; exit 1; }
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
if [[ ! -f "$build_dir/CMakeCache.txt" ]]; then
  cmake -S "$source_dir" -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_COMPILER=clang++ -DDUBAN_FUZZ=ON -DBUILD_TESTING=OFF "${launcher[@]}" >/dev/null
fi
cmake --build "$build_dir" --target fuzz_targets -j"$(nproc)" -- --no-print-directory >"$build_dir/fuzz-build.log" 2>&1 ||
  { tail -n 50 "$build_dir/fuzz-build.log" >&2; echo "fuzz: build failed (full log: $build_dir/fuzz-build.log)" >&2; exit 1; }

passed=0
failed=0
for target in "${targets[@]}"; do
  # New inputs go to a scratch corpus in the build directory; the checked-in seeds are
  # only read, so a CI run never changes the tree.
  work="$build_dir/fuzz-corpus/$target"
  artifacts="$build_dir/fuzz-artifacts/$target"
  log="$build_dir/fuzz-logs/$target.log"
  mkdir -p "$work" "$artifacts" "$(dirname "$log")"
  # The outer timeout only guards against a hung runtime; libFuzzer's own limits fire first.
  if timeout --kill-after=10 $((seconds + 120)) "$build_dir/fuzz/$target" \
      -max_total_time="$seconds" -seed="$seed" -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=2048 \
      -dict="fuzz/dict/${dicts[$target]}.dict" -artifact_prefix="$artifacts/" \
      -print_final_stats=1 "$work" "fuzz/corpus/$target" >"$log" 2>&1; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1)
    echo "fuzz: $target ok: ${runs:-?} inputs in ${seconds}s, ${cov:-cov: ?}"
    passed=$((passed + 1))
  else
    echo "fuzz: $target FAILED (log: $log, input: $artifacts/):" >&2
    grep -v '^#[0-9]' "$log" | tail -n 60 >&2
    failed=$((failed + 1))
  fi
done
echo "fuzz: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
