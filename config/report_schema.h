// The [report] section: the periodic 考核/通报 report (docs/REPORTS.md, "Periodic
// report"), read into Config::report.
//
//   [report]
//   schedule = "monthly"        # "off" (default), "monthly" or "quarterly"
//   working_day = 1             # 1..10: the Nth working day of the month after the period
//   time = "09:00"              # local HH:MM; outside [rules] quiet_hours
//   period = "previous"         # "previous": the month/quarter just ended;
//                               # "year-to-date": January 1 to the end of that period
//   email = ["office", "leading_group", "someone@example.org"]
//   webhooks = ["office-group"] # [[webhook]] names
//
// Errors at the value: an unknown schedule or period, a time that is not HH:MM, an email
// entry that is neither "office", "leading_group" nor an address, an entry listed twice.
// Checks once every table is read (CheckReport): a webhook that is no [[webhook]], a time
// inside quiet hours, "office" / "leading_group" while [office] has no such address, and
// a schedule with no recipient at all.
//
// Internal to config/. Stateless; thread-safe.
#ifndef DUBAN_CONFIG_REPORT_SCHEMA_H_
#define DUBAN_CONFIG_REPORT_SCHEMA_H_

#include <string>
#include <string_view>
#include <vector>

#include "config/config_schema.h"

namespace duban::config_internal {

std::vector<std::string_view> ReportKeys();

void ReadReport(const toml::table& table, const std::string& field, ErrorSink& sink,
                const LoadContext& context, Config& config);
void DescribeReport(std::string_view name, const Config& config, std::string& out);

// The checks across sections listed above; `root` gives the positions.
void CheckReport(const toml::table& root, const Config& config, ErrorSink& sink);

}  // namespace duban::config_internal

#endif  // DUBAN_CONFIG_REPORT_SCHEMA_H_
