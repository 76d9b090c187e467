#!/usr/bin/env bash
# Reproduces the figures in docs/PERFORMANCE.md:
#   1. text import of the seed plan and of a synthetic 100,000-task / 2,000-agency plan,
#      and storing it in SQLite (bench_import);
#   2. the evaluator on 100,000 tasks / 2,000 agencies / quarterly reports (bench_evaluate);
#   3. the same synthetic plan imported through the real daemon with dubanctl, and the
#      round trip of `dubanctl tasks --agency X` (p50/p99 over 200 calls); then
#      bench/bench_daemon.py on that store: duband's resident memory, its start-up time
#      (exec to READY=1 and to the first answer), control-socket round trips measured from
#      a client without process start, and `dubanctl status` / `dubanctl task N`;
#   4. delivery (bench_delivery): 10,000 emails to postfix's smtp-sink and 10,000 signed
#      webhooks to bench/http_sink, both on loopback, through the real Dispatcher; each
#      setting 3 times, best and median printed;
#   5. soak (bench_soak): a simulated year of 100,000 tasks through the scheduler, delivery
#      and dispatcher on a real store file, checked against the rules (several minutes).
# Usage: bench/run_benchmarks.sh [BUILD_DIR] [PART...]
#   BUILD_DIR defaults to build/ (scripts/build.sh); PARTs: import evaluate daemon delivery
#   soak (default: all). Delivery needs /usr/sbin/smtp-sink (Debian package postfix; only that
#   binary runs) and the targets bench_delivery and http_sink.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
shift || true
parts=${*:-import evaluate daemon delivery soak}
want() { [[ " $parts " == *" $1 "* ]]; }
work=$(mktemp -d /tmp/duban-bench.XXXXXX)
cleanup() {
  for pid in "${daemon_pid:-}" "${smtp_sink_pid:-}" "${http_sink_pid:-}"; do
    [[ -n $pid ]] && kill "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

if want import || want daemon; then
  "$build/bench/gen_plan" 100000 2000 1 >"$work/plan-100k.txt"
fi
if want import; then
echo "== seed plan =="
"$build/bench/bench_import" examples/plan-zhejiang-2013.txt "$work"
echo "== synthetic plan =="
"$build/bench/bench_import" "$work/plan-100k.txt" "$work"
fi

if want evaluate; then
echo "== evaluator =="
"$build/bench/bench_evaluate" 100000 2000 --no-year
fi

if want daemon; then
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
kill "$daemon_pid"
wait "$daemon_pid" 2>/dev/null || true
daemon_pid=
echo "== the daemon with 100,000 tasks: memory, start-up, round trips =="
mkdir -p "$work/daemon"
python3 bench/bench_daemon.py --duband "$build/daemon/duband" --dubanctl "$build/daemon/dubanctl" \
  --plan "$work/plan-100k.txt" --work "$work/daemon"
fi

if want soak; then
echo "== soak: a simulated year of 100,000 tasks =="
nice "$build/bench/bench_soak" --tasks 100000 --agencies 2000 --work-dir "$work/soak"
fi

if want delivery; then
echo "== delivery =="
if [[ ! -x /usr/sbin/smtp-sink ]]; then
  echo "delivery needs /usr/sbin/smtp-sink (Debian package postfix, scripts/install-deps.sh)" >&2
  exit 1
fi
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
# smtp-sink: -c keeps running totals (sess=, quit=, mesg=) on its output; as root it must
# drop privileges (-u). 1000 is its listen backlog.
smtp_port=$(free_port)
sink_user=()
[[ $(id -u) == 0 ]] && sink_user=(-u nobody)
/usr/sbin/smtp-sink -c "${sink_user[@]}" "127.0.0.1:$smtp_port" 1000 >"$work/smtp-sink.out" 2>&1 &
smtp_sink_pid=$!
"$build/bench/http_sink" 0 >"$work/http-sink.out" &
http_sink_pid=$!
for _ in $(seq 100); do
  grep -q '^port' "$work/http-sink.out" 2>/dev/null &&
    python3 -c "import socket; socket.create_connection(('127.0.0.1', $smtp_port)).close()" \
      2>/dev/null && break
  sleep 0.1
done
http_port=$(awk '/^port/ {print $2}' "$work/http-sink.out")
# CPU seconds a sink process has used so far (utime + stime from /proc, in clock ticks).
sink_cpu() { awk -v hz="$(getconf CLK_TCK)" '{print ($14 + $15) / hz}' "/proc/$1/stat"; }
sink_sessions() { tr '\r' '\n' <"$work/smtp-sink.out" | awk -F'[= ]' '/^sess=/ {s = $2} END {print s + 0}'; }

# Runs bench_delivery 3 times with the given flags and prints one summary line: messages/s
# (best, median), the CPU seconds and peak RSS of the median run, and the receiving sink's
# CPU seconds per run (it shares the 2 cores); the first run's whole output is kept in
# $work/first-run.txt.
deliver() {
  local label=$1 port=$2
  shift 2
  local results=$work/results.txt before sink_pid="" sink_before=0
  : >"$results"
  before=$(sink_sessions)
  [[ $port == "$smtp_port" ]] && sink_pid=$smtp_sink_pid
  [[ $port == "$http_port" ]] && sink_pid=$http_sink_pid
  [[ -n $sink_pid ]] && sink_before=$(sink_cpu "$sink_pid")
  for run in 1 2 3; do
    # A run that did not send everything still prints its RESULT (counted as NOT SENT).
    "$build/bench/bench_delivery" --port "$port" --work-dir "$work" "$@" >"$work/run.txt" || true
    [[ $run == 1 ]] && cp "$work/run.txt" "$work/first-run.txt"
    grep '^RESULT' "$work/run.txt" >>"$results"
  done
  local sink_after=$sink_before
  [[ -n $sink_pid ]] && sink_after=$(sink_cpu "$sink_pid")
  python3 - "$label" "$results" "$(( $(sink_sessions) - before ))" "$sink_before" "$sink_after" \
    <<'PY'
import sys
label, path, sessions = sys.argv[1], sys.argv[2], int(sys.argv[3])
sink_cpu = (float(sys.argv[5]) - float(sys.argv[4])) / 3
runs = [dict(kv.split("=") for kv in line.split()[1:]) for line in open(path)]
runs.sort(key=lambda r: float(r["per_s"]))
median, best = runs[len(runs) // 2], runs[-1]
bad = sum(int(r["messages"]) - int(r["sent"]) for r in runs)
line = (f"{label:<54} best {float(best['per_s']):6.0f}/s  median {float(median['per_s']):6.0f}/s  "
        f"CPU {float(median['cpu_s']):.2f} s (io thread {float(median['io_cpu_s']):.2f} s)  "
        f"RSS {float(median['rss_mib']):.0f} MiB")
if sink_cpu:
    line += f"  sink CPU {sink_cpu:.2f} s"
if sessions:
    line += f"  SMTP sessions {sessions / len(runs):.0f}/run"
if bad:
    line += f"  NOT SENT: {bad}"
print(line)
PY
}
email=(--channel email)
webhook=(--channel webhook)
deliver "email, 1 session, batch 50" "$smtp_port" "${email[@]}" --connections 1 --batch 50
grep '^queue:' "$work/first-run.txt"  # queueing 10,000 messages, first run
deliver "email, 2 sessions, batch 50" "$smtp_port" "${email[@]}" --connections 2 --batch 50
deliver "email, 4 sessions, batch 50" "$smtp_port" "${email[@]}" --connections 4 --batch 50
deliver "email, 2 sessions, batch 1 (sessions kept)" "$smtp_port" "${email[@]}" --connections 2 \
  --batch 1
deliver "email, 2 sessions, a new session per message" "$smtp_port" "${email[@]}" --connections 2 \
  --batch 1 --fresh-sessions
deliver "email, no network (dispatcher + store)" 0 "${email[@]}" --connections 2 --batch 50 --null
deliver "email, SMTP transport alone, 1 session" "$smtp_port" "${email[@]}" --batch 50 --direct
deliver "email, SMTP transport alone, session per message" "$smtp_port" "${email[@]}" --batch 1 \
  --fresh-sessions --direct
deliver "webhook, 1 target, batch 50" "$http_port" "${webhook[@]}" --connections 1 --batch 50
deliver "webhook, 4 targets (concurrency 4), batch 50" "$http_port" "${webhook[@]}" \
  --connections 4 --batch 50
deliver "webhook, 4 targets, a new connection per message" "$http_port" "${webhook[@]}" \
  --connections 4 --batch 1 --fresh-sessions
deliver "webhook, no network (dispatcher + store)" 0 "${webhook[@]}" --connections 4 --batch 50 \
  --null
deliver "webhook, HTTP transport alone, 1 connection" "$http_port" "${webhook[@]}" --connections 1 \
  --batch 50 --direct
deliver "webhook, HTTP transport alone, connection per message" "$http_port" "${webhook[@]}" \
  --connections 1 --batch 1 --fresh-sessions --direct
fi
