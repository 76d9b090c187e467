#include "workflow/plan_diff.h"

#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace duban {
bool SameSections(const std::vector<Section>& a, const std::vector<Section>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].number != b[i].number || a[i].label != b[i].label || a[i].title != b[i].title) {
      return false;
    }
  }
  return true;
}

std::vector<std::string> DiffTasks(const Task& before, const Task& after) {
  std::vector<std::string> fields;
  auto check = [&fields](bool differs, const char* name) {
    if (differs) fields.emplace_back(name);
  };
  check(before.text != after.text, "text");
  check(before.section != after.section, "section");
  check(before.lead != after.lead, "lead");
  check(before.participants != after.participants, "participants");
  check(before.responsible != after.responsible, "responsible");
  check(before.due != after.due, "due");
  return fields;
}

PlanDiff DiffPlans(const Plan& before, const Plan& after) {
  PlanDiff diff;
  diff.title_changed = before.title != after.title;
  diff.sections_changed = !SameSections(before.sections, after.sections);

  // A ref that occurs twice counts once, at its first occurrence (importers and the store
  // reject such plans; the diff stays well defined anyway).
  std::unordered_map<std::string_view, const Task*> old_by_ref;
  old_by_ref.reserve(before.tasks.size());
  for (const auto& task : before.tasks) old_by_ref.emplace(task.ref, &task);

  std::unordered_set<std::string_view> new_refs;
  new_refs.reserve(after.tasks.size());
  for (const auto& task : after.tasks) {
    if (!new_refs.insert(task.ref).second) continue;
    auto it = old_by_ref.find(task.ref);
    if (it == old_by_ref.end()) {
      diff.added.push_back(task.ref);
      continue;
    }
    std::vector<std::string> fields = DiffTasks(*it->second, task);
    if (fields.empty()) {
      ++diff.unchanged;
    } else {
      diff.changed.push_back(TaskChange{task.ref, std::move(fields)});
    }
  }

  std::unordered_set<std::string_view> reported;
  for (const auto& task : before.tasks) {
    if (new_refs.count(task.ref) == 0 && reported.insert(task.ref).second) {
      diff.removed.push_back(task.ref);
    }
  }
  return diff;
}

}  // namespace duban
