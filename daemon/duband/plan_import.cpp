#include "daemon/duband/plan_import.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <functional>
#include <map>

#include "workflow/plan_csv.h"
#include "workflow/plan_text_importer.h"

namespace duban {
namespace {

std::string Lowercase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

size_t CountIssues(const std::vector<ImportIssue>& issues, ImportIssue::Severity severity) {
  return static_cast<size_t>(std::count_if(
      issues.begin(), issues.end(),
      [&](const ImportIssue& issue) { return issue.severity == severity; }));
}

std::string DescribeIssue(const ImportIssue& issue) {
  std::string text = "line " + std::to_string(issue.line);
  if (!issue.task_ref.empty()) text += ", task " + issue.task_ref;
  return text + ": " + issue.message;
}

// "lead and participant" for each agency of `task` named in two roles (FindRoleOverlaps),
// by its name after `rename` (the canonical name; null: as written).
std::map<std::string, std::string> RoleOverlaps(
    const Task& task, const std::function<std::string(const std::string&)>& rename) {
  std::map<std::string, std::string> overlaps;
  for (RoleOverlap& overlap : FindRoleOverlaps(task, rename)) {
    overlaps.emplace(std::move(overlap.name), std::string(RoleName(overlap.first)) + " and " +
                                                  std::string(RoleName(overlap.second)));
  }
  return overlaps;
}

// Aliases can make two names one agency in two roles (省发改委牵头，发改委参加, with 发改委
// an alias), which the importers cannot see; like the importers' own, each is a doubt.
void DoubtOverlapsFromAliases(const AgencyDirectory& agencies, ImportResult* reading) {
  auto canonical = [&](const std::string& name) { return agencies.Canonical(name); };
  for (Task& task : reading->plan.tasks) {
    std::map<std::string, std::string> after = RoleOverlaps(task, canonical);
    if (after.empty()) continue;
    std::map<std::string, std::string> before = RoleOverlaps(task, nullptr);
    for (const auto& [name, roles] : after) {
      if (before.count(name)) continue;  // already a doubt of the importer
      std::string doubt =
          name + " is both " + roles + " once aliases are applied; keep it in one role";
      reading->issues.push_back(
          {ImportIssue::Severity::kDoubt, task.line, task.ref, "task " + task.ref + ": " + doubt});
      task.doubts.push_back(std::move(doubt));
      task.confidence = Confidence::kDoubtful;
    }
  }
}

std::string SourceOf(const ImportResult& reading) {
  return reading.plan.source.empty() ? std::string("the plan") : reading.plan.source;
}

}  // namespace

std::optional<PlanFormat> ParsePlanFormat(std::string_view name) {
  if (name == "text") return PlanFormat::kText;
  if (name == "csv") return PlanFormat::kCsv;
  return std::nullopt;
}

PlanFormat PlanFormatForFile(const std::filesystem::path& path) {
  return Lowercase(path.extension().string()) == ".csv" ? PlanFormat::kCsv : PlanFormat::kText;
}

ImportResult ReadPlan(std::string_view content, const PlanReadOptions& options,
                      const AgencyDirectory& agencies) {
  ImportResult reading;
  if (options.format == PlanFormat::kCsv) {
    reading = ImportPlanCsv(content, options.source_name);
  } else {
    PlanImportOptions import_options;
    import_options.first_listed_leads = options.first_listed_leads;
    import_options.source_name = options.source_name;
    reading = ImportPlanText(content, import_options);
  }
  if (reading.plan.source.empty()) reading.plan.source = options.source_name;
  DoubtOverlapsFromAliases(agencies, &reading);
  agencies.Canonicalise(&reading.plan);
  return reading;
}

int CountDoubtfulTasks(const Plan& plan) {
  return static_cast<int>(std::count_if(plan.tasks.begin(), plan.tasks.end(), [](const Task& t) {
    return t.confidence == Confidence::kDoubtful;
  }));
}

std::string ListIssues(const std::vector<ImportIssue>& issues, ImportIssue::Severity severity,
                       size_t limit) {
  std::string list;
  size_t listed = 0;
  size_t total = CountIssues(issues, severity);
  for (const ImportIssue& issue : issues) {
    if (issue.severity != severity) continue;
    if (listed == limit) break;
    if (!list.empty()) list += "\n";
    list += DescribeIssue(issue);
    ++listed;
  }
  if (total > listed) list += "\nand " + std::to_string(total - listed) + " more";
  return list;
}

Status CheckImportable(const ImportResult& reading, bool accept_doubtful) {
  using Severity = ImportIssue::Severity;
  if (reading.has_errors()) {
    size_t errors = CountIssues(reading.issues, Severity::kError);
    return Status::InvalidArgument(SourceOf(reading) + " cannot be imported: " +
                                   std::to_string(errors) + " error(s)\n" +
                                   ListIssues(reading.issues, Severity::kError));
  }
  if (reading.plan.tasks.empty()) {
    return Status::InvalidArgument("no tasks found in " + SourceOf(reading) +
                                   "; nothing imported");
  }
  if (reading.has_doubts() && !accept_doubtful) {
    return Status::FailedPrecondition(
        SourceOf(reading) + " has " +
        std::to_string(CountIssues(reading.issues, Severity::kDoubt)) + " doubt(s) in " +
        std::to_string(CountDoubtfulTasks(reading.plan)) + " task(s); check the reading with a dry run, then import with "
        "accept_doubtful to take it as read\n" +
        ListIssues(reading.issues, Severity::kDoubt));
  }
  return Status::OK();
}

}  // namespace duban
