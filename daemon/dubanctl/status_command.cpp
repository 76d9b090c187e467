// `dubanctl status`: what the daemon runs with, what its store holds, the tasks' lights,
// the scheduler (evaluated until, next wake, pending outbox rows) and delivery (messages
// by state, failed and dead outbox rows).
#include <ostream>

#include "daemon/dubanctl/commands.h"
#include "daemon/dubanctl/json_fields.h"
#include "daemon/dubanctl/message_view.h"
#include "daemon/dubanctl/output.h"
#include "daemon/dubanctl/tracking_view.h"

namespace duban::ctl {
namespace {

using nlohmann::json;

std::string PlanLine(const json& summary) {
  std::string title = summary.value("plan_title", std::string());
  if (summary.value("plan_imported_at", int64_t{0}) == 0) return "(none imported)";
  return title.empty() ? "(untitled)" : title;
}

// "45 active, 1 suspended, 1 completed, 0 removed, in 8 sections" (suspended and completed
// only when the daemon counts them).
std::string TaskCounts(const json& summary) {
  std::string text = std::to_string(summary.value("active_tasks", 0)) + " active, ";
  for (const char* state : {"suspended", "completed"}) {
    const std::string key = std::string(state) + "_tasks";
    if (summary.contains(key)) text += std::to_string(summary.value(key, 0)) + " " + state + ", ";
  }
  return text + std::to_string(summary.value("removed_tasks", 0)) + " removed, in " +
         CountOf(summary.value("sections", 0), "section", "sections");
}

// Delivery: running or not, messages by state; the scheduler's "outbox" line (pending
// rows) gains the failed and dead ones.
void AddDeliveryFields(const json& delivery, std::vector<Field>* fields) {
  fields->push_back({"delivery", FlagField(delivery, "running") ? "running" : "not running"});
  fields->push_back({"messages", MessageCounts(delivery.value("messages", json::object()))});
  const std::string outbox = OutboxCounts(delivery.value("outbox", json::object()));
  for (Field& field : *fields) {
    if (field.label == "outbox") {
      field.value = outbox;
      return;
    }
  }
  fields->push_back({"outbox", outbox});
}

void PrintStatus(Context& context, const json& result) {
  const json& summary = result.at("summary");
  *context.out << "duband " << result.value("version", std::string("?")) << " (protocol "
               << result.value("protocol", 0) << "), pid " << result.value("pid", int64_t{0})
               << ", up " << FormatDuration(result.value("uptime_seconds", int64_t{0})) << "\n";

  std::vector<Field> fields = {
      {"config", result.value("config", std::string())},
      {"socket", result.value("socket", std::string())},
      {"store", result.value("store", std::string())},
      {"mail dir", result.value("mail_dir", std::string())},
      {"plan", PlanLine(summary)},
  };
  if (summary.value("plan_imported_at", int64_t{0}) != 0) {
    fields.push_back({"source", summary.value("plan_source", std::string())});
    fields.push_back({"imported", FormatLocalTime(summary.value("plan_imported_at", int64_t{0}))});
  }
  fields.push_back({"tasks", TaskCounts(summary)});
  fields.push_back({"agencies", std::to_string(summary.value("agencies", 0))});
  fields.push_back({"audit log", CountOf(summary.value("audit_entries", 0), "entry", "entries")});
  if (result.contains("lights")) fields.push_back({"lights", LightCounts(result.at("lights"))});
  if (result.contains("scheduler")) {
    for (Field& field : SchedulerFields(result.at("scheduler"))) fields.push_back(std::move(field));
  }
  if (result.contains("delivery")) AddDeliveryFields(result.at("delivery"), &fields);
  fields.push_back({"schema", "version " + std::to_string(summary.value("schema_version", 0))});
  *context.out << RenderFields(fields, TerminalWidth());
}

}  // namespace

void SetupStatusCommand(CLI::App& command, Context& context) {
  command.callback([&context] {
    context.Run([&context] {
      std::optional<json> result = context.Call("status");
      if (!result) return;
      if (context.json) {
        context.PrintJson(*result);
      } else {
        PrintStatus(context, *result);
      }
    });
  });
}

}  // namespace duban::ctl
