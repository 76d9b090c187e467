#include "daemon/duband/metrics.h"

#include <cassert>
#include <charconv>
#include <cmath>
#include <cstdint>

namespace duban {
namespace {

bool IsNameStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

std::string_view TypeName(MetricType type) {
  return type == MetricType::kCounter ? "counter" : "gauge";
}

void AppendSample(const std::string& name, const MetricSample& sample, std::string& out) {
  out += name;
  if (!sample.labels.empty()) {
    out += '{';
    for (std::size_t i = 0; i < sample.labels.size(); ++i) {
      if (i > 0) out += ',';
      out += sample.labels[i].first;
      out += "=\"";
      out += EscapeLabelValue(sample.labels[i].second);
      out += '"';
    }
    out += '}';
  }
  out += ' ';
  out += FormatMetricValue(sample.value);
  out += '\n';
}

}  // namespace

MetricFamily& MetricFamily::Add(MetricLabels labels, double value) {
  for ([[maybe_unused]] const auto& [label, _] : labels) assert(IsValidLabelName(label));
  samples.push_back(MetricSample{std::move(labels), value});
  return *this;
}

MetricFamily& MetricRegistry::Counter(std::string name, std::string help) {
  return AddFamily(std::move(name), std::move(help), MetricType::kCounter);
}

MetricFamily& MetricRegistry::Gauge(std::string name, std::string help) {
  return AddFamily(std::move(name), std::move(help), MetricType::kGauge);
}

MetricFamily& MetricRegistry::AddFamily(std::string name, std::string help, MetricType type) {
  assert(IsValidMetricName(name));
  families_.push_back(MetricFamily{std::move(name), std::move(help), type, {}});
  return families_.back();
}

std::string MetricRegistry::Render() const { return RenderPrometheusText(families_); }

std::string RenderPrometheusText(const std::deque<MetricFamily>& families) {
  std::string out;
  for (const MetricFamily& family : families) {
    out += "# HELP " + family.name + ' ' + EscapeHelp(family.help) + '\n';
    out += "# TYPE " + family.name + ' ' + std::string(TypeName(family.type)) + '\n';
    for (const MetricSample& sample : family.samples) AppendSample(family.name, sample, out);
  }
  return out;
}

bool IsValidMetricName(std::string_view name) {
  if (name.empty() || !(IsNameStart(name[0]) || name[0] == ':')) return false;
  for (char c : name) {
    if (!(IsNameStart(c) || IsDigit(c) || c == ':')) return false;
  }
  return true;
}

bool IsValidLabelName(std::string_view name) {
  if (name.empty() || !IsNameStart(name[0]) || name.starts_with("__")) return false;
  for (char c : name) {
    if (!(IsNameStart(c) || IsDigit(c))) return false;
  }
  return true;
}

std::string EscapeLabelValue(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '"': out += "\\\""; break;
      case '\n': out += "\\n"; break;
      default: out += c;
    }
  }
  return out;
}

std::string EscapeHelp(std::string_view help) {
  std::string out;
  out.reserve(help.size());
  for (char c : help) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      default: out += c;
    }
  }
  return out;
}

std::string FormatMetricValue(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  // Whole numbers up to 2^53 are exact in a double: print them as integers, never as
  // "1.732e+09", so counters and timestamps read as they are.
  constexpr double kExactLimit = 9007199254740992.0;
  if (value == std::trunc(value) && std::fabs(value) <= kExactLimit) {
    return std::to_string(static_cast<int64_t>(value));
  }
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return ec == std::errc() ? std::string(buffer, end) : "NaN";
}

}  // namespace duban
