// dubanctl's commands. Each setup function adds its options (and, for a group such as
// `plan`, its subcommands) to the CLI11 subcommand it is given and installs the callback
// that runs it against `context`. cli.cpp lists them in one table (as ninja's kTools).
#ifndef DUBAN_DAEMON_DUBANCTL_COMMANDS_H_
#define DUBAN_DAEMON_DUBANCTL_COMMANDS_H_

#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "daemon/dubanctl/context.h"

namespace duban::ctl {

void SetupStatusCommand(CLI::App& command, Context& context);    // status_command.cpp
void SetupPlanCommands(CLI::App& command, Context& context);     // plan_commands.cpp
void SetupTasksCommand(CLI::App& command, Context& context);     // task_commands.cpp
void SetupTaskCommand(CLI::App& command, Context& context);      // task_commands.cpp
void SetupAgenciesCommand(CLI::App& command, Context& context);  // agency_commands.cpp
void SetupAgencyCommand(CLI::App& command, Context& context);    // agency_commands.cpp
void SetupFeedbackCommands(CLI::App& command, Context& context);  // feedback_commands.cpp
void SetupCalendarCommands(CLI::App& command, Context& context);  // calendar_commands.cpp
void SetupOutboxCommand(CLI::App& command, Context& context);     // outbox_commands.cpp
void SetupSimulateCommand(CLI::App& command, Context& context);   // outbox_commands.cpp
void SetupRulesCommands(CLI::App& command, Context& context);     // rules_commands.cpp
void SetupReloadCommand(CLI::App& command, Context& context);     // rules_commands.cpp
void SetupNotifyCommands(CLI::App& command, Context& context);    // delivery_commands.cpp
void SetupLogCommand(CLI::App& command, Context& context);        // audit_commands.cpp
void SetupReportCommands(CLI::App& command, Context& context);    // report_commands.cpp
void SetupExportCommand(CLI::App& command, Context& context);     // archive_commands.cpp
void SetupBackupCommand(CLI::App& command, Context& context);     // archive_commands.cpp
void SetupMetricsCommand(CLI::App& command, Context& context);    // observability_commands.cpp
void SetupLogLevelCommand(CLI::App& command, Context& context);   // observability_commands.cpp
void SetupTargetCommands(CLI::App& command, Context& context);    // target_commands.cpp

// The subcommands of `outbox` (messages, show, retry; delivery_commands.cpp).
void SetupOutboxMessageCommands(CLI::App& outbox, Context& context);

// The subcommands of `task REF` (due, suspend, resume, complete); `ref` is filled by the
// `task` command's REF before they run (task_change_commands.cpp).
void SetupTaskChangeCommands(CLI::App& task, Context& context,
                             const std::shared_ptr<std::string>& ref);

}  // namespace duban::ctl

#endif  // DUBAN_DAEMON_DUBANCTL_COMMANDS_H_
