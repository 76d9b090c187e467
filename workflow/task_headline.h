// TaskHeadline: a short name for a task in notices and tables: its first sentence
// without the assignment in brackets, at most `max_chars` characters (an ellipsis marks a
// cut). Plan texts have no titles of their own; the first sentence is how offices refer
// to a task ("第22项：积极开展…").
//
// Pure; thread-safe.
#ifndef DUBAN_WORKFLOW_TASK_HEADLINE_H_
#define DUBAN_WORKFLOW_TASK_HEADLINE_H_

#include <string>

#include "workflow/plan.h"

namespace duban {

std::string TaskHeadline(const Task& task, int max_chars = 40);

}  // namespace duban

#endif  // DUBAN_WORKFLOW_TASK_HEADLINE_H_
