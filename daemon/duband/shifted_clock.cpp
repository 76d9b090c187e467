#include "daemon/duband/shifted_clock.h"

#include <chrono>
#include <sstream>
#include <string>

#include <date/date.h>

namespace duban {

Result<int64_t> ParseInstant(std::string_view text) {
  std::istringstream in{std::string(text)};
  date::sys_seconds instant;
  // %Ez reads "+08:00"; a trailing "Z" is read by the literal branch below.
  if (!text.empty() && text.back() == 'Z') {
    in.str(std::string(text.substr(0, text.size() - 1)));
    in >> date::parse("%Y-%m-%dT%H:%M:%S", instant);
  } else {
    in >> date::parse("%Y-%m-%dT%H:%M:%S%Ez", instant);
  }
  if (in.fail() || in.peek() != std::char_traits<char>::eof()) {
    return Status::InvalidArgument("'" + std::string(text) +
                                   "' is not an instant like 2026-12-01T09:00:00+08:00 or "
                                   "2026-12-01T01:00:00Z");
  }
  return static_cast<int64_t>(instant.time_since_epoch().count());
}

std::function<int64_t()> ShiftedClock(int64_t start) {
  const auto origin = std::chrono::steady_clock::now();
  return [start, origin] {
    const auto elapsed = std::chrono::steady_clock::now() - origin;
    return start + std::chrono::duration_cast<std::chrono::seconds>(elapsed).count();
  };
}

}  // namespace duban
