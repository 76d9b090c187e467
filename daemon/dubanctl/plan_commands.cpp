// `dubanctl plan import FILE` and `dubanctl plan export`: moving a whole plan in and out.
#include <algorithm>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <memory>
#include <ostream>

#include "daemon/dubanctl/commands.h"
#include "daemon/dubanctl/file_io.h"
#include "daemon/dubanctl/output.h"
#include "daemon/dubanctl/table.h"
#include "daemon/dubanctl/target_view.h"
#include "daemon/dubanctl/task_view.h"
#include "daemon/dubanctl/utf8.h"
#include "daemon/plan_json.h"

namespace duban::ctl {
namespace {

using nlohmann::json;

struct ImportOptions {
  std::string file;
  std::string format;  // "text" or "csv"; empty: from the file's extension
  bool dry_run = false;
  bool accept_doubtful = false;
};

struct ExportOptions {
  std::string format = "csv";
  std::string output;  // empty: stdout
};

std::string FormatFromExtension(const std::string& file) {
  std::string extension = std::filesystem::path(file).extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return extension == ".csv" ? "csv" : "text";
}

int LineOfOffset(std::string_view text, std::size_t offset) {
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

// "line 12: task 5: no assignment found (doubt)".
std::string IssueLine(const ImportIssue& issue) {
  std::string line;
  if (issue.line > 0) line += "line " + std::to_string(issue.line) + ": ";
  if (!issue.task_ref.empty()) line += "task " + issue.task_ref + ": ";
  return line + issue.message + " (" + std::string(SeverityName(issue.severity)) + ")";
}

// "47 added, 0 removed, 0 changed".
std::string DiffCounts(const PlanDiff& diff) {
  return std::to_string(diff.added.size()) + " added, " + std::to_string(diff.removed.size()) +
         " removed, " + std::to_string(diff.changed.size()) + " changed";
}

// The refs behind the counts, and title or section changes.
std::vector<Field> DiffDetails(const PlanDiff& diff) {
  std::vector<Field> fields;
  if (!diff.added.empty()) fields.push_back({"  added", JoinNames(diff.added, ", ")});
  if (!diff.removed.empty()) fields.push_back({"  removed", JoinNames(diff.removed, ", ")});
  if (!diff.changed.empty()) {
    std::vector<std::string> changes;
    for (const auto& change : diff.changed) {
      changes.push_back(change.ref + " (" + JoinNames(change.fields, ", ") + ")");
    }
    fields.push_back({"  changed", JoinNames(changes, ", ")});
  }
  if (diff.title_changed) fields.push_back({"  title", "changed"});
  if (diff.sections_changed) fields.push_back({"  sections", "changed"});
  return fields;
}

void PrintIssues(std::ostream& out, const std::vector<ImportIssue>& issues) {
  if (issues.empty()) return;
  out << "\n" << CountOf(static_cast<int64_t>(issues.size()), "issue", "issues") << ":\n";
  for (const auto& issue : issues) out << "  " << IssueLine(issue) << "\n";
}

std::vector<ImportIssue> IssuesOf(const json& result) {
  std::vector<ImportIssue> issues;
  for (const auto& item : result.value("issues", json::array())) {
    issues.push_back(ImportIssueFromJson(item));
  }
  return issues;
}

std::string PlanSize(const json& counts) {
  return CountOf(counts.value("tasks", 0), "task", "tasks") + " in " +
         CountOf(counts.value("sections", 0), "section", "sections");
}

// The importer's target proposals: stored for review after an import, or (dry run) the
// ones an import would store, in a table.
void PrintProposals(std::ostream& out, const json& result, bool dry_run) {
  auto block = result.find("target_proposals");
  if (block == result.end() || !block->is_object()) return;  // an older daemon
  if (auto error = block->find("error"); error != block->end() && error->is_string()) {
    out << (dry_run ? "target proposals could not be read: "
                    : "the plan is imported, but its target proposals could not be stored: ")
        << error->get<std::string>() << "\n";
    return;
  }
  const json targets = block->value("targets", json::array());
  if (dry_run) {
    if (targets.empty()) return;
    out << "\n"
        << CountOf(static_cast<int64_t>(targets.size()), "target proposal", "target proposals")
        << " an import would store for review:\n"
        << RenderTargetTable(targets, TerminalWidth());
    return;
  }
  const std::string hint = block->value("hint", std::string());
  if (!hint.empty()) out << hint << "\n";
}

void PrintDryRun(Context& context, const json& result) {
  std::ostream& out = *context.out;
  const json& counts = result.at("counts");
  out << "dry run of " << result.value("source", std::string()) << ": "
      << result.value("title", std::string("(untitled)")) << "\n"
      << PlanSize(counts) << ", " << counts.value("doubtful", 0) << " doubtful\n\n";

  Table table({{"REF"}, {"SECTION"}, {"LEAD", 24}, {"PARTICIPANTS", 0, Align::kLeft, /*flex=*/true},
               {"RESPONSIBLE", 24}, {"CONFIDENCE"}});
  for (const auto& item : result.value("tasks", json::array())) {
    Task task = TaskFromJson(item);
    table.AddRow({task.ref, task.section, AgencyCell(task, Role::kLead),
                  AgencyCell(task, Role::kParticipant), AgencyCell(task, Role::kResponsible),
                  ConfidenceLabel(task.confidence)});
  }
  out << table.Render(TerminalWidth());
  PrintIssues(out, IssuesOf(result));

  PlanDiff diff = PlanDiffFromJson(result.at("diff"));
  out << "\ncompared with the stored plan: "
      << (diff.empty() ? std::string("no changes") : DiffCounts(diff)) << "\n"
      << RenderFields(DiffDetails(diff), TerminalWidth());
  PrintProposals(out, result, /*dry_run=*/true);
  out << "nothing was stored (dry run)";
  if (counts.value("doubtful", 0) > 0) out << "; importing needs --accept-doubtful";
  out << "\n";
}

void PrintImport(Context& context, const json& result) {
  std::ostream& out = *context.out;
  PlanDiff diff = PlanDiffFromJson(result.at("diff"));
  const std::string size = PlanSize(result.at("counts"));
  if (diff.empty()) {
    out << "no changes: the stored plan already has these " << size << "\n";
  } else {
    out << "imported " << size << ": " << DiffCounts(diff) << "\n"
        << RenderFields(DiffDetails(diff), TerminalWidth());
  }
  PrintIssues(out, IssuesOf(result));
  PrintProposals(out, result, /*dry_run=*/false);
}

void RunImport(Context& context, const ImportOptions& options) {
  std::string content;
  if (int error = ReadWholeFile(options.file, &content); error != 0) {
    context.Fail(kExitUsage, "cannot read plan file " + options.file + ": " + std::strerror(error));
    return;
  }
  if (auto bad = FindInvalidUtf8(content)) {
    context.Fail(kExitUsage, options.file + ": line " +
                                 std::to_string(LineOfOffset(content, *bad)) +
                                 " is not valid UTF-8 (convert the file first, e.g. "
                                 "iconv -f GB18030 -t UTF-8)");
    return;
  }
  json args = {{"content", std::move(content)},
               {"format", options.format.empty() ? FormatFromExtension(options.file)
                                                 : options.format},
               {"source", std::filesystem::path(options.file).filename().string()},
               {"dry_run", options.dry_run},
               {"accept_doubtful", options.accept_doubtful}};
  std::optional<json> result = context.Call("plan.import", std::move(args));
  if (!result) {
    if (context.error_code == "failed_precondition" && !options.accept_doubtful) {
      *context.err << "dubanctl: review the reading with --dry-run; import doubtful tasks "
                      "anyway with --accept-doubtful\n";
    }
    return;
  }
  if (context.json) {
    context.PrintJson(*result);
  } else if (options.dry_run) {
    PrintDryRun(context, *result);
  } else {
    PrintImport(context, *result);
  }
}

void RunExport(Context& context, const ExportOptions& options) {
  std::optional<json> result = context.Call("plan.export", {{"format", options.format}});
  if (!result) return;
  const std::string content = result->at("content").get<std::string>();
  if (!options.output.empty()) {
    if (int error = WriteWholeFile(options.output, content); error != 0) {
      context.Fail(kExitUsage, "cannot write " + options.output + ": " + std::strerror(error));
      return;
    }
  }
  if (context.json) {
    context.PrintJson(*result);
  } else if (options.output.empty()) {
    context.out->write(content.data(), static_cast<std::streamsize>(content.size()));
    context.out->flush();
  }
}

void SetupImport(CLI::App& plan, Context& context) {
  auto options = std::make_shared<ImportOptions>();
  CLI::App* import = plan.add_subcommand("import", "read a plan (text or CSV) into the store");
  import->add_option("FILE", options->file, "the plan file (UTF-8)")->required();
  import->add_flag("--dry-run", options->dry_run,
                   "show the reading, its issues and what would change; store nothing");
  import->add_flag("--accept-doubtful", options->accept_doubtful,
                   "import even if some tasks could not be read with certainty");
  import->add_option("--format", options->format, "text or csv (default: csv for *.csv)")
      ->check(CLI::IsMember({"text", "csv"}));
  import->callback([&context, options] { context.Run([&] { RunImport(context, *options); }); });
}

void SetupExport(CLI::App& plan, Context& context) {
  auto options = std::make_shared<ExportOptions>();
  CLI::App* exporter = plan.add_subcommand("export", "write the current plan as CSV (UTF-8, BOM)");
  exporter->add_option("--format", options->format, "csv (the default and only format)")
      ->check(CLI::IsMember({"csv"}));
  exporter->add_option("-o,--output", options->output, "write to FILE instead of stdout");
  exporter->callback([&context, options] { context.Run([&] { RunExport(context, *options); }); });
}

}  // namespace

void SetupPlanCommands(CLI::App& command, Context& context) {
  SetupImport(command, context);
  SetupExport(command, context);
  command.require_subcommand(1);
}

}  // namespace duban::ctl
