// The [metrics] section: the optional loopback HTTP endpoint for Prometheus scraping,
// read into Config::metrics.
//
//   [metrics]
//   listen = "127.0.0.1:9464"   # HOST:PORT; "[::1]:9464" for IPv6; "" (default) = off
//
// The endpoint has no authentication, so only loopback addresses are accepted
// (127.0.0.0/8, ::1, and "localhost", read as 127.0.0.1): anything else is an error at
// the value ("duban.toml:40:10: metrics.listen: 0.0.0.0 is not a loopback address ...").
// A scraper on another host goes through a reverse proxy or an SSH tunnel.
//
// Internal to config/ (ParseMetricsListen is also used by its tests). Stateless;
// thread-safe.
#ifndef DUBAN_CONFIG_METRICS_SCHEMA_H_
#define DUBAN_CONFIG_METRICS_SCHEMA_H_

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "config/config_schema.h"

namespace duban::config_internal {

struct ListenAddress {
  std::string host;  // numeric, brackets removed: "127.0.0.1", "::1"
  int port = 0;
};

// "HOST:PORT" → the address; otherwise the whole error message.
std::variant<ListenAddress, std::string> ParseMetricsListen(std::string_view text);

std::vector<std::string_view> MetricsKeys();

void ReadMetrics(const toml::table& table, const std::string& field, ErrorSink& sink,
                 const LoadContext& context, Config& config);
void DescribeMetrics(std::string_view name, const Config& config, std::string& out);

}  // namespace duban::config_internal

#endif  // DUBAN_CONFIG_METRICS_SCHEMA_H_
