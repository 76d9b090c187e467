// JSON forms of the tracking values (feedback, deadlines, occurrences, days, lights,
// actions, outbox rows); declared in plan_json.h with the plan's forms.
#include <cstdio>

#include "daemon/plan_json.h"

#include "daemon/json_read.h"
#include "daemon/target_json.h"

namespace duban {
namespace {

using nlohmann::json;

using json_read::Fail;
using json_read::Read;
using json_read::ReadDate;
using json_read::ReadEnum;

json OptionalDate(const std::optional<CivilDate>& date) {
  return date ? json(FormatCivilDate(*date)) : json(nullptr);
}

json ReportDueJson(const ReportDue& due) {
  return {{"working_days_after", due.working_days_after}, {"fixed_day", due.fixed_day}};
}

ReportDue ReportDueFrom(const json& j) {
  ReportDue due;
  Read(j, "working_days_after", &due.working_days_after);
  Read(j, "fixed_day", &due.fixed_day);
  return due;
}

std::string_view DayReasonName(DayExplanation::Reason reason) {
  switch (reason) {
    case DayExplanation::Reason::kWeekday: return "weekday";
    case DayExplanation::Reason::kWeekend: return "weekend";
    case DayExplanation::Reason::kHoliday: return "holiday";
    case DayExplanation::Reason::kMakeUpDay: return "make_up_day";
  }
  return "weekday";
}

std::optional<DayExplanation::Reason> ParseDayReason(std::string_view name) {
  for (auto reason : {DayExplanation::Reason::kWeekday, DayExplanation::Reason::kWeekend,
                      DayExplanation::Reason::kHoliday, DayExplanation::Reason::kMakeUpDay}) {
    if (DayReasonName(reason) == name) return reason;
  }
  return std::nullopt;
}

template <typename E, typename NameFn>
json NameList(const std::vector<E>& values, NameFn name) {
  json list = json::array();
  for (E value : values) list.push_back(name(value));
  return list;
}

template <typename E, typename ParseFn>
std::vector<E> ListFrom(const json& j, const char* key, ParseFn parse) {
  std::vector<std::string> names;
  Read(j, key, &names);
  std::vector<E> values;
  for (const std::string& name : names) {
    auto value = parse(name);
    if (!value) Fail(j, std::string(key) + " has an unknown value: " + name);
    values.push_back(*value);
  }
  return values;
}

}  // namespace

std::string FormatLocalTime(int64_t utc_seconds, const TimeZone& zone) {
  LocalTime local = zone.ToLocal(utc_seconds);
  char clock[8];
  std::snprintf(clock, sizeof(clock), "%02d:%02d", local.minute_of_day / 60 % 100,
                local.minute_of_day % 60);
  return FormatCivilDate(local.date) + " " + clock;
}

json ToJson(const Feedback& feedback) {
  return {{"id", feedback.id},
          {"task_ref", feedback.task_ref},
          {"agency", feedback.agency},
          {"at", feedback.at},
          {"actor", feedback.actor},
          {"text", feedback.text},
          {"percent", feedback.percent ? json(*feedback.percent) : json(nullptr)},
          {"done", feedback.done},
          {"attachments", feedback.attachments},
          {"values", ValuesJson(feedback.values)},
          {"recorded_at", feedback.recorded_at}};
}

Feedback FeedbackFromJson(const json& j) {
  Feedback feedback;
  Read(j, "id", &feedback.id);
  Read(j, "task_ref", &feedback.task_ref);
  Read(j, "agency", &feedback.agency);
  Read(j, "at", &feedback.at);
  Read(j, "actor", &feedback.actor);
  Read(j, "text", &feedback.text);
  if (auto it = j.find("percent"); it != j.end() && !it->is_null()) {
    feedback.percent = it->get<int>();
  }
  Read(j, "done", &feedback.done);
  Read(j, "attachments", &feedback.attachments);
  if (auto it = j.find("values"); it != j.end()) feedback.values = ValuesFromJson(*it);
  Read(j, "recorded_at", &feedback.recorded_at);
  return feedback;
}

json ToJson(const DeadlineSpec& spec) {
  return {{"final_due", OptionalDate(spec.final_due)},
          {"cycle", ReportCycleName(spec.cycle)},
          {"report_due", ReportDueJson(spec.report_due)},
          {"participant_lead_days", spec.participant_lead_days}};
}

DeadlineSpec DeadlineSpecFromJson(const json& j) {
  DeadlineSpec spec;
  if (auto it = j.find("final_due"); it != j.end() && !it->is_null()) {
    spec.final_due = ReadDate(j, "final_due");
  }
  spec.cycle = ReadEnum(j, "cycle", ReportCycle::kNone, ParseReportCycle);
  if (auto it = j.find("report_due"); it != j.end() && it->is_object()) {
    spec.report_due = ReportDueFrom(*it);
  }
  Read(j, "participant_lead_days", &spec.participant_lead_days);
  return spec;
}

json ToJson(const DeadlinePatch& patch) {
  json j = json::object();
  if (patch.final_due) j["final_due"] = FormatCivilDate(*patch.final_due);
  if (patch.clear_final_due) j["clear_final_due"] = true;
  if (patch.cycle) j["cycle"] = ReportCycleName(*patch.cycle);
  if (patch.report_due) j["report_due"] = ReportDueJson(*patch.report_due);
  if (patch.participant_lead_days) j["participant_lead_days"] = *patch.participant_lead_days;
  return j;
}

DeadlinePatch DeadlinePatchFromJson(const json& j) {
  DeadlinePatch patch;
  if (auto it = j.find("final_due"); it != j.end() && !it->is_null()) {
    patch.final_due = ReadDate(j, "final_due");
  }
  Read(j, "clear_final_due", &patch.clear_final_due);
  if (auto it = j.find("cycle"); it != j.end() && !it->is_null()) {
    patch.cycle = ReadEnum(j, "cycle", ReportCycle::kNone, ParseReportCycle);
  }
  if (auto it = j.find("report_due"); it != j.end() && it->is_object()) {
    patch.report_due = ReportDueFrom(*it);
  }
  if (auto it = j.find("participant_lead_days"); it != j.end() && !it->is_null()) {
    patch.participant_lead_days = it->get<int>();
  }
  return patch;
}

json ToJson(const OccurrenceStatus& status) {
  json agencies = json::array();
  for (const auto& owed : status.agencies) {
    agencies.push_back({{"agency", owed.agency},
                        {"role", RoleName(owed.role)},
                        {"due", FormatCivilDate(owed.due)},
                        {"satisfied_by", owed.satisfied_by ? json(*owed.satisfied_by) : json(nullptr)}});
  }
  const DueOccurrence& occurrence = status.occurrence;
  return {{"id", occurrence.id},
          {"period_start", FormatCivilDate(occurrence.period_start)},
          {"period_end", FormatCivilDate(occurrence.period_end)},
          {"due", FormatCivilDate(occurrence.due)},
          {"final", occurrence.final},
          {"agencies", agencies}};
}

OccurrenceStatus OccurrenceStatusFromJson(const json& j) {
  OccurrenceStatus status;
  Read(j, "id", &status.occurrence.id);
  status.occurrence.period_start = ReadDate(j, "period_start");
  status.occurrence.period_end = ReadDate(j, "period_end");
  status.occurrence.due = ReadDate(j, "due");
  Read(j, "final", &status.occurrence.final);
  if (auto it = j.find("agencies"); it != j.end() && it->is_array()) {
    for (const json& entry : *it) {
      OccurrenceStatus::AgencyDue owed;
      Read(entry, "agency", &owed.agency);
      owed.role = ReadEnum(entry, "role", Role::kLead, ParseRole);
      owed.due = ReadDate(entry, "due");
      if (auto by = entry.find("satisfied_by"); by != entry.end() && !by->is_null()) {
        owed.satisfied_by = by->get<int64_t>();
      }
      status.agencies.push_back(std::move(owed));
    }
  }
  return status;
}

json ToJson(const DayExplanation& day) {
  return {{"date", FormatCivilDate(day.day)},
          {"weekday", WeekdayName(day.day)},
          {"working", day.working},
          {"reason", DayReasonName(day.reason)},
          {"name", day.name},
          {"outside_known_years", day.outside_known_years},
          {"description", day.Describe()}};
}

DayExplanation DayInfoFromJson(const json& j) {
  DayExplanation day;
  day.day = ReadDate(j, "date");
  Read(j, "working", &day.working);
  day.reason = ReadEnum(j, "reason", DayExplanation::Reason::kWeekday, ParseDayReason);
  Read(j, "name", &day.name);
  Read(j, "outside_known_years", &day.outside_known_years);
  return day;
}

json ToJson(const LightReading& light) {
  return {{"light", LightName(light.light)}, {"reason", light.reason}};
}

LightReading LightReadingFromJson(const json& j) {
  LightReading light;
  light.light = ReadEnum(j, "light", Light::kNone, ParseLight);
  Read(j, "reason", &light.reason);
  return light;
}

json ToJson(const Action& action, const TimeZone& zone) {
  return {{"key", action.key},
          {"task_ref", action.task_ref},
          {"agency", action.agency},
          {"role", RoleName(action.role)},
          {"occurrence", action.occurrence},
          {"due", FormatCivilDate(action.due)},
          {"level", LevelName(action.level)},
          {"level_zh", LevelNameZh(action.level)},
          {"step", action.step},
          {"repeat", action.repeat},
          {"recipients", NameList(action.recipients, RecipientName)},
          {"channels", NameList(action.channels, ChannelName)},
          {"at", action.at},
          {"at_local", FormatLocalTime(action.at, zone)},
          {"reason", action.reason}};
}

Action ActionFromJson(const json& j) {
  Action action;
  Read(j, "key", &action.key);
  Read(j, "task_ref", &action.task_ref);
  Read(j, "agency", &action.agency);
  action.role = ReadEnum(j, "role", Role::kLead, ParseRole);
  Read(j, "occurrence", &action.occurrence);
  action.due = ReadDate(j, "due");
  action.level = ReadEnum(j, "level", Level::kRemind, ParseLevel);
  Read(j, "step", &action.step);
  Read(j, "repeat", &action.repeat);
  action.recipients = ListFrom<Recipient>(j, "recipients", ParseRecipient);
  action.channels = ListFrom<Channel>(j, "channels", ParseChannel);
  Read(j, "at", &action.at);
  Read(j, "reason", &action.reason);
  return action;
}

json ToJson(const OutboxRow& row, const TimeZone& zone) {
  json j = ToJson(row.action, zone);
  j["id"] = row.id;
  j["state"] = row.state;
  j["attempts"] = row.attempts;
  j["last_error"] = row.last_error;
  j["created_at"] = row.created_at;
  j["updated_at"] = row.updated_at;
  return j;
}

OutboxRow OutboxRowFromJson(const json& j) {
  OutboxRow row;
  row.action = ActionFromJson(j);
  Read(j, "id", &row.id);
  Read(j, "state", &row.state);
  Read(j, "attempts", &row.attempts);
  Read(j, "last_error", &row.last_error);
  Read(j, "created_at", &row.created_at);
  Read(j, "updated_at", &row.updated_at);
  return row;
}

}  // namespace duban
