#include "workflow/tracking.h"

#include <array>

namespace duban {
namespace {

struct StateName {
  TaskState state;
  std::string_view name;
};

constexpr std::array<StateName, 4> kStates = {{{TaskState::kActive, "active"},
                                               {TaskState::kSuspended, "suspended"},
                                               {TaskState::kCompleted, "completed"},
                                               {TaskState::kRemoved, "removed"}}};

}  // namespace

std::string_view TaskStateName(TaskState state) {
  for (const auto& entry : kStates) {
    if (entry.state == state) return entry.name;
  }
  return "active";
}

std::optional<TaskState> ParseTaskState(std::string_view name) {
  for (const auto& entry : kStates) {
    if (entry.name == name) return entry.state;
  }
  return std::nullopt;
}

}  // namespace duban
