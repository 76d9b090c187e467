#include "daemon/duband/startup_plan.h"

#include <fstream>
#include <sstream>
#include <string>

#include <spdlog/spdlog.h>

#include "daemon/duband/plan_import.h"
#include "daemon/duband/target_proposals.h"

namespace duban {
namespace {

Result<std::string> ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError("cannot open " + path.string());
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad()) return Status::IOError("cannot read " + path.string());
  return content.str();
}

void LogRefusal(const std::filesystem::path& file, const ImportResult& reading,
                const Status& why) {
  std::string summary = why.message().substr(0, why.message().find('\n'));
  spdlog::error("not importing [plan] file {}: {}; running without a plan until one is "
                "imported",
                file.string(), summary);
  for (const ImportIssue& issue : reading.issues) {
    if (issue.severity != ImportIssue::Severity::kDoubt &&
        issue.severity != ImportIssue::Severity::kError) {
      continue;
    }
    spdlog::error("{}:{}: {}{}{}", file.string(), issue.line, SeverityName(issue.severity),
                  issue.task_ref.empty() ? "" : " in task " + issue.task_ref, ": " + issue.message);
  }
}

}  // namespace

StartupPlanOutcome ImportStartupPlan(Store& store, const Config& config,
                                     const AgencyDirectory& agencies, int64_t now) {
  const std::filesystem::path& file = config.plan.file;
  if (file.empty()) return StartupPlanOutcome::kNotConfigured;
  Result<StoreSummary> summary = store.Summary();
  if (!summary.ok()) {
    spdlog::error("cannot check the store for a plan: {}", summary.status().ToString());
    return StartupPlanOutcome::kFailed;
  }
  if (summary->plan_imported_at != 0) {
    spdlog::debug("the store holds a plan; [plan] file {} not read", file.string());
    return StartupPlanOutcome::kStoreHasPlan;
  }
  Result<std::string> content = ReadFile(file);
  if (!content.ok()) {
    spdlog::error("[plan] file: {}", content.status().message());
    return StartupPlanOutcome::kFailed;
  }
  PlanReadOptions options;
  options.format = PlanFormatForFile(file);
  options.source_name = file.filename().string();
  options.first_listed_leads = config.plan.first_listed_leads;
  ImportResult reading = ReadPlan(*content, options, agencies);
  if (Status importable = CheckImportable(reading, /*accept_doubtful=*/false); !importable.ok()) {
    LogRefusal(file, reading, importable);
    return StartupPlanOutcome::kRefused;
  }
  Result<PlanDiff> diff = store.ApplyPlan(reading.plan, kStartupPlanActor, now);
  if (!diff.ok()) {
    spdlog::error("cannot import [plan] file {}: {}", file.string(), diff.status().ToString());
    return StartupPlanOutcome::kFailed;
  }
  spdlog::info("imported [plan] file {}: \"{}\", {} tasks in {} sections, {} issue(s) noted",
               file.string(), reading.plan.title, reading.plan.tasks.size(),
               reading.plan.sections.size(), reading.issues.size());
  // The importer's target proposals wait for the office (never confirmed here); a failure
  // to store them is logged there and leaves the plan imported and running.
  (void)RecordPlanProposals(store, reading.plan, kStartupPlanActor, now,
                            "[plan] file " + file.string());
  return StartupPlanOutcome::kImported;
}

}  // namespace duban
