// The [deadlines] section of the config: the default deadline of every task and the
// overrides per plan section and per task, read into Config::deadlines (DeadlinePolicy).
//
//   [deadlines]
//   final_due = "2026-12-31"          # 办结时限; optional
//   cycle = "quarterly"               # none | monthly | quarterly | half-yearly | yearly
//   report_working_days_after = 5     # 0..60: report due N working days after the period
//   report_fixed_day = 0              # 1..31: ... or on this day of the next month (0 = not)
//   participant_lead_days = 5         # 0..60: participants owe their input this much earlier
//   [deadlines.section."二"]          # the same keys, each optional (a DeadlinePatch);
//   cycle = "monthly"                 # final_due = "none" removes an inherited final due
//   [deadlines.task."22"]
//   final_due = "2026-06-30"
//
// report_working_days_after and report_fixed_day are two ways of saying when a report is
// due: one table may not set both (report_fixed_day = 0 counts as not set). In a section
// or task table either one replaces the inherited report rule as a whole.
//
// Internal to config/. Stateless; thread-safe.
#ifndef DUBAN_CONFIG_DEADLINES_SCHEMA_H_
#define DUBAN_CONFIG_DEADLINES_SCHEMA_H_

#include <string>
#include <string_view>
#include <vector>

#include "config/config_schema.h"

namespace duban::config_internal {

std::vector<std::string_view> DeadlinesKeys();

// SectionSpec::read and ::describe of [deadlines].
void ReadDeadlines(const toml::table& table, const std::string& field, ErrorSink& sink,
                   const LoadContext& context, Config& config);
void DescribeDeadlines(std::string_view name, const Config& config, std::string& out);

}  // namespace duban::config_internal

#endif  // DUBAN_CONFIG_DEADLINES_SCHEMA_H_
