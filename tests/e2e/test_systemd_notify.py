"""End to end: duband's systemd notifications, with a real notify socket standing in for
systemd (what sd_notify(3) writes to is only a Unix datagram socket named by
NOTIFY_SOCKET): READY=1 once the control socket answers, WATCHDOG=1 pings at half of
WATCHDOG_USEC while it runs, none without it, and STOPPING=1 on SIGTERM.
"""

import os
import socket
import sys
import time
import unittest

import duban_harness
from duban_harness import DubanTestCase

# A short watchdog interval so pings arrive quickly: 0.4 s, pinged every 0.2 s.
WATCHDOG_USEC = 400000


class NotifySocket:
    """A datagram socket as systemd's notify socket; collects what duband sends."""

    def __init__(self, folder):
        self.path = os.path.join(folder, "notify.sock")
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(self.path)
        self.messages = []

    def read_until(self, predicate, timeout):
        """Reads datagrams until predicate(self.messages) holds or `timeout` seconds pass;
        returns whether it held."""
        deadline = time.monotonic() + timeout
        while not predicate(self.messages):
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            self.sock.settimeout(left)
            try:
                data = self.sock.recv(4096)
            except socket.timeout:
                return predicate(self.messages)
            self.messages.extend(data.decode("utf-8").split("\n"))
        return True

    def close(self):
        self.sock.close()


class SystemdNotifyTest(DubanTestCase):

    def start_with_notify(self, watchdog_usec=None):
        daemon = self.daemon_class()
        self.addCleanup(daemon.cleanup)
        self.daemon = daemon
        notify = NotifySocket(daemon.dir)
        self.addCleanup(notify.close)
        env = {"NOTIFY_SOCKET": notify.path}
        if watchdog_usec is not None:
            env["WATCHDOG_USEC"] = str(watchdog_usec)
        daemon.start(env=env)
        return notify

    def test_ready_watchdog_pings_and_stopping(self):
        notify = self.start_with_notify(WATCHDOG_USEC)
        self.assertTrue(notify.read_until(lambda m: "READY=1" in m, 10), notify.messages)
        # Several pings, not just the first one sent at start: the timer re-arms.
        self.assertTrue(notify.read_until(lambda m: m.count("WATCHDOG=1") >= 3, 10),
                        "expected repeated WATCHDOG=1, got %r\n%s"
                        % (notify.messages, self.daemon.log()))
        self.assertIn("systemd watchdog: pinging every 200 ms", self.daemon.log())
        self.assertEqual(self.daemon.stop(), 0, self.daemon.log())
        self.assertTrue(notify.read_until(lambda m: "STOPPING=1" in m, 5), notify.messages)
        # READY comes before the first ping, STOPPING after the last.
        self.assertLess(notify.messages.index("READY=1"), notify.messages.index("WATCHDOG=1"))
        self.assertNotIn("WATCHDOG=1",
                         notify.messages[notify.messages.index("STOPPING=1"):])

    def test_no_watchdog_pings_without_watchdog_usec(self):
        notify = self.start_with_notify(None)
        self.assertTrue(notify.read_until(lambda m: "READY=1" in m, 10), notify.messages)
        self.ctl_ok("status")  # the loop is alive; still nothing to ping
        self.assertEqual(self.daemon.stop(), 0, self.daemon.log())
        self.assertTrue(notify.read_until(lambda m: "STOPPING=1" in m, 5), notify.messages)
        self.assertNotIn("WATCHDOG=1", notify.messages)
        self.assertNotIn("systemd watchdog", self.daemon.log())


def main():
    _, rest = duban_harness.parse_args(__doc__)
    unittest.main(argv=[sys.argv[0]] + rest)


if __name__ == "__main__":
    main()
