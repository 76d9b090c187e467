#!/usr/bin/python3
"""bench_daemon: the real duband with a 100,000-task store: resident memory, start-up time,
control-socket round trips and dubanctl's own cost.

    bench/bench_daemon.py --duband B --dubanctl C --plan PLAN --work DIR [--calls 1000]
                          [--status-calls 50]

The config gives every task quarterly reports (due 10 working days after each quarter) and
a final due date at the end of next year, so that every task has a light to work out.

1. duband starts on an empty store in DIR; `dubanctl plan import PLAN` (timed, end to end);
   then VmRSS and VmHWM of duband (/proc/PID/status) once the import's wake is done.
2. Start-up with the store already imported, 5 times: from exec to READY=1 (duband's
   sd_notify, received on a NOTIFY_SOCKET this script binds) and to the first answered
   `status` on the control socket (the first of the day: it counts every task's light);
   VmRSS/VmHWM after each start; median and worst printed.
3. Control-socket round trip measured from a client in this script (no process start):
   CALLS requests of `task.get` (random refs) and STATUS_CALLS of `status` (its light
   totals are kept for the day and follow each change), on one kept connection and with a
   new connection per request (what dubanctl does); p50, p99 and max.
4. The same through the dubanctl binary (process start, CLI parsing and output included),
   200 calls each of `dubanctl status` and `dubanctl task N`.
Every figure line ends with the 1-minute load average (the machine is shared).
"""
import argparse
import json
import os
import random
import signal
import socket
import subprocess
import sys
import time
import functools

print = functools.partial(print, flush=True)  # noqa: A001 (lines appear as measured)


def load():
    return f"(load {os.getloadavg()[0]:.2f})"


def memory(pid):
    fields = {}
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                fields[key] = int(value.split()[0]) / 1024
    return fields["VmRSS"], fields["VmHWM"]


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as stat:
        parts = stat.read().rsplit(")", 1)[1].split()
    return (int(parts[11]) + int(parts[12])) / os.sysconf("SC_CLK_TCK")


def percentiles(samples):
    samples = sorted(samples)
    pick = lambda q: samples[min(len(samples) - 1, int(q * len(samples)))]
    return f"p50 {pick(0.5):.2f} ms, p99 {pick(0.99):.2f} ms, max {samples[-1]:.2f} ms"


