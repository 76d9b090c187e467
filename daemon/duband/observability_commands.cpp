// CommandHandler: metrics, log.level.
// PLACEHOLDER written by the lead so the command table compiles while engineer F builds it;
// replaced by the real implementation.
#include "daemon/duband/command_handler.h"

namespace duban {

Result<CommandHandler::PreparedCommand> CommandHandler::PrepareMetrics(const nlohmann::json&) {
  return Status::FailedPrecondition("metrics is not implemented yet");
}

Result<CommandHandler::PreparedCommand> CommandHandler::PrepareLogLevel(const nlohmann::json&) {
  return Status::FailedPrecondition("log.level is not implemented yet");
}

}  // namespace duban
