// A task as the evaluator reads it, in a compact layout: its agencies, each once in its
// first role (leads, then participants, then responsible agencies, as Task::AllAgencies),
// and its feedback reduced to what matching needs (time, done, which agency), oldest
// first (by time, then id).
//
// Why: a TrackedTask is a dozen scattered heap objects (agency names, feedback records
// with their own strings), and evaluating it used to mean collecting each agency's
// reports by comparing its name with the agency of every report of the task, once per
// agency. A digest is built in one pass: each report's agency is found once (interned as
// the index of its track), and the evaluation then walks two short arrays of plain
// values.
//
// Feedback from an agency that is not one of the task's is left out: it satisfies
// nothing (feedback_matching.h). A task that is not active has an empty digest (it gets
// no actions).
//
// Not thread-safe (a TaskDigester reuses its buffers). A TaskDigest points into its
// TrackedTask and into the arrays it was built in, which must outlive it unchanged.
#ifndef DUBAN_WORKFLOW_TASK_DIGEST_H_
#define DUBAN_WORKFLOW_TASK_DIGEST_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "workflow/tracking.h"

namespace duban {

// One agency of a task in its first role.
struct Track {
  Role role = Role::kLead;
  uint32_t position = 0;      // index into task.agencies(role)
  uint32_t report_count = 0;  // of its reports in the digest
};

// One report of one of the task's agencies: what matching needs of it besides its local
// date, which only the reports that are matched need (feedback_matching.h).
struct TrackReport {
  int64_t at = 0;
  uint32_t track = 0;  // index into the digest's tracks
  bool done = false;
};

// The reports of one track, in order: what `reports | std::views::filter(...)` would be.
// Written by hand because clang 14 (the fuzz build, fuzz/CMakeLists.txt) cannot compile
// libstdc++ 12's <ranges> views; range-for is all its users need.
class TrackReports {
 public:
  class iterator {
   public:
    iterator(const TrackReport* at, const TrackReport* end, uint32_t track)
        : at_(at), end_(end), track_(track) {
      Skip();
    }
    const TrackReport& operator*() const { return *at_; }
    iterator& operator++() {
      ++at_;
      Skip();
      return *this;
    }
    bool operator==(const iterator& other) const { return at_ == other.at_; }

   private:
    void Skip() {
      while (at_ != end_ && at_->track != track_) ++at_;
    }
    const TrackReport* at_;
    const TrackReport* end_;
    uint32_t track_;
  };

  TrackReports(std::span<const TrackReport> reports, uint32_t track)
      : reports_(reports), track_(track) {}
  iterator begin() const { return {reports_.data(), reports_.data() + reports_.size(), track_}; }
  iterator end() const {
    const TrackReport* end = reports_.data() + reports_.size();
    return {end, end, track_};
  }

 private:
  std::span<const TrackReport> reports_;
  uint32_t track_;
};

struct TaskDigest {
  const TrackedTask* task = nullptr;
  std::span<const Track> tracks;
  // The reports of all the tracks, oldest first. Not grouped by track: a task has a few
  // agencies and reports, so the reports of a track are found by a scan, and most
  // evaluations look at a few tracks only.
  std::span<const TrackReport> reports;

  std::string_view agency(const Track& track) const {
    return task->task.agencies(track.role)[track.position];
  }
  // The reports of `track` (which is one of `tracks`), oldest first.
  TrackReports reports_of(const Track& track) const {
    return TrackReports(reports, static_cast<uint32_t>(&track - tracks.data()));
  }
};

// Builds digests into its own buffers, reused, so building allocates nothing once they
// have grown to the largest task.
class TaskDigester {
 public:
  // The digest of `task`; valid until the next call.
  TaskDigest Digest(const TrackedTask& task);

 private:
  void CollectTracks(const TaskOutline& task);
  void CollectReports(const std::vector<Feedback>& feedback);
  void SortReports();

  std::vector<std::string_view> names_;  // by track of the task being digested
  std::vector<Track> tracks_;
  std::vector<TrackReport> reports_;
  std::vector<const Feedback*> sources_;  // by report, for the rare unsorted feedback
  std::vector<uint32_t> order_;
  std::vector<TrackReport> sorted_;
};

// One agency of a task in its role.
struct AgencyRole {
  std::string_view agency;  // interned (agency_names.h)
  Role role;
};
// The task's agencies, each once in its first role: leads, participants, responsible.
std::vector<AgencyRole> AgencyRoles(const TaskOutline& task);

}  // namespace duban

#endif  // DUBAN_WORKFLOW_TASK_DIGEST_H_
