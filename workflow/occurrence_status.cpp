#include "workflow/occurrence_status.h"

#include <algorithm>

#include "workflow/feedback_matching.h"
#include "workflow/task_digest.h"

namespace duban {
namespace {

// Far enough ahead that the next few occurrences of a yearly report are included.
constexpr int kLookAheadDays = 800;

// Marks, for the agency in column `column`, which feedback satisfied which occurrence,
// by the evaluator's own matching (workflow/feedback_matching.h).
void Satisfy(std::vector<OccurrenceStatus>* statuses, size_t column, const TrackedTask& task,
             const TimeZone& zone) {
  const std::string& agency = (*statuses)[0].agencies[column].agency;
  std::vector<const Feedback*> feedback;
  CollectFeedback(task.feedback, agency, &feedback);
  if (feedback.empty()) return;
  auto lookup = [&](size_t index) -> std::optional<MatchableOccurrence> {
    if (index >= statuses->size()) return std::nullopt;
    const OccurrenceStatus& status = (*statuses)[index];
    return MatchableOccurrence{status.occurrence.period_start,
                               status.agencies[column].due >= task.tracking_start,
                               status.occurrence.final};
  };
  const bool bounded = task.deadline.final_due || task.deadline.cycle == ReportCycle::kNone;
  Satisfaction satisfaction;
  MatchFeedback(feedback, zone, lookup, bounded, &satisfaction);
  for (size_t index = 0; index < statuses->size(); ++index) {
    const int64_t at = satisfaction.At(index);
    if (at == kNever) continue;
    // The report given at that time (the done one when several share it).
    const Feedback* by = nullptr;
    for (const Feedback* candidate : feedback) {
      if (candidate->at == at && (by == nullptr || candidate->done)) by = candidate;
    }
    if (by != nullptr) (*statuses)[index].agencies[column].satisfied_by = by->id;
  }
}

}  // namespace

std::vector<OccurrenceStatus> OccurrenceStatuses(const TrackedTask& task,
                                                 const WorkingCalendar& calendar,
                                                 const TimeZone& zone, CivilDate until) {
  for (const Feedback& feedback : task.feedback) {
    until = std::max(until, zone.ToLocal(feedback.at).date + std::chrono::days{400});
  }
  std::vector<OccurrenceStatus> statuses;
  // Each agency of the task once, in its first role.
  const std::vector<AgencyRole> owners = AgencyRoles(task.task);
  for (const DueOccurrence& occurrence :
       DueOccurrences(task.deadline, calendar, task.tracking_start, task.tracking_start, until)) {
    OccurrenceStatus status;
    status.occurrence = occurrence;
    for (const AgencyRole& owner : owners) {
      status.agencies.push_back(
          {std::string(owner.agency), owner.role, DueFor(owner.role, occurrence, task.deadline, calendar),
           std::nullopt});
    }
    statuses.push_back(std::move(status));
  }
  if (statuses.empty()) return statuses;
  for (size_t column = 0; column < owners.size(); ++column) {
    Satisfy(&statuses, column, task, zone);
  }
  return statuses;
}

std::vector<OccurrenceStatus> CurrentOccurrences(const TrackedTask& task,
                                                 const WorkingCalendar& calendar,
                                                 const TimeZone& zone, CivilDate today,
                                                 int upcoming) {
  std::vector<OccurrenceStatus> shown;
  int ahead = 0;
  for (OccurrenceStatus& status :
       OccurrenceStatuses(task, calendar, zone, today + std::chrono::days{kLookAheadDays})) {
    if (status.occurrence.due >= today) {
      if (ahead++ >= upcoming) break;
      shown.push_back(std::move(status));
      continue;
    }
    bool open = std::any_of(status.agencies.begin(), status.agencies.end(),
                            [](const auto& owed) { return !owed.satisfied_by; });
    if (open) shown.push_back(std::move(status));
  }
  return shown;
}

std::optional<std::string> SatisfiedOccurrence(const std::vector<OccurrenceStatus>& statuses,
                                               int64_t feedback_id) {
  for (const OccurrenceStatus& status : statuses) {
    for (const auto& owed : status.agencies) {
      if (owed.satisfied_by == feedback_id) return status.occurrence.id;
    }
  }
  return std::nullopt;
}

}  // namespace duban
