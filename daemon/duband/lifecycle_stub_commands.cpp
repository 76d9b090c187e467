// CommandHandler: task.reopen (to move into tracking_commands.cpp).
// PLACEHOLDER written by the lead so the command table compiles while engineer A builds it;
// replaced by the real implementation.
#include "daemon/duband/command_handler.h"

namespace duban {

Result<CommandHandler::PreparedCommand> CommandHandler::PrepareTaskReopen(const nlohmann::json&) {
  return Status::FailedPrecondition("task.reopen is not implemented yet");
}

}  // namespace duban
