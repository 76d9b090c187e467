#include "workflow/time_zone.h"

namespace duban {

FixedOffsetTimeZone::FixedOffsetTimeZone(int offset_minutes, std::string name)
    : offset_minutes_(offset_minutes), name_(std::move(name)) {
  if (name_.empty()) {
    int magnitude = offset_minutes < 0 ? -offset_minutes : offset_minutes;
    name_ = std::string("UTC") + (offset_minutes < 0 ? "-" : "+") + std::to_string(magnitude / 60);
    if (magnitude % 60 != 0) name_ += ":" + std::to_string(magnitude % 60);
  }
}

int64_t FixedOffsetTimeZone::ToUtc(CivilDate date, int minute_of_day) const {
  int64_t days = date.time_since_epoch().count();
  return days * 86400 + (static_cast<int64_t>(minute_of_day) - offset_minutes_) * 60;
}

LocalTime FixedOffsetTimeZone::ToLocal(int64_t utc_seconds) const {
  int64_t local = utc_seconds + static_cast<int64_t>(offset_minutes_) * 60;
  int64_t days = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
  int64_t seconds = local - days * 86400;
  return LocalTime{CivilDate{std::chrono::days{days}}, static_cast<int>(seconds / 60)};
}

}  // namespace duban
