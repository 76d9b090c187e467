#include "daemon/duband/scheduler_timer.h"

#include <algorithm>
#include <chrono>

#include <spdlog/spdlog.h>

namespace duban {
namespace {

// After a failed wake (the store could not record), try again after this long.
constexpr int64_t kRetrySeconds = 10;

}  // namespace

SchedulerTimer::SchedulerTimer(boost::asio::io_context& io, Scheduler& scheduler, Clock clock,
                               std::function<void(int64_t now)> after_wake)
    : timer_(io),
      scheduler_(scheduler),
      clock_(std::move(clock)),
      after_wake_(std::move(after_wake)) {}

void SchedulerTimer::Start() { WakeAndArm(); }

void SchedulerTimer::Rearm() {
  if (stopped_) return;
  Arm(scheduler_.NextWake(clock_()));
}

void SchedulerTimer::Stop() {
  stopped_ = true;
  timer_.cancel();
}

void SchedulerTimer::WakeAndArm() {
  if (stopped_) return;
  const int64_t now = clock_();
  const auto started = std::chrono::steady_clock::now();
  Result<WakeReport> report = scheduler_.Wake(now);
  stats_.last_duration_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  stats_.last_at = now;
  if (!report.ok()) {
    ++stats_.failures;
    spdlog::error("scheduler: cannot record decided actions, retrying in {} s: {}", kRetrySeconds,
                  report.status().message());
    Arm(now + kRetrySeconds);
    return;
  }
  ++stats_.wakes;
  if (after_wake_) after_wake_(now);
  Arm(report->next_wake);
}

void SchedulerTimer::Arm(int64_t wake_at) {
  const int64_t delay = std::max<int64_t>(0, wake_at - clock_());
  timer_.expires_after(std::chrono::seconds(delay));
  timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec) return;  // cancelled: re-armed or stopping
    WakeAndArm();
  });
}

}  // namespace duban
