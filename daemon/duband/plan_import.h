// Reading a plan for import, shared by the plan.import command and the start-up import of
// [plan] file: pick the importer by format, canonicalise agency names, and decide whether
// a reading may be applied. No task is ever dropped quietly: a reading with errors is never
// importable, one with doubtful tasks only with explicit consent, and the refusal lists
// what was found with line numbers.
//
// Pure functions; thread-safe (the AgencyDirectory is only read).
#ifndef DUBAN_DAEMON_DUBAND_PLAN_IMPORT_H_
#define DUBAN_DAEMON_DUBAND_PLAN_IMPORT_H_

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "workflow/agency_directory.h"
#include "workflow/plan.h"
#include "workflow/status.h"

namespace duban {

enum class PlanFormat { kText, kCsv };

// "text" or "csv"; nullopt otherwise.
std::optional<PlanFormat> ParsePlanFormat(std::string_view name);
// kCsv for a ".csv" file name (any case), kText otherwise.
PlanFormat PlanFormatForFile(const std::filesystem::path& path);

struct PlanReadOptions {
  PlanFormat format = PlanFormat::kText;
  std::string source_name;          // for messages and Plan::source
  bool first_listed_leads = false;  // text only; see PlanImportOptions
};

// Imports `content` with the importer for `options.format` and rewrites agency names to
// their canonical form with `agencies`.
ImportResult ReadPlan(std::string_view content, const PlanReadOptions& options,
                      const AgencyDirectory& agencies);

// Tasks whose reading is kDoubtful.
int CountDoubtfulTasks(const Plan& plan);

// How many issues a refusal message lists before "and N more".
inline constexpr size_t kListedIssues = 20;

// One line per issue of `severity`, "line 12, task 3: <message>", at most `limit` lines,
// then "and N more".
std::string ListIssues(const std::vector<ImportIssue>& issues, ImportIssue::Severity severity,
                       size_t limit = kListedIssues);

// Whether `reading` may be applied: kInvalidArgument if it has errors (always), or no
// tasks at all; kFailedPrecondition if it has doubts and !accept_doubtful. The message
// names the source and lists the errors or doubts with their lines.
Status CheckImportable(const ImportResult& reading, bool accept_doubtful);

}  // namespace duban

#endif  // DUBAN_DAEMON_DUBAND_PLAN_IMPORT_H_
