#include "daemon/duband/systemd_watchdog.h"

#include <algorithm>
#include <cstdint>

#include <spdlog/spdlog.h>
#include <systemd/sd-daemon.h>

namespace duban {

std::chrono::microseconds SystemdWatchdog::Start() {
  uint64_t usec = 0;
  // > 0: enabled for this process (WATCHDOG_PID, if set, is ours). unset_environment = 0:
  // a re-exec keeps it.
  if (sd_watchdog_enabled(0, &usec) <= 0 || usec == 0) return interval_;
  // Half the interval, as sd_watchdog_enabled(3) recommends; at least 1 ms.
  interval_ = std::chrono::microseconds(std::max<uint64_t>(usec / 2, 1000));
  spdlog::info("systemd watchdog: pinging every {} ms", interval_.count() / 1000);
  sd_notify(0, "WATCHDOG=1");
  Arm();
  return interval_;
}

void SystemdWatchdog::Stop() {
  stopped_ = true;
  timer_.cancel();
}

void SystemdWatchdog::Arm() {
  timer_.expires_after(interval_);
  timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec || stopped_) return;
    sd_notify(0, "WATCHDOG=1");
    Arm();
  });
}

}  // namespace duban
