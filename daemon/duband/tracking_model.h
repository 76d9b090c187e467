// TrackingModel: the daemon's in-memory picture of what is tracked. It turns the store's
// tasks, feedback and run-time deadline changes plus the running TrackingConfig into
// TrackedTasks (deadline resolved with ResolveDeadline; tracking starts on the local date
// the task entered the store) and keeps them in the evaluator's Agenda, whose cursor is
// the instant up to which actions have been decided.
//
// The store is the truth; the model is rebuilt from it: one task after a feedback, a state
// or a deadline change (RefreshTask), everything after an import (RefreshAll) or a config
// reload (Reconfigure, which keeps the cursor).
//
// Not thread-safe: the daemon's io_context thread only. The Store must outlive the model.
#ifndef DUBAN_DAEMON_DUBAND_TRACKING_MODEL_H_
#define DUBAN_DAEMON_DUBAND_TRACKING_MODEL_H_

#include <climits>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/duband/tracking_config.h"
#include "workflow/evaluator.h"
#include "workflow/status.h"
#include "workflow/store.h"
#include "workflow/tracking.h"
#include "workflow/traffic_light.h"

namespace duban {

class TrackingModel {
 public:
  // Loads every task that is not removed; the Agenda's cursor starts at `cursor`.
  static Result<std::unique_ptr<TrackingModel>> Load(Store& store,
                                                     std::unique_ptr<TrackingConfig> config,
                                                     int64_t cursor);

  TrackingModel(const TrackingModel&) = delete;
  TrackingModel& operator=(const TrackingModel&) = delete;

  // Rereads one task (record and feedback) from the store and updates the Agenda; a task
  // that is removed or gone leaves it. The run-time deadline is the one last given to
  // SetRuntimeDeadline (or loaded).
  Status RefreshTask(std::string_view ref);
  // Rereads every task (after an import). Keeps the cursor.
  Status RefreshAll();
  // Swaps in a reloaded config and rebuilds everything from the store, keeping the cursor.
  // On failure the running config and tasks stay.
  Status Reconfigure(std::unique_ptr<TrackingConfig> config);
  // Rebuilds the Agenda with its cursor at `cursor` (a wake whose decisions could not be
  // stored rewinds so they are decided again).
  Status Rewind(int64_t cursor);

  // Records the run-time deadline change the store now holds for `ref`; call RefreshTask
  // after it. An empty patch clears it.
  void SetRuntimeDeadline(const std::string& ref, const DeadlinePatch& patch);
  // The run-time change of `ref`, empty if none.
  DeadlinePatch RuntimeDeadline(std::string_view ref) const;

  const TrackingConfig& config() const { return *config_; }
  EvaluationContext context() const { return config_->context(); }
  Agenda& agenda() { return *agenda_; }
  const Agenda& agenda() const { return *agenda_; }
  const std::vector<TrackedTask>& tasks() const { return agenda_->tasks(); }
  const TrackedTask* FindTask(std::string_view ref) const { return agenda_->FindTask(ref); }

  // How many tracked tasks show each light at `now` (TaskLight over every task). `status`
  // and the metrics ask for these totals often, and at 100,000 tasks a count costs
  // ≈ 0.2 s, so they are counted once per local day and then kept up to date task by
  // task (RefreshTask); a whole rebuild or a reload counts again.
  //
  // Exact, because a light depends on the local date, not the time of day, once every
  // report counts: the totals are the lights at the day's last second, and no report is
  // ever received later than the moment it is entered (feedback_input.h refuses that).
  std::map<Light, int64_t> LightCounts(int64_t now) const;

 private:
  TrackingModel(Store& store, std::unique_ptr<TrackingConfig> config);

  // Tasks of `records` under `config`; also refreshes runtime_ from them.
  std::vector<TrackedTask> Build(std::vector<TrackingOutline> records,
                                 const TrackingConfig& config);
  TrackedTask Track(TrackingOutline record, const TrackingConfig& config) const;

  // After any change of the tasks or the config: the light totals are stale.
  void Changed() { ++generation_; }
  // Whether the light totals are counted and still current (no change since).
  bool LightCountsCurrent() const {
    return light_counts_.as_of != INT64_MIN && light_counts_.generation == generation_;
  }
  // Moves `task`'s light (null: no task) out of the current totals or into them.
  void CountLight(const TrackedTask* task, int delta);

  struct LightCountCache {
    uint64_t generation = 0;
    int64_t as_of = INT64_MIN;  // the last second of the local day counted; INT64_MIN: none
    std::map<Light, int64_t> counts;
  };

  Store& store_;
  uint64_t generation_ = 0;
  mutable LightCountCache light_counts_;
  std::unique_ptr<TrackingConfig> config_;
  std::map<std::string, DeadlinePatch, std::less<>> runtime_;  // ref → run-time change
  std::unique_ptr<Agenda> agenda_;  // refers to *config_: rebuilt whenever config_ changes
};

}  // namespace duban

#endif  // DUBAN_DAEMON_DUBAND_TRACKING_MODEL_H_
