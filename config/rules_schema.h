// The [rules] section of the config: reminders before due dates, the escalation ladder
// after a missed one, when messages may go out, and the traffic-light thresholds, read
// into Config::rules. Without [rules], Rules::Defaults(); within it, a key or list left
// out keeps its default, and a list given replaces the default list.
//
//   [rules]
//   send_time = "09:00"               # local time at which a day's messages go out
//   quiet_hours = "20:00-08:00"       # never send in this window ("" = none); may wrap
//   catch_up = "latest"               # latest | all | none: actions missed while down
//   catch_up_grace_minutes = 60       # 0..10080: later than this at wake-up = missed
//   [[rules.reminder]]
//   roles = ["lead", "responsible"]   # optional, default every role
//   offsets = [10, 3, 1]              # working days before the due date, each >= 1
//   recipients = ["contact"]          # contact | leadership | office | leading_group
//   channels = ["email"]              # email | webhook
//   [[rules.escalation]]
//   name = "urge"                     # unique, [a-z0-9_-]+ (part of notification keys)
//   level = "urge"                    # remind | urge | supervise | circulate, or 提醒 催办 督办 通报
//   after_working_days = 1            # >= 1; steps in non-decreasing order
//   recipients = ["contact"]          # not empty
//   channels = ["email"]
//   repeat_every_working_days = 3     # 0 = once
//   max_repeats = 0                   # with a repeat: at most this many (0 = until feedback)
//   [rules.light]
//   yellow_working_days = 5           # 0..366
//   yellow_share = 0.3                # 0..1
//
// Errors: a reminder offset of 0 or less (on or after the due date), an escalation step
// with no recipients, steps out of order, a name used twice, send_time in quiet hours.
// A recipient "office" or "leading_group" whose address [office] does not give is only a
// warning (CheckRecipientsReachable, rules_checks.h): Rules::Defaults() itself addresses both, and the
// reminders to agencies must not wait until the office has entered its addresses.
//
// Internal to config/. Stateless; thread-safe.
#ifndef DUBAN_CONFIG_RULES_SCHEMA_H_
#define DUBAN_CONFIG_RULES_SCHEMA_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/config_schema.h"

namespace duban::config_internal {

std::vector<std::string_view> RulesKeys();
std::vector<NestedTableKeys> RulesNestedKeys();

// SectionSpec::read and ::describe of [rules].
void ReadRules(const toml::table& table, const std::string& field, ErrorSink& sink,
               const LoadContext& context, Config& config);
void DescribeRules(std::string_view name, const Config& config, std::string& out);

// "HH:MM" (or "H:MM") → minute of the day; nullopt unless 00:00..23:59.
std::optional<int> ParseClockTime(std::string_view text);
// 540 → "09:00".
std::string FormatClockTime(int minute_of_day);

}  // namespace duban::config_internal

#endif  // DUBAN_CONFIG_RULES_SCHEMA_H_
