#include "daemon/duband/command_handler.h"

#include <unistd.h>

#include <exception>
#include <utility>
#include <variant>

#include <spdlog/spdlog.h>

#include "daemon/duband/command_args.h"
#include "daemon/duband/command_helpers.h"
#include "daemon/duband/plan_import.h"
#include "daemon/duband/target_proposals.h"
#include "daemon/duband/version.h"
#include "daemon/plan_json.h"
#include "daemon/target_json.h"
#include "workflow/plan_csv.h"
#include "workflow/traffic_light.h"

namespace duban {
namespace {

using nlohmann::json;
using PreparedCommand = CommandHandler::PreparedCommand;
using command_helpers::JsonList;
using command_helpers::ReadOnly;

json OptionalTime(const std::optional<int64_t>& time) {
  return time ? json(*time) : json(nullptr);
}

// How many tracked tasks show each light at `now`.
json LightCounts(const TrackingModel* model, int64_t now) {
  json counts = {{"green", 0}, {"yellow", 0}, {"red", 0}, {"none", 0}};
  if (model == nullptr) return counts;
  for (const auto& [light, count] : model->LightCounts(now)) {
    counts[std::string(LightName(light))] = count;
  }
  return counts;
}

// The result of plan.import, applied or not.
json ImportResultJson(const ImportResult& reading, const PlanDiff& diff, bool applied,
                      bool dry_run) {
  json result = {{"applied", applied},
                 {"dry_run", dry_run},
                 {"title", reading.plan.title},
                 {"source", reading.plan.source},
                 {"sections", JsonList(reading.plan.sections)},
                 {"issues", JsonList(reading.issues)},
                 {"diff", ToJson(diff)},
                 {"counts",
                  {{"tasks", reading.plan.tasks.size()},
                   {"sections", reading.plan.sections.size()},
                   {"doubtful", CountDoubtfulTasks(reading.plan)}}}};
  if (dry_run) result["tasks"] = JsonList(reading.plan.tasks);
  return result;
}

// The "target_proposals" block of plan.import: the importer's proposals stored (or, for a
// dry run, that would be stored), and the hint that points the office at them. A failure
// to store them does not undo the import: it is reported in "error".
json ProposalsJson(const Result<std::vector<Target>>& proposals) {
  json block = {{"count", 0}, {"targets", json::array()}, {"hint", ""}, {"error", nullptr}};
  if (!proposals.ok()) {
    block["error"] = proposals.status().message();
    return block;
  }
  block["count"] = proposals->size();
  block["targets"] = JsonList(*proposals);
  block["hint"] = ProposalsHint(proposals->size());
  return block;
}

struct PlanImportArgs {
  std::string content;
  std::string format = "text";
  std::string source;
  bool dry_run = false;
  bool accept_doubtful = false;
};

Result<PlanImportArgs> ParsePlanImportArgs(const json& args) {
  PlanImportArgs parsed;
  Status status = CheckArgNames(args, "plan.import",
                                {"content", "format", "source", "dry_run", "accept_doubtful"});
  if (status.ok() && (!args.contains("content") || args["content"].is_null())) {
    status = Status::InvalidArgument("args.content is required");
  }
  if (status.ok()) status = ReadStringArg(args, "content", &parsed.content);
  if (status.ok()) status = ReadChoiceArg(args, "format", {"text", "csv"}, &parsed.format);
  if (status.ok()) status = ReadStringArg(args, "source", &parsed.source);
  if (status.ok()) status = ReadBoolArg(args, "dry_run", &parsed.dry_run);
  if (status.ok()) status = ReadBoolArg(args, "accept_doubtful", &parsed.accept_doubtful);
  if (!status.ok()) return status;
  return parsed;
}

}  // namespace

CommandHandler::CommandHandler(Store& store, HandlerSettings settings, Clock clock,
                               HandlerTracking tracking, HandlerDelivery delivery,
                               HandlerArchive archive)
    : store_(store),
      clock_(std::move(clock)),
      started_at_(clock_()),
      tracking_(std::move(tracking)),
      delivery_(std::move(delivery)),
      archive_(archive),
      settings_(std::move(settings)) {}

std::string CommandHandler::HandleLine(std::string_view line, const PeerCredentials& peer) {
  auto parsed = protocol::ParseRequest(line);
  if (auto* error = std::get_if<protocol::ParseError>(&parsed)) {
    return protocol::MakeErrorReply(error->id, error->code, error->message);
  }
  const auto& request = std::get<protocol::Request>(parsed);
  try {
    return Execute(request, peer);
  } catch (const std::exception& e) {
    spdlog::error("{} from {} failed unexpectedly: {}", request.cmd, ActorName(peer), e.what());
    return protocol::MakeErrorReply(request.id, Status::Internal(request.cmd + ": " + e.what()));
  }
}

std::string CommandHandler::Execute(const protocol::Request& request,
                                    const PeerCredentials& peer) {
  Result<PreparedCommand> action = Prepare(request);
  if (!action.ok()) return protocol::MakeErrorReply(request.id, action.status());
  if (action->mutating && !IsAuthorisedForMutation(peer, settings_.admin_group)) {
    spdlog::warn("denied {} to {} (pid {}): not root, the daemon's user or in group \"{}\"",
                 request.cmd, ActorName(peer), peer.pid, settings_.admin_group);
    return protocol::MakeErrorReply(
        request.id, Status::PermissionDenied(
                        request.cmd + " changes state; " + ActorName(peer) +
                        " is not root, the daemon's user or a member of the admin group" +
                        (settings_.admin_group.empty() ? "" : " \"" + settings_.admin_group + "\"")));
  }
  Result<json> result = action->run(peer);
  if (!result.ok()) return protocol::MakeErrorReply(request.id, result.status());
  return protocol::MakeOkReply(request.id, *result);
}

Result<PreparedCommand> CommandHandler::Prepare(const protocol::Request& request) {
  using Preparer = Result<PreparedCommand> (CommandHandler::*)(const json&);
  static const std::pair<std::string_view, Preparer> kPreparers[] = {
      {"status", &CommandHandler::PrepareStatus},
      {"plan.import", &CommandHandler::PreparePlanImport},
      {"plan.export", &CommandHandler::PreparePlanExport},
      {"tasks.list", &CommandHandler::PrepareTasksList},
      {"task.get", &CommandHandler::PrepareTaskGet},
      {"agencies.list", &CommandHandler::PrepareAgenciesList},
      {"agency.get", &CommandHandler::PrepareAgencyGet},
      {"feedback.add", &CommandHandler::PrepareFeedbackAdd},
      {"feedback.list", &CommandHandler::PrepareFeedbackList},
      {"task.due", &CommandHandler::PrepareTaskDue},
      {"task.suspend", &CommandHandler::PrepareTaskSuspend},
      {"task.resume", &CommandHandler::PrepareTaskResume},
      {"task.complete", &CommandHandler::PrepareTaskComplete},
      {"calendar.explain", &CommandHandler::PrepareCalendarExplain},
      {"calendar.add", &CommandHandler::PrepareCalendarAdd},
      {"outbox.list", &CommandHandler::PrepareOutboxList},
      {"simulate", &CommandHandler::PrepareSimulate},
      {"rules.check", &CommandHandler::PrepareRulesCheck},
      {"reload", &CommandHandler::PrepareReload},
      {"outbox.messages", &CommandHandler::PrepareOutboxMessages},
      {"outbox.message", &CommandHandler::PrepareOutboxMessage},
      {"outbox.retry", &CommandHandler::PrepareOutboxRetry},
      {"notify.test", &CommandHandler::PrepareNotifyTest},
      {"task.reopen", &CommandHandler::PrepareTaskReopen},
      {"audit.list", &CommandHandler::PrepareAuditList},
      {"feedback.import", &CommandHandler::PrepareFeedbackImport},
      {"report.assessment", &CommandHandler::PrepareReportAssessment},
      {"report.send", &CommandHandler::PrepareReportSend},
      {"state.export", &CommandHandler::PrepareStateExport},
      {"backup.create", &CommandHandler::PrepareBackupCreate},
      {"backup.read", &CommandHandler::PrepareBackupRead},
      {"metrics", &CommandHandler::PrepareMetrics},
      {"log.level", &CommandHandler::PrepareLogLevel},
      {"target.list", &CommandHandler::PrepareTargetList},
      {"target.add", &CommandHandler::PrepareTargetAdd},
      {"target.edit", &CommandHandler::PrepareTargetEdit},
      {"target.confirm", &CommandHandler::PrepareTargetConfirm},
      {"target.reject", &CommandHandler::PrepareTargetReject},
  };
  for (const auto& [name, preparer] : kPreparers) {
    if (name == request.cmd) return (this->*preparer)(request.args);
  }
  // ParseRequest knows the command but this daemon has no handler: a build mismatch.
  return Status::Internal("no handler for command \"" + request.cmd + "\"");
}

Result<PreparedCommand> CommandHandler::PrepareStatus(const json& args) {
  if (Status status = CheckArgNames(args, "status", {}); !status.ok()) return status;
  return ReadOnly([this]() -> Result<json> {
    Result<StoreSummary> summary = store_.Summary();
    if (!summary.ok()) return summary.status();
    Result<json> scheduler = SchedulerJson();
    if (!scheduler.ok()) return scheduler.status();
    Result<json> delivery = DeliveryJson();
    if (!delivery.ok()) return delivery.status();
    return json{{"version", kDubandVersion},
                {"protocol", protocol::kProtocolVersion},
                {"pid", static_cast<int64_t>(getpid())},
                {"uptime_seconds", clock_() - started_at_},
                {"config", settings_.config_path},
                {"socket", settings_.socket_path},
                {"store", settings_.store_path},
                {"mail_dir", settings_.mail_dir},
                {"summary", ToJson(*summary)},
                {"lights", LightCounts(tracking_.model, clock_())},
                {"scheduler", *scheduler},
                {"delivery", *delivery}};
  });
}

Result<json> CommandHandler::SchedulerJson() const {
  json scheduler = {{"evaluated_until", nullptr}, {"next_wake", nullptr}, {"pending", nullptr}};
  if (tracking_.model == nullptr) return scheduler;
  Result<std::optional<int64_t>> mark = store_.EvaluatedUntil();
  if (!mark.ok()) return mark.status();
  scheduler["evaluated_until"] = OptionalTime(*mark);
  if (tracking_.scheduler != nullptr) {
    scheduler["next_wake"] = OptionalTime(tracking_.scheduler->next_wake());
  }
  OutboxFilter pending;
  pending.state = "pending";
  Result<int64_t> count = store_.CountOutbox(pending);
  if (!count.ok()) return count.status();
  scheduler["pending"] = *count;
  return scheduler;
}

Result<PreparedCommand> CommandHandler::PreparePlanImport(const json& args) {
  Result<PlanImportArgs> parsed = ParsePlanImportArgs(args);
  if (!parsed.ok()) return parsed.status();
  PreparedCommand action;
  action.mutating = !parsed->dry_run;
  action.run = [this, args = std::move(parsed).value()](
                   const PeerCredentials& peer) -> Result<json> {
    PlanReadOptions options;
    options.format = *ParsePlanFormat(args.format);
    options.source_name = args.source;
    options.first_listed_leads = settings_.first_listed_leads;
    ImportResult reading = ReadPlan(args.content, options, settings_.agencies);
    if (args.dry_run) {
      Result<PlanDiff> diff = store_.PreviewPlan(reading.plan);
      if (!diff.ok()) return diff.status();
      json result = ImportResultJson(reading, *diff, /*applied=*/false, /*dry_run=*/true);
      result["target_proposals"] = ProposalsJson(PreviewPlanProposals(store_, reading.plan));
      return result;
    }
    if (Status status = CheckImportable(reading, args.accept_doubtful); !status.ok()) {
      return status;
    }
    Result<PlanDiff> diff = store_.ApplyPlan(reading.plan, ActorName(peer), clock_());
    if (!diff.ok()) return diff.status();
    Changed("");
    spdlog::info("{} imported {} ({} tasks, {} doubtful): {} added, {} removed, {} changed",
                 ActorName(peer),
                 reading.plan.source.empty() ? "a plan" : reading.plan.source,
                 reading.plan.tasks.size(),
                 CountDoubtfulTasks(reading.plan), diff->added.size(), diff->removed.size(),
                 diff->changed.size());
    Result<std::vector<Target>> proposals =
        RecordPlanProposals(store_, reading.plan, ActorName(peer), clock_(), "the plan");
    json result = ImportResultJson(reading, *diff, /*applied=*/true, /*dry_run=*/false);
    result["target_proposals"] = ProposalsJson(proposals);
    return result;
  };
  return action;
}

Result<PreparedCommand> CommandHandler::PreparePlanExport(const json& args) {
  std::string format = "csv";
  Status status = CheckArgNames(args, "plan.export", {"format"});
  if (status.ok()) status = ReadChoiceArg(args, "format", {"csv"}, &format);
  if (!status.ok()) return status;
  return ReadOnly([this]() -> Result<json> {
    Result<Plan> plan = store_.LoadPlan();
    if (!plan.ok()) return plan.status();
    if (plan->tasks.empty() && plan->title.empty()) {
      return Status::NotFound("no plan has been imported yet");
    }
    return json{{"format", "csv"}, {"content", ExportPlanCsv(*plan)}};
  });
}

Result<TrackingModel*> CommandHandler::Model() const {
  if (tracking_.model == nullptr) {
    return Status::FailedPrecondition("tracking is not running in this daemon");
  }
  return tracking_.model;
}

json CommandHandler::RecordJson(const TaskRecord& record) const {
  json j = ToJson(record);
  const TrackedTask* task =
      tracking_.model == nullptr ? nullptr : tracking_.model->FindTask(record.task.ref);
  LightReading light;
  if (task != nullptr) {
    light = TaskLight(*task, tracking_.model->context(), clock_());
  } else {
    light.reason = "task " + record.task.ref + " is " + record.state + ": not tracked";
  }
  j["light"] = LightName(light.light);
  j["light_reason"] = light.reason;
  return j;
}

json CommandHandler::RecordListJson(const std::vector<TaskRecord>& records) const {
  json list = json::array();
  for (const TaskRecord& record : records) list.push_back(RecordJson(record));
  return list;
}

void CommandHandler::Changed(std::string_view ref) {
  if (tracking_.model == nullptr) return;
  Status status = ref.empty() ? tracking_.model->RefreshAll() : tracking_.model->RefreshTask(ref);
  if (!status.ok()) {
    // The change is stored (the caller's reply says so); only the schedule lags until the
    // next refresh. Loud, because reminders may be computed from stale state meanwhile.
    spdlog::error("change to {} is stored, but the schedule could not be refreshed: {}",
                  ref.empty() ? "the plan" : "task " + std::string(ref), status.message());
  }
  if (tracking_.on_change) tracking_.on_change();
}

}  // namespace duban
