// The arguments of `dubanctl target …` as the command line gives them, and their assembly
// into the protocol's `args` objects (docs/PROTOCOL.md, "Target commands"). What the
// command line can check without the daemon (numbers, comparison and period names, dates,
// "nothing to change", exactly one of ids and --task) fails here as a usage error, so a
// typo exits 2 before anything is sent; whether a task or target exists is the daemon's.
//
// Plain values and pure functions; thread-safe.
#ifndef DUBAN_DAEMON_DUBANCTL_TARGET_ARGS_H_
#define DUBAN_DAEMON_DUBANCTL_TARGET_ARGS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "workflow/status.h"

namespace duban::ctl {

// `dubanctl target list [TASK] [--state proposed|confirmed|rejected|all]`.
struct TargetListOptions {
  std::string task;
  std::string state;  // "" = all
};

// The fields of `target add TASK …` and `target edit ID …`; absent = not given.
struct TargetFieldOptions {
  std::optional<std::string> name;
  std::optional<std::string> unit;
  std::optional<std::string> comparison;  // at_least, at_most, about, or ≥ ≤ ≈ >= <= ~
  std::optional<double> value;
  std::optional<double> tolerance;
  std::optional<std::string> period;  // yearly, by_date, cumulative
  std::optional<std::string> by;      // YYYY-MM-DD; alone it means --period by_date
};

// `dubanctl target confirm ID... | --task TASK`.
struct TargetConfirmOptions {
  std::vector<int64_t> ids;
  std::string task;
};

// Each returns the `args` object for its command, or kInvalidArgument with a message for
// the user (a usage error).
Result<nlohmann::json> TargetListArgs(const TargetListOptions& options);
// REQUIRES nothing: a missing --name or --value is reported here.
Result<nlohmann::json> TargetAddArgs(const std::string& task, const TargetFieldOptions& fields);
Result<nlohmann::json> TargetEditArgs(int64_t id, const TargetFieldOptions& fields);
Result<nlohmann::json> TargetConfirmArgs(const TargetConfirmOptions& options);
Result<nlohmann::json> TargetRejectArgs(int64_t id, const std::string& reason);

}  // namespace duban::ctl

#endif  // DUBAN_DAEMON_DUBANCTL_TARGET_ARGS_H_
