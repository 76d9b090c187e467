// CommandHandler: the targets (指标) commands. target.list shows a task's targets (or every
// task's) with, for confirmed ones, where they stand now (workflow/target_status.h);
// target.add enters a confirmed target by hand; target.edit changes one (editing a
// proposal confirms it); target.confirm accepts the importer's proposals; target.reject
// says no to one, with a reason, so a re-import does not propose it again.
//
// Each mutation is audited by the store with the peer as actor, then the tracking model is
// refreshed (CommandHandler::Changed) so lights, reminders and templates read the change.
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <spdlog/spdlog.h>

#include "daemon/duband/command_args.h"
#include "daemon/duband/command_handler.h"
#include "daemon/duband/command_helpers.h"
#include "daemon/target_json.h"
#include "workflow/target_status.h"
#include "workflow/text_normalize.h"

namespace duban {
namespace {

using nlohmann::json;
using PreparedCommand = CommandHandler::PreparedCommand;
using command_helpers::Mutating;
using command_helpers::ReadOnly;

// More ids than any office confirms by hand in one go; --task covers a whole task.
constexpr std::size_t kMaxConfirmIds = 10000;

// The editable fields of a target as given (absent: unchanged).
struct TargetFields {
  std::optional<std::string> name;
  std::optional<std::string> unit;
  std::optional<TargetComparison> comparison;
  std::optional<double> value;
  std::optional<double> tolerance;
  std::optional<TargetPeriod> period;
  std::optional<std::string> by_date;

