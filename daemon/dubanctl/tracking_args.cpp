#include "daemon/dubanctl/tracking_args.h"

#include "workflow/civil_date.h"
#include "workflow/feedback_input.h"
#include "workflow/target.h"

namespace duban::ctl {
namespace {

using nlohmann::json;

constexpr int kMaxSimulateDays = 366;  // the daemon's limit (docs/PROTOCOL.md)

// Empty if `text` is a YYYY-MM-DD date; otherwise the message naming `what`.
std::string DateProblem(const std::string& what, const std::string& text) {
  if (ParseCivilDate(text)) return "";
  return what + " must be a date as YYYY-MM-DD (a real day), not '" + text + "'";
}

void SetIfGiven(json& args, const char* key, const std::string& value) {
  if (!value.empty()) args[key] = value;
}

}  // namespace

bool DueOptions::empty() const {
  return date.empty() && cycle.empty() && !report_days && !fixed_day &&
         !participant_lead_days && !clear;
}

Result<json> FeedbackAddArgs(const FeedbackOptions& options) {
  if (options.ref.empty()) return Status::InvalidArgument("REF is required: the task's ref");
  if (options.agency.empty()) return Status::InvalidArgument("--agency is required");
  if (options.text.empty()) return Status::InvalidArgument("--text must not be empty");
  if (options.percent && (*options.percent < 0 || *options.percent > 100)) {
    return Status::InvalidArgument("--percent must be 0..100, not " +
                                   std::to_string(*options.percent));
  }
  json args = {{"ref", options.ref}, {"agency", options.agency}, {"text", options.text}};
  if (options.percent) args["percent"] = *options.percent;
  if (options.done) args["done"] = true;
  for (const std::string& attachment : options.attachments) {
    if (Status status = CheckAttachment(attachment); !status.ok()) {
      return Status::InvalidArgument("--attach: " + status.message());
    }
  }
  if (!options.attachments.empty()) args["attachments"] = options.attachments;
  // The daemon checks the date against its own zone and clock (not in the future).
  SetIfGiven(args, "received", options.received);
  // Whether each name is a confirmed target of the task is the daemon's check.
  json values = json::object();
  for (const std::string& text : options.values) {
    std::string error;
    std::optional<ReportedValue> value = ParseReportedValue(text, &error);
    if (!value) return Status::InvalidArgument("--value " + text + ": " + error);
    if (values.contains(value->name)) {
      return Status::InvalidArgument("--value " + value->name + " is given twice");
    }
    values[value->name] = value->value;
  }
  if (!values.empty()) args["values"] = std::move(values);
  return args;
}

Result<json> FeedbackListArgs(const FeedbackListOptions& options) {
  if (!options.ref.empty() && !options.task.empty() && options.ref != options.task) {
    return Status::InvalidArgument("REF " + options.ref + " and --task " + options.task +
                                   " name different tasks; give one");
  }
  json args = json::object();
  SetIfGiven(args, "ref", options.ref.empty() ? options.task : options.ref);
  SetIfGiven(args, "agency", options.agency);
  return args;
}

Result<json> DueArgs(const DueOptions& options) {
  if (options.clear && !(options.date.empty() && options.cycle.empty() &&
                         !options.report_days && !options.fixed_day &&
                         !options.participant_lead_days)) {
    return Status::InvalidArgument(
        "--clear drops the run-time change; it cannot be combined with a new value");
  }
  json args = {{"ref", options.ref}};
  if (options.clear) {
    args["clear"] = true;
    return args;
  }
  if (!options.date.empty() && options.date != "none") {
    if (std::string problem = DateProblem("DATE", options.date); !problem.empty()) {
      return Status::InvalidArgument(problem + " (or 'none' to drop the final due date)");
    }
  }
  SetIfGiven(args, "final_due", options.date);
  SetIfGiven(args, "cycle", options.cycle);
  if (options.report_days) {
    if (*options.report_days < 0) return Status::InvalidArgument("--report-days must be >= 0");
    args["report_working_days_after"] = *options.report_days;
  }
  if (options.fixed_day) {
    if (*options.fixed_day < 0 || *options.fixed_day > 31) {
      return Status::InvalidArgument("--fixed-day must be 1..31 (0: none)");
    }
    args["report_fixed_day"] = *options.fixed_day;
  }
  if (options.participant_lead_days) {
    if (*options.participant_lead_days < 0) {
      return Status::InvalidArgument("--participant-lead-days must be >= 0");
    }
    args["participant_lead_days"] = *options.participant_lead_days;
  }
  return args;
}

Result<json> OutboxArgs(const OutboxOptions& options) {
  json args = json::object();
  SetIfGiven(args, "state", options.state);
  SetIfGiven(args, "ref", options.ref);
  SetIfGiven(args, "agency", options.agency);
  if (options.limit) {
    if (*options.limit < 1) return Status::InvalidArgument("--limit must be at least 1");
    args["limit"] = *options.limit;
  }
  return args;
}

Result<json> SimulateArgs(const SimulateOptions& options) {
  json args = json::object();
  if (!options.from.empty()) {
    if (std::string problem = DateProblem("--from", options.from); !problem.empty()) {
      return Status::InvalidArgument(problem);
    }
    args["from"] = options.from;
  }
  if (options.days) {
    if (*options.days < 1 || *options.days > kMaxSimulateDays) {
      return Status::InvalidArgument("--days must be 1.." + std::to_string(kMaxSimulateDays) +
                                     ", not " + std::to_string(*options.days));
    }
    args["days"] = *options.days;
  }
  SetIfGiven(args, "ref", options.ref);
  SetIfGiven(args, "agency", options.agency);
  return args;
}

Result<json> CalendarArgs(const std::string& date) {
  if (std::string problem = DateProblem("DATE", date); !problem.empty()) {
    return Status::InvalidArgument(problem);
  }
  return json{{"date", date}};
}

Result<json> CalendarAddArgs(const std::string& date, int days) {
  if (std::string problem = DateProblem("DATE", date); !problem.empty()) {
    return Status::InvalidArgument(problem);
  }
  return json{{"date", date}, {"days", days}};
}

}  // namespace duban::ctl
