// ShiftedClock: a wall clock that starts at a given instant and then runs at the real
// pace, for `duband --clock-start` (drills: "what would go out on the morning of
// 2026-12-01?", and end-to-end tests that must reach a send slot without waiting for it).
// The daemon's only clock reads go through ServiceOptions::clock, so this shifts all of
// them: scheduler, dispatcher, audit times, webhook timestamps.
//
// Thread-safe: the returned function only reads a steady clock.
#ifndef DUBAN_DAEMON_DUBAND_SHIFTED_CLOCK_H_
#define DUBAN_DAEMON_DUBAND_SHIFTED_CLOCK_H_

#include <cstdint>
#include <functional>
#include <string_view>

#include "workflow/status.h"

namespace duban {

// Parses "YYYY-MM-DDTHH:MM:SS" followed by "Z" or an offset "+08:00" into UTC seconds;
// kInvalidArgument naming what is wrong otherwise.
Result<int64_t> ParseInstant(std::string_view text);

// UTC seconds: `start` at the call, then advancing with the steady clock.
std::function<int64_t()> ShiftedClock(int64_t start);

}  // namespace duban

#endif  // DUBAN_DAEMON_DUBAND_SHIFTED_CLOCK_H_