class Daemon:
    def __init__(self, args, config):
        self.args, self.config = args, config
        self.socket_path = os.path.join(args.work, "duband.sock")
        self.notify_path = os.path.join(args.work, "notify.sock")

    def start(self):
        """Starts duband; returns (ms to READY=1, ms to the first answered status)."""
        if os.path.exists(self.notify_path):
            os.unlink(self.notify_path)
        notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        notify.bind(self.notify_path)
        env = dict(os.environ, NOTIFY_SOCKET=self.notify_path)
        start = time.perf_counter()
        self.proc = subprocess.Popen([self.args.duband, "--config", self.config], env=env)
        ready = None
        notify.settimeout(60)
        while ready is None:
            message = notify.recv(4096).decode()
            if "READY=1" in message.split("\n"):
                ready = (time.perf_counter() - start) * 1000
        notify.close()
        while True:
            try:
                self.request({"v": 1, "id": 1, "cmd": "status"})
                break
            except OSError:
                time.sleep(0.001)
        return ready, (time.perf_counter() - start) * 1000

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(timeout=60)

    def kill_if_running(self):
        if getattr(self, "proc", None) is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    def request(self, message, conn=None):
        own = conn is None
        if own:
            conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            conn.connect(self.socket_path)
        conn.sendall((json.dumps(message) + "\n").encode())
        reply = b""
        while not reply.endswith(b"\n"):
            chunk = conn.recv(65536)
            if not chunk:
                raise OSError("connection closed")
            reply += chunk
        if own:
            conn.close()
        answer = json.loads(reply)
        if not answer.get("ok"):
            raise RuntimeError(f"{message['cmd']}: {answer}")
        return answer


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--duband", required=True)
    parser.add_argument("--dubanctl", required=True)
    parser.add_argument("--plan", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--calls", type=int, default=1000)
    parser.add_argument("--status-calls", type=int, default=50)
    args = parser.parse_args()
    config = os.path.join(args.work, "bench-daemon.toml")
    final_due = f"{time.gmtime().tm_year + 1}-12-31"
    with open(config, "w") as out:
        out.write(f'[daemon]\nstate_dir = "{args.work}/state"\nsocket = "{args.work}/duband.sock"\n'
                  f'log_level = "warn"\n[mail]\ndir = "{args.work}/mail"\n'
                  f'[deadlines]\nfinal_due = "{final_due}"\ncycle = "quarterly"\n'
                  f'report_working_days_after = 10\n')
    daemon = Daemon(args, config)
    try:
        return measure(args, daemon)
    finally:
        daemon.kill_if_running()


def measure(args, daemon):
    env = dict(os.environ, DUBAN_SOCKET=daemon.socket_path)

    daemon.start()
    start = time.perf_counter()
    subprocess.run([args.dubanctl, "plan", "import", args.plan], check=True, env=env,
                   stdout=subprocess.DEVNULL)
    print(f"dubanctl plan import (100,000 tasks): {(time.perf_counter() - start) * 1000:.0f} ms {load()}")
    tasks = daemon.request({"v": 1, "id": 1, "cmd": "status"})["result"]["summary"]["active_tasks"]
    rss, hwm = memory(daemon.proc.pid)
    print(f"duband after the import ({tasks} tasks, its wake done): VmRSS {rss:.1f} MiB, "
          f"VmHWM {hwm:.1f} MiB {load()}")
    daemon.stop()

    starts = []
    for _ in range(5):
        ready, answered = daemon.start()
        rss, hwm = memory(daemon.proc.pid)
        starts.append((ready, answered, rss, hwm, cpu_seconds(daemon.proc.pid)))
        daemon.stop()
    starts.sort()
    median = starts[len(starts) // 2]
    print(f"duband start-up with {tasks} tasks (5 starts): exec to READY=1 median {median[0]:.0f} ms, "
          f"worst {starts[-1][0]:.0f} ms; to the first answered status median {median[1]:.0f} ms; "
          f"CPU {median[4] * 1000:.0f} ms; after start VmRSS {median[2]:.1f} MiB, "
          f"VmHWM {median[3]:.1f} MiB {load()}")

    daemon.start()
    pid = daemon.proc.pid
    rng = random.Random(7)
    for cmd in ("status", "task.get"):
        for kept in (True, False):
            conn = None
            if kept:
                conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                conn.connect(daemon.socket_path)
            samples = []
            cpu = cpu_seconds(pid)
            calls = args.status_calls if cmd == "status" else args.calls
            for n in range(calls):
                message = {"v": 1, "id": n + 1, "cmd": cmd}
                if cmd == "task.get":
                    message["args"] = {"ref": str(rng.randint(1, tasks))}
                t = time.perf_counter()
                daemon.request(message, conn)
                samples.append((time.perf_counter() - t) * 1000)
            cpu = (cpu_seconds(pid) - cpu) * 1000 / calls
            if conn:
                conn.close()
            how = "one kept connection" if kept else "a new connection each"
            print(f"socket round trip {cmd:<8} ({calls} calls, {how}): {percentiles(samples)}; "
                  f"duband CPU {cpu:.2f} ms per request {load()}")
    for argv, calls in ((["status"], args.status_calls), (["task", "N"], 200)):
        samples = []
        for _ in range(calls):
            call = [args.dubanctl] + [str(rng.randint(1, tasks)) if a == "N" else a for a in argv]
            t = time.perf_counter()
            subprocess.run(call, check=True, env=env, stdout=subprocess.DEVNULL)
            samples.append((time.perf_counter() - t) * 1000)
        print(f"dubanctl {' '.join(argv):<8} ({calls} calls, process start included): "
              f"{percentiles(samples)} {load()}")
    rss, hwm = memory(pid)
    print(f"duband after the round trips: VmRSS {rss:.1f} MiB, VmHWM {hwm:.1f} MiB {load()}")
    daemon.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
