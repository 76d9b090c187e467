#include "daemon/duband/tracking_config.h"

#include "config/tzdb_time_zone.h"

namespace duban {

Result<std::unique_ptr<TrackingConfig>> BuildTrackingConfig(const Config& config) {
  std::vector<std::string> problems;
  Result<std::unique_ptr<TimeZone>> zone = LoadTimeZone(config.daemon.time_zone);
  if (!zone.ok()) problems.push_back("daemon.time_zone: " + zone.status().message());
  // The config loader reports these with their lines; checked again because an Agenda
  // built on an unsound calendar would count working days wrongly.
  for (const CalendarProblem& problem : WorkingCalendar::Validate(config.calendar)) {
    problems.push_back("calendar: " + problem.message);
  }
  if (config.daemon.max_sleep_seconds < 1) {
    problems.push_back("daemon.max_sleep_seconds must be at least 1");
  }
  if (!problems.empty()) {
    std::string message;
    for (const std::string& problem : problems) {
      if (!message.empty()) message += "; ";
      message += problem;
    }
    return Status::InvalidArgument(message);
  }
  return MakeTrackingConfig(std::move(zone).value(), config.calendar, config.rules,
                            config.deadlines, config.office, config.daemon.max_sleep_seconds);
}

std::unique_ptr<TrackingConfig> MakeTrackingConfig(std::unique_ptr<TimeZone> zone,
                                                   const CalendarSpec& calendar, Rules rules,
                                                   DeadlinePolicy deadlines, OfficeConfig office,
                                                   int max_sleep_seconds) {
  auto tracking = std::make_unique<TrackingConfig>();
  tracking->zone = std::move(zone);
  tracking->calendar = WorkingCalendar(calendar);
  tracking->rules = std::move(rules);
  tracking->deadlines = std::move(deadlines);
  tracking->office = std::move(office);
  tracking->max_sleep_seconds = max_sleep_seconds;
  return tracking;
}

}  // namespace duban
