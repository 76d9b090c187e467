// `dubanctl tasks` (a filtered table) and `dubanctl task REF` (one task in full).
#include <algorithm>
#include <memory>
#include <ostream>

#include "daemon/dubanctl/commands.h"
#include "daemon/dubanctl/output.h"
#include "daemon/dubanctl/table.h"
#include "daemon/dubanctl/task_view.h"
#include "daemon/plan_json.h"

namespace duban::ctl {
namespace {

using nlohmann::json;

struct TasksOptions {
  std::string agency;
  std::string role;
  std::string section;
  std::string state;
};

json FilterArgs(const TasksOptions& options) {
  json args = json::object();
  if (!options.agency.empty()) args["agency"] = options.agency;
  if (!options.role.empty()) args["role"] = options.role;
  if (!options.section.empty()) args["section"] = options.section;
  if (!options.state.empty()) args["state"] = options.state;
  return args;
}

// "47 tasks (agency 省科技厅, role lead)".
std::string CountLine(std::size_t count, const TasksOptions& options) {
  std::vector<std::string> filters;
  if (!options.agency.empty()) filters.push_back("agency " + options.agency);
  if (!options.role.empty()) filters.push_back("role " + options.role);
  if (!options.section.empty()) filters.push_back("section " + options.section);
  if (!options.state.empty()) filters.push_back("state " + options.state);
  std::string line = CountOf(static_cast<int64_t>(count), "task", "tasks");
  if (!filters.empty()) line += " (" + JoinNames(filters, ", ") + ")";
  return line;
}

void PrintTasks(Context& context, const json& result, const TasksOptions& options) {
  // Agency columns grow with the terminal (10 to 24 columns) so the text preview keeps
  // about a third of a narrow one.
  const int width = TerminalWidth();
  const int share = std::clamp((width - 40) / 6, 10, 24);
  Table table({{"REF"}, {"SECTION"}, {"LEAD", share}, {"PARTICIPANTS", share * 4 / 3},
               {"RESPONSIBLE", share}, {"STATE"}, {"TEXT", 0, Align::kLeft, /*flex=*/true}});
  for (const auto& item : result.at("tasks")) {
    TaskRecord record = TaskRecordFromJson(item);
    const Task& task = record.task;
    table.AddRow({task.ref, task.section, AgencyCell(task, Role::kLead),
                  AgencyCell(task, Role::kParticipant), AgencyCell(task, Role::kResponsible),
                  record.state, TextPreview(task)});
  }
  if (table.row_count() > 0) *context.out << table.Render(width);
  *context.out << CountLine(table.row_count(), options) << "\n";
}

void SetupTasksCommandOptions(CLI::App& command, TasksOptions& options) {
  command.add_option("--agency", options.agency, "tasks of this agency (name or alias)");
  command.add_option("--role", options.role, "only where the agency (or any agency) has this role")
      ->check(CLI::IsMember({"lead", "participant", "responsible"}));
  command.add_option("--section", options.section, "only this section (一, 二, ...)");
  command.add_option("--state", options.state, "active (default), removed or all")
      ->check(CLI::IsMember({"active", "removed", "all"}));
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
  command.callback([&context, ref] {
    context.Run([&] {
      std::optional<json> result = context.Call("task.get", {{"ref", *ref}});
      if (!result) return;
      if (context.json) {
        context.PrintJson(*result);
      } else {
        *context.out << RenderTaskDetails(TaskRecordFromJson(result->at("task")),
                                          TerminalWidth());
      }
    });
  });
}

}  // namespace duban::ctl
