// RateLimiter: at most N messages per target in any window of 60 seconds (a sliding
// window, not fixed minutes: a DingTalk robot that gets a 21st message within a minute is
// blocked for 10 minutes, so 20 at 12:00:59 and 20 at 12:01:01 must not both go).
//
// Each acquisition is remembered until it leaves the window: a target may acquire at
// now_ms while fewer than N acquisitions are in (now_ms - window, now_ms]. So any
// half-open window [t, t + window) holds at most N. Times are the caller's (ms); a clock
// that steps back is handled conservatively (an acquisition is never recorded earlier than
// the one before it). Memory: at most N times per limited target.
//
// The window counts acquisitions, so acquire immediately before sending: a send that
// starts long after its acquisition can fall into a later window (widen the window for a
// margin if sends can lag).
//
// Not thread-safe: one owner (the dispatcher, on its io_context thread).
#ifndef DUBAN_NOTIFIERS_RATE_LIMITER_H_
#define DUBAN_NOTIFIERS_RATE_LIMITER_H_

#include <cstdint>
#include <deque>
#include <map>
#include <string>

namespace duban {

class RateLimiter {
 public:
  static constexpr int64_t kMinuteMs = 60'000;

  explicit RateLimiter(int64_t window_ms = kMinuteMs);

  // At most `per_window` acquisitions by `target` per window; 0 (or less) = no limit, as
  // for a target never set. Changing a limit keeps the acquisitions already made.
  void SetLimit(const std::string& target, int per_window);
  // The target's limit, 0 if none.
  int Limit(const std::string& target) const;

  // Takes a slot for one message to `target` at `now_ms` if the window has one; false (and
  // nothing recorded) if not.
  bool TryAcquire(const std::string& target, int64_t now_ms);

  // The earliest time >= now_ms at which TryAcquire(target, t) would succeed: now_ms if a
  // slot is free now.
  int64_t NextFree(const std::string& target, int64_t now_ms) const;

 private:
  struct Window {
    int limit = 0;
    std::deque<int64_t> times;  // acquisitions, oldest first, non-decreasing
  };

  // Acquisitions of `window` still counting at `now_ms`.
  size_t Live(const Window& window, int64_t now_ms) const;

  const int64_t window_ms_;
  std::map<std::string, Window, std::less<>> windows_;  // limited targets only
};

}  // namespace duban

#endif  // DUBAN_NOTIFIERS_RATE_LIMITER_H_
