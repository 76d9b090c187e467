#include "daemon/dubanctl/cli.h"

#include <ostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "daemon/dubanctl/commands.h"
#include "daemon/dubanctl/context.h"
#include "daemon/protocol.h"

namespace duban::ctl {
namespace {

// One top-level command: its name, its one-line help, and the function that adds its
// options and callback (as ninja's kTools).
struct CommandEntry {
  const char* name;
  const char* help;
  void (*setup)(CLI::App& command, Context& context);
};

constexpr CommandEntry kCommands[] = {
    {"status", "show the daemon, its store and the current plan", SetupStatusCommand},
    {"plan", "import a plan from text or CSV, or export it as CSV", SetupPlanCommands},
    {"tasks", "list tasks, by agency, role, section, state or light", SetupTasksCommand},
    {"task", "show one task in full; task REF due|suspend|resume|complete|reopen changes it",
     SetupTaskCommand},
    {"agencies", "list agencies with their task counts by role", SetupAgenciesCommand},
    {"agency", "show one agency (by name or alias) and its tasks by role", SetupAgencyCommand},
    {"feedback", "record an agency's feedback on a task; feedback list|import",
     SetupFeedbackCommands},
    {"calendar", "explain a day (working day? why?); calendar add DATE N counts working days",
     SetupCalendarCommands},
    {"outbox",
     "list the reminders and escalations the scheduler has decided; outbox messages|show|retry "
     "for the messages that carry them",
     SetupOutboxCommand},
    {"notify", "notify test: send a test message to an agency by email or webhook now",
     SetupNotifyCommands},
    {"simulate", "show what would go out over the next days, sending and storing nothing",
     SetupSimulateCommand},
    {"rules", "rules check: problems of the rules against the plan", SetupRulesCommands},
    {"reload", "make the daemon re-read its config (kept as it is on any error)",
     SetupReloadCommand},
    {"log", "the audit log: who changed what and when (--task, --agency, --since)",
     SetupLogCommand},
    {"report", "report assessment: 考核 figures per agency over a period (table, csv, md, html)",
     SetupReportCommands},
    {"export", "write the full state (plan, assignments, feedback, audit) to a JSON file",
     SetupExportCommand},
    {"backup", "write a consistent copy of the daemon's SQLite store to a file",
     SetupBackupCommand},
    {"metrics", "print the daemon's metrics in Prometheus text format", SetupMetricsCommand},
    {"log-level", "show or change the daemon's log level at run time", SetupLogLevelCommand},
    {"target", "targets (指标) of tasks: list, add, edit, confirm or reject proposals",
     SetupTargetCommands},
};

std::string Footer() {
  return std::string(
             "The daemon's socket: --socket, else $DUBAN_SOCKET, else ") +
         std::string(protocol::kDefaultSocketPath) + ".\n\n" + kExitCodeHelp;
}

void AddGlobalOptions(CLI::App& app, Context& context) {
  app.add_option("--socket", context.socket_flag, "path of duband's control socket")
      ->type_name("PATH");
  app.add_flag("--json", context.json,
               "print the daemon's result as JSON (UTF-8, pretty) for scripts");
  // Not CLI::PositiveNumber: its refusal prints the largest double as the upper bound.
  app.add_option("--timeout", context.timeout_seconds,
                 "seconds to wait for the daemon's answer (default 30)")
      ->type_name("SECONDS")
      ->check(CLI::Validator(
          [](const std::string& text) -> std::string {
            double seconds = 0;
            if (CLI::detail::lexical_cast(text, seconds) && seconds > 0) return "";
            return "must be a number of seconds above 0, not '" + text + "'";
          },
          ""));  // no description: the help shows --timeout SECONDS
}

// CLI11's own wording, where it misleads: a first word that names no command is reported
// as "A subcommand is required"; say which word it was instead.
std::string UsageMessage(const CLI::App& app, const CLI::ParseError& error) {
  // CLI11 says "Could not convert: N = x"; name the option and the word instead.
  if (dynamic_cast<const CLI::ConversionError*>(&error) != nullptr) {
    const std::string what = error.what();
    const std::string prefix = "Could not convert: ";
    const size_t equals = what.find(" = ");
    if (what.starts_with(prefix) && equals != std::string::npos) {
      return what.substr(prefix.size(), equals - prefix.size()) + ": '" +
             what.substr(equals + 3) + "' is not a number";
    }
  }
  if (app.get_subcommands().empty()) {
    const std::vector<std::string> rest = app.remaining();
    if (!rest.empty() && !rest.front().empty() && rest.front()[0] != '-') {
      return "unknown command '" + rest.front() + "'";
    }
  }
  return error.what();
}

}  // namespace

int RunCli(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  Context context;
  context.out = &out;
  context.err = &err;

  CLI::App app("dubanctl: the control client of duband, the 督办 (task supervision) daemon",
               "dubanctl");
  app.fallthrough();       // global options may follow the command: dubanctl tasks --json
  app.footer(Footer());    // inherited by every command's --help
  AddGlobalOptions(app, context);
  for (const CommandEntry& entry : kCommands) {
    entry.setup(*app.add_subcommand(entry.name, entry.help), context);
  }
  app.require_subcommand(1);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) {
      return app.exit(e, out, err);  // --help: prints it
    }
    err << "dubanctl: " << UsageMessage(app, e) << "\n(see dubanctl --help)\n";
    return kExitUsage;
  }
  return context.exit_code;
}

}  // namespace duban::ctl
