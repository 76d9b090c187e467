// The [calendar] section of the config: weekend days, the years the office has entered,
// statutory holidays ([[calendar.holiday]]) and 调休 make-up working days
// ([[calendar.workday]]), read into Config::calendar and checked with
// WorkingCalendar::Validate, each problem reported at the line of its entry.
//
//   [calendar]
//   weekend = [6, 7]      # ISO weekdays, 1 = Monday ... 7 = Sunday
//   years = [2026]        # optional; default: the years the entries fall in
//   [[calendar.holiday]]
//   from = "2026-02-15"
//   to = "2026-02-23"     # optional, default = from
//   name = "春节"          # optional
//   [[calendar.workday]]
//   date = "2026-02-14"
//   name = "春节调休"      # optional
//
// Internal to config/. Stateless; thread-safe.
#ifndef DUBAN_CONFIG_CALENDAR_SCHEMA_H_
#define DUBAN_CONFIG_CALENDAR_SCHEMA_H_

#include <string>
#include <string_view>
#include <vector>

#include "config/config_schema.h"

namespace duban::config_internal {

std::vector<std::string_view> CalendarKeys();
std::vector<NestedTableKeys> CalendarNestedKeys();

// SectionSpec::read and ::describe of [calendar].
void ReadCalendar(const toml::table& table, const std::string& field, ErrorSink& sink,
                  const LoadContext& context, Config& config);
void DescribeCalendar(std::string_view name, const Config& config, std::string& out);

}  // namespace duban::config_internal

#endif  // DUBAN_CONFIG_CALENDAR_SCHEMA_H_
