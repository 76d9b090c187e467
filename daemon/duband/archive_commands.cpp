// CommandHandler: state.export, backup.create, backup.read.
// PLACEHOLDER written by the lead so the command table compiles while engineer D builds it;
// replaced by the real implementation.
#include "daemon/duband/command_handler.h"

namespace duban {

Result<CommandHandler::PreparedCommand> CommandHandler::PrepareStateExport(const nlohmann::json&) {
  return Status::FailedPrecondition("state.export is not implemented yet");
}

Result<CommandHandler::PreparedCommand> CommandHandler::PrepareBackupCreate(const nlohmann::json&) {
  return Status::FailedPrecondition("backup.create is not implemented yet");
}

Result<CommandHandler::PreparedCommand> CommandHandler::PrepareBackupRead(const nlohmann::json&) {
  return Status::FailedPrecondition("backup.read is not implemented yet");
}

}  // namespace duban
