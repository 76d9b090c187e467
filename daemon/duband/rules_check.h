// CheckRules: what is wrong with the rules against the plan, for `dubanctl rules check`.
// Finds agencies a rule would mail that have no address (contact or leadership), the office
// or leading group addressed by a step with no [office] address, active tasks with no due
// occurrence at all, reminder rules and escalation steps that can never fire (their roles
// match no agency of any active task, or a later step has the same delay and so
// supersedes them), and due dates within the next year that fall in a year the calendar
// does not know.
//
// Pure; thread-safe.
#ifndef DUBAN_DAEMON_DUBAND_RULES_CHECK_H_
#define DUBAN_DAEMON_DUBAND_RULES_CHECK_H_

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "daemon/duband/tracking_config.h"
#include "workflow/store.h"
#include "workflow/tracking.h"

namespace duban {

struct RuleProblem {
  std::string severity;  // "error" (a notice cannot be delivered) or "warning"
  std::string kind;      // "agency_no_email", "agency_no_leadership_email", "office_no_email",
                         // "leading_group_no_email", "task_no_due", "reminder_never_fires",
                         // "step_never_fires", "outside_calendar"
  std::string subject;   // "省科技厅", "task 22", "step urge", "2027", "office"
  std::string message;   // English, complete
};

// Problems of `config`'s rules against `tasks` (only active ones count) and `agencies`
// (their addresses), looking one year ahead of `today`. Errors first, then warnings.
std::vector<RuleProblem> CheckRules(const std::vector<TrackedTask>& tasks,
                                    const std::vector<AgencyRecord>& agencies,
                                    const TrackingConfig& config, CivilDate today);

nlohmann::json ToJson(const RuleProblem& problem);

}  // namespace duban

#endif  // DUBAN_DAEMON_DUBAND_RULES_CHECK_H_
