#include "config/metrics_schema.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <charconv>

namespace duban::config_internal {
namespace {

constexpr const char* kLoopbackOnly =
    "the metrics endpoint has no authentication, so it listens on loopback only "
    "(127.0.0.1, [::1] or localhost); scrape from another host through a proxy or tunnel";

bool IsLoopbackV4(const std::string& host) {
  in_addr address{};
  return inet_pton(AF_INET, host.c_str(), &address) == 1 && (ntohl(address.s_addr) >> 24) == 127;
}

bool IsLoopbackV6(const std::string& host) {
  in6_addr address{};
  return inet_pton(AF_INET6, host.c_str(), &address) == 1 && IN6_IS_ADDR_LOOPBACK(&address);
}

bool IsAddress(const std::string& host) {
  in_addr v4{};
  in6_addr v6{};
  return inet_pton(AF_INET, host.c_str(), &v4) == 1 || inet_pton(AF_INET6, host.c_str(), &v6) == 1;
}

// clang-format off
const FieldSpec<Config> kMetricsFields[] = {
    {"listen",
     [](ValueReader& in, Config& c) {
       auto text = in.String();
       if (!text) return;
       if (text->empty()) {
         c.metrics = MetricsConfig{};
         return;
       }
       auto parsed = ParseMetricsListen(*text);
       if (auto* problem = std::get_if<std::string>(&parsed)) return in.Error(std::move(*problem));
       const auto& address = std::get<ListenAddress>(parsed);
       c.metrics.listen = *text;
       c.metrics.host = address.host;
       c.metrics.port = address.port;
     },
     [](const Config& c) { return TomlString(c.metrics.listen); }},
};
// clang-format on

}  // namespace

std::variant<ListenAddress, std::string> ParseMetricsListen(std::string_view text) {
  const std::string shown = "\"" + std::string(text) + "\"";
  const std::size_t colon = text.rfind(':');
  if (colon == std::string_view::npos || colon + 1 == text.size()) {
    return shown + " is not HOST:PORT (e.g. \"127.0.0.1:9464\" or \"[::1]:9464\")";
  }
  std::string host(text.substr(0, colon));
  const std::string_view port_text = text.substr(colon + 1);
  int port = 0;
  auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (ec != std::errc() || end != port_text.data() + port_text.size() || port < 1 ||
      port > 65535) {
    return shown + ": the port must be a number from 1 to 65535";
  }
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
    if (!IsLoopbackV6(host)) {
      return "[" + host + "] is not a loopback address; " + kLoopbackOnly;
    }
    return ListenAddress{host, port};
  }
  if (host.find(':') != std::string::npos) {
    return shown + ": write an IPv6 address in brackets, e.g. \"[::1]:9464\"";
  }
  if (host == "localhost") return ListenAddress{"127.0.0.1", port};
  if (IsLoopbackV4(host)) return ListenAddress{host, port};
  if (host.empty()) return shown + " has no host; " + kLoopbackOnly;
  if (IsAddress(host)) return host + " is not a loopback address; " + kLoopbackOnly;
  return "\"" + host + "\" is not an IP address or localhost; " + kLoopbackOnly;
}

std::vector<std::string_view> MetricsKeys() {
  return KeysOf<Config>(std::span<const FieldSpec<Config>>(kMetricsFields));
}

void ReadMetrics(const toml::table& table, const std::string& field, ErrorSink& sink,
                 const LoadContext& context, Config& config) {
  ReadFields<Config>(table, kMetricsFields, SectionLabel(field, false), field, sink, context,
                     config);
}

void DescribeMetrics(std::string_view name, const Config& config, std::string& out) {
  out += SectionLabel(name, false) + '\n';
  DescribeFields<Config>(kMetricsFields, config, out);
}

}  // namespace duban::config_internal
