#include "daemon/target_json.h"

#include <string>

#include "daemon/json_read.h"

namespace duban {

using nlohmann::json;
using json_read::Read;
using json_read::ReadEnum;

json ToJson(const Target& target) {
  return {{"id", target.id},
          {"task_ref", target.task_ref},
          {"name", target.name},
          {"unit", target.unit},
          {"comparison", TargetComparisonName(target.comparison)},
          {"value", target.value},
          {"tolerance", target.tolerance},
          {"period", TargetPeriodName(target.period)},
          {"by_date", target.by_date},
          {"state", TargetStateName(target.state)},
          {"matched_text", target.matched_text},
          {"created_at", target.created_at},
          {"updated_at", target.updated_at},
          {"formatted", FormatTargetValue(target)}};
}

Target TargetFromJson(const json& j) {
  Target target;
  Read(j, "id", &target.id);
  Read(j, "task_ref", &target.task_ref);
  Read(j, "name", &target.name);
  Read(j, "unit", &target.unit);
  target.comparison = ReadEnum(j, "comparison", TargetComparison::kAtLeast,
                               [](std::string_view name) { return ParseTargetComparison(name); });
  Read(j, "value", &target.value);
  Read(j, "tolerance", &target.tolerance);
  target.period = ReadEnum(j, "period", TargetPeriod::kYearly,
                           [](std::string_view name) { return ParseTargetPeriod(name); });
  Read(j, "by_date", &target.by_date);
  target.state = ReadEnum(j, "state", TargetState::kProposed,
                          [](std::string_view name) { return ParseTargetState(name); });
  Read(j, "matched_text", &target.matched_text);
  Read(j, "created_at", &target.created_at);
  Read(j, "updated_at", &target.updated_at);
  return target;
}

json ReadingJson(const TargetReading& reading) {
  return {{"status", TargetStatusName(reading.status)},
          {"status_zh", TargetStatusNameZh(reading.status)},
          {"last_value", reading.last_value ? json(*reading.last_value) : json(nullptr)},
          {"last_at", reading.last_at},
          {"last_agency", reading.last_agency},
          {"expected_now", reading.expected_now ? json(*reading.expected_now) : json(nullptr)}};
}

json ValuesJson(const std::vector<ReportedValue>& values) {
  json object = json::object();
  for (const ReportedValue& value : values) object[value.name] = value.value;
  return object;
}

std::vector<ReportedValue> ValuesFromJson(const json& j) {
  std::vector<ReportedValue> values;
  if (j.is_null()) return values;
  if (!j.is_object()) json_read::Fail(j, "values must be an object of name: number");
  for (const auto& [name, value] : j.items()) {
    if (!value.is_number()) json_read::Fail(j, "values." + name + " must be a number");
    values.push_back({name, value.get<double>()});
  }
  return values;
}

}  // namespace duban
