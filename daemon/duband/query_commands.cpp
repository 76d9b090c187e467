// CommandHandler: the read commands on tasks and agencies (tasks.list, task.get,
// agencies.list, agency.get), with their traffic lights; task.get with the readings of the
// task's confirmed targets (指标).
#include <algorithm>
#include <map>

#include "daemon/duband/command_args.h"
#include "daemon/duband/command_handler.h"
#include "daemon/duband/command_helpers.h"
#include "daemon/target_json.h"
#include "workflow/occurrence_status.h"
#include "workflow/target_status.h"
#include "workflow/traffic_light.h"

namespace duban {
namespace {

using nlohmann::json;
using PreparedCommand = CommandHandler::PreparedCommand;
using command_helpers::JsonList;
using command_helpers::ReadOnly;

// Per agency, the tracked tasks it has any role in (AgencyLight looks at one agency's
// tasks; handing it only those keeps agencies.list linear in the plan's size).
std::map<std::string, std::vector<TrackedTask>> TasksByAgency(const std::vector<TrackedTask>& tasks) {
  std::map<std::string, std::vector<TrackedTask>> by_agency;
  for (const TrackedTask& task : tasks) {
    for (const std::string& agency : task.task.AllAgencies()) by_agency[agency].push_back(task);
  }
  return by_agency;
}

}  // namespace

Result<PreparedCommand> CommandHandler::PrepareTasksList(const json& args) {
  TaskFilter filter;
  std::string role;
  std::string light;
  Status status =
      CheckArgNames(args, "tasks.list", {"agency", "role", "section", "state", "light"});
  if (status.ok()) status = ReadStringArg(args, "agency", &filter.agency);
  if (status.ok()) {
    status = ReadChoiceArg(args, "role", {"lead", "participant", "responsible"}, &role);
  }
  if (status.ok()) status = ReadStringArg(args, "section", &filter.section);
  if (status.ok()) {
    status = ReadChoiceArg(args, "state",
                           {"active", "suspended", "completed", "removed", "all"}, &filter.state);
  }
  if (status.ok()) status = ReadChoiceArg(args, "light", {"green", "yellow", "red", "none"}, &light);
  if (!status.ok()) return status;
  if (!role.empty()) filter.role = ParseRole(role);
  if (filter.state.empty()) filter.state = "active";
  return ReadOnly([this, filter = std::move(filter), light]() -> Result<json> {
    Result<std::vector<TaskRecord>> tasks = store_.ListTasks(filter);
    if (!tasks.ok()) return tasks.status();
    json list = json::array();
    for (const TaskRecord& record : *tasks) {
      json entry = RecordJson(record);
      if (light.empty() || entry["light"] == light) list.push_back(std::move(entry));
    }
    const size_t count = list.size();
    return json{{"tasks", std::move(list)}, {"count", count}};
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
    Result<std::vector<Feedback>> feedback = store_.ListFeedback(task->task.ref, "");
    if (!feedback.ok()) return feedback.status();
    // Proposals are counted, not listed: they are the office's to-do (target list), and
    // the task view only points to them.
    Result<std::vector<Target>> proposed =
        store_.ListTargets(task->task.ref, TargetStateName(TargetState::kProposed));
    if (!proposed.ok()) return proposed.status();
    json result = {{"task", RecordJson(*task)},
                   {"deadline", nullptr},
                   {"occurrences", json::array()},
                   {"feedback", JsonList(*feedback)},
                   {"targets", json::array()},
                   {"proposed_targets", proposed->size()}};
    const TrackedTask* tracked =
        tracking_.model == nullptr ? nullptr : tracking_.model->FindTask(task->task.ref);
    if (tracked != nullptr) {
      const TrackingConfig& config = tracking_.model->config();
      const int64_t now = clock_();
      CivilDate today = config.zone->ToLocal(now).date;
      result["deadline"] = ToJson(tracked->deadline);
      result["occurrences"] =
          JsonList(CurrentOccurrences(*tracked, config.calendar, *config.zone, today));
      // The same form as target.list: the target, then where it stands.
      json targets = json::array();
      for (const TargetReading& reading : ReadTargets(*tracked, now, *config.zone)) {
        json item = ToJson(reading.target);
        item["reading"] = ReadingJson(reading);
        targets.push_back(std::move(item));
      }
      result["targets"] = std::move(targets);
    }
    return result;
  });
}

Result<PreparedCommand> CommandHandler::PrepareAgenciesList(const json& args) {
  if (Status status = CheckArgNames(args, "agencies.list", {}); !status.ok()) return status;
  return ReadOnly([this]() -> Result<json> {
    Result<std::vector<AgencyRecord>> agencies = store_.ListAgencies();
    if (!agencies.ok()) return agencies.status();
    json list = JsonList(*agencies);
    if (tracking_.model == nullptr) return json{{"agencies", list}};
    const auto by_agency = TasksByAgency(tracking_.model->tasks());
    static const std::vector<TrackedTask> kNone;
    for (json& entry : list) {
      auto tasks = by_agency.find(entry["name"].get<std::string>());
      LightReading light = AgencyLight(tasks == by_agency.end() ? kNone : tasks->second,
                                       entry["name"].get<std::string>(),
                                       tracking_.model->context(), clock_());
      entry["light"] = LightName(light.light);
      entry["light_reason"] = light.reason;
    }
    return json{{"agencies", list}};
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
      tasks[std::string(RoleName(role))] = RecordListJson(*records);
    }
    return json{{"agency", ToJson(*agency)}, {"tasks", tasks}};
  });
}

}  // namespace duban
