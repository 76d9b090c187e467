// The changes to one task, as subcommands of `dubanctl task REF`:
//   task REF due [DATE|none] [--cycle C] [--report-days N] [--fixed-day D]
//                [--participant-lead-days N] [--clear]
//   task REF suspend --reason R
//   task REF resume [--reason R]
//   task REF complete [--reason R]
//   task REF reopen --reason R
// Which change applies to which state is the daemon's to decide (workflow/task_lifecycle.h);
// a refusal comes back as its message and exit 1.
// CLI11 fills `task`'s REF positional first and then recognises the subcommand, so the
// issue's `task 22 due 2026-12-31` works as written and `task 22` alone still shows the
// task. Each change is audited by the daemon with the caller's user.
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
using RefPtr = std::shared_ptr<std::string>;

// A lifecycle change: its subcommand, protocol command, help, and whether it needs a reason.
struct LifecycleChange {
  const char* name;
  const char* cmd;
  const char* help;
  bool reason_required;
};

constexpr LifecycleChange kLifecycleChanges[] = {
    {"suspend", "task.suspend", "pause the task's reminders and escalation, with a reason", true},
    {"resume", "task.resume", "track a suspended task again", false},
    {"complete", "task.complete", "close the task as done (办结); a suspended task is resumed first",
     false},
    {"reopen", "task.reopen", "open a completed task again (back to active), with a reason", true},
};

void PrintDeadline(Context& context, const json& result) {
  const json& task = result.at("task");
  *context.out << "task " << TextField(task, "ref") << ": deadline\n";
  std::vector<Field> fields = DeadlineFields(result.value("deadline", json::object()));
  if (result.contains("patch")) {
    fields.push_back({"run-time change", PatchSummary(result.at("patch"))});
  }
  *context.out << RenderFields(fields, TerminalWidth());
}

// `task REF due` with nothing to change shows the deadline the task has now.
void ShowDeadline(Context& context, const std::string& ref) {
  context.CallAndPrint("task.get", json{{"ref", ref}}, [&](const json& result) {
    PrintDeadline(context, {{"task", result.at("task")},
                            {"deadline", result.value("deadline", json::object())}});
  });
}

void SetupDue(CLI::App& task, Context& context, const RefPtr& ref) {
  auto options = std::make_shared<DueOptions>();
  CLI::App* due = task.add_subcommand(
      "due", "dubanctl task REF due [DATE|none] [options]: set the task's deadline at run "
             "time (audited); with nothing to change, show it");
  due->add_option("DATE", options->date, "final due date YYYY-MM-DD, or 'none' to drop it");
  due->add_option("--cycle", options->cycle, "progress reports: none, monthly, quarterly, "
                                             "half-yearly, yearly")
      ->check(CLI::IsMember({"none", "monthly", "quarterly", "half-yearly", "yearly"}));
  due->add_option("--report-days", options->report_days,
                  "reports due this many working days after each period ends");
  due->add_option("--fixed-day", options->fixed_day,
                  "reports due instead on this day of the month after the period (1..31)");
  due->add_option("--participant-lead-days", options->participant_lead_days,
                  "participants owe their input this many working days before the lead");
  due->add_flag("--clear", options->clear, "drop the run-time change: back to config and plan");
  due->callback([&context, options, ref] {
    options->ref = *ref;
    if (options->empty()) {
      ShowDeadline(context, *ref);
      return;
    }
    context.CallAndPrint("task.due", DueArgs(*options), [&](const json& result) {
      *context.out << "changed (recorded in the audit log)\n";
      PrintDeadline(context, result);
    });
  });
}

void PrintStateChange(Context& context, const json& result) {
  const json& task = result.at("task");
  std::string line = "task " + TextField(task, "ref") + " is now " + TextField(task, "state");
  if (std::string reason = TextField(task, "state_reason"); !reason.empty()) {
    line += " (reason: " + reason + ")";
  }
  *context.out << line << "\n";
}

void SetupLifecycleChange(CLI::App& task, Context& context, const RefPtr& ref,
                          const LifecycleChange& change) {
  auto reason = std::make_shared<std::string>();
  CLI::App* command = task.add_subcommand(
      change.name, std::string("dubanctl task REF ") + change.name +
                       (change.reason_required ? " --reason R: " : " [--reason R]: ") + change.help);
  CLI::Option* option = command->add_option("--reason", *reason, "why (kept in the audit log)");
  if (change.reason_required) option->required();
  command->callback([&context, ref, reason, cmd = change.cmd] {
    json args = {{"ref", *ref}};
    if (!reason->empty()) args["reason"] = *reason;
    context.CallAndPrint(cmd, args, [&](const json& result) { PrintStateChange(context, result); });
  });
}

}  // namespace

void SetupTaskChangeCommands(CLI::App& task, Context& context,
                             const std::shared_ptr<std::string>& ref) {
  SetupDue(task, context, ref);
  for (const LifecycleChange& change : kLifecycleChanges) {
    SetupLifecycleChange(task, context, ref, change);
  }
}

}  // namespace duban::ctl
