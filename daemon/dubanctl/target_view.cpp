#include "daemon/dubanctl/target_view.h"


#include "daemon/dubanctl/display_width.h"
#include "daemon/dubanctl/json_fields.h"
#include "daemon/dubanctl/output.h"
#include "daemon/dubanctl/table.h"
#include "workflow/target.h"

namespace duban::ctl {
namespace {

using nlohmann::json;

constexpr int kNameWidth = 28;
constexpr int kAgencyWidth = 16;

const json& ReadingOf(const json& target) {
  static const json kNone;
  auto it = target.find("reading");
  return it == target.end() ? kNone : *it;
}

// The local date of a UTC instant ("2026-03-16"): when a value came in, without the clock.
std::string LocalDate(int64_t utc_seconds) {
  std::string full = FormatLocalTime(utc_seconds);
  return full.substr(0, full.find(' '));
}

}  // namespace

std::string TargetPeriodCell(const json& target) {
  const std::string period = TextField(target, "period", "yearly");
  if (period == "by_date") return "by " + TextField(target, "by_date", "?");
  return period;
}

std::string TargetStatusCell(const json& target) {
  const json& reading = ReadingOf(target);
  if (!reading.is_object()) return "-";
  return TextField(reading, "status", "-");
}

std::string TargetLastValueCell(const json& target) {
  const json& reading = ReadingOf(target);
  if (!reading.is_object() || !reading.contains("last_value") || reading.at("last_value").is_null()) {
    return "-";
  }
  std::string cell = FormatNumber(reading.at("last_value").get<double>()) + TextField(target, "unit");
  std::string agency = TruncateToWidth(TextField(reading, "last_agency"), kAgencyWidth);
  const int64_t at = IntField(reading, "last_at");
  if (!agency.empty() || at != 0) {
    cell += " (" + agency + (agency.empty() || at == 0 ? "" : ", ") + (at == 0 ? "" : LocalDate(at)) + ")";
  }
  return cell;
}

std::string RenderTargetTable(const json& targets, int width) {
  if (!targets.is_array() || targets.empty()) return "";
  Table table({{"ID", 0, Align::kRight},
               {"TASK"},
               {"NAME", kNameWidth},
               {"TARGET"},
               {"PERIOD"},
               {"STATE"},
               {"STATUS"},
               {"LAST VALUE"},
               {"FROM TEXT", 0, Align::kLeft, /*flex=*/true}});
  for (const json& target : targets) {
    const int64_t id = IntField(target, "id");
    std::string from = TextField(target, "matched_text");
    table.AddRow({id > 0 ? std::to_string(id) : "-", TextField(target, "task_ref"),
                  TextField(target, "name"), TextField(target, "formatted"),
                  TargetPeriodCell(target), TextField(target, "state"), TargetStatusCell(target),
                  TargetLastValueCell(target), from.empty() ? "(entered)" : from});
  }
  return table.Render(width);
}

}  // namespace duban::ctl
