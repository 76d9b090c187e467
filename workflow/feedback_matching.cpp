#include "workflow/feedback_matching.h"

#include <algorithm>

namespace duban {

void CollectFeedback(const std::vector<Feedback>& task_feedback, std::string_view agency,
                     std::vector<const Feedback*>* reports) {
  reports->clear();
  for (const Feedback& report : task_feedback) {
    if (SameName(report.agency, agency)) reports->push_back(&report);
  }
  // The store keeps feedback oldest first; sort anyway (only then) so that matching never
  // depends on it.
  auto older = [](const Feedback* a, const Feedback* b) {
    return a->at != b->at ? a->at < b->at : a->id < b->id;
  };
  if (!std::is_sorted(reports->begin(), reports->end(), older)) {
    std::sort(reports->begin(), reports->end(), older);
  }
}

}  // namespace duban
