// The audit log as dubanctl shows it (`dubanctl log`): the arguments of audit.list from
// the command line, and each entry's detail (a JSON object) as one readable line, e.g.
// "reopen: completed → active; reason: 复核发现遗留问题" for a task.state entry.
//
// Pure functions; thread-safe.
#ifndef DUBAN_DAEMON_DUBANCTL_AUDIT_VIEW_H_
#define DUBAN_DAEMON_DUBANCTL_AUDIT_VIEW_H_

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "workflow/status.h"

namespace duban::ctl {

// `dubanctl log [--task REF] [--agency NAME] [--since DATE] [--until DATE] [--action PREFIX]
// [--limit N]`.
struct LogOptions {
  std::string task;
  std::string agency;
  std::string since;
  std::string until;
  std::string action;
  std::optional<int> limit;
};

// The audit.list args; kInvalidArgument (a usage error) for a bad date, until before since,
// or a limit below 1.
Result<nlohmann::json> LogArgs(const LogOptions& options);

// One line for an entry's detail, by its action; unknown actions list their fields.
std::string DescribeAuditDetail(const std::string& action, const nlohmann::json& detail);

// The entries as a table: time (the daemon's zone), actor, action, subject, detail.
std::string RenderAuditTable(const nlohmann::json& entries, int width);

}  // namespace duban::ctl

#endif  // DUBAN_DAEMON_DUBANCTL_AUDIT_VIEW_H_
