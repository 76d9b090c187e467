// CommandHandler: feedback.import, a sheet of replies (workflow/feedback_csv.h) stored all
// or nothing. The sheet is read against the tasks as stored (every state, so a removed task
// is named as such) and the configured aliases; any bad row fails the whole import with
// invalid_argument listing every problem by row and column (reported values included:
// each must name a confirmed target of its task). Otherwise the store takes the
// rows in one transaction (Store::AddFeedbackBatch), skipping exact repeats of stored
// feedback, so importing the same sheet again is harmless. A dry run goes through the same
// checks and the same store code, and rolls back.
#include <set>
#include <string>
#include <vector>

#include <spdlog/spdlog.h>

#include "daemon/duband/command_args.h"
#include "daemon/duband/command_handler.h"
#include "daemon/duband/command_helpers.h"
#include "daemon/plan_json.h"
#include "workflow/feedback_csv.h"

namespace duban {
namespace {

using nlohmann::json;
using PreparedCommand = CommandHandler::PreparedCommand;

struct ImportArgs {
  std::string content;
  std::string source;
  bool dry_run = false;
};

Result<ImportArgs> ParseImportArgs(const json& args) {
  ImportArgs parsed;
  Status status = CheckArgNames(args, "feedback.import", {"content", "source", "dry_run"});
  if (status.ok()) status = ReadRequiredStringArg(args, "content", &parsed.content);
  if (status.ok()) status = ReadStringArg(args, "source", &parsed.source);
  if (status.ok()) status = ReadBoolArg(args, "dry_run", &parsed.dry_run);
  if (!status.ok()) return status;
  return parsed;
}

Result<std::map<std::string, FeedbackSheetTask, std::less<>>> SheetTasks(Store& store) {
  TaskFilter all;
  all.state = "all";
  Result<std::vector<TaskRecord>> records = store.ListTasks(all);
  if (!records.ok()) return records.status();
  std::map<std::string, FeedbackSheetTask, std::less<>> tasks;
  for (const TaskRecord& record : *records) {
    FeedbackSheetTask& task = tasks[record.task.ref];
    task.removed = record.state == TaskStateName(TaskState::kRemoved);
    for (const auto* role : {&record.task.lead, &record.task.participants, &record.task.responsible}) {
      task.agencies.insert(task.agencies.end(), role->begin(), role->end());
    }
    task.targets.emplace();  // known: a value for any other name is its row's error
  }
  // Every confirmed target in one query, so value names are checked row by row.
  Result<std::vector<Target>> targets =
      store.ListTargets("", TargetStateName(TargetState::kConfirmed));
  if (!targets.ok()) return targets.status();
  for (const Target& target : *targets) {
    auto it = tasks.find(target.task_ref);
    if (it != tasks.end()) it->second.targets->push_back(target.name);
  }
  return tasks;
}

// Every name and alias of the store's agencies (the plan's and the config's).
Result<std::set<std::string, std::less<>>> KnownAgencyNames(Store& store) {
  Result<std::vector<AgencyRecord>> agencies = store.ListAgencies();
  if (!agencies.ok()) return agencies.status();
  std::set<std::string, std::less<>> names;
  for (const AgencyRecord& agency : *agencies) {
    names.insert(agency.name);
    names.insert(agency.aliases.begin(), agency.aliases.end());
  }
  return names;
}

Status SheetErrors(const std::string& source, const std::vector<FeedbackSheetError>& errors) {
  std::string message = (source.empty() ? std::string("the feedback sheet") : source) + " has " +
                        std::to_string(errors.size()) +
                        (errors.size() == 1 ? " error" : " errors") + "; nothing was stored:";
  for (const FeedbackSheetError& error : errors) message += "\n" + FormatSheetError(error);
  return Status::InvalidArgument(message);
}

json ResultJson(const ImportArgs& args, const FeedbackSheet& sheet,
                const FeedbackBatchResult& batch) {
  json stored = json::array();
  for (size_t i = 0; i < batch.stored.size(); ++i) {
    stored.push_back({{"row", sheet.rows[batch.stored_index[i]].row},
                      {"feedback", ToJson(batch.stored[i])}});
  }
  json skipped = json::array();
  for (const SkippedFeedback& skip : batch.skipped) {
    const FeedbackSheetRow& row = sheet.rows[skip.index];
    json item = {{"row", row.row},
                 {"task_ref", row.feedback.task_ref},
                 {"agency", row.feedback.agency}};
    if (skip.existing_id != 0) {
      item["existing_id"] = skip.existing_id;
      item["reason"] = "already stored as feedback #" + std::to_string(skip.existing_id);
    } else {
      item["same_as_row"] = sheet.rows[skip.same_as].row;
      item["reason"] = "repeats row " + std::to_string(sheet.rows[skip.same_as].row);
    }
    skipped.push_back(std::move(item));
  }
  return {{"dry_run", args.dry_run},
          {"applied", !args.dry_run},
          {"source", args.source},
          {"rows", sheet.rows.size()},
          {"stored", std::move(stored)},
          {"skipped", std::move(skipped)}};
}

}  // namespace

Result<PreparedCommand> CommandHandler::PrepareFeedbackImport(const json& args) {
  Result<ImportArgs> parsed = ParseImportArgs(args);
  if (!parsed.ok()) return parsed.status();
  PreparedCommand action;
  action.mutating = !parsed->dry_run;
  action.run = [this, args = std::move(parsed).value()](
                   const PeerCredentials& peer) -> Result<json> {
    Result<TrackingModel*> model = Model();  // received dates are local to its zone
    if (!model.ok()) return model.status();
    FeedbackSheetContext context;
    context.zone = (*model)->config().zone.get();
    context.now = clock_();
    Result<std::map<std::string, FeedbackSheetTask, std::less<>>> tasks = SheetTasks(store_);
    if (!tasks.ok()) return tasks.status();
    context.tasks = std::move(*tasks);
    const AgencyDirectory& agencies = settings_.agencies;
    context.canonical = [&agencies](std::string_view name) { return agencies.Canonical(name); };
    Result<std::set<std::string, std::less<>>> known = KnownAgencyNames(store_);
    if (!known.ok()) return known.status();
    context.known = [&known](std::string_view name) { return known->count(name) > 0; };
    FeedbackSheet sheet = ParseFeedbackCsv(args.content, context);
    if (!sheet.errors.empty()) return SheetErrors(args.source, sheet.errors);

    std::vector<Feedback> batch;
    batch.reserve(sheet.rows.size());
    for (const FeedbackSheetRow& row : sheet.rows) batch.push_back(row.feedback);
    const std::string source = args.source.empty() ? "feedback sheet" : args.source;
    Result<FeedbackBatchResult> stored =
        store_.AddFeedbackBatch(batch, source, ActorName(peer), context.now, args.dry_run);
    if (!stored.ok()) return stored.status();
    if (!args.dry_run) {
      spdlog::info("{} imported feedback from {}: {} stored, {} skipped as already stored",
                   ActorName(peer), source, stored->stored.size(), stored->skipped.size());
      if (!stored->stored.empty()) Changed("");
    }
    return ResultJson(args, sheet, *stored);
  };
  return action;
}

}  // namespace duban
