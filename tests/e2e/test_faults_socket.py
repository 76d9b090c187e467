#!/usr/bin/env python3
"""Fault tests of the control socket: clients that send garbage, huge lines, lines cut off
by a hang-up, that hang up mid-request, that hold many idle connections or that never read
their replies. Each gets an error reply or is closed, and after each the daemon still
serves a normal `dubanctl` call.

test_foundation.py's ProtocolTest covers the well-formed-but-wrong requests (bad JSON
shape, unknown version and command, bad arguments) and one 200 KB line; this file adds
the byte-level and connection-level faults around them.

The daemon runs with [control] max_request_bytes = 65536, max_clients = 8 and
idle_timeout_seconds = 5, so the limits are reached quickly; every wait is a bounded
poll, never a sleep on a schedule.

Run by ctest as
    python3 test_faults_socket.py --duband PATH --dubanctl PATH --source-dir REPO [unittest args]
"""

import json
import os
import socket
import sys
import time
import unittest

import duban_harness
from duban_harness import DubanTestCase, source_path

LIMIT = 65536
MAX_CLIENTS = 8
IDLE_SECONDS = 5
SOCKET_TIMEOUT = 30  # generous: a sanitized daemon on a loaded machine is slow

CONTROL = ("\n[control]\nmax_request_bytes = %d\nmax_clients = %d\nidle_timeout_seconds = %d\n"
           % (LIMIT, MAX_CLIENTS, IDLE_SECONDS))


