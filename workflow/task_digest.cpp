#include "workflow/task_digest.h"

#include <algorithm>
#include <array>

#include "workflow/feedback_matching.h"

namespace duban {
namespace {

constexpr std::array<Role, 3> kRoles = {Role::kLead, Role::kParticipant, Role::kResponsible};

// Calls `visit(role, position, name)` for each agency of the task once, in its first role.
// `seen` holds the names visited so far (cleared first): a name listed again equals one
// of them, so only those need comparing. Names are interned (agency_names.h), so equal
// names have the same address.
template <typename Visit>
void ForEachAgency(const TaskOutline& task, std::vector<std::string_view>* seen, Visit&& visit) {
  seen->clear();
  for (Role role : kRoles) {
    const std::span<const std::string_view> list = task.agencies(role);
    for (size_t position = 0; position < list.size(); ++position) {
      const std::string_view name = list[position];
      auto same = [name](std::string_view earlier) { return earlier.data() == name.data(); };
      if (std::any_of(seen->begin(), seen->end(), same)) continue;
      seen->push_back(name);
      visit(role, position, name);
    }
  }
}

}  // namespace

void TaskDigester::CollectTracks(const TaskOutline& task) {
  tracks_.clear();
  ForEachAgency(task, &names_, [&](Role role, size_t position, std::string_view) {
    tracks_.push_back(Track{role, static_cast<uint32_t>(position), 0});
  });
}

// Each report of one of the task's agencies, with the index of its track, oldest first.
void TaskDigester::CollectReports(const std::vector<Feedback>& feedback) {
  reports_.clear();
  sources_.clear();
  bool sorted = true;
  for (const Feedback& report : feedback) {
    for (uint32_t track = 0; track < names_.size(); ++track) {
      if (!SameName(names_[track], report.agency)) continue;
      // Ties in time are broken by id, read only then: it lies on another cache line.
      if (!reports_.empty() && report.at <= reports_.back().at) {
        sorted = sorted && report.at == reports_.back().at && sources_.back()->id <= report.id;
      }
      reports_.push_back(TrackReport{report.at, track, report.done});
      sources_.push_back(&report);
      ++tracks_[track].report_count;
      break;
    }
  }
  // The store keeps feedback oldest first; sort anyway (only then) so that matching never
  // depends on it. Stable, so that reports alike in time and id keep their order.
  if (!sorted) SortReports();
}

// Orders reports_ by (time, id), stably.
void TaskDigester::SortReports() {
  order_.resize(reports_.size());
  for (uint32_t i = 0; i < order_.size(); ++i) order_[i] = i;
  std::stable_sort(order_.begin(), order_.end(), [this](uint32_t a, uint32_t b) {
    return reports_[a].at != reports_[b].at ? reports_[a].at < reports_[b].at
                                            : sources_[a]->id < sources_[b]->id;
  });
  sorted_.clear();
  for (uint32_t i : order_) sorted_.push_back(reports_[i]);
  reports_.swap(sorted_);
}

TaskDigest TaskDigester::Digest(const TrackedTask& task) {
  tracks_.clear();
  reports_.clear();
  if (task.state != TaskState::kActive) return TaskDigest{&task, {}, {}};
  CollectTracks(task.task);
  CollectReports(task.feedback);
  return TaskDigest{&task, tracks_, reports_};
}

std::vector<AgencyRole> AgencyRoles(const TaskOutline& task) {
  std::vector<AgencyRole> result;
  std::vector<std::string_view> seen;
  ForEachAgency(task, &seen, [&](Role role, size_t, std::string_view name) {
    result.push_back({name, role});
  });
  return result;
}

}  // namespace duban
