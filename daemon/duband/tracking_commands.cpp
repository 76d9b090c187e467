// CommandHandler: the tracking commands that change a task's course: feedback.add,
// feedback.list, task.due, and the lifecycle task.suspend, task.resume, task.complete,
// task.reopen (each checked by the one table in workflow/task_lifecycle.h). Each mutation is
// audited by the store with the peer as actor, then the model is refreshed and the
// scheduler re-armed (CommandHandler::Changed).
#include <cmath>

#include <spdlog/spdlog.h>

#include "daemon/duband/command_args.h"
#include "daemon/duband/command_handler.h"
#include "daemon/duband/command_helpers.h"
#include "workflow/occurrence_status.h"
#include "workflow/feedback_input.h"
#include "workflow/traffic_light.h"

namespace duban {
namespace {

using nlohmann::json;
using PreparedCommand = CommandHandler::PreparedCommand;
using command_helpers::JsonList;
using command_helpers::Mutating;
using command_helpers::ReadOnly;

// The largest number of working days a deadline setting may name (about a year).
constexpr int kMaxWorkingDays = 250;

// The fields of task.due that change the deadline; "final_due" may be "none".
struct DueChange {
  std::optional<CivilDate> final_due;
  bool clear_final_due = false;
  std::optional<ReportCycle> cycle;
  std::optional<int> working_days_after;
  std::optional<int> fixed_day;
  std::optional<int> participant_lead_days;
  bool clear = false;  // drop the run-time change altogether
};

Status ReadOptionalInt(const json& args, std::string_view key, int min, int max,
                       std::optional<int>* out) {
  if (!HasArg(args, key)) return Status::OK();
  int value = 0;
  if (Status status = ReadIntArg(args, key, min, max, &value); !status.ok()) return status;
  *out = value;
  return Status::OK();
}

Status ReadFinalDue(const json& args, DueChange* change) {
  std::string text;
  if (Status status = ReadStringArg(args, "final_due", &text); !status.ok()) return status;
  if (text == "none") {
    change->clear_final_due = true;
    return Status::OK();
  }
  return ReadDateArg(args, "final_due", &change->final_due);
}

Result<DueChange> ParseDueChange(const json& args) {
  DueChange change;
  std::string cycle;
  Status status = CheckArgNames(args, "task.due",
                                {"ref", "final_due", "cycle", "report_working_days_after",
                                 "report_fixed_day", "participant_lead_days", "clear"});
  if (status.ok()) status = ReadFinalDue(args, &change);
  if (status.ok()) {
    status = ReadChoiceArg(args, "cycle",
                           {"none", "monthly", "quarterly", "half-yearly", "yearly"}, &cycle);
  }
  if (status.ok()) {
    status = ReadOptionalInt(args, "report_working_days_after", 0, kMaxWorkingDays,
                             &change.working_days_after);
  }
  if (status.ok()) status = ReadOptionalInt(args, "report_fixed_day", 0, 31, &change.fixed_day);
  if (status.ok()) {
    status = ReadOptionalInt(args, "participant_lead_days", 0, kMaxWorkingDays,
                             &change.participant_lead_days);
  }
  if (status.ok()) status = ReadBoolArg(args, "clear", &change.clear);
  if (!status.ok()) return status;
  if (!cycle.empty()) change.cycle = ParseReportCycle(cycle);
  const bool any = change.final_due || change.clear_final_due || change.cycle ||
                   change.working_days_after || change.fixed_day || change.participant_lead_days;
  if (change.clear && any) {
    return Status::InvalidArgument("args.clear drops the run-time change; give it alone");
  }
  if (!change.clear && !any) {
    return Status::InvalidArgument(
        "task.due needs one of args.final_due, args.cycle, args.report_working_days_after, "
        "args.report_fixed_day, args.participant_lead_days, or args.clear");
  }
  return change;
}

// The run-time patch after `change`: fields given replace those of `current`; a partial
// report_due starts from `resolved` (what is in force now).
DeadlinePatch ApplyDueChange(DeadlinePatch current, const DueChange& change,
                             const ReportDue& resolved) {
  if (change.clear) return DeadlinePatch{};
  if (change.clear_final_due) {
    current.final_due.reset();
    current.clear_final_due = true;
  }
  if (change.final_due) {
    current.final_due = change.final_due;
    current.clear_final_due = false;
  }
  if (change.cycle) current.cycle = change.cycle;
  if (change.working_days_after || change.fixed_day) {
    ReportDue due = current.report_due.value_or(resolved);
    if (change.working_days_after) due.working_days_after = *change.working_days_after;
    if (change.fixed_day) due.fixed_day = *change.fixed_day;
    current.report_due = due;
  }
  if (change.participant_lead_days) current.participant_lead_days = change.participant_lead_days;
  return current;
}

std::string_view StateName(TaskState state) { return TaskStateName(state); }

// args.attachments: absent, or an array of strings (each checked with the feedback).
Status ReadAttachments(const json& args, std::vector<std::string>* out) {
  if (!HasArg(args, "attachments")) return Status::OK();
  const json& list = args.at("attachments");
  if (!list.is_array()) return Status::InvalidArgument("args.attachments must be an array of strings");
  for (const json& item : list) {
    if (!item.is_string()) {
      return Status::InvalidArgument("args.attachments must be an array of strings");
    }
    out->push_back(item.get<std::string>());
  }
  return Status::OK();
}

// args.values: absent, or an object {"名称": 3.2, …} of values reported for the task's
// confirmed targets. Only the form is checked here; whether each name is a confirmed target
// of the task is the store's check, when it records the feedback.
Status ReadValues(const json& args, std::vector<ReportedValue>* out) {
  if (!HasArg(args, "values")) return Status::OK();
  const json& values = args.at("values");
  if (!values.is_object()) {
    return Status::InvalidArgument("args.values must be an object of target name: number");
  }
  for (const auto& [name, value] : values.items()) {
    if (name.empty()) return Status::InvalidArgument("args.values: a target name is empty");
    if (!value.is_number() || !std::isfinite(value.get<double>())) {
      return Status::InvalidArgument("args.values." + name + " must be a number");
    }
    out->push_back({name, value.get<double>()});
  }
  return Status::OK();
}

}  // namespace

Result<PreparedCommand> CommandHandler::PrepareFeedbackAdd(const json& args) {
  Feedback feedback;
  int percent = -1;
  std::string received;
  Status status = CheckArgNames(args, "feedback.add", {"ref", "agency", "text", "percent", "done",
                                                       "attachments", "received", "values"});
  if (status.ok()) status = ReadRequiredStringArg(args, "ref", &feedback.task_ref);
  if (status.ok()) status = ReadRequiredStringArg(args, "agency", &feedback.agency);
  if (status.ok()) status = ReadRequiredStringArg(args, "text", &feedback.text);
  if (status.ok()) status = ReadIntArg(args, "percent", 0, 100, &percent);
  if (status.ok()) status = ReadBoolArg(args, "done", &feedback.done);
  if (status.ok()) status = ReadAttachments(args, &feedback.attachments);
  if (status.ok()) status = ReadValues(args, &feedback.values);
  if (status.ok()) status = ReadStringArg(args, "received", &received);
  if (!status.ok()) return status;
  if (percent >= 0) feedback.percent = percent;
  if (Status input = CheckFeedbackInput(feedback); !input.ok()) {
    return Status::InvalidArgument("args." + input.message());
  }
  // Received when the office got the reply (entered late, it is in the past); now if not
  // given. Checked here, with the arguments, so a future date is refused before permission.
  const int64_t now = clock_();
  feedback.at = now;
  if (!received.empty()) {
    const TimeZone* zone = DisplayZone();
    if (zone == nullptr) return Status::FailedPrecondition("tracking is not running in this daemon");
    Result<int64_t> at = ParseReceived(received, *zone, now);
    if (!at.ok()) return Status::InvalidArgument("args.received: " + at.status().message());
    feedback.at = *at;
  }
  return Mutating([this, feedback, now](const PeerCredentials& peer) -> Result<json> {
    const Feedback& given = feedback;
    Result<Feedback> stored = store_.AddFeedback(given, ActorName(peer), now);
    if (!stored.ok()) return stored.status();
    spdlog::info("{} recorded feedback {} from {} on task {}{}", ActorName(peer), stored->id,
                 stored->agency, stored->task_ref, stored->done ? " (done)" : "");
    Changed(stored->task_ref);
    json result = {{"feedback", ToJson(*stored)},
                   {"satisfies", nullptr},
                   {"light", ToJson(LightReading{})}};
    const TrackedTask* task =
        tracking_.model == nullptr ? nullptr : tracking_.model->FindTask(stored->task_ref);
    if (task != nullptr) {
      const TrackingConfig& config = tracking_.model->config();
      auto statuses = OccurrenceStatuses(*task, config.calendar, *config.zone,
                                         config.zone->ToLocal(now).date);
      if (auto id = SatisfiedOccurrence(statuses, stored->id)) result["satisfies"] = *id;
      result["light"] = ToJson(TaskLight(*task, tracking_.model->context(), now));
    }
    return result;
  });
}

Result<PreparedCommand> CommandHandler::PrepareFeedbackList(const json& args) {
  std::string ref;
  std::string agency;
  Status status = CheckArgNames(args, "feedback.list", {"ref", "agency"});
  if (status.ok()) status = ReadStringArg(args, "ref", &ref);
  if (status.ok()) status = ReadStringArg(args, "agency", &agency);
  if (!status.ok()) return status;
  return ReadOnly([this, ref, agency]() -> Result<json> {
    Result<std::vector<Feedback>> feedback = store_.ListFeedback(ref, agency);
    if (!feedback.ok()) return feedback.status();
    return json{{"feedback", JsonList(*feedback)}};
  });
}

Result<PreparedCommand> CommandHandler::PrepareTaskDue(const json& args) {
  Result<DueChange> change = ParseDueChange(args);
  if (!change.ok()) return change.status();
  std::string ref;
  if (Status status = ReadRequiredStringArg(args, "ref", &ref); !status.ok()) return status;
  return Mutating([this, ref, change = *change](const PeerCredentials& peer) -> Result<json> {
    Result<TrackingModel*> model = Model();
    if (!model.ok()) return model.status();
    Result<TaskRecord> record = store_.GetTask(ref);
    if (!record.ok()) return record.status();
    const std::string& task_ref = record->task.ref;
    const TrackedTask* tracked = (*model)->FindTask(task_ref);
    const ReportDue resolved = tracked != nullptr ? tracked->deadline.report_due
                                                  : (*model)->config().deadlines.defaults.report_due;
    DeadlinePatch patch = ApplyDueChange((*model)->RuntimeDeadline(task_ref), change, resolved);
    if (Status status = store_.SetDeadlinePatch(task_ref, patch, ActorName(peer), clock_());
        !status.ok()) {
      return status;
    }
    spdlog::info("{} changed the deadline of task {}: {}", ActorName(peer), task_ref,
                 ToJson(patch).dump());
    (*model)->SetRuntimeDeadline(task_ref, patch);
    Changed(task_ref);
    DeadlineSpec spec = ResolveDeadline((*model)->config().deadlines, record->task,
                                        patch.empty() ? nullptr : &patch);
    return json{{"task", RecordJson(*record)}, {"deadline", ToJson(spec)}, {"patch", ToJson(patch)}};
  });
}

Result<PreparedCommand> CommandHandler::PrepareTaskSuspend(const json& args) {
  return PrepareStateChange(args, LifecycleCommand::kSuspend);
}

Result<PreparedCommand> CommandHandler::PrepareTaskResume(const json& args) {
  return PrepareStateChange(args, LifecycleCommand::kResume);
}

Result<PreparedCommand> CommandHandler::PrepareTaskComplete(const json& args) {
  return PrepareStateChange(args, LifecycleCommand::kComplete);
}

Result<PreparedCommand> CommandHandler::PrepareTaskReopen(const json& args) {
  return PrepareStateChange(args, LifecycleCommand::kReopen);
}

// Arguments first (a required reason that is missing is invalid_argument, before
// permission); the transition itself is checked against the task's state when it runs.
Result<PreparedCommand> CommandHandler::PrepareStateChange(const json& args,
                                                          LifecycleCommand command) {
  const std::string cmd = "task." + std::string(LifecycleCommandName(command));
  const LifecycleTransition& row = LifecycleTransitions()[static_cast<size_t>(command)];
  std::string ref;
  std::string reason;
  Status status = CheckArgNames(args, cmd, {"ref", "reason"});
  if (status.ok()) status = ReadRequiredStringArg(args, "ref", &ref);
  if (status.ok()) {
    status = row.reason_required ? ReadRequiredStringArg(args, "reason", &reason)
                                 : ReadStringArg(args, "reason", &reason);
  }
  if (!status.ok()) return status;
  return Mutating([this, ref, reason, command, cmd](const PeerCredentials& peer) -> Result<json> {
    Result<TaskRecord> record = store_.GetTask(ref);
    if (!record.ok()) return record.status();
    const std::string& task_ref = record->task.ref;
    std::optional<TaskState> from = ParseTaskState(record->state);
    if (!from) return Status::Internal("task " + task_ref + " has state " + record->state);
    Result<TaskState> to = CheckTransition(*from, command, reason);
    if (!to.ok()) {
      const std::string message = "task " + task_ref + ": " + to.status().message();
      return to.status().code() == Status::Code::kInvalidArgument
                 ? Status::InvalidArgument(message)
                 : Status::FailedPrecondition(message);
    }
    if (Status stored = store_.SetTaskState(task_ref, *to, reason, ActorName(peer), clock_());
        !stored.ok()) {
      return stored;
    }
    spdlog::info("{}: {} task {}: {} → {} ({})", ActorName(peer), cmd, task_ref,
                 StateName(*from), StateName(*to), reason.empty() ? "no reason given" : reason);
    Changed(task_ref);
    Result<TaskRecord> updated = store_.GetTask(task_ref);
    if (!updated.ok()) return updated.status();
    return json{{"task", RecordJson(*updated)}};
  });
}

}  // namespace duban
