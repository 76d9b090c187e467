#!/usr/bin/env bash
# Reproduces the figures in docs/PERFORMANCE.md:
#   1. text import of the seed plan and of a synthetic 100,000-task / 2,000-agency plan,
#      and storing it in SQLite (bench_import);
#   2. the evaluator on 100,000 tasks / 2,000 agencies / quarterly reports (bench_evaluate);
#   3. the same synthetic plan imported through the real daemon with dubanctl, and the
#      round trip of `dubanctl tasks --agency X` (p50/p99 over 200 calls).
# Usage: bench/run_benchmarks.sh [BUILD_DIR]   (default build/, built by scripts/build.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
work=$(mktemp -d /tmp/duban-bench.XXXXXX)
trap 'kill "${daemon_pid:-}" 2>/dev/null || true; rm -rf "$work"' EXIT

"$build/bench/gen_plan" 100000 2000 1 >"$work/plan-100k.txt"
echo "== seed plan =="
"$build/bench/bench_import" examples/plan-zhejiang-2013.txt "$work"
echo "== synthetic plan =="
"$build/bench/bench_import" "$work/plan-100k.txt" "$work"

echo "== evaluator =="
"$build/bench/bench_evaluate" 100000 2000 --no-year

echo "== through the daemon =="
cat >"$work/duban.toml" <<TOML
[daemon]
state_dir = "$work/state"
socket = "$work/duband.sock"
log_level = "warn"
[mail]
dir = "$work/mail"
TOML
"$build/daemon/duband" --config "$work/duban.toml" &
daemon_pid=$!
export DUBAN_SOCKET="$work/duband.sock"
for _ in $(seq 100); do "$build/daemon/dubanctl" status >/dev/null 2>&1 && break; sleep 0.1; done
python3 - "$build/daemon/dubanctl" "$work/plan-100k.txt" <<'PY'
import json, subprocess, sys, time
ctl, plan = sys.argv[1], sys.argv[2]
t = time.perf_counter()
subprocess.run([ctl, "plan", "import", plan], check=True, stdout=subprocess.DEVNULL)
print(f"dubanctl plan import (100,000 tasks)  {(time.perf_counter() - t) * 1000:.0f} ms")
agencies = json.loads(subprocess.run([ctl, "--json", "agencies"], check=True,
                                     capture_output=True).stdout)["agencies"]
name = agencies[len(agencies) // 2]["name"]
samples = []
for _ in range(200):
    t = time.perf_counter()
    out = subprocess.run([ctl, "--json", "tasks", "--agency", name], check=True,
                         capture_output=True).stdout
    samples.append((time.perf_counter() - t) * 1000)
count = json.loads(out)["count"]
samples.sort()
print(f"dubanctl tasks --agency {name} ({count} tasks): "
      f"p50 {samples[99]:.1f} ms, p99 {samples[197]:.1f} ms (200 calls, process start included)")
PY
