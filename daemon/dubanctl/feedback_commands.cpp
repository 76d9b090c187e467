// `dubanctl feedback REF --agency X --text TEXT [--percent P] [--done] [--attach REF]...
// [--received DATE] [--value NAME=V]...` (an agency's progress report on a task, with values
// for its confirmed targets), `dubanctl feedback list [REF]
// [--task REF] [--agency X]` (the history, with attachments) and `dubanctl feedback import
// FILE [--dry-run]` (a sheet of replies, all rows or none).
//
// CLI11 reads `feedback list|import|add …` as the subcommand and anything else after
// `feedback` as the REF of a new feedback, so the issue's form `feedback 22 --agency …`
// works as written, and so does `feedback add 22 --agency …` (a task cannot be called
// "list", "import" or "add").
#include <algorithm>
#include <cstring>
#include <filesystem>
#include <memory>
#include <ostream>

#include "daemon/dubanctl/commands.h"
#include "daemon/dubanctl/file_io.h"
#include "daemon/dubanctl/json_fields.h"
#include "daemon/dubanctl/output.h"
#include "daemon/dubanctl/tracking_args.h"
#include "daemon/dubanctl/tracking_view.h"
#include "daemon/dubanctl/utf8.h"
#include "workflow/target.h"

namespace duban::ctl {
namespace {

using nlohmann::json;

// "satisfies 2026-Q3" or why it satisfied none.
std::string SatisfiesText(const json& result) {
  const std::string occurrence = TextField(result, "satisfies");
  if (!occurrence.empty()) return occurrence + " (its escalation for this agency stops)";
  return "no open due occurrence (recorded as progress only)";
}

void PrintFeedbackAdded(Context& context, const json& result) {
  const json& feedback = result.at("feedback");
  std::vector<Field> fields = {
      {"feedback", "#" + NumberField(feedback, "id") + " from " + TextField(feedback, "agency") +
                       " on task " + TextField(feedback, "task_ref")},
      {"satisfies", SatisfiesText(result)},
  };
  if (feedback.contains("percent") && !feedback.at("percent").is_null()) {
    fields.push_back({"percent", NumberField(feedback, "percent") + "%"});
  }
  if (FlagField(feedback, "done")) fields.push_back({"done", "yes: the agency's part is finished"});
  if (auto values = feedback.find("values"); values != feedback.end() && values->is_object()) {
    std::vector<std::string> reported;
    for (const auto& [name, value] : values->items()) {
      reported.push_back(name + "=" + FormatNumber(value.get<double>()));
    }
    if (!reported.empty()) fields.push_back({"values", JoinNames(reported, ", ")});
  }
  std::string light = LightNameOf(result);
  std::string reason = LightReasonOf(result);
  fields.push_back({"light", LightLabel(light) + (reason.empty() ? "" : ": " + reason)});
  *context.out << RenderFields(fields, TerminalWidth());
}

void PrintFeedbackList(Context& context, const json& result, const FeedbackListOptions& options) {
  const json feedback = ArrayField(result, "feedback");
  if (!feedback.empty()) *context.out << RenderFeedbackTable(feedback, TerminalWidth());
  std::string line = CountOf(static_cast<int64_t>(feedback.size()), "feedback", "feedback");
  std::vector<std::string> filters;
  if (!options.ref.empty() || !options.task.empty()) {
    filters.push_back("task " + (options.ref.empty() ? options.task : options.ref));
  }
  if (!options.agency.empty()) filters.push_back("agency " + options.agency);
  if (!filters.empty()) line += " (" + JoinNames(filters, ", ") + ")";
  *context.out << line << "\n";
}

void SetupFeedbackList(CLI::App& command, Context& context) {
  auto options = std::make_shared<FeedbackListOptions>();
  CLI::App* list = command.add_subcommand(
      "list", "dubanctl feedback list [REF] [--task REF] [--agency X]: the feedback history, "
              "by task and agency, with attachments");
  list->add_option("REF", options->ref, "only feedback on this task");
  list->add_option("--task", options->task, "only feedback on this task (the same as REF)");
  list->add_option("--agency", options->agency, "only feedback from this agency (name or alias)");
  list->callback([&context, options] {
    context.CallAndPrint("feedback.list", FeedbackListArgs(*options), [&](const json& result) {
      PrintFeedbackList(context, result, *options);
    });
  });
}

void PrintImport(Context& context, const json& result, const std::string& file) {
  const json stored = ArrayField(result, "stored");
  const json skipped = ArrayField(result, "skipped");
  const bool dry_run = FlagField(result, "dry_run");
  if (!stored.empty()) {
    *context.out << (dry_run ? "would store:\n" : "stored:\n");
    json rows = json::array();
    for (const json& item : stored) rows.push_back(item.value("feedback", json::object()));
    *context.out << RenderFeedbackTable(rows, TerminalWidth());
  }
  for (const json& item : skipped) {
    *context.out << "skipped row " << NumberField(item, "row") << " (task "
                 << TextField(item, "task_ref") << ", " << TextField(item, "agency")
                 << "): " << TextField(item, "reason") << "\n";
  }
  *context.out << (dry_run ? "dry run of " : "imported ") << file << ": "
               << CountOf(static_cast<int64_t>(stored.size()), "feedback", "feedback")
               << (dry_run ? " would be stored, " : " stored, ") << skipped.size()
               << " skipped as already stored"
               << (dry_run ? ". Nothing was stored." : "") << "\n";
}

// What makes a sheet unusable before the daemon sees it, as plan import says it ("" if
// nothing): an empty file, or bytes that are not UTF-8 (a sheet saved as plain "CSV" by
// Excel on Chinese Windows is GB18030), which the JSON request could not carry.
std::string SheetProblem(const std::string& file, std::string_view content) {
  if (content.empty()) {
    return file + " is empty: a feedback sheet starts with a header row (task, agency, "
                  "received, text)";
  }
  const std::optional<std::size_t> bad = FindInvalidUtf8(content);
  if (!bad) return "";
  const auto line = 1 + std::count(content.begin(),
                                   content.begin() + static_cast<std::ptrdiff_t>(*bad), '\n');
  return file + ": line " + std::to_string(line) +
         " is not valid UTF-8 (save it as \"CSV UTF-8\", or convert it, e.g. iconv -f "
         "GB18030 -t UTF-8)";
}

void SetupFeedbackImport(CLI::App& command, Context& context) {
  auto file = std::make_shared<std::string>();
  auto dry_run = std::make_shared<bool>(false);
  CLI::App* import = command.add_subcommand(
      "import", "dubanctl feedback import FILE [--dry-run]: import a CSV sheet of replies "
                "(task, agency, received, text; percent, done, attachments): every row or none");
  import->add_option("FILE", *file, "the CSV file (UTF-8, BOM or not; headers in Chinese or "
                                    "English, see docs/FEEDBACK.md)")
      ->required();
  import->add_flag("--dry-run", *dry_run, "check every row and show what would be stored");
  import->callback([&context, file, dry_run] {
    context.Run([&] {
      std::string content;
      if (int error = ReadWholeFile(*file, &content); error != 0) {
        context.Fail(kExitUsage, "cannot read feedback file " + *file + ": " + std::strerror(error));
        return;
      }
      if (std::string problem = SheetProblem(*file, content); !problem.empty()) {
        context.Fail(kExitUsage, problem);
        return;
      }
      json args = {{"content", std::move(content)},
                   {"source", std::filesystem::path(*file).filename().string()},
                   {"dry_run", *dry_run}};
      context.CallAndPrint("feedback.import", args,
                           [&](const json& result) { PrintImport(context, result, *file); });
    });
  });
}

// The options of a new feedback, on `feedback` itself and on `feedback add`.
void AddFeedbackOptions(CLI::App& command, FeedbackOptions& options) {
  command.add_option("REF", options.ref, "the task the feedback is on: 22, or 二.3");
  command.add_option("--agency", options.agency, "the reporting agency (name or alias)");
  command.add_option("--text", options.text, "what the agency reports");
  command.add_option("--percent", options.percent, "progress, 0..100")->check(CLI::Range(0, 100));
  command.add_flag("--done", options.done, "the agency reports its part finished");
  command.add_option("--attach", options.attachments,
                     "an attached document: a file path or an http(s) URL (repeat for more); "
                     "kept as a reference, never read")
      ->expected(1)  // one reference per --attach: a REF after it stays the REF
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  command.add_option("--received", options.received,
                     "when the reply was received: YYYY-MM-DD or 'YYYY-MM-DD HH:MM' in the "
                     "daemon's zone, not in the future (default: now)");
  command.add_option("--value", options.values,
                     "a value reported for one of the task's confirmed targets, NAME=VALUE "
                     "(e.g. 生产总值增长=7.2; repeat for more; see dubanctl target list)")
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
}

void RunFeedbackAdd(Context& context, const FeedbackOptions& options) {
  // "in the future" is judged by the daemon's clock (it may run shifted): its words, our name.
  context.option_names = {{"received", "--received"}, {"agency", "--agency"}, {"text", "--text"},
                          {"percent", "--percent"}, {"values", "--value"}};
  context.CallAndPrint("feedback.add", FeedbackAddArgs(options),
                       [&](const json& result) { PrintFeedbackAdded(context, result); });
}

}  // namespace

void SetupFeedbackCommands(CLI::App& command, Context& context) {
  auto options = std::make_shared<FeedbackOptions>();
  AddFeedbackOptions(command, *options);
  SetupFeedbackList(command, context);
  SetupFeedbackImport(command, context);
  // `feedback add REF …` is the same as `feedback REF …`, for those who expect a verb.
  auto add_options = std::make_shared<FeedbackOptions>();
  CLI::App* add = command.add_subcommand(
      "add", "dubanctl feedback add REF --agency X --text TEXT [...]: the same as feedback REF");
  AddFeedbackOptions(*add, *add_options);
  add->callback([&context, add_options] { RunFeedbackAdd(context, *add_options); });
  CLI::App* self = &command;
  command.callback([&context, options, self] {
    if (!self->get_subcommands().empty()) return;  // `feedback list|import|add` ran instead
    RunFeedbackAdd(context, *options);
  });
}

}  // namespace duban::ctl
