// CommandHandler: what the scheduler decided and would decide. outbox.list reads the
// decided actions; simulate evaluates the current tracked tasks over some days ahead
// (ActionsBetween, pure) and stores and sends nothing: the Agenda, its cursor and the
// outbox are not touched.
#include <algorithm>

#include "daemon/duband/command_args.h"
#include "daemon/duband/command_handler.h"
#include "daemon/duband/command_helpers.h"

namespace duban {
namespace {

using nlohmann::json;
using PreparedCommand = CommandHandler::PreparedCommand;
using command_helpers::ReadOnly;

constexpr int kMaxOutboxRows = 100000;
constexpr int kMaxSimulatedDays = 366;

struct SimulateArgs {
  std::optional<CivilDate> from;  // default: today in the configured zone
  int days = 7;
  std::string ref;
  std::string agency;
};

Result<SimulateArgs> ParseSimulateArgs(const json& args) {
  SimulateArgs parsed;
  Status status = CheckArgNames(args, "simulate", {"from", "days", "ref", "agency"});
  if (status.ok()) status = ReadDateArg(args, "from", &parsed.from);
  if (status.ok()) status = ReadIntArg(args, "days", 1, kMaxSimulatedDays, &parsed.days);
  if (status.ok()) status = ReadStringArg(args, "ref", &parsed.ref);
  if (status.ok()) status = ReadStringArg(args, "agency", &parsed.agency);
  if (!status.ok()) return status;
  return parsed;
}

}  // namespace

Result<PreparedCommand> CommandHandler::PrepareOutboxList(const json& args) {
  OutboxFilter filter;
  filter.limit = 100;
  Status status = CheckArgNames(args, "outbox.list", {"state", "ref", "agency", "limit"});
  if (status.ok()) {
    status = ReadChoiceArg(
        args, "state",
        {"pending", "skipped", "cancelled", "queued", "sent", "failed", "dead"}, &filter.state);
  }
  if (status.ok()) status = ReadStringArg(args, "ref", &filter.task_ref);
  if (status.ok()) status = ReadStringArg(args, "agency", &filter.agency);
  if (status.ok()) status = ReadIntArg(args, "limit", 1, kMaxOutboxRows, &filter.limit);
  if (!status.ok()) return status;
  return ReadOnly([this, filter]() -> Result<json> {
    Result<TrackingModel*> model = Model();
    if (!model.ok()) return model.status();
    Result<std::vector<OutboxRow>> rows = store_.ListOutbox(filter);
    if (!rows.ok()) return rows.status();
    json list = json::array();
    for (const OutboxRow& row : *rows) list.push_back(ToJson(row, *(*model)->config().zone));
    return json{{"rows", list}, {"count", rows->size()}};
  });
}

Result<PreparedCommand> CommandHandler::PrepareSimulate(const json& args) {
  Result<SimulateArgs> parsed = ParseSimulateArgs(args);
  if (!parsed.ok()) return parsed.status();
  return ReadOnly([this, args = *parsed]() -> Result<json> {
    Result<TrackingModel*> model = Model();
    if (!model.ok()) return model.status();
    const TrackingConfig& config = (*model)->config();
    const CivilDate from = args.from.value_or(config.zone->ToLocal(clock_()).date);
    const CivilDate end = from + std::chrono::days{args.days};  // first day not included
    std::vector<TrackedTask> tasks;  // a copy: nothing simulated touches the live Agenda
    if (args.ref.empty()) {
      tasks = (*model)->tasks();
    } else if (const TrackedTask* task = (*model)->FindTask(args.ref)) {
      tasks.push_back(*task);
    } else if (Result<TaskRecord> record = store_.GetTask(args.ref); !record.ok()) {
      return record.status();
    }
    // [local midnight of `from`, local midnight of `end`): ActionsBetween is (after, until].
    std::vector<Action> actions =
        ActionsBetween(tasks, config.context(), config.zone->ToUtc(from, 0) - 1,
                       config.zone->ToUtc(end, 0) - 1);
    if (!args.agency.empty()) {
      const std::string agency = settings_.agencies.Canonical(args.agency);
      std::erase_if(actions, [&](const Action& action) { return action.agency != agency; });
    }
    json list = json::array();
    for (const Action& action : actions) list.push_back(ToJson(action, *config.zone));
    return json{{"from", FormatCivilDate(from)},
                {"to", FormatCivilDate(end - std::chrono::days{1})},
                {"actions", list},
                {"count", actions.size()}};
  });
}

}  // namespace duban
