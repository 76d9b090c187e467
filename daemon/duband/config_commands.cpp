// CommandHandler: the commands about the configuration itself: rules.check (problems of
// the rules against the plan, see rules_check.h) and reload (the same Service::Reload as
// SIGHUP; a bad config fails listing every error and the running one stays).
#include <spdlog/spdlog.h>

#include "daemon/duband/command_args.h"
#include "daemon/duband/command_handler.h"
#include "daemon/duband/command_helpers.h"
#include "daemon/duband/rules_check.h"

namespace duban {
namespace {

using nlohmann::json;
using PreparedCommand = CommandHandler::PreparedCommand;
using command_helpers::JsonList;
using command_helpers::Mutating;
using command_helpers::ReadOnly;

}  // namespace

Result<PreparedCommand> CommandHandler::PrepareRulesCheck(const json& args) {
  if (Status status = CheckArgNames(args, "rules.check", {}); !status.ok()) return status;
  return ReadOnly([this]() -> Result<json> {
    Result<TrackingModel*> model = Model();
    if (!model.ok()) return model.status();
    Result<std::vector<AgencyRecord>> agencies = store_.ListAgencies();
    if (!agencies.ok()) return agencies.status();
    const TrackingConfig& config = (*model)->config();
    return json{{"problems", JsonList(CheckRules((*model)->tasks(), *agencies, config,
                                                 config.zone->ToLocal(clock_()).date))}};
  });
}

Result<PreparedCommand> CommandHandler::PrepareReload(const json& args) {
  if (Status status = CheckArgNames(args, "reload", {}); !status.ok()) return status;
  return Mutating([this](const PeerCredentials& peer) -> Result<json> {
    if (!tracking_.reload) return Status::FailedPrecondition("this daemon cannot reload");
    spdlog::info("{} asked for a reload", ActorName(peer));
    // Reload swaps this handler's settings; nothing below reads them.
    if (Status status = tracking_.reload(); !status.ok()) return status;
    return json{{"reloaded", true}};
  });
}

}  // namespace duban
