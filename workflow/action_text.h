// The text of an action: its key and its English reason. The evaluator materialises
// these for every action it returns (thousands per wake), so they are built by appending
// into one reserved string each, with no temporaries and no printf; the text is exactly
// what the readable concatenations would give (tests compare whole actions).
//
// Pure functions.
#ifndef DUBAN_WORKFLOW_ACTION_TEXT_H_
#define DUBAN_WORKFLOW_ACTION_TEXT_H_

#include <string>
#include <string_view>

#include "workflow/civil_date.h"
#include "workflow/deadline.h"
#include "workflow/plan.h"

namespace duban {

// Appends FormatCivilDate(date) ("2026-10-12").
void AppendCivilDate(CivilDate date, std::string* out);

// "<ref>|<agency>|<role>|<occurrence>|<step>|<repeat>" (task_actions.h).
std::string ActionKey(std::string_view task_ref, std::string_view agency, Role role,
                      std::string_view occurrence, std::string_view step, int repeat);

// "3 working days before the 2026-Q3 report due 2026-10-12".
std::string ReminderReason(int offset, const DueOccurrence& occurrence, Role role, CivilDate due);

// "supervise #2: participants' input for the 2026-Q3 report due 2026-10-09 missed by
// 4 working days"; the "#n" only from the second sending on (repeat > 0).
std::string EscalationReason(std::string_view step, int repeat, const DueOccurrence& occurrence,
                             Role role, CivilDate due, int late);

}  // namespace duban

#endif  // DUBAN_WORKFLOW_ACTION_TEXT_H_
