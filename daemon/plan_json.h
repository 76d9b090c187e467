// JSON forms of the domain values carried by the control protocol (docs/PROTOCOL.md).
// Shared by duband (which writes them) and dubanctl (which reads them back), so both
// agree on every field name.
#ifndef DUBAN_DAEMON_PLAN_JSON_H_
#define DUBAN_DAEMON_PLAN_JSON_H_

#include <nlohmann/json.hpp>

#include "workflow/plan.h"
#include "workflow/plan_diff.h"
#include "workflow/store.h"

namespace duban {

nlohmann::json ToJson(const Section& section);
nlohmann::json ToJson(const Task& task);
nlohmann::json ToJson(const TaskRecord& record);  // ToJson(task) + state, created_at, updated_at
nlohmann::json ToJson(const ImportIssue& issue);
nlohmann::json ToJson(const PlanDiff& diff);
nlohmann::json ToJson(const AgencyRecord& agency);
nlohmann::json ToJson(const StoreSummary& summary);

// Inverses, for dubanctl. Missing fields keep their defaults; wrong types throw
// nlohmann::json::exception (the caller reports a protocol error).
Section SectionFromJson(const nlohmann::json& json);
Task TaskFromJson(const nlohmann::json& json);
TaskRecord TaskRecordFromJson(const nlohmann::json& json);
ImportIssue ImportIssueFromJson(const nlohmann::json& json);
PlanDiff PlanDiffFromJson(const nlohmann::json& json);
AgencyRecord AgencyRecordFromJson(const nlohmann::json& json);

}  // namespace duban

#endif  // DUBAN_DAEMON_PLAN_JSON_H_