  bool empty() const {
    return !name && !unit && !comparison && !value && !tolerance && !period && !by_date;
  }
};

Status ReadOptionalString(const json& args, std::string_view key, std::optional<std::string>* out) {
  if (!HasArg(args, key)) return Status::OK();
  std::string text;
  if (Status status = ReadStringArg(args, key, &text); !status.ok()) return status;
  *out = std::move(text);
  return Status::OK();
}

Status ReadNumber(const json& args, std::string_view key, std::optional<double>* out) {
  if (!HasArg(args, key)) return Status::OK();
  const json& value = args.at(std::string(key));
  if (!value.is_number() || !std::isfinite(value.get<double>())) {
    return Status::InvalidArgument("args." + std::string(key) + " must be a number");
  }
  *out = value.get<double>();
  return Status::OK();
}

// A positive integer id at `value`, named `field` in the error.
Result<int64_t> ReadId(const json& value, const std::string& field) {
  if (!value.is_number_integer() || value.get<int64_t>() <= 0) {
    return Status::InvalidArgument(field + " must be a positive integer (a target id)");
  }
  return value.get<int64_t>();
}

Result<int64_t> ReadRequiredId(const json& args) {
  if (!HasArg(args, "id")) return Status::InvalidArgument("args.id is required (a target id)");
  return ReadId(args.at("id"), "args.id");
}

Result<TargetFields> ReadFields(const json& args) {
  TargetFields fields;
  std::string comparison;
  std::string period;
  Status status = ReadOptionalString(args, "name", &fields.name);
  if (status.ok()) status = ReadOptionalString(args, "unit", &fields.unit);
  if (status.ok()) {
    status = ReadChoiceArg(args, "comparison", {"at_least", "at_most", "about"}, &comparison);
  }
  if (status.ok()) status = ReadNumber(args, "value", &fields.value);
  if (status.ok()) status = ReadNumber(args, "tolerance", &fields.tolerance);
  if (status.ok()) status = ReadChoiceArg(args, "period", {"yearly", "by_date", "cumulative"}, &period);
  if (status.ok()) status = ReadOptionalString(args, "by_date", &fields.by_date);
  if (!status.ok()) return status;
  if (!comparison.empty()) fields.comparison = ParseTargetComparison(comparison);
  if (!period.empty()) fields.period = ParseTargetPeriod(period);
  return fields;
}

// `fields` over `target`. A period other than by_date drops a by_date left from before,
// so `--period yearly` alone turns a by-date target into a yearly one. A target made
// `about` without a tolerance gets the importer's default (DefaultAboutTolerance), not 0.
Target Apply(Target target, const TargetFields& fields) {
  const bool was_about = target.comparison == TargetComparison::kAbout;
  if (fields.name) target.name = *fields.name;
  if (fields.unit) target.unit = *fields.unit;
  if (fields.comparison) target.comparison = *fields.comparison;
  if (fields.value) target.value = *fields.value;
  if (fields.tolerance) target.tolerance = *fields.tolerance;
  if (fields.period) target.period = *fields.period;
  if (fields.by_date) target.by_date = *fields.by_date;
  if (fields.period && *fields.period != TargetPeriod::kByDate && !fields.by_date) {
    target.by_date.clear();
  }
  if (target.comparison == TargetComparison::kAbout && !was_about && !fields.tolerance) {
    target.tolerance = DefaultAboutTolerance(target);
  }
  return target;
}

// CheckTarget's complaint ("name: must not contain '='") as an argument error.
Status Checked(const Target& target) {
  std::string problem = CheckTarget(target);
  if (problem.empty()) return Status::OK();
  return Status::InvalidArgument("args." + problem);
}

}  // namespace

// The target with, for a confirmed one of a tracked task, its reading at clock_().
// Readings are computed from the model's task (its feedback) and the store's targets
// of that task, so a list always agrees with what was just stored.
Result<PreparedCommand> CommandHandler::PrepareTargetList(const json& args) {
  std::string task;
  std::string state;
  Status status = CheckArgNames(args, "target.list", {"task", "state"});
  if (status.ok()) status = ReadStringArg(args, "task", &task);
  if (status.ok()) {
    status = ReadChoiceArg(args, "state", {"proposed", "confirmed", "rejected", "all"}, &state);
  }
  if (!status.ok()) return status;
  if (state == "all") state.clear();
  return ReadOnly([this, task, state]() -> Result<json> {
    std::string ref = task;
    if (!ref.empty()) {
      Result<TaskRecord> record = store_.GetTask(ref);
      if (!record.ok()) return record.status();
      ref = record->task.ref;
    }
    Result<std::vector<Target>> targets = store_.ListTargets(ref, state);
    if (!targets.ok()) return targets.status();
    // The tasks with a confirmed target listed, for the readings: the model holds each
    // one's confirmed targets already (every target change refreshes it).
    std::set<std::string> with_confirmed;
    for (const Target& target : *targets) {
      if (target.state == TargetState::kConfirmed) with_confirmed.insert(target.task_ref);
    }
    std::map<int64_t, TargetReading> readings;
    if (tracking_.model != nullptr) {
      const int64_t now = clock_();
      for (const std::string& task_ref : with_confirmed) {
        const TrackedTask* tracked = tracking_.model->FindTask(task_ref);
        if (tracked == nullptr) continue;  // removed: not read
        for (TargetReading& reading : ReadTargets(*tracked, now, *tracking_.model->config().zone)) {
          readings.emplace(reading.target.id, std::move(reading));
        }
      }
    }
    json list = json::array();
    for (const Target& target : *targets) {
      json item = ToJson(target);
      auto it = readings.find(target.id);
      item["reading"] = it == readings.end() ? json(nullptr) : ReadingJson(it->second);
      list.push_back(std::move(item));
    }
    return json{{"targets", std::move(list)}, {"count", targets->size()}};
  });
}

Result<PreparedCommand> CommandHandler::PrepareTargetAdd(const json& args) {
  Target target;
  Status status = CheckArgNames(args, "target.add", {"task", "name", "unit", "comparison", "value",
                                                     "tolerance", "period", "by_date"});
  if (status.ok()) status = ReadRequiredStringArg(args, "task", &target.task_ref);
  if (status.ok()) status = ReadRequiredStringArg(args, "name", &target.name);
  if (status.ok() && !HasArg(args, "value")) {
    status = Status::InvalidArgument("args.value is required (a number)");
  }
  if (!status.ok()) return status;
  Result<TargetFields> fields = ReadFields(args);
  if (!fields.ok()) return fields.status();
  target = Apply(target, *fields);
  target.state = TargetState::kConfirmed;
  if (Status checked = Checked(target); !checked.ok()) return checked;
  return Mutating([this, target](const PeerCredentials& peer) -> Result<json> {
    Result<TaskRecord> record = store_.GetTask(target.task_ref);
    if (!record.ok()) return record.status();
    Target to_add = target;
    to_add.task_ref = record->task.ref;  // "22" as stored, whatever form was given
    Result<Target> stored = store_.AddTarget(to_add, ActorName(peer), clock_());
    if (!stored.ok()) return stored.status();
    spdlog::info("{} added target {} to task {}: {} {}", ActorName(peer), stored->id,
                 stored->task_ref, stored->name, FormatTargetValue(*stored));
    Changed(stored->task_ref);
    return json{{"target", ToJson(*stored)}};
  });
}

Result<PreparedCommand> CommandHandler::PrepareTargetEdit(const json& args) {
  Status status = CheckArgNames(args, "target.edit", {"id", "name", "unit", "comparison", "value",
                                                      "tolerance", "period", "by_date"});
  if (!status.ok()) return status;
  Result<int64_t> id = ReadRequiredId(args);
  if (!id.ok()) return id.status();
  Result<TargetFields> fields = ReadFields(args);
  if (!fields.ok()) return fields.status();
  if (fields->empty()) {
    return Status::InvalidArgument(
        "target.edit needs at least one of args.name, args.unit, args.comparison, args.value, "
        "args.tolerance, args.period, args.by_date");
  }
  return Mutating([this, id = *id, fields = *fields](const PeerCredentials& peer) -> Result<json> {
    Result<Target> current = store_.GetTarget(id);
    if (!current.ok()) return current.status();
    Target edited = Apply(*current, fields);
    if (Status checked = Checked(edited); !checked.ok()) return checked;
    Result<Target> stored = store_.UpdateTarget(edited, ActorName(peer), clock_());
    if (!stored.ok()) return stored.status();
    spdlog::info("{} edited target {} of task {}: {} {}", ActorName(peer), stored->id,
                 stored->task_ref, stored->name, FormatTargetValue(*stored));
    Changed(stored->task_ref);
    return json{{"target", ToJson(*stored)}, {"was", ToJson(*current)}};
  });
}

// Either args.ids (every one must be a proposal: checked before any is confirmed) or
// args.task (every proposal of that task; none is not an error, the reply says 0).
Result<PreparedCommand> CommandHandler::PrepareTargetConfirm(const json& args) {
  std::string task;
  Status status = CheckArgNames(args, "target.confirm", {"ids", "task"});
  if (status.ok()) status = ReadStringArg(args, "task", &task);
  if (!status.ok()) return status;
  const bool has_ids = HasArg(args, "ids");
  if (has_ids == !task.empty()) {
    return Status::InvalidArgument(
        "target.confirm takes exactly one of args.ids (a list of target ids) and args.task "
        "(every proposal of the task)");
  }
  std::vector<int64_t> ids;
  if (has_ids) {
    const json& list = args.at("ids");
    if (!list.is_array() || list.empty() || list.size() > kMaxConfirmIds) {
      return Status::InvalidArgument("args.ids must be a list of 1 to " +
                                     std::to_string(kMaxConfirmIds) + " target ids");
    }
    for (std::size_t i = 0; i < list.size(); ++i) {
      Result<int64_t> id = ReadId(list[i], "args.ids[" + std::to_string(i) + "]");
      if (!id.ok()) return id.status();
      ids.push_back(*id);
    }
  }
  return Mutating([this, ids, task](const PeerCredentials& peer) -> Result<json> {
    std::vector<Target> chosen;
    if (!task.empty()) {
      Result<TaskRecord> record = store_.GetTask(task);
      if (!record.ok()) return record.status();
      Result<std::vector<Target>> proposals = store_.ListTargets(record->task.ref, "proposed");
      if (!proposals.ok()) return proposals.status();
      chosen = std::move(proposals).value();
    }
    for (int64_t id : ids) {
      Result<Target> target = store_.GetTarget(id);
      if (!target.ok()) return target.status();
      if (target->state != TargetState::kProposed) {
        return Status::FailedPrecondition("target " + std::to_string(id) + " is " +
                                          std::string(TargetStateName(target->state)) +
                                          ", not a proposal: nothing confirmed");
      }
      chosen.push_back(std::move(target).value());
    }
    json confirmed = json::array();
    for (const Target& target : chosen) {
      Result<Target> stored =
          store_.SetTargetState(target.id, TargetState::kConfirmed, "", ActorName(peer), clock_());
      if (!stored.ok()) return stored.status();
      spdlog::info("{} confirmed target {} of task {}: {} {}", ActorName(peer), stored->id,
                   stored->task_ref, stored->name, FormatTargetValue(*stored));
      Changed(stored->task_ref);
      confirmed.push_back(ToJson(*stored));
    }
    return json{{"confirmed", std::move(confirmed)}};
  });
}

Result<PreparedCommand> CommandHandler::PrepareTargetReject(const json& args) {
  std::string reason;
  Status status = CheckArgNames(args, "target.reject", {"id", "reason"});
  if (!status.ok()) return status;
  Result<int64_t> id = ReadRequiredId(args);
  if (!id.ok()) return id.status();
  if (Status read = ReadRequiredStringArg(args, "reason", &reason); !read.ok()) return read;
  if (TrimBlank(reason).empty()) {  // requests are valid UTF-8 (checked on receipt)
    return Status::InvalidArgument("args.reason is blank: say why it is not a target");
  }
  return Mutating([this, id = *id, reason](const PeerCredentials& peer) -> Result<json> {
    Result<Target> stored =
        store_.SetTargetState(id, TargetState::kRejected, reason, ActorName(peer), clock_());
    if (!stored.ok()) return stored.status();
    spdlog::info("{} rejected target {} of task {} ({}): {}", ActorName(peer), stored->id,
                 stored->task_ref, stored->name, reason);
    Changed(stored->task_ref);
    return json{{"target", ToJson(*stored)}};
  });
}

}  // namespace duban
