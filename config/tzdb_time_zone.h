// The real time zone: a TimeZone (workflow/time_zone.h) backed by the IANA tz database
// through Howard Hinnant's date/tz, reading the system's tzdata (/usr/share/zoneinfo).
// workflow/ sees only the TimeZone interface; the daemon loads the configured zone here.
//
// Thread-safety: a loaded zone is immutable and its const methods are thread-safe (date/tz
// loads a zone's transitions once, under std::call_once). LoadTimeZone may be called from
// any thread.
#ifndef DUBAN_CONFIG_TZDB_TIME_ZONE_H_
#define DUBAN_CONFIG_TZDB_TIME_ZONE_H_

#include <memory>
#include <string_view>

#include "workflow/status.h"
#include "workflow/time_zone.h"

namespace duban {

// The zone named `name`: an IANA name ("Asia/Shanghai", "America/New_York") or "UTC"
// (always available, even without tzdata). On failure, NotFound naming the zone ("unknown
// time zone \"Asia/Atlantis\"") or, when the database itself cannot be read, IOError
// ("cannot read the time zone database: ...; is tzdata installed?").
Result<std::unique_ptr<TimeZone>> LoadTimeZone(std::string_view name);

}  // namespace duban

#endif  // DUBAN_CONFIG_TZDB_TIME_ZONE_H_
