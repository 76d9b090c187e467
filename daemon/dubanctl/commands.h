// dubanctl's commands. Each setup function adds its options (and, for a group such as
// `plan`, its subcommands) to the CLI11 subcommand it is given and installs the callback
// that runs it against `context`. cli.cpp lists them in one table (as ninja's kTools).
#ifndef DUBAN_DAEMON_DUBANCTL_COMMANDS_H_
#define DUBAN_DAEMON_DUBANCTL_COMMANDS_H_

#include <CLI/CLI.hpp>

#include "daemon/dubanctl/context.h"

namespace duban::ctl {

void SetupStatusCommand(CLI::App& command, Context& context);    // status_command.cpp
void SetupPlanCommands(CLI::App& command, Context& context);     // plan_commands.cpp
void SetupTasksCommand(CLI::App& command, Context& context);     // task_commands.cpp
void SetupTaskCommand(CLI::App& command, Context& context);      // task_commands.cpp
void SetupAgenciesCommand(CLI::App& command, Context& context);  // agency_commands.cpp
void SetupAgencyCommand(CLI::App& command, Context& context);    // agency_commands.cpp

}  // namespace duban::ctl

#endif  // DUBAN_DAEMON_DUBANCTL_COMMANDS_H_
