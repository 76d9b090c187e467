// Metrics in the Prometheus text exposition format (version 0.0.4): a small registry of
// metric families and the pure renderer that writes them, shared by the `metrics` control
// command and the loopback HTTP endpoint (metrics_http_server.h). What duband measures is
// daemon_metrics.h; this file only knows the format:
//
//   # HELP duban_tasks Tasks in the store by lifecycle state.
//   # TYPE duban_tasks gauge
//   duban_tasks{state="active"} 45
//
// Label values are UTF-8 (Chinese agency names pass through as they are) with backslash,
// double quote and newline escaped; HELP text escapes backslash and newline. Names are
// checked when a family or label is added: a bad name is a programming error (assert),
// never something a config or a peer can cause.
//
// Plain values; not thread-safe (build and render on one thread).
#ifndef DUBAN_DAEMON_DUBAND_METRICS_H_
#define DUBAN_DAEMON_DUBAND_METRICS_H_

#include <deque>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace duban {

// The Content-Type of the text format, for the HTTP endpoint.
inline constexpr std::string_view kPrometheusContentType = "text/plain; version=0.0.4; charset=utf-8";

enum class MetricType { kCounter, kGauge };

using MetricLabels = std::vector<std::pair<std::string, std::string>>;

struct MetricSample {
  MetricLabels labels;  // in the order written
  double value = 0;
};

// One metric: its name, help and type, and its samples (one per label combination; a
// family may have none yet, e.g. the last evaluation before the first wake).
struct MetricFamily {
  std::string name;
  std::string help;
  MetricType type = MetricType::kGauge;
  std::vector<MetricSample> samples;

  // Adds a sample; returns *this so samples can be chained.
  MetricFamily& Add(MetricLabels labels, double value);
  MetricFamily& Add(double value) { return Add({}, value); }
};

// The families of one scrape, in the order they are added. A deque, so the reference
// Counter and Gauge return stays valid while more families are added.
class MetricRegistry {
 public:
  MetricFamily& Counter(std::string name, std::string help);
  MetricFamily& Gauge(std::string name, std::string help);

  const std::deque<MetricFamily>& families() const { return families_; }
  std::string Render() const;

 private:
  MetricFamily& AddFamily(std::string name, std::string help, MetricType type);

  std::deque<MetricFamily> families_;
};

// The text format of `families`: HELP, TYPE and sample lines, each ending in "\n".
std::string RenderPrometheusText(const std::deque<MetricFamily>& families);

// [a-zA-Z_:][a-zA-Z0-9_:]*
bool IsValidMetricName(std::string_view name);
// [a-zA-Z_][a-zA-Z0-9_]*, not starting with "__" (reserved by Prometheus).
bool IsValidLabelName(std::string_view name);
// \ → \\, " → \", newline → \n; everything else (UTF-8 included) as it is.
std::string EscapeLabelValue(std::string_view value);
// \ → \\, newline → \n.
std::string EscapeHelp(std::string_view help);
// Integers without a fraction or exponent ("45", "1732000000"), other numbers in their
// shortest exact form ("0.0423"), and "NaN", "+Inf", "-Inf".
std::string FormatMetricValue(double value);

}  // namespace duban

#endif  // DUBAN_DAEMON_DUBAND_METRICS_H_
