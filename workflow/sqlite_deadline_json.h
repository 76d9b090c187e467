// The JSON form of a DeadlinePatch, as the store keeps it in task_deadlines.patch and its
// audit entries:
//   {"final_due":"2026-12-31","clear_final_due":true,"cycle":"quarterly",
//    "report_due":{"working_days_after":5,"fixed_day":0},"participant_lead_days":5}
// An absent key leaves that field unset; {} is the empty patch. The text interface keeps
// nlohmann::json out of this header (duban_store links it privately). The same form as
// daemon/tracking_json.cpp's ToJson(DeadlinePatch), which the protocol uses.
//
// Thread-safety: plain functions.
#ifndef DUBAN_WORKFLOW_SQLITE_DEADLINE_JSON_H_
#define DUBAN_WORKFLOW_SQLITE_DEADLINE_JSON_H_

#include <string>
#include <string_view>

#include "workflow/deadline.h"
#include "workflow/status.h"

namespace duban {

// A JSON object's text with the fields `patch` sets, keys in alphabetical order;
// clear_final_due only when true.
std::string EncodeDeadlinePatch(const DeadlinePatch& patch);

// Inverse of EncodeDeadlinePatch. report_due's keys default to ReportDue's. kInvalidArgument,
// naming the key, for text that is not a JSON object, an unknown key, a wrong type, a date
// that is not YYYY-MM-DD, an unknown cycle, a negative number of days or a fixed_day
// outside 0..31.
Result<DeadlinePatch> DecodeDeadlinePatch(std::string_view text);

}  // namespace duban

#endif  // DUBAN_WORKFLOW_SQLITE_DEADLINE_JSON_H_
