// Waiting for one message's outcome, for `dubanctl notify test --wait`: ask the daemon for
// the message (outbox.message) until it is no longer queued or the wait is over. The
// asking, the clock and the pause are passed in, so tests run the loop on a fake clock
// without waiting (the real ones: Context::Call, steady_clock, sleep_for).
//
// Not thread-safe; the functions given are called on the caller's thread.
#ifndef DUBAN_DAEMON_DUBANCTL_DELIVERY_WAIT_H_
#define DUBAN_DAEMON_DUBANCTL_DELIVERY_WAIT_H_

#include <chrono>
#include <functional>
#include <optional>

#include <nlohmann/json.hpp>

namespace duban::ctl {

struct DeliveryPoller {
  using Clock = std::chrono::steady_clock;
  // The message as outbox.message returns it ("message" of its result); nullopt when the
  // call failed (the caller has reported it).
  std::function<std::optional<nlohmann::json>()> fetch;
  std::function<Clock::time_point()> now;
  std::function<void(Clock::duration)> pause;
};

struct DeliveryWaitResult {
  enum class End {
    kSettled,     // the message left "queued": sent, failed or dead
    kTimedOut,    // still queued when the wait ended
    kCallFailed,  // asking the daemon failed
  };
  End end = End::kCallFailed;
  nlohmann::json message;  // the last message seen (null if none)
  int polls = 0;           // how many times the daemon was asked
};

// Asks at once, then every `interval` until the message's state is not "queued" or `wait`
// has passed since the call (the last pause is cut to end with the wait; one last ask
// follows it).
DeliveryWaitResult WaitForDelivery(const DeliveryPoller& poller, DeliveryPoller::Clock::duration wait,
                                   DeliveryPoller::Clock::duration interval);

}  // namespace duban::ctl

#endif  // DUBAN_DAEMON_DUBANCTL_DELIVERY_WAIT_H_
