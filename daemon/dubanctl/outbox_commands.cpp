// `dubanctl outbox` (the actions the scheduler has decided, with their state; its
// subcommands messages, show and retry are in delivery_commands.cpp) and
// `dubanctl simulate` (what would go out over the next days, computed by the daemon from
// the current state, neither sent nor stored).
#include <memory>
#include <ostream>

#include "daemon/dubanctl/action_view.h"
#include "daemon/dubanctl/commands.h"
#include "daemon/dubanctl/json_fields.h"
#include "daemon/dubanctl/output.h"
#include "daemon/dubanctl/tracking_args.h"

namespace duban::ctl {
namespace {

using nlohmann::json;

// "task 22, agency 省发改委": the filters given, for the count line.
std::string Filters(const std::string& ref, const std::string& agency,
                    const std::string& state = "") {
  std::vector<std::string> filters;
  if (!state.empty()) filters.push_back("state " + state);
  if (!ref.empty()) filters.push_back("task " + ref);
  if (!agency.empty()) filters.push_back("agency " + agency);
  return JoinNames(filters, ", ");
}

void PrintOutbox(Context& context, const json& result, const OutboxOptions& options) {
  const json rows = ArrayField(result, "rows");
  if (!rows.empty()) *context.out << RenderOutbox(rows, TerminalWidth());
  std::string line = CountOf(IntField(result, "count", static_cast<int64_t>(rows.size())),
                             "outbox row", "outbox rows");
  if (std::string filters = Filters(options.ref, options.agency, options.state);
      !filters.empty()) {
    line += " (" + filters + ")";
  }
  *context.out << line << "\n";
}

void PrintSimulation(Context& context, const json& result, const SimulateOptions& options) {
  const json actions = ArrayField(result, "actions");
  if (!actions.empty()) *context.out << RenderSimulation(actions, TerminalWidth());
  *context.out << SimulationSummary(result, Filters(options.ref, options.agency)) << "\n";
}

}  // namespace

void SetupOutboxCommand(CLI::App& command, Context& context) {
  auto options = std::make_shared<OutboxOptions>();
  command.add_option("--state", options->state,
                     "only rows in this state: pending, skipped, cancelled, queued, sent, "
                     "failed, dead")
      ->check(CLI::IsMember(
          {"pending", "skipped", "cancelled", "queued", "sent", "failed", "dead"}));
  command.add_option("--task", options->ref, "only actions on this task");
  command.add_option("--agency", options->agency, "only actions for this agency (name or alias)");
  command.add_option("--limit", options->limit, "at most this many rows (default 100)");
  SetupOutboxMessageCommands(command, context);
  CLI::App* self = &command;
  command.callback([&context, options, self] {
    if (!self->get_subcommands().empty()) return;  // outbox messages|show|retry ran instead
    context.CallAndPrint("outbox.list", OutboxArgs(*options),
                         [&](const json& result) { PrintOutbox(context, result, *options); });
  });
}

void SetupSimulateCommand(CLI::App& command, Context& context) {
  auto options = std::make_shared<SimulateOptions>();
  command.add_option("--from", options->from,
                     "first day, YYYY-MM-DD (default: today in the daemon's time zone)");
  command.add_option("--days", options->days, "how many days to look ahead, 1..366 (default 7)");
  command.add_option("--task", options->ref, "only this task");
  command.add_option("--agency", options->agency, "only this agency (name or alias)");
  command.callback([&context, options] {
    context.CallAndPrint("simulate", SimulateArgs(*options),
                         [&](const json& result) { PrintSimulation(context, result, *options); });
  });
}

}  // namespace duban::ctl
