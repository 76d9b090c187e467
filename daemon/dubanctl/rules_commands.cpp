// `dubanctl rules check` (problems of the rules against the plan) and `dubanctl reload`
// (the daemon re-reads its config file; on any error it keeps the running config).
//
// `rules check` exits 1 when any problem is an error, as the daemon would refuse such a
// config, and 0 when there are only warnings or none, so a script can gate on it.
#include <ostream>

#include "daemon/dubanctl/commands.h"
#include "daemon/dubanctl/json_fields.h"
#include "daemon/dubanctl/output.h"
#include "daemon/dubanctl/tracking_view.h"

namespace duban::ctl {
namespace {

using nlohmann::json;

// "2 problems: 1 error, 1 warning" or "no problems".
std::string ProblemCountLine(const json& problems) {
  if (problems.empty()) return "no problems";
  const int errors = CountSeverity(problems, "error");
  const int warnings = CountSeverity(problems, "warning");
  return CountOf(static_cast<int64_t>(problems.size()), "problem", "problems") + ": " +
         CountOf(errors, "error", "errors") + ", " + CountOf(warnings, "warning", "warnings");
}

void PrintProblems(Context& context, const json& result) {
  const json problems = ArrayField(result, "problems");
  if (!problems.empty()) *context.out << RenderProblems(problems, TerminalWidth());
  *context.out << ProblemCountLine(problems) << "\n";
}

void FailOnErrors(Context& context, const json& result) {
  const int errors = CountSeverity(ArrayField(result, "problems"), "error");
  if (errors > 0) {
    context.Fail(kExitDaemonError,
                 "the rules have " + CountOf(errors, "error", "errors") + " (see above)");
  }
}

void SetupRulesCheck(CLI::App& command, Context& context) {
  CLI::App* check = command.add_subcommand(
      "check", "dubanctl rules check: list problems of the rules against the plan: agencies with no contact, tasks "
               "with no due date, steps that can never fire, days outside the calendar");
  check->callback([&context] {
    context.Run([&context] {
      std::optional<json> result = context.Call("rules.check");
      if (!result) return;
      if (context.json) {
        context.PrintJson(*result);
      } else {
        PrintProblems(context, *result);
      }
      FailOnErrors(context, *result);  // with --json too: a script gates on the exit code
    });
  });
}

void PrintReload(Context& context, const json& result) {
  if (!FlagField(result, "reloaded")) {
    *context.out << "the daemon did not reload: " << result.dump() << "\n";
    return;
  }
  std::string line = "reloaded";
  if (std::string config = TextField(result, "config"); !config.empty()) line += " " + config;
  *context.out << line << "\n";
  for (const std::string& warning : ListField(result, "warnings")) {
    *context.out << "warning: " << warning << "\n";
  }
}

}  // namespace

void SetupRulesCommands(CLI::App& command, Context& context) {
  SetupRulesCheck(command, context);
  command.require_subcommand(1);
}

void SetupReloadCommand(CLI::App& command, Context& context) {
  command.callback([&context] {
    context.daemon_error_heading = "reload refused; duband keeps its running config";
    context.CallAndPrint("reload", json::object(),
                         [&](const json& result) { PrintReload(context, result); });
  });
}

}  // namespace duban::ctl
