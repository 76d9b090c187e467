#include "daemon/dubanctl/action_view.h"

#include "daemon/dubanctl/json_fields.h"
#include "daemon/dubanctl/output.h"
#include "daemon/dubanctl/table.h"

namespace duban::ctl {
namespace {

using nlohmann::json;

// Why a row is where it is: its reason, and the last error once sending has failed.
std::string OutboxReason(const json& row) {
  std::string reason = TextField(row, "reason");
  if (std::string error = TextField(row, "last_error"); !error.empty()) {
    reason = "last error: " + error + (reason.empty() ? "" : "; " + reason);
  }
  return reason;
}

}  // namespace

std::string ActionTime(const json& action) {
  std::string local = TextField(action, "at_local");
  return local.empty() ? FormatLocalTime(IntField(action, "at")) : local;
}

std::string LevelCell(const json& action) {
  std::string zh = TextField(action, "level_zh");
  std::string level = TextField(action, "level");
  if (zh.empty()) return level;
  return level.empty() ? zh : zh + " " + level;
}

std::string StepCell(const json& action) {
  std::string step = TextField(action, "step");
  const int64_t repeat = IntField(action, "repeat");
  return repeat > 0 ? step + " (repeat " + std::to_string(repeat) + ")" : step;
}

std::string RecipientsCell(const json& action) {
  std::string agency = TextField(action, "agency");
  std::vector<std::string> recipients = ListField(action, "recipients");
  return recipients.empty() ? agency : agency + ": " + JoinNames(recipients, ", ");
}

std::string RenderOutbox(const json& rows, int width) {
  Table table({{"TIME"}, {"LEVEL"}, {"TASK"}, {"AGENCY", 24}, {"ROLE"}, {"OCCURRENCE"},
               {"STEP"}, {"STATE"}, {"REASON", 0, Align::kLeft, /*flex=*/true}});
  for (const json& row : rows) {
    table.AddRow({ActionTime(row), LevelCell(row), TextField(row, "task_ref"),
                  TextField(row, "agency"), TextField(row, "role"),
                  TextField(row, "occurrence"), StepCell(row), TextField(row, "state"),
                  OutboxReason(row)});
  }
  return table.Render(width);
}

std::string RenderSimulation(const json& actions, int width) {
  Table table({{"WHEN"}, {"TO", 36}, {"CHANNEL"}, {"LEVEL"}, {"TASK"}, {"OCCURRENCE"},
               {"STEP"}, {"WHY", 0, Align::kLeft, /*flex=*/true}});
  for (const json& action : actions) {
    table.AddRow({ActionTime(action), RecipientsCell(action),
                  JoinNames(ListField(action, "channels"), ","), LevelCell(action),
                  TextField(action, "task_ref"), TextField(action, "occurrence"),
                  StepCell(action), TextField(action, "reason")});
  }
  return table.Render(width);
}

std::string SimulationSummary(const json& result, const std::string& filters) {
  const json actions = ArrayField(result, "actions");
  const int64_t count = IntField(result, "count", static_cast<int64_t>(actions.size()));
  std::string line = CountOf(count, "action", "actions") + " from " +
                     TextField(result, "from", "?") + " to " + TextField(result, "to", "?");
  if (!filters.empty()) line += " (" + filters + ")";
  return line + ". Simulated only: nothing was sent or stored.";
}

}  // namespace duban::ctl
