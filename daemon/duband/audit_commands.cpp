// CommandHandler: audit.list.
// PLACEHOLDER written by the lead so the command table compiles while engineer A builds it;
// replaced by the real implementation.
#include "daemon/duband/command_handler.h"

namespace duban {

Result<CommandHandler::PreparedCommand> CommandHandler::PrepareAuditList(const nlohmann::json&) {
  return Status::FailedPrecondition("audit.list is not implemented yet");
}

}  // namespace duban
