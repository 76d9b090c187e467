#include <catch2/catch.hpp>

#include "daemon/duband/shifted_clock.h"

namespace duban {
namespace {

TEST_CASE("ParseInstant reads an offset or Z", "[clock]") {
  // 2026-12-01T09:00:00+08:00 is 2026-12-01T01:00:00Z = 1796086800.
  Result<int64_t> beijing = ParseInstant("2026-12-01T09:00:00+08:00");
  REQUIRE(beijing.ok());
  CHECK(*beijing == 1796086800);
  Result<int64_t> utc = ParseInstant("2026-12-01T01:00:00Z");
  REQUIRE(utc.ok());
  CHECK(*utc == *beijing);
}

TEST_CASE("ParseInstant refuses what is not an instant", "[clock]") {
  for (const char* bad : {"2026-12-01", "2026-12-01T09:00:00", "tomorrow",
                          "2026-12-01T09:00:00+08:00 extra", ""}) {
    Result<int64_t> parsed = ParseInstant(bad);
    INFO(bad);
    CHECK_FALSE(parsed.ok());
  }
}

TEST_CASE("ShiftedClock starts at the given instant", "[clock]") {
  auto clock = ShiftedClock(1796086800);
  const int64_t first = clock();
  CHECK(first >= 1796086800);
  CHECK(first <= 1796086801);  // only the time since the call has passed
  CHECK(clock() >= first);     // never runs backwards
}

}  // namespace
}  // namespace duban
