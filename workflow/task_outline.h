// TaskOutline: what the tracking model keeps of a plan Task (workflow/plan.h) to evaluate
// it: its ref, its section and its agencies by role, the names interned
// (workflow/agency_names.h). The texts (full text, assignment, label, officials, doubts)
// stay in the store; whoever shows them reads the task's record from there.
//
// Why: with the whole Task in every tracked task, the daemon held ≈ 0.9 KiB per task
// (115 MiB at 100,000 tasks); the evaluator, the lights and the 考核 need none of the
// texts.
#ifndef DUBAN_WORKFLOW_TASK_OUTLINE_H_
#define DUBAN_WORKFLOW_TASK_OUTLINE_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "workflow/plan.h"

namespace duban {

class TaskOutline {
 public:
  TaskOutline() = default;
  // The outline of `task`. Implicit on purpose: a Task is wherever an outline is wanted
  // (tests and benchmarks build tracked tasks from plan tasks).
  TaskOutline(const Task& task);  // NOLINT(google-explicit-constructor)

  std::string ref;      // Task::ref
  std::string section;  // Task::section

  // The agencies of `role`, in document order, as the Task listed them (a name listed in
  // two roles appears in both). Views into the interned pool: valid for the process's life.
  std::span<const std::string_view> agencies(Role role) const;
  // Adds `name` after the agencies of `role` (the store's reader, which interns each
  // agency once rather than once per assignment).
  // REQUIRES: `name` is a view returned by InternAgencyName.
  void AddInternedAgency(Role role, std::string_view name);
  // Replaces the agencies of `role` (tests, benchmarks).
  void SetAgencies(Role role, const std::vector<std::string>& names);
  // Every agency of the task once, leads first, then participants, then responsible
  // (as Task::AllAgencies).
  std::vector<std::string> AllAgencies() const;

 private:
  // Leads, then participants, then responsible agencies.
  std::vector<std::string_view> agencies_;
  uint32_t participants_begin_ = 0;
  uint32_t responsible_begin_ = 0;
};

}  // namespace duban

#endif  // DUBAN_WORKFLOW_TASK_OUTLINE_H_
