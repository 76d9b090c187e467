#include "daemon/dubanctl/tracking_view.h"

#include "daemon/dubanctl/json_fields.h"
#include "daemon/dubanctl/table.h"

namespace duban::ctl {
namespace {

using nlohmann::json;

// A local time for an instant that may be null or absent ("unknown").
std::string InstantField(const json& object, std::string_view key) {
  const int64_t value = IntField(object, key, -1);
  return value < 0 ? "unknown" : FormatLocalTime(value);
}

std::string Dash(std::string text) { return text.empty() ? "-" : text; }

std::string ReportDueText(const json& report_due) {
  const int64_t fixed_day = IntField(report_due, "fixed_day");
  if (fixed_day > 0) {
    return "on day " + std::to_string(fixed_day) +
           " of the month after the period (next working day if not one)";
  }
  return std::to_string(IntField(report_due, "working_days_after", 0)) +
         " working days after the period ends";
}

std::string FeedbackMark(const json& owed) {
  const int64_t by = IntField(owed, "satisfied_by", -1);
  return by < 0 ? "open" : "#" + std::to_string(by);
}

}  // namespace

std::string LightLabel(std::string_view light) {
  if (light == "red") return "红 red";
  if (light == "yellow") return "黄 yellow";
  if (light == "green") return "绿 green";
  return "none";
}

std::string LightNameOf(const json& record) {
  if (!record.is_object()) return "";
  auto it = record.find("light");
  if (it == record.end() || it->is_null()) return "";
  if (it->is_object()) return TextField(*it, "light");
  return it->get<std::string>();
}

std::string LightReasonOf(const json& record) {
  if (!record.is_object()) return "";
  if (std::string reason = TextField(record, "light_reason"); !reason.empty()) return reason;
  auto it = record.find("light");
  if (it != record.end() && it->is_object()) return TextField(*it, "reason");
  return "";
}

std::string LightCounts(const json& lights) {
  std::string out;
  for (const char* light : {"red", "yellow", "green", "none"}) {
    if (!out.empty()) out += ", ";
    out += LightLabel(light) + " " + std::to_string(IntField(lights, light));
  }
  return out;
}

std::vector<Field> SchedulerFields(const json& scheduler) {
  return {
      {"evaluated until", InstantField(scheduler, "evaluated_until")},
      {"next wake", InstantField(scheduler, "next_wake")},
      {"outbox", std::to_string(IntField(scheduler, "pending")) + " pending"},
  };
}

std::vector<Field> DeadlineFields(const json& deadline) {
  const std::string cycle = TextField(deadline, "cycle", "none");
  std::vector<Field> fields = {
      {"final due", TextField(deadline, "final_due", "(none)")},
      {"reports", cycle},
  };
  if (cycle != "none") {
    auto report_due = deadline.find("report_due");
    fields.push_back({"report due", report_due == deadline.end()
                                        ? "-"
                                        : ReportDueText(*report_due)});
  }
  fields.push_back({"participants",
                    std::to_string(IntField(deadline, "participant_lead_days")) +
                        " working days before the lead's due date"});
  return fields;
}

std::string PatchSummary(const json& patch) {
  std::vector<std::string> parts;
  if (FlagField(patch, "clear_final_due")) parts.push_back("final due dropped");
  if (std::string due = TextField(patch, "final_due"); !due.empty()) {
    parts.push_back("final due " + due);
  }
  if (std::string cycle = TextField(patch, "cycle"); !cycle.empty()) {
    parts.push_back("cycle " + cycle);
  }
  if (patch.is_object() && patch.contains("report_due")) {
    parts.push_back("report due " + ReportDueText(patch.at("report_due")));
  }
  if (patch.is_object() && patch.contains("participant_lead_days")) {
    parts.push_back("participants " + NumberField(patch, "participant_lead_days") +
                    " working days earlier");
  }
  return parts.empty() ? "(none)" : JoinNames(parts, ", ");
}

std::string RenderOccurrences(const json& occurrences, int width) {
  Table table({{"OCCURRENCE"}, {"PERIOD"}, {"DUE"}, {"AGENCY", 0, Align::kLeft, true},
               {"ROLE"}, {"AGENCY DUE"}, {"FEEDBACK"}});
  for (const json& occurrence : occurrences) {
    const std::string period =
        TextField(occurrence, "period_start", "?") + " – " + TextField(occurrence, "period_end", "?");
    std::string id = TextField(occurrence, "id");
    if (FlagField(occurrence, "final") && id != "final") id += " (final)";
    const json agencies = ArrayField(occurrence, "agencies");
    if (agencies.empty()) table.AddRow({id, period, TextField(occurrence, "due", "-")});
    for (const json& owed : agencies) {
      table.AddRow({id, period, TextField(occurrence, "due", "-"), TextField(owed, "agency"),
                    TextField(owed, "role"), TextField(owed, "due", "-"), FeedbackMark(owed)});
    }
  }
  return table.Render(width);
}

namespace {

// The text, then its attachments: "进展顺利 [附件: /srv/a.pdf; https://…]".
std::string TextWithAttachments(const json& item) {
  std::string text = TextField(item, "text");
  std::vector<std::string> attachments = ListField(item, "attachments");
  if (!attachments.empty()) text += " [附件: " + JoinNames(attachments, "; ") + "]";
  return text;
}

}  // namespace

std::string RenderFeedbackTable(const json& feedback, int width) {
  Table table({{"ID", 0, Align::kRight}, {"TIME"}, {"TASK"}, {"AGENCY"},
               {"PERCENT", 0, Align::kRight}, {"DONE"}, {"BY"},
               {"TEXT", 0, Align::kLeft, true}});
  for (const json& item : feedback) {
    table.AddRow({NumberField(item, "id"), FormatLocalTime(IntField(item, "at")),
                  TextField(item, "task_ref"), TextField(item, "agency"),
                  NumberField(item, "percent"), FlagField(item, "done") ? "done" : "",
                  Dash(TextField(item, "actor")), TextWithAttachments(item)});
  }
  return table.Render(width);
}

std::string DayLine(const json& day) {
  if (std::string description = TextField(day, "description"); !description.empty()) {
    return description;
  }
  std::string line = TextField(day, "date", "?") + " " + TextField(day, "weekday") + ": " +
                     (FlagField(day, "working") ? "working day" : "not a working day") + " (" +
                     TextField(day, "reason", "?");
  if (std::string name = TextField(day, "name"); !name.empty()) line += ": " + name;
  return line + ")";
}

std::string OutsideYearsWarning(const json& day) {
  if (!FlagField(day, "outside_known_years")) return "";
  // The daemon's description may already carry the warning (DayExplanation::Describe).
  if (TextField(day, "description").find("warning") != std::string::npos) return "";
  return "warning: " + TextField(day, "date", "this day") +
         " is outside the calendar's configured years: only weekends are known, holidays "
         "and 调休 make-up days of that year are not entered ([calendar] years)";
}

std::string RenderProblems(const json& problems, int width) {
  Table table({{"SEVERITY"}, {"KIND"}, {"SUBJECT", 30}, {"MESSAGE", 0, Align::kLeft, true}});
  for (const json& problem : problems) {
    table.AddRow({TextField(problem, "severity"), TextField(problem, "kind"),
                  TextField(problem, "subject"), TextField(problem, "message")});
  }
  return table.Render(width);
}

int CountSeverity(const json& problems, std::string_view severity) {
  int count = 0;
  for (const json& problem : problems) {
    if (TextField(problem, "severity") == severity) ++count;
  }
  return count;
}

}  // namespace duban::ctl
