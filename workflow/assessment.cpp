#include "workflow/assessment.h"

#include <algorithm>
#include <cstdio>
#include <tuple>

#include "workflow/occurrence_status.h"
#include "workflow/task_digest.h"
#include "workflow/target_status.h"

namespace duban {
namespace {

using std::chrono::days;

// Per-agency tallies while the tasks are walked; ranked at the end.
struct AgencyTally {
  AgencyAssessment result;
  std::vector<AssessmentFinding> findings;
};

void Count(AssessmentCounts* counts, const AssessmentFinding* finding, bool on_time,
           bool open_not_due) {
  ++counts->due;
  if (on_time) {
    ++counts->on_time;
  } else if (open_not_due) {
    ++counts->not_yet_due;
  } else if (finding->outcome == AssessmentFinding::Outcome::kLate) {
    ++counts->late;
    counts->late_working_days += finding->late_working_days;
    counts->max_late_working_days =
        std::max(counts->max_late_working_days, finding->late_working_days);
  } else {
    ++counts->missing;
  }
}

void CountTarget(TargetCounts* counts, TargetStatus status) {
  ++counts->total;
  switch (status) {
    case TargetStatus::kMet: ++counts->met; break;
    case TargetStatus::kOnTrack: ++counts->on_track; break;
    case TargetStatus::kBehind: ++counts->behind; break;
    case TargetStatus::kMissing: ++counts->missing; break;
  }
}

std::string FormatLocal(const LocalTime& local) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, " %02d:%02d", local.minute_of_day / 60,
                local.minute_of_day % 60);
  return FormatCivilDate(local.date) + buffer;
}

// The task as it stood at `as_of`: later feedback removed, so matching (which walks the
// reports oldest first) gives exactly the satisfactions known at that moment.
TrackedTask AsOf(const TrackedTask& task, int64_t as_of) {
  TrackedTask copy = task;
  std::erase_if(copy.feedback, [as_of](const Feedback& feedback) { return feedback.at > as_of; });
  return copy;
}

// Everything Assess needs while walking the tasks.
class Assessor {
 public:
  Assessor(const AssessmentInput& input, const AssessmentRequest& request, int64_t as_of)
      : input_(input), request_(request), as_of_(as_of) {}

  // The completion day of a task completed by the as-of moment: it owes nothing due on or
  // after it.
  std::optional<CivilDate> OwedBefore(const TrackedTask& task) const;
  void AddTask(const TrackedTask& task, SectionAssessment* section);
  std::map<std::string, AgencyTally, std::less<>>& tallies() { return tallies_; }
  AssessmentCounts& totals() { return totals_; }
  TargetCounts& target_totals() { return target_totals_; }

 private:
  AgencyTally& Tally(const std::string& agency) {
    AgencyTally& tally = tallies_[agency];
    tally.result.agency = agency;
    return tally;
  }

  const AssessmentInput& input_;
  const AssessmentRequest& request_;
  const int64_t as_of_;
  std::map<std::string, AgencyTally, std::less<>> tallies_;
  AssessmentCounts totals_;
  TargetCounts target_totals_;
};

std::optional<CivilDate> Assessor::OwedBefore(const TrackedTask& task) const {
  if (task.state != TaskState::kCompleted) return std::nullopt;
  auto found = input_.completed_at.find(task.task.ref);
  if (found == input_.completed_at.end() || found->second > as_of_) return std::nullopt;
  return input_.context.zone.ToLocal(found->second).date;
}

