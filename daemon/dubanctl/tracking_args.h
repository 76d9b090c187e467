// The arguments of dubanctl's tracking commands (feedback, task REF due, outbox, simulate)
// as the command line gives them, and their assembly into the protocol's `args` objects
// (docs/PROTOCOL.md, "Tracking commands"). What the command line can check without the
// daemon (date forms, ranges, "nothing to change") fails here as a usage error, so a typo
// exits 2 before anything is sent.
//
// Plain values and pure functions; thread-safe.
#ifndef DUBAN_DAEMON_DUBANCTL_TRACKING_ARGS_H_
#define DUBAN_DAEMON_DUBANCTL_TRACKING_ARGS_H_

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "workflow/status.h"

namespace duban::ctl {

// `dubanctl feedback REF --agency X --text TEXT [--percent P] [--done] [--attach REF]...
// [--received DATE] [--value NAME=V]...`.
struct FeedbackOptions {
  std::string ref;
  std::string agency;
  std::string text;
  std::optional<int> percent;  // 0..100
  bool done = false;
  std::vector<std::string> attachments;  // paths or http(s) URLs
  std::string received;  // "YYYY-MM-DD" or "YYYY-MM-DD HH:MM"; "" = now
  std::vector<std::string> values;  // "名称=3.2" (--value, repeatable): reported target values
};

// `dubanctl feedback list [REF] [--task REF] [--agency X]`.
struct FeedbackListOptions {
  std::string ref;
  std::string task;  // --task, the same as REF
  std::string agency;
};

// `dubanctl task REF due [DATE|none] [--cycle C] [--report-days N] [--fixed-day D]
// [--participant-lead-days N] [--clear]`.
struct DueOptions {
  std::string ref;
  std::string date;  // "YYYY-MM-DD", "none", or "" (final due date unchanged)
  std::string cycle;
  std::optional<int> report_days;
  std::optional<int> fixed_day;
  std::optional<int> participant_lead_days;
  bool clear = false;

  // True when no change is asked for: `task REF due` alone shows the deadline.
  bool empty() const;
};

// `dubanctl outbox [--state S] [--task REF] [--agency X] [--limit N]`.
struct OutboxOptions {
  std::string state;
  std::string ref;
  std::string agency;
  std::optional<int> limit;
};

// `dubanctl simulate [--from DATE] [--days N] [--task REF] [--agency X]`.
struct SimulateOptions {
  std::string from;  // "" = today in the daemon's zone
  std::optional<int> days;
  std::string ref;
  std::string agency;
};

// Each returns the `args` object for its command, or kInvalidArgument with a message for
// the user (a usage error).
Result<nlohmann::json> FeedbackAddArgs(const FeedbackOptions& options);
Result<nlohmann::json> FeedbackListArgs(const FeedbackListOptions& options);
Result<nlohmann::json> DueArgs(const DueOptions& options);  // REQUIRES: !options.empty()
Result<nlohmann::json> OutboxArgs(const OutboxOptions& options);
Result<nlohmann::json> SimulateArgs(const SimulateOptions& options);
// `calendar.explain` and `calendar.add`.
Result<nlohmann::json> CalendarArgs(const std::string& date);
Result<nlohmann::json> CalendarAddArgs(const std::string& date, int days);

}  // namespace duban::ctl

#endif  // DUBAN_DAEMON_DUBANCTL_TRACKING_ARGS_H_
