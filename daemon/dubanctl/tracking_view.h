// How tracking reads in dubanctl: traffic lights (红 red, 黄 yellow, 绿 green), deadlines,
// due occurrences with each agency's due date, feedback history, calendar days and rule
// problems. Each function takes the daemon's JSON form (docs/PROTOCOL.md, "JSON forms") as
// it came, so a field the daemon leaves out shows as "-" rather than failing; a field of the
// wrong type throws nlohmann::json::exception (Context::Run turns it into exit code 4).
//
// Pure except where noted (times shown in the local zone); thread-safe.
#ifndef DUBAN_DAEMON_DUBANCTL_TRACKING_VIEW_H_
#define DUBAN_DAEMON_DUBANCTL_TRACKING_VIEW_H_

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "daemon/dubanctl/output.h"

namespace duban::ctl {

// "红 red", "黄 yellow", "绿 green"; "none" for none, a missing or an unknown light.
std::string LightLabel(std::string_view light);

// The light name of a record: its "light" field as a string ("red") or as a Light object
// ({"light":"red","reason":…}); "" when absent.
std::string LightNameOf(const nlohmann::json& record);
// The reason beside it: "light_reason", or the Light object's "reason"; "" when absent.
std::string LightReasonOf(const nlohmann::json& record);

// "红 red 3, 黄 yellow 5, 绿 green 30, none 9" from status's {"green":N,...}.
std::string LightCounts(const nlohmann::json& lights);

// status's scheduler block as fields: evaluated until, next wake (local time, "unknown"
// for null) and pending outbox rows.
std::vector<Field> SchedulerFields(const nlohmann::json& scheduler);

// A DeadlineSpec as fields: final due, report cycle, report due, participants' lead days.
std::vector<Field> DeadlineFields(const nlohmann::json& deadline);

// A DeadlinePatch in one line: "final due 2026-12-31, cycle quarterly"; "(none)" if empty.
std::string PatchSummary(const nlohmann::json& patch);

// The occurrences of `task.get` as a table: one row per occurrence and agency, with the
// agency's own due date and the feedback that satisfied it ("#12", or "open").
std::string RenderOccurrences(const nlohmann::json& occurrences, int width);

// Feedback as a table: id, time (local), task, agency, percent, done, who, text.
std::string RenderFeedbackTable(const nlohmann::json& feedback, int width);

// A DayInfo on one line: the daemon's description, else one built from the fields.
std::string DayLine(const nlohmann::json& day);
// The warning for a day outside the calendar's configured years; "" for a day inside, or
// when the day's description already says so.
std::string OutsideYearsWarning(const nlohmann::json& day);

// rules.check's problems as a table (severity, kind, subject, message).
std::string RenderProblems(const nlohmann::json& problems, int width);
// How many problems of `severity` ("error" or "warning").
int CountSeverity(const nlohmann::json& problems, std::string_view severity);

}  // namespace duban::ctl

#endif  // DUBAN_DAEMON_DUBANCTL_TRACKING_VIEW_H_