def wait_until(predicate, what, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    raise AssertionError("timed out after %.0f s waiting for %s" % (timeout, what))


class SocketFaultTest(DubanTestCase):

    def setUp(self):
        self.start_daemon(extra_toml=CONTROL)

    def connect(self):
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(SOCKET_TIMEOUT)
        sock.connect(self.daemon.socket)
        self.addCleanup(sock.close)
        return sock

    def connect_accepted(self):
        """A connection the daemon kept (not refused as one too many): the session of a
        dubanctl that just exited may not be counted out yet, so a refusal is retried."""
        for _ in range(50):
            sock = self.connect()
            sock.settimeout(0.5)
            try:
                refused = sock.recv(4096)
            except socket.timeout:
                sock.settimeout(SOCKET_TIMEOUT)
                return sock
            self.assertIn(b"too many clients", refused)
            sock.close()
        raise AssertionError("every connection was refused")

    def read_line(self, sock):
        data = b""
        while not data.endswith(b"\n"):
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
        return data

    def read_to_eof(self, sock):
        data = b""
        try:
            while True:
                chunk = sock.recv(1 << 20)
                if not chunk:
                    return data
                data += chunk
        except ConnectionResetError:
            return data

    def assert_serving(self, after):
        result = self.daemon.ctl("status")
        self.assertEqual(result.returncode, 0, "after %s: %s" % (after, self.describe(result)))
        self.assertIsNone(self.daemon.process.poll(), "duband died after " + after)

    def error_code(self, reply_line):
        reply = json.loads(reply_line)
        self.assertIs(reply["ok"], False, reply)
        self.assertTrue(reply["error"]["message"], reply)
        return reply["error"]["code"]

    def test_byte_garbage_gets_bad_request_and_the_connection_goes_on(self):
        cases = [
            b"\xff\xfe\x00\x01 not utf-8",
            b"\x00" * 100,
            b"{\"v\":1,\"id\":1,\"cmd\":\"status\"",    # cut-off JSON
            b"{\"v\":1,\"id\":\"\xe4\xb8\xad\",\"cmd\":\"status\"}",  # id not an integer
            b"{\"v\":1,\"id\":99999999999999999999999,\"cmd\":\"status\"}",
            b"[" * 30000 + b"]" * 30000,            # deep nesting, within the line limit
            b"{\"v\":1,\"id\":2,\"cmd\":\"status\",\"args\":" + b"[" * 20000 + b"}",
            b"   ",
            b"\r",
        ]
        sock = self.connect()
        for line in cases:
            with self.subTest(request=line[:40]):
                sock.sendall(line + b"\n")
                reply = self.read_line(sock)
                self.assertTrue(reply.endswith(b"\n"), "no reply to %r" % line[:40])
                self.assertEqual(self.error_code(reply), "bad_request", reply[:300])
        sock.sendall(b'{"v":1,"id":3,"cmd":"status"}\n')
        self.assertIs(json.loads(self.read_line(sock))["ok"], True)
        self.assert_serving("byte garbage")

    def padded_status(self, total):
        """A valid status request padded with spaces to `total` bytes (newline excluded)."""
        head = b'{"v":1,"id":11,"cmd":"status"'
        return head + b" " * (total - len(head) - 1) + b"}"

    def test_a_line_of_exactly_the_limit_is_served(self):
        sock = self.connect()
        line = self.padded_status(LIMIT)
        self.assertEqual(len(line), LIMIT)
        sock.sendall(line + b"\n")
        reply = json.loads(self.read_line(sock))
        self.assertIs(reply["ok"], True, reply)
        self.assertEqual(reply["id"], 11)
        # The connection is still open for the next request.
        sock.sendall(b'{"v":1,"id":12,"cmd":"status"}\n')
        self.assertEqual(json.loads(self.read_line(sock))["id"], 12)
        self.assert_serving("a line of exactly the limit")

    def test_one_byte_over_the_limit_is_too_large_and_closed(self):
        sock = self.connect()
        sock.sendall(self.padded_status(LIMIT + 1) + b"\n")
        reply = self.read_line(sock)
        self.assertEqual(self.error_code(reply), "too_large")
        self.assertIn(str(LIMIT), json.loads(reply)["error"]["message"])
        self.assertEqual(self.read_to_eof(sock), b"", "not closed after too_large")
        self.assert_serving("a line one byte over the limit")

    def test_a_huge_line_never_ended_is_refused_without_waiting_for_its_end(self):
        sock = self.connect()
        sent = 0
        try:  # the daemon stops reading after the limit: sendall may block or be reset
            sock.settimeout(5)
            while sent < 16 * LIMIT:
                sock.sendall(b"x" * 4096)
                sent += 4096
        except (BrokenPipeError, ConnectionResetError, socket.timeout):
            pass
        sock.settimeout(SOCKET_TIMEOUT)
        reply = self.read_line(sock)
        self.assertEqual(self.error_code(reply), "too_large", reply[:200])
        self.assert_serving("a huge line without newline")

    def test_last_line_without_newline_then_half_close_is_answered(self):
        sock = self.connect()
        sock.sendall(b'{"v":1,"id":21,"cmd":"status"}')
        sock.shutdown(socket.SHUT_WR)
        reply = json.loads(self.read_line(sock))
        self.assertEqual((reply["id"], reply["ok"]), (21, True))
        self.assertEqual(self.read_to_eof(sock), b"")
        self.assert_serving("a last line without newline")

    def test_hang_up_mid_request_and_before_the_reply(self):
        self.ctl_ok("plan", "import", source_path("examples/plan-zhejiang-2013.txt"))
        for n in range(30):
            # Half a request, then gone.
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            sock.connect(self.daemon.socket)
            sock.sendall(b'{"v":1,"id":1,"cmd":"tas')
            sock.close()
            # A whole request with a large reply, gone before reading it (the daemon's
            # write meets a closed socket: no SIGPIPE may kill it).
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            sock.connect(self.daemon.socket)
            sock.sendall(b'{"v":1,"id":2,"cmd":"tasks.list","args":{"state":"all"}}\n' * 5)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
            sock.close()
        self.assert_serving("30 hang-ups mid-request")
        self.assertEqual(self.ctl_json("tasks")["count"], 47)

    def test_many_idle_connections_are_bounded_and_time_out(self):
        idle = [self.connect() for _ in range(MAX_CLIENTS - 1)]
        self.assert_serving("%d idle connections" % len(idle))  # the last free slot
        idle.append(self.connect_accepted())
        # Every slot is held: the next client is told so, and dubanctl says why.
        extra = self.connect()
        reply = self.read_line(extra)
        self.assertEqual(self.error_code(reply), "unavailable", reply)
        self.assertIn("too many clients", reply.decode())
        result = self.daemon.ctl("status")
        self.assertNotEqual(result.returncode, 0, self.describe(result))
        self.assertIn("too many clients", result.stderr.decode("utf-8", "replace"))
        # The idle ones are closed after idle_timeout_seconds; then dubanctl is served again.
        for sock in idle:
            self.assertEqual(self.read_to_eof(sock), b"", "an idle connection got data")
        wait_until(lambda: self.daemon.ctl("status").returncode == 0,
                   "dubanctl to be served once the idle connections are closed")
        self.assert_serving("the idle connections timed out")

    def test_a_client_that_never_reads_does_not_block_others(self):
        self.ctl_ok("plan", "import", source_path("examples/plan-zhejiang-2013.txt"))
        hog = self.connect()
        hog.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        request = b'{"v":1,"id":5,"cmd":"tasks.list","args":{"state":"all"}}\n'
        hog.settimeout(2)
        written = 0
        try:  # until both directions' buffers are full: the daemon is stuck writing to it
            while written < 100000:
                hog.sendall(request)
                written += 1
        except socket.timeout:
            pass
        hog.settimeout(SOCKET_TIMEOUT)
        # Others are served while the daemon's write to the hog waits.
        for _ in range(3):
            self.assert_serving("a client that does not read its replies")
        # The stuck write is given up after idle_timeout_seconds: the hog is closed.
        drained = self.read_to_eof(hog)
        self.assertTrue(drained, "the hog got no reply at all")
        wait_until(lambda: "closing idle connection" in self.daemon.log(),
                   "the close to be logged", timeout=10)
        self.assert_serving("the hog was closed")


def main():
    _, rest = duban_harness.parse_args(__doc__)
    unittest.main(argv=[sys.argv[0]] + rest, verbosity=2)


if __name__ == "__main__":
    main()
