#include "workflow/feedback_matching.h"

#include <algorithm>

namespace duban {
namespace {

// The index of the occurrence `report` satisfies, or nullopt.
std::optional<size_t> FindOpenOccurrence(
    const std::vector<int64_t>& satisfied, CivilDate report_day, const OccurrenceLookup& occurrence,
    bool bounded) {
  for (size_t i = 0;; ++i) {
    std::optional<MatchableOccurrence> candidate = occurrence(i);
    if (!candidate) return std::nullopt;
    if (candidate->period_start > report_day) {
      if (!bounded && !candidate->final) return std::nullopt;
      continue;
    }
    if (!candidate->owed) continue;
    if (i < satisfied.size() && satisfied[i] != kNever) continue;
    return i;
  }
}

}  // namespace

Satisfaction MatchFeedback(const std::vector<const Feedback*>& feedback, const TimeZone& zone,
                           const OccurrenceLookup& occurrence,
                           bool bounded) {
  Satisfaction result;
  for (const Feedback* report : feedback) {
    if (report->done) {
      result.done_at_ = report->at;
      break;  // nothing is open any more
    }
    const CivilDate day = zone.ToLocal(report->at).date;
    std::optional<size_t> index = FindOpenOccurrence(result.at_, day, occurrence, bounded);
    if (!index) continue;
    if (result.at_.size() <= *index) result.at_.resize(*index + 1, kNever);
    result.at_[*index] = report->at;
  }
  return result;
}

std::vector<const Feedback*> FeedbackOf(const std::vector<Feedback>& task_feedback,
                                        std::string_view agency) {
  std::vector<const Feedback*> result;
  for (const Feedback& report : task_feedback) {
    if (report.agency == agency) result.push_back(&report);
  }
  // The store keeps feedback oldest first; sort anyway (only then) so that matching never
  // depends on it.
  auto older = [](const Feedback* a, const Feedback* b) {
    return a->at != b->at ? a->at < b->at : a->id < b->id;
  };
  if (!std::is_sorted(result.begin(), result.end(), older)) {
    std::sort(result.begin(), result.end(), older);
  }
  return result;
}

}  // namespace duban
