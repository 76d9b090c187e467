// CommandHandler: target.list, target.add, target.edit, target.confirm, target.reject.
// PLACEHOLDER written by the lead so the command table compiles while the commands engineer
// builds it; replaced by the real implementation.
#include "daemon/duband/command_handler.h"

namespace duban {

Result<CommandHandler::PreparedCommand> CommandHandler::PrepareTargetList(const nlohmann::json&) {
  return Status::FailedPrecondition("target.list is not implemented yet");
}
Result<CommandHandler::PreparedCommand> CommandHandler::PrepareTargetAdd(const nlohmann::json&) {
  return Status::FailedPrecondition("target.add is not implemented yet");
}
Result<CommandHandler::PreparedCommand> CommandHandler::PrepareTargetEdit(const nlohmann::json&) {
  return Status::FailedPrecondition("target.edit is not implemented yet");
}
Result<CommandHandler::PreparedCommand> CommandHandler::PrepareTargetConfirm(
    const nlohmann::json&) {
  return Status::FailedPrecondition("target.confirm is not implemented yet");
}
Result<CommandHandler::PreparedCommand> CommandHandler::PrepareTargetReject(
    const nlohmann::json&) {
  return Status::FailedPrecondition("target.reject is not implemented yet");
}

}  // namespace duban
