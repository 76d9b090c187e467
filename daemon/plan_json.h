// JSON forms of the domain values carried by the control protocol (docs/PROTOCOL.md).
// Shared by duband (which writes them) and dubanctl (which reads them back), so both
// agree on every field name. Pure functions; thread-safe.
#ifndef DUBAN_DAEMON_PLAN_JSON_H_
#define DUBAN_DAEMON_PLAN_JSON_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "workflow/deadline.h"
#include "workflow/evaluator.h"
#include "workflow/occurrence_status.h"
#include "workflow/plan.h"
#include "workflow/plan_diff.h"
#include "workflow/store.h"
#include "workflow/time_zone.h"
#include "workflow/tracking.h"
#include "workflow/traffic_light.h"
#include "workflow/working_calendar.h"

namespace duban {

nlohmann::json ToJson(const Section& section);
nlohmann::json ToJson(const Task& task);
// ToJson(task) + state, state_reason, created_at, updated_at.
nlohmann::json ToJson(const TaskRecord& record);
nlohmann::json ToJson(const ImportIssue& issue);
nlohmann::json ToJson(const PlanDiff& diff);
nlohmann::json ToJson(const AgencyRecord& agency);
nlohmann::json ToJson(const StoreSummary& summary);

// Tracking (issue 3), implemented in tracking_json.cpp. Dates are "YYYY-MM-DD", instants
// UTC seconds.
nlohmann::json ToJson(const Feedback& feedback);
nlohmann::json ToJson(const DeadlineSpec& spec);
nlohmann::json ToJson(const DeadlinePatch& patch);  // only the fields that are set
nlohmann::json ToJson(const OccurrenceStatus& occurrence);
nlohmann::json ToJson(const DayExplanation& day);  // the DayInfo form
nlohmann::json ToJson(const LightReading& light);  // {"light","reason"}
// `zone` formats "at_local" ("2026-11-24 09:00").
nlohmann::json ToJson(const Action& action, const TimeZone& zone);
nlohmann::json ToJson(const OutboxRow& row, const TimeZone& zone);

// Inverses, for dubanctl. Missing fields keep their defaults; wrong types throw
// nlohmann::json::exception (the caller reports a protocol error).
Section SectionFromJson(const nlohmann::json& json);
Task TaskFromJson(const nlohmann::json& json);
TaskRecord TaskRecordFromJson(const nlohmann::json& json);
ImportIssue ImportIssueFromJson(const nlohmann::json& json);
PlanDiff PlanDiffFromJson(const nlohmann::json& json);
AgencyRecord AgencyRecordFromJson(const nlohmann::json& json);
Feedback FeedbackFromJson(const nlohmann::json& json);
DeadlineSpec DeadlineSpecFromJson(const nlohmann::json& json);
DeadlinePatch DeadlinePatchFromJson(const nlohmann::json& json);
OccurrenceStatus OccurrenceStatusFromJson(const nlohmann::json& json);
DayExplanation DayInfoFromJson(const nlohmann::json& json);
LightReading LightReadingFromJson(const nlohmann::json& json);
Action ActionFromJson(const nlohmann::json& json);  // "at_local" is display only: ignored
OutboxRow OutboxRowFromJson(const nlohmann::json& json);

// "2026-11-24 09:00": `utc_seconds` as local time in `zone`.
std::string FormatLocalTime(int64_t utc_seconds, const TimeZone& zone);

}  // namespace duban

#endif  // DUBAN_DAEMON_PLAN_JSON_H_
