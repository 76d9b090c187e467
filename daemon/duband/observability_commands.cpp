// CommandHandler: the observability commands.
//
// metrics: the daemon's metrics in the Prometheus text format (daemon_metrics.h), the same
// text the optional HTTP endpoint serves; read-only. The result is {"text": "..."}.
//
// log.level: without args.level, the running level and the configured one (read-only,
// open to every peer); with args.level (trace, debug, info, warn, error) it sets the
// level of the running daemon, which is a mutation (root, the daemon's user or the admin
// group), logged with the actor at warn (see below). "off" and
// "critical" are refused: they would hide the daemon's warnings, denials included. The
// change lasts until the next reload or restart, which apply the configured level
// ([daemon] log_level, or --log-level).
#include <spdlog/spdlog.h>

#include "daemon/duband/command_args.h"
#include "daemon/duband/command_handler.h"
#include "daemon/duband/command_helpers.h"
#include "daemon/duband/logging.h"

namespace duban {
namespace {

using nlohmann::json;
using PreparedCommand = CommandHandler::PreparedCommand;
using command_helpers::Mutating;
using command_helpers::ReadOnly;

json LevelJson(std::string_view configured) {
  return json{{"level", std::string(LogLevelName(spdlog::get_level()))},
              {"configured", std::string(configured)}};
}

}  // namespace

Result<PreparedCommand> CommandHandler::PrepareMetrics(const json& args) {
  if (Status status = CheckArgNames(args, "metrics", {}); !status.ok()) return status;
  return ReadOnly([this]() -> Result<json> {
    if (!metrics_) return Status::FailedPrecondition("this daemon keeps no metrics");
    Result<std::string> text = metrics_();
    if (!text.ok()) return text.status();
    return json{{"text", *text}};
  });
}

Result<PreparedCommand> CommandHandler::PrepareLogLevel(const json& args) {
  std::string level;
  Status status = CheckArgNames(args, "log.level", {"level"});
  if (status.ok()) {
    status = ReadChoiceArg(args, "level", {"trace", "debug", "info", "warn", "error"}, &level);
  }
  if (!status.ok()) return status;
  if (level.empty()) {
    return ReadOnly([this]() -> Result<json> { return LevelJson(settings_.log_level); });
  }
  return Mutating([this, level](const PeerCredentials& peer) -> Result<json> {
    const std::string previous(LogLevelName(spdlog::get_level()));
    auto note = [&] {
      spdlog::warn("{} set the log level from {} to {} (until the next reload or restart)",
                   ActorName(peer), previous, level);
    };
    // The note is at warn: written before a change to error, after any other change, so
    // it is in the log unless the level was error and stays so.
    if (level == "error") note();
    if (Status set = SetLogLevel(level); !set.ok()) return set;
    if (level != "error") note();
    json result = LevelJson(settings_.log_level);
    result["previous"] = previous;
    return result;
  });
}

}  // namespace duban
