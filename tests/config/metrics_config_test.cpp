// Tests of [metrics] (config/metrics_schema.h) and [delivery] stop_grace_seconds: the
// endpoint is off by default, loopback addresses only, every refusal names file:line:col
// and the field, and both keys round-trip through DescribeConfig.
#include <catch2/catch.hpp>

#include "config/config_loader.h"
#include "config/metrics_schema.h"
#include "tests/config/config_test_util.h"

namespace duban {
namespace {

using config_internal::ListenAddress;
using config_internal::ParseMetricsListen;
using testing::CheckError;
using testing::CheckRoundTrip;
using testing::Load;
using testing::LoadOk;
using testing::OnlyError;

TEST_CASE("[metrics] is off by default and takes a loopback HOST:PORT", "[config][metrics]") {
  const MetricsConfig off = LoadOk("").metrics;
  CHECK(off.listen.empty());
  CHECK(off.port == 0);
  CHECK(LoadOk("[metrics]\nlisten = \"\"\n").metrics.port == 0);

  const MetricsConfig v4 = LoadOk("[metrics]\nlisten = \"127.0.0.1:9464\"\n").metrics;
  CHECK(v4.listen == "127.0.0.1:9464");
  CHECK(v4.host == "127.0.0.1");
  CHECK(v4.port == 9464);
  const MetricsConfig v6 = LoadOk("[metrics]\nlisten = \"[::1]:9100\"\n").metrics;
  CHECK(v6.host == "::1");
  CHECK(v6.port == 9100);
  CHECK(LoadOk("[metrics]\nlisten = \"localhost:1\"\n").metrics.host == "127.0.0.1");
  CHECK(LoadOk("[metrics]\nlisten = \"127.8.9.10:65535\"\n").metrics.port == 65535);
}

TEST_CASE("[metrics] listen refuses other addresses with file, line and field",
          "[config][metrics][errors]") {
  CheckError(OnlyError(Load("[metrics]\nlisten = \"0.0.0.0:9464\"\n")), 2, 10, "metrics.listen",
             "0.0.0.0 is not a loopback address; the metrics endpoint has no authentication");
  CheckError(OnlyError(Load("\n[metrics]\nlisten = \"192.168.1.5:9464\"\n")), 3, 10,
             "metrics.listen", "192.168.1.5 is not a loopback address");
  CheckError(OnlyError(Load("[metrics]\nlisten = \"[::]:9464\"\n")), 2, 10, "metrics.listen",
             "[::] is not a loopback address");
  CheckError(OnlyError(Load("[metrics]\nlisten = \"prometheus.example.gov.cn:9464\"\n")), 2, 10,
             "metrics.listen", "\"prometheus.example.gov.cn\" is not an IP address or localhost");
  CheckError(OnlyError(Load("[metrics]\nlisten = \"127.0.0.1\"\n")), 2, 10, "metrics.listen",
             "is not HOST:PORT");
  CheckError(OnlyError(Load("[metrics]\nlisten = \"127.0.0.1:0\"\n")), 2, 10, "metrics.listen",
             "the port must be a number from 1 to 65535");
  CheckError(OnlyError(Load("[metrics]\nlisten = \"127.0.0.1:70000\"\n")), 2, 10, "metrics.listen",
             "the port must be a number from 1 to 65535");
  CheckError(OnlyError(Load("[metrics]\nlisten = \"::1:9464\"\n")), 2, 10, "metrics.listen",
             "write an IPv6 address in brackets");
  CheckError(OnlyError(Load("[metrics]\nlisten = 9464\n")), 2, 10, "metrics.listen", "string");
  CheckError(OnlyError(Load("[metrics]\nport = 9464\n")), 2, 1, "metrics.port",
             "unknown key \"port\" in [metrics]");
}

TEST_CASE("ParseMetricsListen", "[config][metrics]") {
  auto parsed = ParseMetricsListen("127.0.0.1:9464");
  REQUIRE(std::holds_alternative<ListenAddress>(parsed));
  CHECK(std::get<ListenAddress>(parsed).port == 9464);
  CHECK(std::holds_alternative<std::string>(ParseMetricsListen(":9464")));
  CHECK(std::holds_alternative<std::string>(ParseMetricsListen("127.0.0.1:94a4")));
  CHECK(std::holds_alternative<std::string>(ParseMetricsListen("[127.0.0.1]:9464")));
}

TEST_CASE("[delivery] stop_grace_seconds: default 10, 0..300", "[config][delivery]") {
  CHECK(LoadOk("").delivery.stop_grace_seconds == 10);
  CHECK(LoadOk("[delivery]\nstop_grace_seconds = 0\n").delivery.stop_grace_seconds == 0);
  CHECK(LoadOk("[delivery]\nstop_grace_seconds = 300\n").delivery.stop_grace_seconds == 300);
  CheckError(OnlyError(Load("[delivery]\nstop_grace_seconds = 301\n")), 2, 22,
             "delivery.stop_grace_seconds", "must be between 0 and 300, got 301");
  CheckError(OnlyError(Load("[delivery]\nstop_grace_seconds = -1\n")), 2, 22,
             "delivery.stop_grace_seconds", "must be between 0 and 300, got -1");
}

TEST_CASE("[metrics] and stop_grace_seconds round-trip through DescribeConfig",
          "[config][metrics]") {
  CheckRoundTrip(LoadOk("[metrics]\nlisten = \"[::1]:9464\"\n\n[delivery]\nstop_grace_seconds = 25\n"));
  CheckRoundTrip(LoadOk(""));
}

}  // namespace
}  // namespace duban
