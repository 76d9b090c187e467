// What a re-import changes: tasks added, removed and changed, matched by ref. Pure.
#ifndef DUBAN_WORKFLOW_PLAN_DIFF_H_
#define DUBAN_WORKFLOW_PLAN_DIFF_H_

#include <string>
#include <vector>

#include "workflow/plan.h"

namespace duban {

struct TaskChange {
  std::string ref;
  std::vector<std::string> fields;  // what differs: "text", "section", "lead", "participants",
                                    // "responsible", "due" (see DiffTasks)
};

struct PlanDiff {
  std::vector<std::string> added;    // refs, in the new plan's order
  std::vector<std::string> removed;  // refs, in the old plan's order
  std::vector<TaskChange> changed;   // in the new plan's order
  int unchanged = 0;
  bool title_changed = false;
  bool sections_changed = false;

  bool empty() const {
    return added.empty() && removed.empty() && changed.empty() && !title_changed &&
           !sections_changed;
  }
};

// True if both lists have the same sections (number, label, title) in the same order.
bool SameSections(const std::vector<Section>& a, const std::vector<Section>& b);

// Compares two plans task by task (by Task::ref), with DiffTasks. Line numbers, confidence
// and doubts are not part of a task's identity and are ignored.
PlanDiff DiffPlans(const Plan& before, const Plan& after);

// The fields in which two versions of one task differ, in this order: "text", "section",
// "lead", "participants", "responsible", "due" (the fields every plan format carries,
// CSV included). Empty if the task is unchanged. How the number was written (number,
// label), the assignment words (part of `text`), officials, line, confidence, doubts and
// truncated are not compared: a CSV round trip, which has none of them, changes nothing.
std::vector<std::string> DiffTasks(const Task& before, const Task& after);

}  // namespace duban

#endif  // DUBAN_WORKFLOW_PLAN_DIFF_H_
