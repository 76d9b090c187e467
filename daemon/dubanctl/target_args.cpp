#include "daemon/dubanctl/target_args.h"

#include <cmath>

#include "workflow/civil_date.h"
#include "workflow/target.h"
#include "workflow/text_normalize.h"

namespace duban::ctl {
namespace {

using nlohmann::json;

Status Usage(const std::string& message) { return Status::InvalidArgument(message); }

Status CheckId(int64_t id) {
  if (id <= 0) return Usage("a target id is a positive integer (see dubanctl target list)");
  return Status::OK();
}

// The given fields into `args`, names normalised to the protocol's; a usage error names
// the option.
Status AddFields(const TargetFieldOptions& fields, json* args) {
  if (fields.name) (*args)["name"] = *fields.name;
  if (fields.unit) (*args)["unit"] = *fields.unit;
  if (fields.comparison) {
    std::optional<TargetComparison> comparison = ParseTargetComparison(*fields.comparison);
    if (!comparison) {
      return Usage("--comparison must be at_least, at_most or about (or ≥, ≤, ≈), not \"" +
                   *fields.comparison + "\"");
    }
    (*args)["comparison"] = TargetComparisonName(*comparison);
  }
  if (fields.value) {
    if (!std::isfinite(*fields.value)) return Usage("--value must be a finite number");
    (*args)["value"] = *fields.value;
  }
  if (fields.tolerance) {
    if (!std::isfinite(*fields.tolerance) || *fields.tolerance < 0) {
      return Usage("--tolerance must be a number >= 0");
    }
    (*args)["tolerance"] = *fields.tolerance;
  }
  if (fields.period) {
    std::optional<TargetPeriod> period = ParseTargetPeriod(*fields.period);
    if (!period) {
      return Usage("--period must be yearly, by_date or cumulative, not \"" + *fields.period + "\"");
    }
    (*args)["period"] = TargetPeriodName(*period);
  }
  if (fields.by) {
    if (!ParseCivilDate(*fields.by)) return Usage("--by must be a date YYYY-MM-DD, not \"" + *fields.by + "\"");
    (*args)["by_date"] = *fields.by;
    if (!fields.period) (*args)["period"] = "by_date";  // --by alone says when
  } else if (args->value("period", "") == "by_date") {
    // A target whose period is not by_date has no date (Target's invariant), so moving it
    // to by_date needs one; on a target already by_date the option changes nothing.
    return Usage("--period by_date needs --by YYYY-MM-DD (the date the target is due)");
  }
  return Status::OK();
}

}  // namespace

Result<json> TargetListArgs(const TargetListOptions& options) {
  json args = json::object();
  if (!options.task.empty()) args["task"] = options.task;
  if (!options.state.empty()) {
    if (options.state != "all" && !ParseTargetState(options.state)) {
      return Usage("--state must be proposed, confirmed, rejected or all, not \"" + options.state +
                   "\"");
    }
    args["state"] = options.state;
  }
  return args;
}

Result<json> TargetAddArgs(const std::string& task, const TargetFieldOptions& fields) {
  if (task.empty()) return Usage("target add needs the TASK (its ref: 22, or 二.3)");
  if (!fields.name || fields.name->empty()) return Usage("target add needs --name (what is measured)");
  if (!fields.value) return Usage("target add needs --value (the target number)");
  json args = {{"task", task}};
  if (Status status = AddFields(fields, &args); !status.ok()) return status;
  return args;
}

Result<json> TargetEditArgs(int64_t id, const TargetFieldOptions& fields) {
  if (Status status = CheckId(id); !status.ok()) return status;
  json args = {{"id", id}};
  if (Status status = AddFields(fields, &args); !status.ok()) return status;
  if (args.size() == 1) {
    return Usage("target edit needs at least one of --name, --unit, --comparison, --value, "
                 "--tolerance, --period, --by");
  }
  return args;
}

Result<json> TargetConfirmArgs(const TargetConfirmOptions& options) {
  if (options.ids.empty() == options.task.empty()) {
    return Usage("target confirm takes target ids or --task TASK (every proposal of the task), "
                 "not both");
  }
  if (!options.task.empty()) return json{{"task", options.task}};
  for (int64_t id : options.ids) {
    if (Status status = CheckId(id); !status.ok()) return status;
  }
  return json{{"ids", options.ids}};
}

Result<json> TargetRejectArgs(int64_t id, const std::string& reason) {
  if (Status status = CheckId(id); !status.ok()) return status;
  // Blank is no reason (as for task suspend); argv that is not UTF-8 is the daemon's to refuse.
  const bool blank = FindInvalidUtf8(reason) == std::string_view::npos && TrimBlank(reason).empty();
  if (blank) return Usage("target reject needs --reason (why it is not a target), not a blank one");
  return json{{"id", id}, {"reason", reason}};
}

}  // namespace duban::ctl
