// `dubanctl feedback REF --agency X --text TEXT [--percent P] [--done]` (an agency's
// progress report on a task) and `dubanctl feedback list [REF] [--agency X]`.
//
// CLI11 reads `feedback list …` as the subcommand and anything else after `feedback` as
// the REF of a new feedback, so the issue's form `feedback 22 --agency …` works as written
// (a task cannot be called "list").
#include <memory>
#include <ostream>

#include "daemon/dubanctl/commands.h"
#include "daemon/dubanctl/json_fields.h"
#include "daemon/dubanctl/output.h"
#include "daemon/dubanctl/tracking_args.h"
#include "daemon/dubanctl/tracking_view.h"

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
  if (!options.ref.empty()) filters.push_back("task " + options.ref);
  if (!options.agency.empty()) filters.push_back("agency " + options.agency);
  if (!filters.empty()) line += " (" + JoinNames(filters, ", ") + ")";
  *context.out << line << "\n";
}

void SetupFeedbackList(CLI::App& command, Context& context) {
  auto options = std::make_shared<FeedbackListOptions>();
  CLI::App* list = command.add_subcommand(
      "list", "dubanctl feedback list [REF] [--agency X]: list feedback, by task and agency");
  list->add_option("REF", options->ref, "only feedback on this task");
  list->add_option("--agency", options->agency, "only feedback from this agency (name or alias)");
  list->callback([&context, options] {
    context.CallAndPrint("feedback.list", FeedbackListArgs(*options), [&](const json& result) {
      PrintFeedbackList(context, result, *options);
    });
  });
}

}  // namespace

void SetupFeedbackCommands(CLI::App& command, Context& context) {
  auto options = std::make_shared<FeedbackOptions>();
  command.add_option("REF", options->ref, "the task the feedback is on: 22, or 二.3");
  command.add_option("--agency", options->agency, "the reporting agency (name or alias)");
  command.add_option("--text", options->text, "what the agency reports");
  command.add_option("--percent", options->percent, "progress, 0..100")
      ->check(CLI::Range(0, 100));
  command.add_flag("--done", options->done, "the agency reports its part finished");
  SetupFeedbackList(command, context);
  CLI::App* self = &command;
  command.callback([&context, options, self] {
    if (!self->get_subcommands().empty()) return;  // `feedback list` ran instead
    context.CallAndPrint("feedback.add", FeedbackAddArgs(*options),
                         [&](const json& result) { PrintFeedbackAdded(context, result); });
  });
}

}  // namespace duban::ctl
