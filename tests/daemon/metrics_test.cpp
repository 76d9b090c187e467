// The Prometheus text format renderer (daemon/duband/metrics.h): escaping, value
// formatting, families without samples, and names. Expectations are written out by hand
// from the format's specification (exposition format 0.0.4).
#include "daemon/duband/metrics.h"

#include <cmath>
#include <limits>

#include <catch2/catch.hpp>

namespace duban {
namespace {

TEST_CASE("Metrics text: HELP, TYPE and samples with and without labels", "[metrics]") {
  MetricRegistry registry;
  registry.Gauge("duban_tasks", "Tasks by state.")
      .Add({{"state", "active"}}, 45)
      .Add({{"state", "removed"}}, 2);
  registry.Counter("duban_sends_total", "Sends.").Add({{"channel", "email"}, {"kind", "digest"}}, 7);
  registry.Gauge("duban_uptime_seconds", "Up.").Add(3600);
  CHECK(registry.Render() ==
        "# HELP duban_tasks Tasks by state.\n"
        "# TYPE duban_tasks gauge\n"
        "duban_tasks{state=\"active\"} 45\n"
        "duban_tasks{state=\"removed\"} 2\n"
        "# HELP duban_sends_total Sends.\n"
        "# TYPE duban_sends_total counter\n"
        "duban_sends_total{channel=\"email\",kind=\"digest\"} 7\n"
        "# HELP duban_uptime_seconds Up.\n"
        "# TYPE duban_uptime_seconds gauge\n"
        "duban_uptime_seconds 3600\n");
}

TEST_CASE("Metrics registry: a family stays usable while more are added", "[metrics]") {
  MetricRegistry registry;
  MetricFamily& first = registry.Counter("first_total", "First.");
  for (int i = 0; i < 100; ++i) registry.Gauge("g" + std::to_string(i), "G.");
  first.Add(7);  // after 100 more families: still the registry's first family
  CHECK(registry.families().front().samples.size() == 1);
  CHECK(registry.Render().starts_with("# HELP first_total First.\n# TYPE first_total counter\n"
                                      "first_total 7\n# HELP g0 G.\n"));
}

TEST_CASE("Metrics text: a family without samples keeps its HELP and TYPE", "[metrics]") {
  MetricRegistry registry;
  registry.Gauge("duban_last_evaluation_timestamp_seconds", "When.");
  CHECK(registry.Render() ==
        "# HELP duban_last_evaluation_timestamp_seconds When.\n"
        "# TYPE duban_last_evaluation_timestamp_seconds gauge\n");
}

TEST_CASE("Metrics text: label values keep Chinese and escape quotes, backslashes, newlines",
          "[metrics]") {
  CHECK(EscapeLabelValue("省发改委") == "省发改委");
  CHECK(EscapeLabelValue("关于\"十四五\"规划") == "关于\\\"十四五\\\"规划");
  CHECK(EscapeLabelValue("a\\b") == "a\\\\b");
  CHECK(EscapeLabelValue("一\n二") == "一\\n二");
  CHECK(EscapeLabelValue("") == "");

  MetricRegistry registry;
  registry.Gauge("duban_agency_red_tasks", "Red tasks by agency.")
      .Add({{"agency", "省\"发改\"委\\办公室\n"}}, 3);
  CHECK(registry.Render() ==
        "# HELP duban_agency_red_tasks Red tasks by agency.\n"
        "# TYPE duban_agency_red_tasks gauge\n"
        "duban_agency_red_tasks{agency=\"省\\\"发改\\\"委\\\\办公室\\n\"} 3\n");
}

TEST_CASE("Metrics text: HELP escapes backslash and newline but not quotes", "[metrics]") {
  CHECK(EscapeHelp("path C:\\duban\nnext \"line\"") == "path C:\\\\duban\\nnext \"line\"");
  MetricRegistry registry;
  registry.Counter("x_total", "督办 \"说明\"\\n");
  CHECK(registry.Render() == "# HELP x_total 督办 \"说明\"\\\\n\n# TYPE x_total counter\n");
}

TEST_CASE("Metrics text: values", "[metrics]") {
  CHECK(FormatMetricValue(0) == "0");
  CHECK(FormatMetricValue(45) == "45");
  CHECK(FormatMetricValue(-3) == "-3");
  CHECK(FormatMetricValue(1764550800) == "1764550800");  // a timestamp, never 1.76e+09
  CHECK(FormatMetricValue(0.0423) == "0.0423");
  CHECK(FormatMetricValue(2.5) == "2.5");
  CHECK(FormatMetricValue(1e20) == "1e+20");
  CHECK(FormatMetricValue(std::numeric_limits<double>::quiet_NaN()) == "NaN");
  CHECK(FormatMetricValue(std::numeric_limits<double>::infinity()) == "+Inf");
  CHECK(FormatMetricValue(-std::numeric_limits<double>::infinity()) == "-Inf");
}

TEST_CASE("Metrics text: metric and label names", "[metrics]") {
  CHECK(IsValidMetricName("duban_tasks"));
  CHECK(IsValidMetricName("duban:rule_total"));
  CHECK(IsValidMetricName("_x1"));
  CHECK_FALSE(IsValidMetricName(""));
  CHECK_FALSE(IsValidMetricName("1x"));
  CHECK_FALSE(IsValidMetricName("duban-tasks"));
  CHECK_FALSE(IsValidMetricName("督办"));
  CHECK(IsValidLabelName("state"));
  CHECK(IsValidLabelName("_x"));
  CHECK_FALSE(IsValidLabelName("__name__"));
  CHECK_FALSE(IsValidLabelName("a:b"));
  CHECK_FALSE(IsValidLabelName("9"));
}

}  // namespace
}  // namespace duban
