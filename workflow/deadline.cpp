#include "workflow/deadline.h"

#include <array>

#include "workflow/occurrence_series.h"
#include "workflow/workday_table.h"

namespace duban {
namespace {

struct CycleName {
  ReportCycle cycle;
  std::string_view name;
};

constexpr std::array<CycleName, 5> kCycles = {{{ReportCycle::kNone, "none"},
                                               {ReportCycle::kMonthly, "monthly"},
                                               {ReportCycle::kQuarterly, "quarterly"},
                                               {ReportCycle::kHalfYearly, "half-yearly"},
                                               {ReportCycle::kYearly, "yearly"}}};

// The plan's due column as a patch: a valid date sets the final due date; anything else
// (empty, or text the importer kept as written) sets nothing.
DeadlinePatch PatchFromDue(std::string_view due) {
  DeadlinePatch patch;
  if (auto date = ParseCivilDate(due)) patch.final_due = *date;
  return patch;
}

}  // namespace

std::string_view ReportCycleName(ReportCycle cycle) {
  for (const auto& entry : kCycles) {
    if (entry.cycle == cycle) return entry.name;
  }
  return "none";
}

std::optional<ReportCycle> ParseReportCycle(std::string_view name) {
  for (const auto& entry : kCycles) {
    if (entry.name == name) return entry.cycle;
  }
  return std::nullopt;
}

bool DeadlinePatch::empty() const {
  return !final_due && !clear_final_due && !cycle && !report_due && !participant_lead_days;
}

// A patch that both clears and sets the final due date sets it: clearing applies first.
void DeadlinePatch::ApplyTo(DeadlineSpec* spec) const {
  if (clear_final_due) spec->final_due.reset();
  if (final_due) spec->final_due = final_due;
  if (cycle) spec->cycle = *cycle;
  if (report_due) spec->report_due = *report_due;
  if (participant_lead_days) spec->participant_lead_days = *participant_lead_days;
}

DeadlinePatch DeadlinePatch::Then(const DeadlinePatch& later) const {
  DeadlinePatch result = *this;
  if (later.final_due) {
    result.final_due = later.final_due;
    result.clear_final_due = later.clear_final_due;
  } else if (later.clear_final_due) {
    result.final_due.reset();
    result.clear_final_due = true;
  }
  if (later.cycle) result.cycle = later.cycle;
  if (later.report_due) result.report_due = later.report_due;
  if (later.participant_lead_days) result.participant_lead_days = later.participant_lead_days;
  return result;
}

DeadlineSpec ResolveDeadline(const DeadlinePolicy& policy, const Task& task,
                             const DeadlinePatch* runtime) {
  return ResolveDeadline(policy, task.ref, task.section, task.due, runtime);
}

DeadlineSpec ResolveDeadline(const DeadlinePolicy& policy, std::string_view ref,
                             std::string_view section_number, std::string_view due,
                             const DeadlinePatch* runtime) {
  DeadlineSpec spec = policy.defaults;
  if (auto section = policy.by_section.find(std::string(section_number));
      section != policy.by_section.end()) {
    section->second.ApplyTo(&spec);
  }
  PatchFromDue(due).ApplyTo(&spec);
  if (auto by_task = policy.by_task.find(std::string(ref)); by_task != policy.by_task.end()) {
    by_task->second.ApplyTo(&spec);
  }
  if (runtime) runtime->ApplyTo(&spec);
  return spec;
}

std::vector<DueOccurrence> DueOccurrences(const DeadlineSpec& spec, const WorkingCalendar& calendar,
                                          CivilDate tracking_start, CivilDate from, CivilDate to) {
  const WorkdayTable days(calendar);
  OccurrenceSeries series(spec, days, tracking_start);
  std::vector<DueOccurrence> result;
  while (auto occurrence = series.Next()) {
    if (occurrence->due > to) {
      // Due dates only grow from here on, except that the final may come after reports
      // whose due dates already passed `to`; it is then past `to` as well.
      break;
    }
    if (occurrence->due >= from) result.push_back(std::move(*occurrence));
  }
  return result;
}

CivilDate DueFor(Role role, const DueOccurrence& occurrence, const DeadlineSpec& spec,
                 const WorkingCalendar& calendar) {
  if (role != Role::kParticipant || spec.participant_lead_days <= 0) return occurrence.due;
  return calendar.AddWorkingDays(occurrence.due, -spec.participant_lead_days);
}

}  // namespace duban
