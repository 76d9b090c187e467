// CommandHandler: report.assessment, report.send.
// PLACEHOLDER written by the lead so the command table compiles while engineers B and C builds it;
// replaced by the real implementation.
#include "daemon/duband/command_handler.h"

namespace duban {

Result<CommandHandler::PreparedCommand> CommandHandler::PrepareReportAssessment(const nlohmann::json&) {
  return Status::FailedPrecondition("report.assessment is not implemented yet");
}

Result<CommandHandler::PreparedCommand> CommandHandler::PrepareReportSend(const nlohmann::json&) {
  return Status::FailedPrecondition("report.send is not implemented yet");
}

}  // namespace duban
