// SystemdWatchdog: sends WATCHDOG=1 to systemd from the daemon's io_context while the unit
// has WatchdogSec= set (sd_watchdog_enabled reads WATCHDOG_USEC/WATCHDOG_PID from the
// environment systemd gives the service). The ping goes out at half the interval, from the
// same thread that serves requests and wakes the scheduler, so a loop that hangs stops the
// pings and systemd restarts the daemon; that is the point of pinging from there and not
// from a thread of its own.
//
// Without WatchdogSec (or outside systemd) Start does nothing.
//
// Thread-safety: use from the io_context's thread only. Must outlive no callback: Stop (or
// the destructor) cancels the timer, and the pending handler holds no pointer to freed
// state once cancelled because the io_context is run to completion after Stop.
#ifndef DUBAN_DAEMON_DUBAND_SYSTEMD_WATCHDOG_H_
#define DUBAN_DAEMON_DUBAND_SYSTEMD_WATCHDOG_H_

#include <chrono>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

namespace duban {

class SystemdWatchdog {
 public:
  explicit SystemdWatchdog(boost::asio::io_context& io) : timer_(io) {}
  SystemdWatchdog(const SystemdWatchdog&) = delete;
  SystemdWatchdog& operator=(const SystemdWatchdog&) = delete;

  // Starts pinging if systemd asked for it; returns the ping interval, zero if not.
  std::chrono::microseconds Start();
  void Stop();

 private:
  void Arm();

  boost::asio::steady_timer timer_;
  std::chrono::microseconds interval_{0};
  bool stopped_ = false;
};

}  // namespace duban

#endif  // DUBAN_DAEMON_DUBAND_SYSTEMD_WATCHDOG_H_
