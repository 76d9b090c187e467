// Tests of LoadTimeZone (config/tzdb_time_zone.h) against the system's tzdata: round trips
// in China Standard Time, and the daylight-saving gap and overlap of New York as the
// TimeZone contract (workflow/time_zone.h) defines them.
#include "config/tzdb_time_zone.h"

#include <catch2/catch.hpp>

namespace duban {
namespace {

CivilDate Day(const char* text) { return *ParseCivilDate(text); }

// UTC seconds of a UTC civil time, to write expectations readably.
int64_t Utc(const char* date, int hour, int minute) {
  return FixedOffsetTimeZone(0).ToUtc(Day(date), hour * 60 + minute);
}

std::unique_ptr<TimeZone> Zone(std::string_view name) {
  auto zone = LoadTimeZone(name);
  INFO(zone.status().ToString());
  REQUIRE(zone.ok());
  return std::move(zone).value();
}

TEST_CASE("Asia/Shanghai is UTC+8 all year, both ways", "[config][tz]") {
  auto shanghai = Zone("Asia/Shanghai");
  CHECK(shanghai->name() == "Asia/Shanghai");
  CHECK(shanghai->ToUtc(Day("2026-11-21"), 9 * 60) == Utc("2026-11-21", 1, 0));
  // Local midnight is 16:00 UTC the day before.
  CHECK(shanghai->ToUtc(Day("2027-01-01"), 0) == Utc("2026-12-31", 16, 0));

  const FixedOffsetTimeZone cst(8 * 60);
  for (int64_t t = Utc("2026-01-01", 0, 0); t < Utc("2027-01-01", 0, 0); t += 7 * 3600 + 13 * 60) {
    const LocalTime local = shanghai->ToLocal(t);
    const LocalTime expected = cst.ToLocal(t);
    INFO(t);
    CHECK(local.date == expected.date);
    CHECK(local.minute_of_day == expected.minute_of_day);
    // Whole minutes survive the round trip.
    CHECK(shanghai->ToUtc(local.date, local.minute_of_day) == t - t % 60);
  }
}

TEST_CASE("ToLocal truncates seconds and handles instants before 1970", "[config][tz]") {
  auto shanghai = Zone("Asia/Shanghai");
  const LocalTime local = shanghai->ToLocal(Utc("2026-03-01", 15, 59) + 59);
  CHECK(local.date == Day("2026-03-01"));
  CHECK(local.minute_of_day == 23 * 60 + 59);
  auto utc = Zone("UTC");
  const LocalTime before_epoch = utc->ToLocal(-1);
  CHECK(before_epoch.date == Day("1969-12-31"));
  CHECK(before_epoch.minute_of_day == 23 * 60 + 59);
}

TEST_CASE("America/New_York: a time skipped in spring maps to the end of the gap", "[config][tz]") {
  auto new_york = Zone("America/New_York");
  const CivilDate spring = Day("2026-03-08");  // 02:00 EST -> 03:00 EDT
  CHECK(new_york->ToUtc(spring, 1 * 60 + 59) == Utc("2026-03-08", 6, 59));  // EST, UTC-5
  CHECK(new_york->ToUtc(spring, 2 * 60) == Utc("2026-03-08", 7, 0));        // skipped
  CHECK(new_york->ToUtc(spring, 2 * 60 + 30) == Utc("2026-03-08", 7, 0));   // skipped
  CHECK(new_york->ToUtc(spring, 3 * 60) == Utc("2026-03-08", 7, 0));        // EDT, UTC-4
  CHECK(new_york->ToUtc(spring, 3 * 60 + 1) == Utc("2026-03-08", 7, 1));
  const LocalTime after = new_york->ToLocal(Utc("2026-03-08", 7, 0));
  CHECK(after.date == spring);
  CHECK(after.minute_of_day == 3 * 60);
}

TEST_CASE("America/New_York: a time repeated in autumn maps to the earlier instant", "[config][tz]") {
  auto new_york = Zone("America/New_York");
  const CivilDate autumn = Day("2026-11-01");  // 02:00 EDT -> 01:00 EST
  CHECK(new_york->ToUtc(autumn, 0 * 60 + 59) == Utc("2026-11-01", 4, 59));  // EDT
  CHECK(new_york->ToUtc(autumn, 1 * 60 + 30) == Utc("2026-11-01", 5, 30));  // EDT, not 06:30 EST
  CHECK(new_york->ToUtc(autumn, 2 * 60) == Utc("2026-11-01", 7, 0));        // EST
  // Both instants read back as 01:30.
  for (int64_t t : {Utc("2026-11-01", 5, 30), Utc("2026-11-01", 6, 30)}) {
    const LocalTime local = new_york->ToLocal(t);
    CHECK(local.date == autumn);
    CHECK(local.minute_of_day == 90);
  }
  // Summer and winter offsets.
  CHECK(new_york->ToUtc(Day("2026-07-01"), 12 * 60) == Utc("2026-07-01", 16, 0));
  CHECK(new_york->ToUtc(Day("2026-12-01"), 12 * 60) == Utc("2026-12-01", 17, 0));
}

TEST_CASE("UTC loads without the database, and other names through it", "[config][tz]") {
  auto utc = Zone("UTC");
  CHECK(utc->name() == "UTC");
  CHECK(utc->ToUtc(Day("2026-11-21"), 9 * 60) == Utc("2026-11-21", 9, 0));
  CHECK(Zone("Europe/Berlin")->name() == "Europe/Berlin");
  CHECK(Zone("Etc/GMT-8")->ToUtc(Day("2026-11-21"), 8 * 60) == Utc("2026-11-21", 0, 0));
}

TEST_CASE("an unknown zone is NotFound, naming it", "[config][tz]") {
  for (const char* name : {"Asia/Atlantis", "Shanghai", "", "../../etc/passwd", "asia/shanghai"}) {
    INFO(name);
    auto zone = LoadTimeZone(name);
    REQUIRE_FALSE(zone.ok());
    CHECK(zone.status().code() == Status::Code::kNotFound);
    CHECK(zone.status().message() == "unknown time zone \"" + std::string(name) + "\"");
  }
}

}  // namespace
}  // namespace duban
