#include "daemon/dubanctl/task_targets_view.h"

#include <optional>

#include "daemon/dubanctl/json_fields.h"
#include "daemon/dubanctl/output.h"
#include "daemon/dubanctl/table.h"
#include "workflow/target.h"

namespace duban::ctl {

using nlohmann::json;

std::string TargetStatusLabel(const json& target) {
  const json reading = target.contains("reading") ? target.at("reading") : json(nullptr);
  const std::string zh = TextField(reading, "status_zh");
  const std::string en = TextField(reading, "status", "-");
  return zh.empty() ? en : zh + " " + en;
}

std::string LastValueCell(const json& target) {
  if (!target.contains("reading") || !target.at("reading").is_object()) return "-";
  const json& reading = target.at("reading");
  auto value = reading.find("last_value");
  if (value == reading.end() || !value->is_number()) return "-";
  std::string cell = FormatNumber(value->get<double>());
  std::string when = IntField(reading, "last_at") > 0 ? FormatLocalTime(IntField(reading, "last_at")) : "";
  std::string agency = TextField(reading, "last_agency");
  if (!when.empty() && !agency.empty()) return cell + " (" + when + ", " + agency + ")";
  if (!when.empty() || !agency.empty()) return cell + " (" + when + agency + ")";
  return cell;
}

namespace {

// "每年", "截至 2015-12-31", "累计": the period as the plan's own words put it.
std::string PeriodCell(const json& target) {
  const std::string period = TextField(target, "period");
  std::optional<TargetPeriod> parsed = ParseTargetPeriod(period);
  if (!parsed) return period.empty() ? "-" : period;
  std::string cell(TargetPeriodNameZh(*parsed));
  if (*parsed == TargetPeriod::kByDate) cell += " " + TextField(target, "by_date", "?");
  return cell + " " + period;
}

}  // namespace

std::string RenderTaskTargets(const json& task_get, std::string_view ref, int width) {
  const json targets = ArrayField(task_get, "targets");
  const int64_t proposed = IntField(task_get, "proposed_targets");
  std::string out = "targets (指标): ";
  out += targets.empty() ? "none" : CountOf(static_cast<int64_t>(targets.size()), "confirmed", "confirmed");
  out += "\n";
  if (!targets.empty()) {
    Table table({{"NAME"}, {"TARGET"}, {"PERIOD"}, {"STATUS"}, {"LAST VALUE", 0, Align::kLeft, true}});
    for (const json& target : targets) {
      table.AddRow({TextField(target, "name"), TextField(target, "formatted", "-"), PeriodCell(target),
                    TargetStatusLabel(target), LastValueCell(target)});
    }
    out += table.Render(width);
  }
  if (proposed > 0) {
    out += CountOf(proposed, "proposed target", "proposed targets") + ": dubanctl target list " +
           std::string(ref) + " --state proposed\n";
  }
  return out;
}

}  // namespace duban::ctl
