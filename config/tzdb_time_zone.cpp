#include "config/tzdb_time_zone.h"

#include <chrono>
#include <exception>
#include <string>

#include <date/tz.h>

namespace duban {
namespace {

using std::chrono::seconds;

class TzdbTimeZone : public TimeZone {
 public:
  explicit TzdbTimeZone(const date::time_zone* zone) : zone_(zone) {}

  // date/tz sorts a local time into unique, nonexistent (in a spring-forward gap) or
  // ambiguous (in a fall-back overlap). The header contract: a skipped time maps to the
  // transition that ends the gap, a repeated one to its earlier instant.
  int64_t ToUtc(CivilDate day, int minute_of_day) const override {
    const date::local_seconds local{day.time_since_epoch() + std::chrono::minutes{minute_of_day}};
    const date::local_info info = zone_->get_info(local);
    seconds utc;
    if (info.result == date::local_info::nonexistent) {
      utc = info.first.end.time_since_epoch();
    } else {
      // unique and ambiguous: `first` is the only, or the earlier, offset in force.
      utc = local.time_since_epoch() - info.first.offset;
    }
    return utc.count();
  }

  LocalTime ToLocal(int64_t utc_seconds) const override {
    const date::sys_seconds utc{seconds{utc_seconds}};
    const date::local_seconds local = zone_->to_local(utc);
    const auto day = std::chrono::floor<std::chrono::days>(local);
    const auto minutes = std::chrono::floor<std::chrono::minutes>(local - day);
    return LocalTime{CivilDate{day.time_since_epoch()}, static_cast<int>(minutes.count())};
  }

  std::string name() const override { return zone_->name(); }

 private:
  const date::time_zone* zone_;  // owned by date's tz database, which lives for the program
};

// Whether the database is readable at all, and why not: date/tz throws the same
// std::runtime_error for an unknown zone and a missing directory.
Status DatabaseStatus() {
  try {
    (void)date::get_tzdb();
    return Status::OK();
  } catch (const std::exception& error) {
    return Status::IOError(std::string("cannot read the time zone database: ") + error.what() +
                           "; is tzdata installed?");
  }
}

}  // namespace

Result<std::unique_ptr<TimeZone>> LoadTimeZone(std::string_view name) {
  if (name == "UTC") return std::unique_ptr<TimeZone>(std::make_unique<FixedOffsetTimeZone>(0, "UTC"));
  if (Status status = DatabaseStatus(); !status.ok()) return status;
  try {
    const date::time_zone* zone = date::locate_zone(name);
    // Reading the zone's transitions can fail too (a truncated file); do it now, not at
    // the first conversion.
    (void)zone->get_info(date::sys_seconds{});
    return std::unique_ptr<TimeZone>(std::make_unique<TzdbTimeZone>(zone));
  } catch (const std::exception&) {
    return Status::NotFound("unknown time zone \"" + std::string(name) + "\"");
  }
}

}  // namespace duban
