#include "workflow/sqlite_deadline_json.h"

#include <optional>

#include <nlohmann/json.hpp>

namespace duban {
namespace {

using nlohmann::json;

Status BadKey(std::string_view key, std::string_view expected) {
  return Status::InvalidArgument("deadline \"" + std::string(key) + "\": expected " +
                                 std::string(expected));
}

// A whole number >= min and <= max at `j[key]`.
Status ReadDays(const json& j, std::string_view key, int min, int max, int* out) {
  const json& value = j.at(std::string(key));
  if (!value.is_number_integer() || value.get<int64_t>() < min || value.get<int64_t>() > max) {
    return BadKey(key, "a whole number from " + std::to_string(min) + " to " +
                           std::to_string(max));
  }
  *out = value.get<int>();
  return Status::OK();
}

Status ReadReportDue(const json& j, ReportDue* due) {
  if (!j.is_object()) return BadKey("report_due", "an object");
  for (const auto& [key, value] : j.items()) {
    Status status;
    if (key == "working_days_after") {
      status = ReadDays(j, key, 0, 366, &due->working_days_after);
    } else if (key == "fixed_day") {
      status = ReadDays(j, key, 0, 31, &due->fixed_day);
    } else {
      status = Status::InvalidArgument("deadline \"report_due\": unknown key \"" + key + "\"");
    }
    if (!status.ok()) return status;
  }
  return Status::OK();
}

// Reads one top-level key of the patch object.
Status ReadKey(const json& j, const std::string& key, DeadlinePatch* patch) {
  const json& value = j.at(key);
  if (key == "final_due") {
    std::optional<CivilDate> date =
        value.is_string() ? ParseCivilDate(value.get<std::string>()) : std::nullopt;
    if (!date) return BadKey(key, "a date YYYY-MM-DD");
    patch->final_due = *date;
  } else if (key == "clear_final_due") {
    if (!value.is_boolean()) return BadKey(key, "true or false");
    patch->clear_final_due = value.get<bool>();
  } else if (key == "cycle") {
    std::optional<ReportCycle> cycle =
        value.is_string() ? ParseReportCycle(value.get<std::string>()) : std::nullopt;
    if (!cycle) return BadKey(key, "none, monthly, quarterly, half-yearly or yearly");
    patch->cycle = *cycle;
  } else if (key == "report_due") {
    ReportDue due;
    if (Status status = ReadReportDue(value, &due); !status.ok()) return status;
    patch->report_due = due;
  } else if (key == "participant_lead_days") {
    int days = 0;
    if (Status status = ReadDays(j, key, 0, 366, &days); !status.ok()) return status;
    patch->participant_lead_days = days;
  } else {
    return Status::InvalidArgument("deadline: unknown key \"" + key + "\"");
  }
  return Status::OK();
}

}  // namespace

std::string EncodeDeadlinePatch(const DeadlinePatch& patch) {
  json j = json::object();
  if (patch.final_due) j["final_due"] = FormatCivilDate(*patch.final_due);
  if (patch.clear_final_due) j["clear_final_due"] = true;
  if (patch.cycle) j["cycle"] = std::string(ReportCycleName(*patch.cycle));
  if (patch.report_due) {
    j["report_due"] = {{"working_days_after", patch.report_due->working_days_after},
                       {"fixed_day", patch.report_due->fixed_day}};
  }
  if (patch.participant_lead_days) j["participant_lead_days"] = *patch.participant_lead_days;
  return j.dump();
}

Result<DeadlinePatch> DecodeDeadlinePatch(std::string_view text) {
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    return Status::InvalidArgument("deadline: not a JSON object: " + std::string(text));
  }
  DeadlinePatch patch;
  for (const auto& item : j.items()) {
    if (Status status = ReadKey(j, item.key(), &patch); !status.ok()) return status;
  }
  return patch;
}

}  // namespace duban
