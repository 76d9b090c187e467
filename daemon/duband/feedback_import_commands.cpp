// CommandHandler: feedback.import.
// PLACEHOLDER written by the lead so the command table compiles while engineer A builds it;
// replaced by the real implementation.
#include "daemon/duband/command_handler.h"

namespace duban {

Result<CommandHandler::PreparedCommand> CommandHandler::PrepareFeedbackImport(const nlohmann::json&) {
  return Status::FailedPrecondition("feedback.import is not implemented yet");
}

}  // namespace duban
