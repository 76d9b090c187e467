// BuildTrackingConfig: the time zone from the tz database, every problem in one message.
#include "daemon/duband/tracking_config.h"

#include <catch2/catch.hpp>

namespace duban {
namespace {

TEST_CASE("BuildTrackingConfig loads the configured zone and calendar", "[tracking-config]") {
  Config config;
  config.daemon.time_zone = "Asia/Shanghai";
  config.daemon.max_sleep_seconds = 30;
  config.calendar.years = {2026};
  auto built = BuildTrackingConfig(config);
  REQUIRE(built.ok());
  const TrackingConfig& tracking = **built;
  CHECK(tracking.zone->name() == "Asia/Shanghai");
  CHECK(tracking.max_sleep_seconds == 30);
  CivilDate day{std::chrono::year{2026} / 3 / 2};
  CHECK(tracking.zone->ToUtc(day, 0) == day.time_since_epoch().count() * 86400 - 8 * 3600);
  CHECK(tracking.calendar.Covers(day));
}

TEST_CASE("BuildTrackingConfig names an unknown zone and a bad calendar together",
          "[tracking-config]") {
  Config config;
  config.daemon.time_zone = "Asia/Atlantis";
  CivilDate saturday{std::chrono::year{2026} / 3 / 7};
  config.calendar.holidays = {HolidayRange{saturday, saturday, "假日"}};
  config.calendar.make_up_days = {MakeUpDay{saturday, "调休"}};
  auto built = BuildTrackingConfig(config);
  REQUIRE_FALSE(built.ok());
  CHECK(built.status().code() == Status::Code::kInvalidArgument);
  CHECK(built.status().message().find("daemon.time_zone") != std::string::npos);
  CHECK(built.status().message().find("Asia/Atlantis") != std::string::npos);
  CHECK(built.status().message().find("calendar:") != std::string::npos);
}

}  // namespace
}  // namespace duban
