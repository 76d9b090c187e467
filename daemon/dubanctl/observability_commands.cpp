// dubanctl metrics, log-level.
//
// `metrics` prints the daemon's metrics in the Prometheus text format exactly as the
// daemon rendered them (the same text as the [metrics] HTTP endpoint), so it can be piped
// to promtool or a node_exporter textfile; --json wraps it as {"text": ...}.
//
// `log-level` without LEVEL shows the running level and the configured one (anyone who
// can connect); `log-level LEVEL` sets it (trace, debug, info, warn, error; root, the
// daemon's user or the admin group) until the next reload or restart.
#include <memory>
#include <ostream>
#include <string>

#include "daemon/dubanctl/commands.h"
#include "daemon/dubanctl/json_fields.h"

namespace duban::ctl {
namespace {

using nlohmann::json;

void PrintLevel(Context& context, const json& result) {
  const std::string level = TextField(result, "level");
  const std::string configured = TextField(result, "configured");
  if (result.contains("previous")) {
    *context.out << "log level " << TextField(result, "previous") << " -> " << level
                 << " until the next reload or restart (configured: " << configured << ")\n";
    return;
  }
  *context.out << "log level " << level;
  if (!configured.empty() && configured != level) {
    *context.out << " (configured: " << configured << "; a reload restores it)";
  }
  *context.out << "\n";
}

}  // namespace

void SetupMetricsCommand(CLI::App& command, Context& context) {
  command.callback([&context] {
    context.CallAndPrint("metrics", json::object(), [&context](const json& result) {
      *context.out << TextField(result, "text");
    });
  });
}

void SetupLogLevelCommand(CLI::App& command, Context& context) {
  auto level = std::make_shared<std::string>();
  command.add_option("LEVEL", *level, "the new level: trace, debug, info, warn or error")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error"}));
  command.callback([&context, level] {
    json args = json::object();
    if (!level->empty()) args["level"] = *level;
    context.CallAndPrint("log.level", args,
                         [&context](const json& result) { PrintLevel(context, result); });
  });
}

}  // namespace duban::ctl
