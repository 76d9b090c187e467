// SchedulerTimer: the Asio side of the Scheduler. One steady_timer sleeps until the
// Scheduler's next wake; each expiry reads the injected wall clock, calls Scheduler::Wake
// and arms again. The timer is only a sleep: what is due is always computed from the wall
// clock, and the sleep is bounded by [daemon] max_sleep_seconds, so a jump of the clock is
// noticed within that bound.
//
// Not thread-safe: the io_context's thread only. The Scheduler must outlive it.
#ifndef DUBAN_DAEMON_DUBAND_SCHEDULER_TIMER_H_
#define DUBAN_DAEMON_DUBAND_SCHEDULER_TIMER_H_

#include <utility>  // before Asio: Boost 1.74 awaitable needs it with g++ 12

#include <cstdint>
#include <functional>
#include <optional>

#include <boost/asio.hpp>

#include "daemon/duband/scheduler.h"

namespace duban {

// What the wakes since start came to, for `metrics`. The duration is measured on the
// steady clock around Scheduler::Wake (evaluating what fell due and recording it), not
// the queueing of messages after it.
struct WakeStats {
  int64_t wakes = 0;     // successful wakes
  int64_t failures = 0;  // wakes whose decisions the store could not record
  std::optional<int64_t> last_at;  // the wall-clock time (UTC seconds) of the last wake
  double last_duration_seconds = 0;
};

class SchedulerTimer {
 public:
  using Clock = std::function<int64_t()>;  // UTC seconds now

  // `after_wake`, if set, runs after each wake that recorded its decisions, with the
  // wake's time (the delivery side queues what became due).
  SchedulerTimer(boost::asio::io_context& io, Scheduler& scheduler, Clock clock,
                 std::function<void(int64_t now)> after_wake = {});

  // Wakes once now (deciding what is due) and arms the timer.
  void Start();
  // Something changed the schedule (feedback, a state or deadline change, an import, a
  // reload): re-arm for the Scheduler's new next wake, which may be now.
  void Rearm();
  // Cancels the timer for good (SIGTERM).
  void Stop();

  const WakeStats& stats() const { return stats_; }

 private:
  void WakeAndArm();
  void Arm(int64_t wake_at);

  boost::asio::steady_timer timer_;
  Scheduler& scheduler_;
  const Clock clock_;
  const std::function<void(int64_t now)> after_wake_;
  bool stopped_ = false;
  WakeStats stats_;
};

}  // namespace duban

#endif  // DUBAN_DAEMON_DUBAND_SCHEDULER_TIMER_H_