void Assessor::AddTask(const TrackedTask& task, SectionAssessment* section) {
  const WorkingCalendar& calendar = input_.context.calendar;
  const TimeZone& zone = input_.context.zone;
  ++section->tasks;
  // Each agency counted once per task, in its first role (as OccurrenceStatuses does):
  // 负责 counts as 牵头.
  // Read at the as-of moment, so a report on a past period counts the values known then.
  const std::vector<TargetReading> readings = ReadTargets(task, as_of_, zone);
  for (const TargetReading& reading : readings) {
    CountTarget(&section->targets, reading.status);
    CountTarget(&target_totals_, reading.status);
  }
  for (const AgencyRole& agency : AgencyRoles(task.task)) {
    AgencyTally& tally = Tally(std::string(agency.agency));
    if (agency.role == Role::kParticipant) {
      ++tally.result.participant_tasks;
    } else {
      ++tally.result.lead_tasks;
      for (const TargetReading& reading : readings) CountTarget(&tally.result.targets, reading.status);
    }
  }
  const std::optional<CivilDate> owed_before = OwedBefore(task);
  const TrackedTask known = AsOf(task, as_of_);
  // Participants' due dates come earlier than the lead's: look far enough past `to` that
  // every occurrence some agency owes inside the period is generated.
  const CivilDate until =
      calendar.AddWorkingDays(request_.to, std::max(task.deadline.participant_lead_days, 0) + 1) +
      days{7};
  for (const OccurrenceStatus& status : OccurrenceStatuses(known, calendar, zone, until)) {
    for (const OccurrenceStatus::AgencyDue& owed : status.agencies) {
      if (owed.due < request_.from || owed.due > request_.to) continue;
      if (owed.due < task.tracking_start) continue;            // before tracking: not owed
      if (owed_before && owed.due >= *owed_before) continue;   // after completion: not owed
      AssessmentFinding finding{task.task.ref, owed.agency, owed.role, status.occurrence.id,
                                owed.due, AssessmentFinding::Outcome::kMissing, std::nullopt, 0};
      bool on_time = false;
      bool open_not_due = false;
      if (owed.satisfied_by) {
        auto by = std::find_if(known.feedback.begin(), known.feedback.end(),
                               [&](const Feedback& f) { return f.id == *owed.satisfied_by; });
        const CivilDate reported = zone.ToLocal(by->at).date;
        if (reported <= owed.due) {
          on_time = true;
        } else {
          finding.outcome = AssessmentFinding::Outcome::kLate;
          finding.reported = reported;
          finding.late_working_days = calendar.WorkingDaysBetween(owed.due, reported);
        }
      } else {
        // The agency has until the end of its due day.
        open_not_due = as_of_ < zone.ToUtc(owed.due + days{1}, 0);
      }
      AgencyTally& tally = Tally(owed.agency);
      Count(&tally.result.counts, &finding, on_time, open_not_due);
      Count(&section->counts, &finding, on_time, open_not_due);
      Count(&totals_, &finding, on_time, open_not_due);
      if (!on_time && !open_not_due) tally.findings.push_back(std::move(finding));
    }
  }
}

// Rate comparison without floating point: a/b > c/d  <=>  a*d > c*b (b, d > 0).
int CompareRates(const AssessmentCounts& a, const AssessmentCounts& b) {
  const int64_t left = int64_t{a.on_time} * b.assessed();
  const int64_t right = int64_t{b.on_time} * a.assessed();
  return left > right ? 1 : (left < right ? -1 : 0);
}

// The ranking key without the name: equal keys share a rank.
bool SameStanding(const AgencyAssessment& a, const AgencyAssessment& b) {
  return CompareRates(a.counts, b.counts) == 0 && a.counts.missing == b.counts.missing &&
         a.counts.late_working_days == b.counts.late_working_days;
}

bool RanksBefore(const AgencyAssessment& a, const AgencyAssessment& b) {
  const bool a_rated = a.counts.assessed() > 0;
  const bool b_rated = b.counts.assessed() > 0;
  if (a_rated != b_rated) return a_rated;
  if (a_rated) {
    if (int rates = CompareRates(a.counts, b.counts); rates != 0) return rates > 0;
    if (a.counts.missing != b.counts.missing) return a.counts.missing < b.counts.missing;
    if (a.counts.late_working_days != b.counts.late_working_days) {
      return a.counts.late_working_days < b.counts.late_working_days;
    }
  }
  return a.agency < b.agency;
}

std::string SectionTitle(const Section& section) {
  return section.label.empty() ? section.title : section.label + section.title;
}

}  // namespace

