#include "daemon/duband/tracking_model.h"

#include <malloc.h>

#include <utility>

namespace duban {
namespace {

// After a whole rebuild the store's records (every task and feedback, a second copy of
// the model while it is built) are freed, but glibc keeps freed heap pages resident; with
// 100,000 tasks that was 28 MiB of duband's RSS for good (143 → 115 MiB after start).
void ReleaseFreedMemory() { malloc_trim(0); }

}  // namespace

Result<std::unique_ptr<TrackingModel>> TrackingModel::Load(Store& store,
                                                          std::unique_ptr<TrackingConfig> config,
                                                          int64_t cursor) {
  std::unique_ptr<TrackingModel> model(new TrackingModel(store, std::move(config)));
  Result<std::vector<TrackingOutline>> records = store.LoadTrackingOutlines();
  if (!records.ok()) return records.status();
  model->agenda_ = std::make_unique<Agenda>(
      model->context(), model->Build(std::move(records).value(), *model->config_), cursor);
  ReleaseFreedMemory();
  return model;
}

TrackingModel::TrackingModel(Store& store, std::unique_ptr<TrackingConfig> config)
    : store_(store), config_(std::move(config)) {}

TrackedTask TrackingModel::Track(TrackingOutline record, const TrackingConfig& config) const {
  TrackedTask tracked;
  tracked.state = ParseTaskState(record.state).value_or(TaskState::kActive);
  auto patch = runtime_.find(record.task.ref);
  tracked.deadline = ResolveDeadline(config.deadlines, record.task.ref, record.task.section,
                                     record.due,
                                     patch == runtime_.end() ? nullptr : &patch->second);
  tracked.tracking_start = config.zone->ToLocal(record.created_at).date;
  tracked.task = std::move(record.task);
  tracked.feedback = std::move(record.feedback);
  tracked.targets = std::move(record.targets);
  return tracked;
}

std::vector<TrackedTask> TrackingModel::Build(std::vector<TrackingOutline> records,
                                              const TrackingConfig& config) {
  runtime_.clear();
  for (const TrackingOutline& record : records) {
    if (record.runtime_deadline && !record.runtime_deadline->empty()) {
      runtime_[record.task.ref] = *record.runtime_deadline;
    }
  }
  std::vector<TrackedTask> tasks;
  tasks.reserve(records.size());
  for (TrackingOutline& record : records) {
    if (record.state == TaskStateName(TaskState::kRemoved)) continue;
    tasks.push_back(Track(std::move(record), config));
  }
  return tasks;
}

void TrackingModel::CountLight(const TrackedTask* task, int delta) {
  if (task == nullptr) return;
  const Light light = TaskLight(*task, context(), light_counts_.as_of).light;
  auto count = light_counts_.counts.emplace(light, 0).first;
  count->second += delta;
  if (count->second == 0) light_counts_.counts.erase(count);  // as CountLights: no zero totals
}

Status TrackingModel::RefreshTask(std::string_view ref) {
  Result<TaskRecord> record = store_.GetTask(ref);
  if (!record.ok() && record.status().code() != Status::Code::kNotFound) return record.status();
  // The light totals follow the task: its old light out, its new light in, once nothing
  // can fail any more.
  const bool keep_counts = LightCountsCurrent();
  if (!record.ok() || record->state == TaskStateName(TaskState::kRemoved)) {
    if (keep_counts) CountLight(FindTask(ref), -1);
    agenda_->Remove(ref);
    Changed();
    if (keep_counts) light_counts_.generation = generation_;
    return Status::OK();
  }
  Result<std::vector<Feedback>> feedback = store_.ListFeedback(record->task.ref, "");
  if (!feedback.ok()) return feedback.status();
  Result<std::vector<Target>> targets =
      store_.ListTargets(record->task.ref, TargetStateName(TargetState::kConfirmed));
  if (!targets.ok()) return targets.status();
  TrackingOutline outline{record->task,        record->task.due,
                          record->state,       record->created_at,
                          std::move(feedback).value(), std::nullopt,
                          std::move(targets).value()};
  if (keep_counts) CountLight(FindTask(ref), -1);
  agenda_->Update(Track(std::move(outline), *config_));
  Changed();
  if (keep_counts) {
    CountLight(FindTask(ref), +1);
    light_counts_.generation = generation_;
  }
  return Status::OK();
}

Status TrackingModel::RefreshAll() { return Rewind(agenda_->cursor()); }

Status TrackingModel::Rewind(int64_t cursor) {
  Result<std::vector<TrackingOutline>> records = store_.LoadTrackingOutlines();
  if (!records.ok()) return records.status();
  agenda_.reset();  // before the new one is built: never two models at once
  agenda_ = std::make_unique<Agenda>(context(), Build(std::move(records).value(), *config_), cursor);
  Changed();
  ReleaseFreedMemory();  // the old Agenda and the records
  return Status::OK();
}

Status TrackingModel::Reconfigure(std::unique_ptr<TrackingConfig> config) {
  Result<std::vector<TrackingOutline>> records = store_.LoadTrackingOutlines();
  if (!records.ok()) return records.status();
  // Build under the new config before anything live changes; the Agenda refers to the
  // config, so both are swapped together.
  std::vector<TrackedTask> tasks = Build(std::move(records).value(), *config);
  auto agenda = std::make_unique<Agenda>(config->context(), std::move(tasks), agenda_->cursor());
  agenda_.reset();
  config_ = std::move(config);
  agenda_ = std::move(agenda);
  Changed();
  return Status::OK();
}

std::map<Light, int64_t> TrackingModel::LightCounts(int64_t now) const {
  const TimeZone& zone = *config_->zone;
  const int64_t day_end = zone.ToUtc(zone.ToLocal(now).date + std::chrono::days{1}, 0) - 1;
  if (!LightCountsCurrent() || light_counts_.as_of != day_end) {
    light_counts_ = {generation_, day_end, CountLights(tasks(), context(), day_end)};
  }
  return light_counts_.counts;
}

void TrackingModel::SetRuntimeDeadline(const std::string& ref, const DeadlinePatch& patch) {
  if (patch.empty()) {
    runtime_.erase(ref);
  } else {
    runtime_[ref] = patch;
  }
}

DeadlinePatch TrackingModel::RuntimeDeadline(std::string_view ref) const {
  auto it = runtime_.find(ref);
  return it == runtime_.end() ? DeadlinePatch{} : it->second;
}

}  // namespace duban
