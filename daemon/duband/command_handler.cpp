#include "daemon/duband/command_handler.h"

#include <unistd.h>

#include <exception>
#include <utility>
#include <variant>

#include <spdlog/spdlog.h>

#include "daemon/duband/command_args.h"
#include "daemon/duband/plan_import.h"
#include "daemon/duband/version.h"
#include "daemon/plan_json.h"
#include "workflow/plan_csv.h"

namespace duban {
namespace {

using nlohmann::json;
using PreparedCommand = CommandHandler::PreparedCommand;

// A prepared read-only action from a function of no arguments.
template <typename F>
PreparedCommand ReadOnly(F work) {
  return PreparedCommand{false, [work = std::move(work)](const PeerCredentials&) { return work(); }};
}

template <typename T>
json JsonList(const std::vector<T>& values) {
  json list = json::array();
  for (const T& value : values) list.push_back(ToJson(value));
  return list;
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

CommandHandler::CommandHandler(Store& store, HandlerSettings settings, Clock clock)
    : store_(store),
      clock_(std::move(clock)),
      started_at_(clock_()),
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
    return json{{"version", kDubandVersion},
                {"protocol", protocol::kProtocolVersion},
                {"pid", static_cast<int64_t>(getpid())},
                {"uptime_seconds", clock_() - started_at_},
                {"config", settings_.config_path},
                {"socket", settings_.socket_path},
                {"store", settings_.store_path},
                {"mail_dir", settings_.mail_dir},
                {"summary", ToJson(*summary)}};
  });
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
      return ImportResultJson(reading, *diff, /*applied=*/false, /*dry_run=*/true);
    }
    if (Status status = CheckImportable(reading, args.accept_doubtful); !status.ok()) {
      return status;
    }
    Result<PlanDiff> diff = store_.ApplyPlan(reading.plan, ActorName(peer), clock_());
    if (!diff.ok()) return diff.status();
    spdlog::info("{} imported {} ({} tasks, {} doubtful): {} added, {} removed, {} changed",
                 ActorName(peer),
                 reading.plan.source.empty() ? "a plan" : reading.plan.source,
                 reading.plan.tasks.size(),
                 CountDoubtfulTasks(reading.plan), diff->added.size(), diff->removed.size(),
                 diff->changed.size());
    return ImportResultJson(reading, *diff, /*applied=*/true, /*dry_run=*/false);
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

Result<PreparedCommand> CommandHandler::PrepareTasksList(const json& args) {
  TaskFilter filter;
  std::string role;
  Status status = CheckArgNames(args, "tasks.list", {"agency", "role", "section", "state"});
  if (status.ok()) status = ReadStringArg(args, "agency", &filter.agency);
  if (status.ok()) {
    status = ReadChoiceArg(args, "role", {"lead", "participant", "responsible"}, &role);
  }
  if (status.ok()) status = ReadStringArg(args, "section", &filter.section);
  if (status.ok()) status = ReadChoiceArg(args, "state", {"active", "removed", "all"}, &filter.state);
  if (!status.ok()) return status;
  if (!role.empty()) filter.role = ParseRole(role);
  if (filter.state.empty()) filter.state = "active";
  return ReadOnly([this, filter = std::move(filter)]() -> Result<json> {
    Result<std::vector<TaskRecord>> tasks = store_.ListTasks(filter);
    if (!tasks.ok()) return tasks.status();
    return json{{"tasks", JsonList(*tasks)}, {"count", tasks->size()}};
  });
}

Result<PreparedCommand> CommandHandler::PrepareTaskGet(const json& args) {
  std::string ref;
  Status status = CheckArgNames(args, "task.get", {"ref"});
  if (status.ok()) status = ReadRequiredStringArg(args, "ref", &ref);
  if (!status.ok()) return status;
  return ReadOnly([this, ref = std::move(ref)]() -> Result<json> {
    Result<TaskRecord> task = store_.GetTask(ref);
    if (!task.ok()) return task.status();
    return json{{"task", ToJson(*task)}};
  });
}

Result<PreparedCommand> CommandHandler::PrepareAgenciesList(const json& args) {
  if (Status status = CheckArgNames(args, "agencies.list", {}); !status.ok()) return status;
  return ReadOnly([this]() -> Result<json> {
    Result<std::vector<AgencyRecord>> agencies = store_.ListAgencies();
    if (!agencies.ok()) return agencies.status();
    return json{{"agencies", JsonList(*agencies)}};
  });
}

Result<PreparedCommand> CommandHandler::PrepareAgencyGet(const json& args) {
  std::string name;
  Status status = CheckArgNames(args, "agency.get", {"name"});
  if (status.ok()) status = ReadRequiredStringArg(args, "name", &name);
  if (!status.ok()) return status;
  return ReadOnly([this, name = std::move(name)]() -> Result<json> {
    Result<AgencyRecord> agency = store_.GetAgency(name);
    if (!agency.ok()) return agency.status();
    json tasks = json::object();
    for (Role role : {Role::kLead, Role::kParticipant, Role::kResponsible}) {
      TaskFilter filter;
      filter.agency = agency->name;
      filter.role = role;
      filter.state = "active";
      Result<std::vector<TaskRecord>> records = store_.ListTasks(filter);
      if (!records.ok()) return records.status();
      tasks[std::string(RoleName(role))] = JsonList(*records);
    }
    return json{{"agency", ToJson(*agency)}, {"tasks", tasks}};
  });
}

}  // namespace duban