std::optional<double> AssessmentCounts::rate() const {
  if (assessed() == 0) return std::nullopt;
  return static_cast<double>(on_time) / assessed();
}

void RankAgencies(std::vector<AgencyAssessment>* agencies) {
  std::sort(agencies->begin(), agencies->end(), RanksBefore);
  for (size_t i = 0; i < agencies->size(); ++i) {
    AgencyAssessment& agency = (*agencies)[i];
    if (agency.counts.assessed() == 0) {
      agency.rank = 0;
    } else if (i > 0 && SameStanding(agency, (*agencies)[i - 1])) {
      agency.rank = (*agencies)[i - 1].rank;
    } else {
      agency.rank = static_cast<int>(i) + 1;
    }
  }
}

std::string FormatRate(const std::optional<double>& rate) {
  if (!rate) return "—";
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%.1f%%", *rate * 100.0);
  return buffer;
}

Result<Assessment> Assess(const AssessmentInput& input, const AssessmentRequest& request) {
  if (request.from > request.to) {
    return Status::InvalidArgument("period: from " + FormatCivilDate(request.from) +
                                   " is after to " + FormatCivilDate(request.to));
  }
  const bool known_section =
      request.section.empty() ||
      std::any_of(input.sections.begin(), input.sections.end(),
                  [&](const Section& s) { return s.number == request.section; });
  if (!known_section) {
    return Status::InvalidArgument("section: no section " + request.section + " in the plan");
  }
  const TimeZone& zone = input.context.zone;
  Assessment out;
  out.from = request.from;
  out.to = request.to;
  out.now = request.now;
  out.section = request.section;
  const int64_t end_of_period = zone.ToUtc(request.to + days{1}, 0);
  out.as_of = std::min(end_of_period, request.now);
  out.as_of_local = out.as_of == end_of_period ? FormatCivilDate(request.to) + " 24:00"
                                               : FormatLocal(zone.ToLocal(out.as_of));

  // Sections in plan order, then one for tasks outside any section.
  std::vector<SectionAssessment> sections;
  for (const Section& section : input.sections) {
    sections.push_back({section.number, SectionTitle(section), 0, {}, {}});
  }
  sections.push_back({"", "未分节", 0, {}, {}});
  auto section_of = [&](const std::string& number) -> SectionAssessment& {
    for (SectionAssessment& section : sections) {
      if (section.number == number) return section;
    }
    return sections.back();
  };

  Assessor assessor(input, request, out.as_of);
  for (const TrackedTask& task : input.tasks) {
    if (!request.section.empty() && task.task.section != request.section) continue;
    if (task.state == TaskState::kRemoved) continue;
    if (task.state == TaskState::kSuspended) {
      out.suspended.push_back({task.task.ref, task.task.section, task.task.AllAgencies()});
      continue;
    }
    if (task.tracking_start > request.to) continue;  // not tracked yet in the period
    const std::optional<CivilDate> completed = assessor.OwedBefore(task);
    if (completed && *completed <= request.from) continue;  // closed before the period
    assessor.AddTask(task, &section_of(task.task.section));
    ++out.tasks;
  }

  for (auto& [name, tally] : assessor.tallies()) {
    tally.result.light = AgencyLight(input.tasks, name, input.context, request.now).light;
    out.agencies.push_back(tally.result);
  }
  RankAgencies(&out.agencies);
  for (const AgencyAssessment& agency : out.agencies) {
    std::vector<AssessmentFinding>& findings = assessor.tallies()[agency.agency].findings;
    std::stable_sort(findings.begin(), findings.end(), [](const auto& a, const auto& b) {
      return std::tie(a.due, a.task_ref) < std::tie(b.due, b.task_ref);
    });
    for (AssessmentFinding& finding : findings) out.findings.push_back(std::move(finding));
  }
  for (SectionAssessment& section : sections) {
    if (section.tasks > 0) out.sections.push_back(std::move(section));
  }
  out.totals = assessor.totals();
  out.target_totals = assessor.target_totals();
  return out;
}

}  // namespace duban
