// `dubanctl target list|add|edit|confirm|reject`: the quantitative targets (指标) of tasks.
// The importer proposes targets it reads in a task's text; the office confirms, edits or
// rejects each here, or adds its own. Only confirmed targets are tracked: agencies report
// values against them with `dubanctl feedback REF --value 名称=3.2`, and `target list`
// shows where each stands (met, on_track, behind, missing). See docs/TARGETS.md.
#include <memory>
#include <ostream>

#include "daemon/dubanctl/commands.h"
#include "daemon/dubanctl/json_fields.h"
#include "daemon/dubanctl/output.h"
#include "daemon/dubanctl/target_args.h"
#include "daemon/dubanctl/target_view.h"

namespace duban::ctl {
namespace {

using nlohmann::json;

// "#12 task 3 生产总值增长 ≥7% (yearly, confirmed)".
std::string TargetLine(const json& target) {
  return "#" + NumberField(target, "id") + " task " + TextField(target, "task_ref") + " " +
         TextField(target, "name") + " " + TextField(target, "formatted") + " (" +
         TargetPeriodCell(target) + ", " + TextField(target, "state") + ")";
}

void PrintList(Context& context, const json& result, const TargetListOptions& options) {
  const json targets = ArrayField(result, "targets");
  *context.out << RenderTargetTable(targets, TerminalWidth());
  std::string line = CountOf(static_cast<int64_t>(targets.size()), "target", "targets");
  std::vector<std::string> filters;
  if (!options.task.empty()) filters.push_back("task " + options.task);
  if (!options.state.empty() && options.state != "all") filters.push_back(options.state);
  if (!filters.empty()) line += " (" + JoinNames(filters, ", ") + ")";
  *context.out << line << "\n";
}

// The options shared by `add` and `edit`.
void AddFieldOptions(CLI::App& command, TargetFieldOptions& fields) {
  command.add_option("--name", fields.name,
                     "what is measured, unique in the task; the key of feedback --value NAME=V");
  command.add_option("--unit", fields.unit, "%, 个百分点, 亿元, 个, …; empty for a pure number");
  command.add_option("--comparison", fields.comparison,
                     "at_least (default), at_most or about (also ≥, ≤, ≈)");
  command.add_option("--value", fields.value, "the target number");
  command.add_option("--tolerance", fields.tolerance,
                     "for about: how far a value may be from --value and still meet it");
  command.add_option("--period", fields.period,
                     "yearly (default), by_date (with --by) or cumulative (over the plan period)");
  command.add_option("--by", fields.by, "YYYY-MM-DD the value must be reached by (period by_date)");
}

void SetupList(CLI::App& target, Context& context) {
  auto options = std::make_shared<TargetListOptions>();
  CLI::App* command = target.add_subcommand(
      "list", "dubanctl target list [TASK] [--state S]: targets with their status and last value");
  command->add_option("TASK", options->task, "only this task's targets");
  command->add_option("--state", options->state, "proposed, confirmed, rejected or all (default)");
  command->callback([&context, options] {
    context.CallAndPrint("target.list", TargetListArgs(*options),
                         [&](const json& result) { PrintList(context, result, *options); });
  });
}

void SetupAdd(CLI::App& target, Context& context) {
  auto task = std::make_shared<std::string>();
  auto fields = std::make_shared<TargetFieldOptions>();
  CLI::App* command = target.add_subcommand(
      "add", "dubanctl target add TASK --name N --value V [...]: add a confirmed target");
  command->add_option("TASK", *task, "the task: 22, or 二.3")->required();
  AddFieldOptions(*command, *fields);
  command->callback([&context, task, fields] {
    context.CallAndPrint("target.add", TargetAddArgs(*task, *fields), [&](const json& result) {
      *context.out << "added " << TargetLine(result.at("target")) << "\n";
    });
  });
}

void SetupEdit(CLI::App& target, Context& context) {
  auto id = std::make_shared<int64_t>(0);
  auto fields = std::make_shared<TargetFieldOptions>();
  CLI::App* command = target.add_subcommand(
      "edit", "dubanctl target edit ID [--name N] [--value V] [...]: change a target (a proposal "
              "edited is confirmed)");
  command->add_option("ID", *id, "the target's id (from dubanctl target list)")->required();
  AddFieldOptions(*command, *fields);
  command->callback([&context, id, fields] {
    context.CallAndPrint("target.edit", TargetEditArgs(*id, *fields), [&](const json& result) {
      *context.out << "was     " << TargetLine(result.value("was", json::object())) << "\n"
                   << "now     " << TargetLine(result.at("target")) << "\n";
    });
  });
}

void SetupConfirm(CLI::App& target, Context& context) {
  auto options = std::make_shared<TargetConfirmOptions>();
  CLI::App* command = target.add_subcommand(
      "confirm", "dubanctl target confirm ID... | --task TASK: track proposed targets");
  command->add_option("ID", options->ids, "the ids of the proposals to confirm");
  command->add_option("--task", options->task, "every proposal of this task");
  command->callback([&context, options] {
    context.CallAndPrint("target.confirm", TargetConfirmArgs(*options), [&](const json& result) {
      const json confirmed = ArrayField(result, "confirmed");
      for (const json& item : confirmed) *context.out << "confirmed " << TargetLine(item) << "\n";
      if (confirmed.empty()) *context.out << "no proposals to confirm\n";
    });
  });
}

void SetupReject(CLI::App& target, Context& context) {
  auto id = std::make_shared<int64_t>(0);
  auto reason = std::make_shared<std::string>();
  CLI::App* command = target.add_subcommand(
      "reject", "dubanctl target reject ID --reason R: not a target (a re-import does not "
                "propose it again)");
  command->add_option("ID", *id, "the target's id")->required();
  command->add_option("--reason", *reason, "why (kept in the audit log)")->required();
  command->callback([&context, id, reason] {
    context.CallAndPrint("target.reject", TargetRejectArgs(*id, *reason), [&](const json& result) {
      *context.out << "rejected " << TargetLine(result.at("target")) << "\n";
    });
  });
}

}  // namespace

void SetupTargetCommands(CLI::App& command, Context& context) {
  SetupList(command, context);
  SetupAdd(command, context);
  SetupEdit(command, context);
  SetupConfirm(command, context);
  SetupReject(command, context);
  command.require_subcommand(1);
}

}  // namespace duban::ctl
