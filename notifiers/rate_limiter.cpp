#include "notifiers/rate_limiter.h"

#include <algorithm>

namespace duban {

RateLimiter::RateLimiter(int64_t window_ms) : window_ms_(std::max<int64_t>(window_ms, 1)) {}

void RateLimiter::SetLimit(const std::string& target, int per_window) {
  if (per_window <= 0) {
    windows_.erase(target);
    return;
  }
  windows_[target].limit = per_window;
}

int RateLimiter::Limit(const std::string& target) const {
  auto found = windows_.find(target);
  return found == windows_.end() ? 0 : found->second.limit;
}

size_t RateLimiter::Live(const Window& window, int64_t now_ms) const {
  // Times are sorted: the live ones are a suffix (those > now_ms - window).
  auto first_live = std::upper_bound(window.times.begin(), window.times.end(), now_ms - window_ms_);
  return static_cast<size_t>(window.times.end() - first_live);
}

bool RateLimiter::TryAcquire(const std::string& target, int64_t now_ms) {
  auto found = windows_.find(target);
  if (found == windows_.end()) return true;
  Window& window = found->second;
  while (!window.times.empty() && window.times.front() <= now_ms - window_ms_) {
    window.times.pop_front();
  }
  // What is left is live (a clock that stepped back leaves "future" times: live too).
  if (window.times.size() >= static_cast<size_t>(window.limit)) return false;
  window.times.push_back(window.times.empty() ? now_ms : std::max(now_ms, window.times.back()));
  return true;
}

int64_t RateLimiter::NextFree(const std::string& target, int64_t now_ms) const {
  auto found = windows_.find(target);
  if (found == windows_.end()) return now_ms;
  const Window& window = found->second;
  const size_t live = Live(window, now_ms);
  const size_t limit = static_cast<size_t>(window.limit);
  if (live < limit) return now_ms;
  // A slot frees when the live ones drop to limit - 1: when the (live - limit + 1)-th
  // oldest live acquisition leaves the window.
  const size_t first_live = window.times.size() - live;
  return window.times[first_live + (live - limit)] + window_ms_;
}

}  // namespace duban
