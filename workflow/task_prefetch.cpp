#include "workflow/task_prefetch.h"

#include <array>
#include <string>
#include <string_view>

namespace duban {
namespace {

constexpr std::array<Role, 3> kRoles = {Role::kLead, Role::kParticipant, Role::kResponsible};

// GCC deletes a loop whose only statements are prefetches; the empty asm is a side
// effect that keeps it (and costs nothing).
inline void Prefetch(const void* address) {
  __builtin_prefetch(address);
  asm volatile("");
}

}  // namespace

uint64_t TouchTask(const TrackedTask& task) {
  uint64_t sum = 0;
  auto name = [&sum](std::string_view text) {
    if (!text.empty()) sum += static_cast<unsigned char>(text.front()) + static_cast<unsigned char>(text.back());
  };
  for (Role role : kRoles) {
    for (std::string_view agency : task.task.agencies(role)) name(agency);
  }
  for (const Feedback& report : task.feedback) {
    sum += static_cast<uint64_t>(report.at) + report.done;
    name(report.agency);
  }
  return sum;
}

void PrefetchTaskObject(const TrackedTask& task) {
  Prefetch(&task.task.ref);
  Prefetch(&task.state);  // next to the end of the outline: its agencies' array
  Prefetch(&task.feedback);
}

void PrefetchTaskRecords(const TrackedTask& task) {
  // One array holds the task's agencies in all roles.
  Prefetch(task.task.agencies(Role::kLead).data());
  for (const Feedback& report : task.feedback) {
    Prefetch(&report.agency);  // with `at`
    Prefetch(&report.done);    // 80 bytes further: another line
  }
}

void PrefetchTaskNames(const TrackedTask& task) {
  Prefetch(task.task.ref.data());
  for (Role role : kRoles) {
    for (std::string_view agency : task.task.agencies(role)) Prefetch(agency.data());
  }
  for (const Feedback& report : task.feedback) Prefetch(report.agency.data());
}

}  // namespace duban
