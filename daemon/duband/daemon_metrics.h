// DaemonMetrics: what duband measures, gathered into a MetricRegistry (metrics.h) for the
// `metrics` command and the HTTP endpoint alike. Every family, its labels and meaning are
// listed in docs/OBSERVABILITY.md; in short:
//
//   from the store (read at each scrape)   duban_tasks{state}, duban_outbox_rows{state},
//                                          duban_messages{state},
//                                          duban_scheduler_evaluated_until_timestamp_seconds
//   from the tracking model                duban_tasks_by_light{light} (lights at `now`)
//   from the dispatcher (since start)      duban_sends_total{channel},
//                                          duban_send_failures_total{channel,result},
//                                          duban_sends_deferred_total{channel},
//                                          duban_sends_in_flight{channel},
//                                          duban_sends_abandoned_total
//   from the scheduler timer               duban_evaluations_total,
//                                          duban_evaluation_failures_total,
//                                          duban_last_evaluation_duration_seconds,
//                                          duban_last_evaluation_timestamp_seconds,
//                                          duban_scheduler_next_wake_timestamp_seconds
//   the process                            duban_build_info{version,protocol},
//                                          duban_start_time_seconds, duban_uptime_seconds
//
// Times are the daemon's clock (UTC seconds; shifted by --clock-start in drills).
//
// Not thread-safe: the daemon's io_context thread only (the counters change there).
// Everything referred to must outlive the DaemonMetrics.
#ifndef DUBAN_DAEMON_DUBAND_DAEMON_METRICS_H_
#define DUBAN_DAEMON_DUBAND_DAEMON_METRICS_H_

#include <cstdint>
#include <functional>

#include "daemon/duband/dispatcher.h"
#include "daemon/duband/metrics.h"
#include "daemon/duband/scheduler.h"
#include "daemon/duband/scheduler_timer.h"
#include "daemon/duband/tracking_model.h"
#include "workflow/status.h"
#include "workflow/store.h"

namespace duban {

// Where the figures come from. Only the store and the clock are required; a part that
// is not running (null) leaves its families without samples.
struct MetricsSources {
  Store* store = nullptr;
  const TrackingModel* model = nullptr;
  const Scheduler* scheduler = nullptr;
  const SchedulerTimer* timer = nullptr;
  std::function<const DispatchCounters*()> delivery;  // null or returning null: not running
  std::function<int64_t()> clock;                     // UTC seconds now
  int64_t started_at = 0;                             // UTC seconds
};

class DaemonMetrics {
 public:
  explicit DaemonMetrics(MetricsSources sources) : sources_(std::move(sources)) {}

  // The registry of one scrape; a store failure is returned as it is.
  Result<MetricRegistry> Collect() const;
  // Collect, rendered in the text format.
  Result<std::string> Render() const;

 private:
  Status AddStoreFamilies(MetricRegistry& registry) const;
  void AddLightFamily(MetricRegistry& registry, int64_t now) const;
  void AddDeliveryFamilies(MetricRegistry& registry) const;
  void AddSchedulerFamilies(MetricRegistry& registry) const;
  void AddProcessFamilies(MetricRegistry& registry, int64_t now) const;

  const MetricsSources sources_;
};

}  // namespace duban

#endif  // DUBAN_DAEMON_DUBAND_DAEMON_METRICS_H_
