#include "daemon/dubanctl/action_view.h"

#include <cctype>
#include <vector>

#include "daemon/dubanctl/display_width.h"
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

std::string ToLower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

}  // namespace

std::string ActionTime(const json& action) {
  std::string local = TextField(action, "at_local");
  return local.empty() ? FormatLocalTime(IntField(action, "at")) : local;
}

std::string LevelCell(const json& action) {
  std::string zh = TextField(action, "level_zh");
  return zh.empty() ? TextField(action, "level") : zh;
}

std::string StepCell(const json& action) {
  std::string step = TextField(action, "step");
  const int64_t repeat = IntField(action, "repeat");
  return repeat > 0 ? step + " #" + std::to_string(repeat + 1) : step;
}

std::string RecipientsCell(const json& action) {
  std::string agency = TextField(action, "agency");
  std::vector<std::string> recipients = ListField(action, "recipients");
  return recipients.empty() ? agency : agency + ": " + JoinNames(recipients, ", ");
}

std::string RenderWithReasons(std::vector<Column> columns,
                              const std::vector<std::vector<std::string>>& rows, int width) {
  Table wide(columns);
  for (const auto& row : rows) wide.AddRow(row);
  const std::string one_table = wide.Render(0);
  if (width <= 0 || DisplayWidth(one_table.substr(0, one_table.find('\n'))) <= width) {
    return one_table;
  }
  // Too wide: the reason goes on its own line under each row, where it is not cut.
  const std::string header = columns.back().header;
  columns.pop_back();
  Table narrow(columns);
  for (const auto& row : rows) narrow.AddRow({row.begin(), row.end() - 1});
  const std::string table = narrow.Render(width);
  std::string out;
  std::size_t start = 0;
  for (std::size_t line = 0, end; (end = table.find('\n', start)) != std::string::npos;
       ++line, start = end + 1) {
    out += table.substr(start, end - start + 1);
    if (line > 0 && !rows[line - 1].back().empty()) {
      out += "    " + ToLower(header) + ": " + rows[line - 1].back() + "\n";
    }
  }
  return out;
}

std::string RenderOutbox(const json& rows, int width) {
  std::vector<std::vector<std::string>> cells;
  for (const json& row : rows) {
    cells.push_back({ActionTime(row), LevelCell(row), TextField(row, "task_ref"),
                     TextField(row, "agency"), TextField(row, "role"),
                     TextField(row, "occurrence"), StepCell(row), TextField(row, "state"),
                     OutboxReason(row)});
  }
  return RenderWithReasons({{"TIME"}, {"LEVEL"}, {"TASK"}, {"AGENCY", 24}, {"ROLE"},
                            {"OCCURRENCE"}, {"STEP"}, {"STATE"}, {"REASON"}},
                           cells, width);
}

std::string RenderSimulation(const json& actions, int width) {
  std::vector<std::vector<std::string>> cells;
  for (const json& action : actions) {
    cells.push_back({ActionTime(action), RecipientsCell(action),
                     JoinNames(ListField(action, "channels"), ","), LevelCell(action),
                     TextField(action, "task_ref"), TextField(action, "occurrence"),
                     StepCell(action), TextField(action, "reason")});
  }
  return RenderWithReasons({{"WHEN"}, {"TO", 36}, {"CHANNEL"}, {"LEVEL"}, {"TASK"},
                            {"OCCURRENCE"}, {"STEP"}, {"WHY"}},
                           cells, width);
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
