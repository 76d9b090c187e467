// `dubanctl log [--task REF] [--agency NAME] [--since DATE] [--until DATE] [--action PREFIX]
// [--limit N]`: who changed what and when, from the daemon's audit log (audit.list). The
// newest N entries that match (default 100) are shown oldest first, times in the daemon's
// zone; a line says when older ones were left out.
#include <memory>
#include <ostream>

#include "daemon/dubanctl/audit_view.h"
#include "daemon/dubanctl/commands.h"
#include "daemon/dubanctl/json_fields.h"
#include "daemon/dubanctl/output.h"

namespace duban::ctl {
namespace {

using nlohmann::json;

void PrintLog(Context& context, const json& result, const LogOptions& options) {
  const json entries = ArrayField(result, "entries");
  if (!entries.empty()) *context.out << RenderAuditTable(entries, TerminalWidth());
  std::vector<std::string> filters;
  if (!options.task.empty()) filters.push_back("task " + options.task);
  if (!options.agency.empty()) filters.push_back("agency " + options.agency);
  if (!options.action.empty()) filters.push_back("action " + options.action + "*");
  if (!options.since.empty()) filters.push_back("since " + options.since);
  if (!options.until.empty()) filters.push_back("until " + options.until);
  std::string line = CountOf(static_cast<int64_t>(entries.size()), "entry", "entries");
  if (!filters.empty()) line += " (" + JoinNames(filters, ", ") + ")";
  if (std::string zone = TextField(result, "zone"); !zone.empty()) line += "; times in " + zone;
  *context.out << line << "\n";
  if (FlagField(result, "truncated")) {
    *context.out << "older entries were left out: raise --limit or narrow with --since\n";
  }
}

}  // namespace

void SetupLogCommand(CLI::App& command, Context& context) {
  auto options = std::make_shared<LogOptions>();
  command.add_option("--task", options->task, "only entries about this task (its ref)");
  command.add_option("--agency", options->agency,
                     "only entries about this agency (name or alias): its feedback, its "
                     "contacts and aliases");
  command.add_option("--since", options->since, "from this day (YYYY-MM-DD, the daemon's zone)");
  command.add_option("--until", options->until, "through this day (YYYY-MM-DD)");
  command.add_option("--action", options->action,
                     "only actions starting with this: task.state, feedback, plan.import ...");
  command.add_option("--limit", options->limit, "the newest N entries that match (default 100)");
  command.callback([&context, options] {
    context.CallAndPrint("audit.list", LogArgs(*options),
                         [&](const json& result) { PrintLog(context, result, *options); });
  });
}

}  // namespace duban::ctl
