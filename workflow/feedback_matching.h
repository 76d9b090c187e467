// Feedback matching: which of an agency's due occurrences each of its feedback reports
// (办理反馈) satisfies, and from when. The rule (evaluator.h): a report satisfies the
// agency's earliest unsatisfied occurrence (in due order) whose period has started on the
// report's local date; a report marked done satisfies every occurrence still open. A
// report that finds no open, started occurrence (the agency reported twice for one
// period) satisfies nothing. Occurrences the agency does not owe (due before tracking
// started) take no report, so a report always lands on something that is chased.
//
// Pure functions and plain values.
#ifndef DUBAN_WORKFLOW_FEEDBACK_MATCHING_H_
#define DUBAN_WORKFLOW_FEEDBACK_MATCHING_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "workflow/civil_date.h"
#include "workflow/time_zone.h"
#include "workflow/tracking.h"

namespace duban {

// "Never": the time of an event that does not happen.
inline constexpr int64_t kNever = std::numeric_limits<int64_t>::max();

// What matching needs of an occurrence.
struct MatchableOccurrence {
  CivilDate period_start;
  bool owed = true;    // false: due before tracking started, takes no report
  bool final = false;  // the final occurrence (its period may start before earlier reports')
};

// When each occurrence of one agency was satisfied.
class Satisfaction {
 public:
  // UTC seconds of the feedback that satisfied occurrence `index` (in due order); kNever
  // while it is open.
  int64_t At(size_t index) const {
    return index < at_.size() && at_[index] != kNever ? at_[index] : done_at_;
  }
  // The time of the done report; kNever if none. From then on every occurrence not
  // satisfied earlier is satisfied, including all later ones.
  int64_t done_at() const { return done_at_; }
  // Occurrences from this index on are open unless the agency reported done.
  size_t matched_count() const { return at_.size(); }
  bool IsOpen(size_t index) const { return index >= at_.size() || at_[index] == kNever; }

  // Back to "nothing satisfied", keeping the storage (evaluations reuse one object).
  void Reset() {
    at_.clear();
    done_at_ = kNever;
  }
  void Satisfy(size_t index, int64_t at) {
    // Reports usually land on the next occurrence: grow by push_back, inline.
    while (at_.size() <= index) at_.push_back(kNever);
    at_[index] = at;
  }
  void Done(int64_t at) { done_at_ = at; }

 private:
  std::vector<int64_t> at_;
  int64_t done_at_ = kNever;
};

// a == b, faster where it is called most: agency names of one length (such as
// "省直单位1001" and "省直单位1002") usually differ in their last bytes, so those are
// compared first, eight at a time and inline; names of up to 16 bytes (five Chinese
// characters and a number) never reach memcmp.
inline bool SameName(std::string_view a, std::string_view b) {
  const size_t n = a.size();
  if (n != b.size()) return false;
  if (n < 8) return a == b;
  auto word = [](const char* at) {
    uint64_t value;
    std::memcpy(&value, at, sizeof value);
    return value;
  };
  if (word(a.data() + n - 8) != word(b.data() + n - 8)) return false;
  if (n <= 16) return word(a.data()) == word(b.data());
  return std::memcmp(a.data(), b.data(), n - 8) == 0;
}

// Fills `reports` with the reports of `agency` in `task_feedback`, oldest first (by time,
// then id). Clears it first; reusing one vector avoids an allocation per agency.
void CollectFeedback(const std::vector<Feedback>& task_feedback, std::string_view agency,
                     std::vector<const Feedback*>* reports);

// What matching needs of a report: its time, its local date and whether it says done.
struct MatchableReport {
  int64_t at = 0;
  CivilDate day;  // zone.ToLocal(at).date
  bool done = false;
};

// The matching rule (above) over `reports`, one agency's, oldest first; `read(report)`
// gives a MatchableReport. `occurrence(i)` gives the agency's i-th occurrence in due order
// as a std::optional<MatchableOccurrence>, nullopt past the end. `bounded`: the series
// ends; when it does not, report periods start in order and the search for a report's
// occurrence stops at the first period that starts after it. `out` is reset first.
template <typename Reports, typename Read, typename Lookup>
void MatchReports(Reports&& reports, Read&& read, Lookup&& occurrence, bool bounded,
                  Satisfaction* out) {
  out->Reset();
  for (const auto& item : reports) {
    const MatchableReport report = read(item);
    if (report.done) {
      out->Done(report.at);
      return;  // nothing is open any more
    }
    for (size_t i = 0;; ++i) {
      std::optional<MatchableOccurrence> candidate = occurrence(i);
      if (!candidate) break;
      if (candidate->period_start > report.day) {
        if (!bounded && !candidate->final) break;
        continue;
      }
      if (!candidate->owed || !out->IsOpen(i)) continue;
      out->Satisfy(i, report.at);
      break;
    }
  }
}

// MatchReports over feedback records (from CollectFeedback), dated in `zone`.
template <typename Lookup>
void MatchFeedback(const std::vector<const Feedback*>& feedback, const TimeZone& zone,
                   Lookup&& occurrence, bool bounded, Satisfaction* out) {
  auto read = [&zone](const Feedback* report) {
    return MatchableReport{report->at, zone.ToLocal(report->at).date, report->done};
  };
  MatchReports(feedback, read, std::forward<Lookup>(occurrence), bounded, out);
}

}  // namespace duban

#endif  // DUBAN_WORKFLOW_FEEDBACK_MATCHING_H_
