// `dubanctl tasks` (a filtered table with each task's traffic light) and `dubanctl task
// REF` (one task in full: light, deadline, next due occurrences, feedback). The changes to
// a task (`task REF due|suspend|resume|complete`) are in task_change_commands.cpp.
#include <algorithm>
#include <memory>
#include <ostream>

#include "daemon/dubanctl/commands.h"
#include "daemon/dubanctl/json_fields.h"
#include "daemon/dubanctl/output.h"
#include "daemon/dubanctl/table.h"
#include "daemon/dubanctl/task_targets_view.h"
#include "daemon/dubanctl/task_view.h"
#include "daemon/dubanctl/tracking_view.h"
#include "daemon/plan_json.h"

namespace duban::ctl {
namespace {

using nlohmann::json;

struct TasksOptions {
  std::string agency;
  std::string role;
  std::string section;
  std::string state;
  std::string light;
};

json FilterArgs(const TasksOptions& options) {
  json args = json::object();
  if (!options.agency.empty()) args["agency"] = options.agency;
  if (!options.role.empty()) args["role"] = options.role;
  if (!options.section.empty()) args["section"] = options.section;
  if (!options.state.empty()) args["state"] = options.state;
  if (!options.light.empty()) args["light"] = options.light;
  return args;
}

// "47 tasks (agency 省科技厅, role lead)".
std::string CountLine(std::size_t count, const TasksOptions& options) {
  std::vector<std::string> filters;
  if (!options.agency.empty()) filters.push_back("agency " + options.agency);
  if (!options.role.empty()) filters.push_back("role " + options.role);
  if (!options.section.empty()) filters.push_back("section " + options.section);
  if (!options.state.empty()) filters.push_back("state " + options.state);
  if (!options.light.empty()) filters.push_back("light " + options.light);
  std::string line = CountOf(static_cast<int64_t>(count), "task", "tasks");
  if (!filters.empty()) line += " (" + JoinNames(filters, ", ") + ")";
  return line;
}

void PrintTasks(Context& context, const json& result, const TasksOptions& options) {
  // Agency columns grow with the terminal (10 to 24 columns) so the text preview keeps
  // about a third of a narrow one.
  const int width = TerminalWidth();
  const int share = std::clamp((width - 40) / 6, 10, 24);
  Table table({{"REF"}, {"SECTION"}, {"LIGHT"}, {"LEAD", share},
               {"PARTICIPANTS", share * 4 / 3}, {"RESPONSIBLE", share}, {"STATE"},
               {"TEXT", 0, Align::kLeft, /*flex=*/true}});
  for (const auto& item : result.at("tasks")) {
    TaskRecord record = TaskRecordFromJson(item);
    const Task& task = record.task;
    table.AddRow({task.ref, task.section, LightLabel(LightNameOf(item)),
                  AgencyCell(task, Role::kLead), AgencyCell(task, Role::kParticipant),
                  AgencyCell(task, Role::kResponsible), record.state, TextPreview(task)});
  }
  if (table.row_count() > 0) *context.out << table.Render(width);
  *context.out << CountLine(table.row_count(), options) << "\n";
}

void SetupTasksCommandOptions(CLI::App& command, TasksOptions& options) {
  command.add_option("--agency", options.agency, "tasks of this agency (name or alias)");
  command.add_option("--role", options.role, "only where the agency (or any agency) has this role")
      ->check(CLI::IsMember({"lead", "participant", "responsible"}));
  command.add_option("--section", options.section, "only this section (一, 二, ...)");
  command.add_option("--state", options.state,
                     "active (default), suspended, completed, removed or all")
      ->check(CLI::IsMember({"active", "suspended", "completed", "removed", "all"}));
  command.add_option("--light", options.light, "only tasks with this light: red, yellow, green, "
                                               "none (not tracked now)")
      ->check(CLI::IsMember({"red", "yellow", "green", "none"}));
}

// The light and, for a task that is not active, why it is in its state.
std::vector<Field> TrackingStateFields(const json& task) {
  std::vector<Field> fields;
  if (std::string reason = TextField(task, "state_reason"); !reason.empty()) {
    fields.push_back({"state reason", reason});
  }
  std::string reason = LightReasonOf(task);
  fields.push_back({"light", LightLabel(LightNameOf(task)) + (reason.empty() ? "" : ": " + reason)});
  return fields;
}

void PrintTask(Context& context, const json& result) {
  const int width = TerminalWidth();
  const json& task = result.at("task");
  std::ostream& out = *context.out;
  out << RenderTaskDetails(TaskRecordFromJson(task), width, TrackingStateFields(task));
  if (result.contains("deadline")) {
    out << "\ndeadline\n" << RenderFields(DeadlineFields(result.at("deadline")), width);
  }
  const json occurrences = ArrayField(result, "occurrences");
  out << "\nnext due occurrences:" << (occurrences.empty() ? " none" : "") << "\n";
  if (!occurrences.empty()) out << RenderOccurrences(occurrences, width);
  out << "\n" << RenderTaskTargets(result, TextField(task, "ref"), width);
  const json feedback = ArrayField(result, "feedback");
  out << "\nfeedback: "
      << CountOf(static_cast<int64_t>(feedback.size()), "entry", "entries") << "\n";
  if (!feedback.empty()) out << RenderFeedbackTable(feedback, width);
}

}  // namespace

void SetupTasksCommand(CLI::App& command, Context& context) {
  auto options = std::make_shared<TasksOptions>();
  SetupTasksCommandOptions(command, *options);
  command.callback([&context, options] {
    context.Run([&] {
      std::optional<json> result = context.Call("tasks.list", FilterArgs(*options));
      if (!result) return;
      if (context.json) {
        context.PrintJson(*result);
      } else {
        PrintTasks(context, *result, *options);
      }
    });
  });
}

void SetupTaskCommand(CLI::App& command, Context& context) {
  auto ref = std::make_shared<std::string>();
  command.add_option("REF", *ref, "the task's ref: 22, or 二.3 where numbering restarts")
      ->required();
  SetupTaskChangeCommands(command, context, ref);
  CLI::App* self = &command;
  command.callback([&context, ref, self] {
    if (!self->get_subcommands().empty()) return;  // a change (task REF due …) ran instead
    context.CallAndPrint("task.get", json{{"ref", *ref}},
                         [&](const json& result) { PrintTask(context, result); });
  });
}

}  // namespace duban::ctl
