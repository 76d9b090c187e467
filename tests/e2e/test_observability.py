#!/usr/bin/env python3
"""End-to-end tests of observability: `dubanctl metrics`, the loopback HTTP endpoint
([metrics] listen) scraped with a real HTTP GET, and `dubanctl log-level`.

Run by ctest as
    python3 test_observability.py --duband PATH --dubanctl PATH --source-dir REPO [unittest args]
"""

import http.client
import re
import socket
import subprocess
import sys
import unittest

import duban_harness
from duban_harness import DubanTestCase

PLAN = """关于测试指标的分工方案
一、推进重点工作
  1.建设一批公共技术服务平台。(省发改委牵头,省科技厅参加)
  2.完善统计监测制度。(省发改委负责)
  3.开展试点示范工作。(省科技厅负责)
"""

AGENCIES = """
[[agency]]
name = "省发改委"

[[agency]]
name = "省科技厅"
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def samples(text):
    """{'name{labels}': value} of every sample line of a text exposition."""
    found = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            key, value = line.rsplit(" ", 1)
            found[key] = float(value)
    return found


def http_request(port, method, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request(method, path)
        response = connection.getresponse()
        return response.status, response.getheader("Content-Type"), response.read().decode()
    finally:
        connection.close()


class ObservabilityTest(DubanTestCase):

    def start(self, port):
        daemon = self.start_daemon(extra_toml='[metrics]\nlisten = "127.0.0.1:%d"\n' % port,
                                   agencies_toml=AGENCIES)
        self.ctl_ok("plan", "import", self.write_file("plan.txt", PLAN))
        return daemon

    def test_metrics_over_the_socket_and_over_http(self):
        port = free_port()
        self.start(port)
        text = self.ctl_ok("metrics")
        self.assertIn("# HELP duban_tasks ", text)
        self.assertIn("# TYPE duban_tasks gauge\n", text)
        self.assertIn("# TYPE duban_sends_total counter\n", text)
        values = samples(text)
        self.assertEqual(values['duban_tasks{state="active"}'], 3)
        self.assertEqual(values['duban_tasks{state="removed"}'], 0)
        lights = [v for k, v in values.items() if k.startswith("duban_tasks_by_light{")]
        self.assertEqual(len(lights), 4)
        self.assertEqual(sum(lights), 3)
        self.assertEqual(values['duban_sends_total{channel="email"}'], 0)
        self.assertEqual(values['duban_messages{state="sent"}'], 0)
        self.assertIn('duban_outbox_rows{state="pending"}', values)
        self.assertGreaterEqual(values["duban_evaluations_total"], 1)  # the first wake
        self.assertGreaterEqual(values["duban_last_evaluation_duration_seconds"], 0)
        self.assertGreaterEqual(values["duban_uptime_seconds"], 0)
        self.assertTrue(any(k.startswith("duban_build_info{version=") for k in values))

        # The same families over HTTP, with the text format's content type.
        status, content_type, body = http_request(port, "GET", "/metrics")
        self.assertEqual(status, 200, body)
        self.assertTrue(content_type.startswith("text/plain; version=0.0.4"), content_type)
        self.assertEqual(samples(body)['duban_tasks{state="active"}'], 3)
        self.assertEqual(re.findall(r"^# TYPE (\S+)", body, re.M),
                         re.findall(r"^# TYPE (\S+)", text, re.M))
        self.assertEqual(http_request(port, "GET", "/")[0], 404)
        self.assertEqual(http_request(port, "POST", "/metrics")[0], 405)
        self.assertIn("metrics: serving http://127.0.0.1:%d/metrics" % port, self.daemon.log())

    def test_the_endpoint_is_off_by_default(self):
        self.start_daemon()
        self.assertNotIn("metrics: serving", self.daemon.log())
        self.assertIn("duban_uptime_seconds", self.ctl_ok("metrics"))

    def test_a_non_loopback_address_is_refused_with_file_and_line(self):
        daemon = duban_harness.Daemon(extra_toml='[metrics]\nlisten = "0.0.0.0:9464"\n')
        self.addCleanup(daemon.cleanup)
        checked = subprocess.run([duban_harness.ARGS.duband, "--config", daemon.config,
                                  "--check-config"], capture_output=True, text=True)
        self.assertEqual(checked.returncode, 1)
        line = daemon.config_text('[metrics]\nlisten = "0.0.0.0:9464"\n').splitlines().index(
            'listen = "0.0.0.0:9464"') + 1
        self.assertIn("%s:%d:10: metrics.listen: 0.0.0.0 is not a loopback address"
                      % (daemon.config, line), checked.stderr)

    def test_log_level_shown_set_and_restored_by_reload(self):
        self.start_daemon()  # the harness config says log_level = "debug"
        self.assertEqual(self.ctl_ok("log-level"), "log level debug\n")
        self.assertEqual(self.ctl_ok("log-level", "warn"),
                         "log level debug -> warn until the next reload or restart "
                         "(configured: debug)\n")
        self.assertEqual(self.ctl_json("log-level"), {"level": "warn", "configured": "debug"})
        self.assertIn("set the log level from debug to warn", self.daemon.log())
        self.assertEqual(self.ctl_ok("log-level"),
                         "log level warn (configured: debug; a reload restores it)\n")
        self.ctl_ok("reload")
        self.assertEqual(self.ctl_ok("log-level"), "log level debug\n")
        self.assertIn("LEVEL", self.ctl_fails(2, "log-level", "loud"))


def main():
    _, rest = duban_harness.parse_args(__doc__)
    unittest.main(argv=[sys.argv[0]] + rest, verbosity=2)


if __name__ == "__main__":
    main()
