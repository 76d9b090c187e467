// TimeZone: converts between UTC instants (what duban stores) and local civil time (what
// due dates, send times and quiet hours are written in). The domain sees only this
// interface; the tz-database implementation lives in config/tzdb_time_zone.h, and
// FixedOffsetTimeZone (here, pure) serves tests and zones without daylight saving.
//
// Thread-safety: implementations are immutable; const methods are thread-safe.
#ifndef DUBAN_WORKFLOW_TIME_ZONE_H_
#define DUBAN_WORKFLOW_TIME_ZONE_H_

#include <cstdint>
#include <string>

#include "workflow/civil_date.h"

namespace duban {

struct LocalTime {
  CivilDate date;
  int minute_of_day = 0;  // 0 .. 1439
};

class TimeZone {
 public:
  virtual ~TimeZone() = default;
  // UTC seconds of local `date` at `minute_of_day`. A local time skipped by a daylight-
  // saving change maps to the instant just after the gap; a repeated one to the earlier.
  virtual int64_t ToUtc(CivilDate date, int minute_of_day) const = 0;
  virtual LocalTime ToLocal(int64_t utc_seconds) const = 0;
  virtual std::string name() const = 0;
};

// A zone at a constant offset from UTC (China Standard Time is UTC+8 all year).
class FixedOffsetTimeZone : public TimeZone {
 public:
  explicit FixedOffsetTimeZone(int offset_minutes, std::string name = "");
  int64_t ToUtc(CivilDate date, int minute_of_day) const override;
  LocalTime ToLocal(int64_t utc_seconds) const override;
  std::string name() const override { return name_; }

 private:
  int offset_minutes_;
  std::string name_;
};

}  // namespace duban

#endif  // DUBAN_WORKFLOW_TIME_ZONE_H_
