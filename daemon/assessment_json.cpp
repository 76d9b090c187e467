#include "daemon/assessment_json.h"

#include "daemon/json_read.h"

namespace duban {
namespace {

using nlohmann::json;
using json_read::Fail;
using json_read::Read;
using json_read::ReadDate;
using json_read::ReadEnum;

// The counts are flattened into the agency, section and totals objects.
void PutCounts(const AssessmentCounts& c, json* j) {
  (*j)["due"] = c.due;
  (*j)["on_time"] = c.on_time;
  (*j)["late"] = c.late;
  (*j)["late_working_days"] = c.late_working_days;
  (*j)["max_late_working_days"] = c.max_late_working_days;
  (*j)["missing"] = c.missing;
  (*j)["not_yet_due"] = c.not_yet_due;
  const std::optional<double> rate = c.rate();
  (*j)["rate"] = rate ? json(*rate) : json(nullptr);
}

// Targets are an object of their own: "targets": {"total", "met", "on_track", "behind",
// "missing"}; absent (a daemon before targets) reads as none.
json TargetsJson(const TargetCounts& t) {
  return {{"total", t.total}, {"met", t.met}, {"on_track", t.on_track}, {"behind", t.behind},
          {"missing", t.missing}};
}

TargetCounts TargetsFrom(const json& j) {
  TargetCounts t;
  if (!j.contains("targets")) return t;
  const json& targets = j["targets"];
  Read(targets, "total", &t.total);
  Read(targets, "met", &t.met);
  Read(targets, "on_track", &t.on_track);
  Read(targets, "behind", &t.behind);
  Read(targets, "missing", &t.missing);
  return t;
}

AssessmentCounts CountsFrom(const json& j) {
  AssessmentCounts c;
  Read(j, "due", &c.due);
  Read(j, "on_time", &c.on_time);
  Read(j, "late", &c.late);
  Read(j, "late_working_days", &c.late_working_days);
  Read(j, "max_late_working_days", &c.max_late_working_days);
  Read(j, "missing", &c.missing);
  Read(j, "not_yet_due", &c.not_yet_due);
  return c;
}

json AgencyJson(const AgencyAssessment& agency) {
  json j = {{"agency", agency.agency},
            {"rank", agency.rank},
            {"lead_tasks", agency.lead_tasks},
            {"participant_tasks", agency.participant_tasks},
            {"light", LightName(agency.light)},
            {"targets", TargetsJson(agency.targets)}};
  PutCounts(agency.counts, &j);
  return j;
}

AgencyAssessment AgencyFrom(const json& j) {
  AgencyAssessment agency;
  Read(j, "agency", &agency.agency);
  Read(j, "rank", &agency.rank);
  Read(j, "lead_tasks", &agency.lead_tasks);
  Read(j, "participant_tasks", &agency.participant_tasks);
  agency.light = ReadEnum(j, "light", Light::kNone, ParseLight);
  agency.counts = CountsFrom(j);
  agency.targets = TargetsFrom(j);
  return agency;
}

json SectionJson(const SectionAssessment& section) {
  json j = {{"number", section.number},
            {"title", section.title},
            {"tasks", section.tasks},
            {"targets", TargetsJson(section.targets)}};
  PutCounts(section.counts, &j);
  return j;
}

SectionAssessment SectionFrom(const json& j) {
  SectionAssessment section;
  Read(j, "number", &section.number);
  Read(j, "title", &section.title);
  Read(j, "tasks", &section.tasks);
  section.counts = CountsFrom(j);
  section.targets = TargetsFrom(j);
  return section;
}

json FindingJson(const AssessmentFinding& finding) {
  const bool late = finding.outcome == AssessmentFinding::Outcome::kLate;
  return {{"task", finding.task_ref},
          {"agency", finding.agency},
          {"role", RoleName(finding.role)},
          {"occurrence", finding.occurrence},
          {"due", FormatCivilDate(finding.due)},
          {"outcome", late ? "late" : "missing"},
          {"reported", finding.reported ? json(FormatCivilDate(*finding.reported)) : json(nullptr)},
          {"late_working_days", finding.late_working_days}};
}

AssessmentFinding FindingFrom(const json& j) {
  AssessmentFinding finding;
  Read(j, "task", &finding.task_ref);
  Read(j, "agency", &finding.agency);
  finding.role = ReadEnum(j, "role", Role::kLead, ParseRole);
  Read(j, "occurrence", &finding.occurrence);
  finding.due = ReadDate(j, "due");
  std::string outcome;
  Read(j, "outcome", &outcome);
  if (outcome != "late" && outcome != "missing") Fail(j, "outcome has an unknown value: " + outcome);
  finding.outcome = outcome == "late" ? AssessmentFinding::Outcome::kLate
                                      : AssessmentFinding::Outcome::kMissing;
  if (j.contains("reported") && !j["reported"].is_null()) finding.reported = ReadDate(j, "reported");
  Read(j, "late_working_days", &finding.late_working_days);
  return finding;
}

}  // namespace

json ToJson(const Assessment& assessment) {
  json agencies = json::array();
  for (const AgencyAssessment& agency : assessment.agencies) agencies.push_back(AgencyJson(agency));
  json sections = json::array();
  for (const SectionAssessment& section : assessment.sections) {
    sections.push_back(SectionJson(section));
  }
  json findings = json::array();
  for (const AssessmentFinding& finding : assessment.findings) {
    findings.push_back(FindingJson(finding));
  }
  json suspended = json::array();
  for (const SuspendedTask& task : assessment.suspended) {
    suspended.push_back({{"ref", task.ref}, {"section", task.section}, {"agencies", task.agencies}});
  }
  json totals = {{"tasks", assessment.tasks}, {"targets", TargetsJson(assessment.target_totals)}};
  PutCounts(assessment.totals, &totals);
  return {{"from", FormatCivilDate(assessment.from)},
          {"to", FormatCivilDate(assessment.to)},
          {"now", assessment.now},
          {"as_of", assessment.as_of},
          {"as_of_local", assessment.as_of_local},
          {"section", assessment.section},
          {"totals", totals},
          {"agencies", agencies},
          {"sections", sections},
          {"findings", findings},
          {"suspended", suspended}};
}

Assessment AssessmentFromJson(const json& j) {
  Assessment assessment;
  assessment.from = ReadDate(j, "from");
  assessment.to = ReadDate(j, "to");
  Read(j, "now", &assessment.now);
  Read(j, "as_of", &assessment.as_of);
  Read(j, "as_of_local", &assessment.as_of_local);
  Read(j, "section", &assessment.section);
  if (j.contains("totals")) {
    assessment.totals = CountsFrom(j["totals"]);
    Read(j["totals"], "tasks", &assessment.tasks);
    assessment.target_totals = TargetsFrom(j["totals"]);
  }
  for (const json& agency : j.value("agencies", json::array())) {
    assessment.agencies.push_back(AgencyFrom(agency));
  }
  for (const json& section : j.value("sections", json::array())) {
    assessment.sections.push_back(SectionFrom(section));
  }
  for (const json& finding : j.value("findings", json::array())) {
    assessment.findings.push_back(FindingFrom(finding));
  }
  for (const json& task : j.value("suspended", json::array())) {
    SuspendedTask suspended;
    Read(task, "ref", &suspended.ref);
    Read(task, "section", &suspended.section);
    Read(task, "agencies", &suspended.agencies);
    assessment.suspended.push_back(std::move(suspended));
  }
  return assessment;
}

}  // namespace duban
