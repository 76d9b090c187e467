#include "workflow/task_prefetch.h"

#include <array>
#include <string>

namespace duban {
namespace {

std::array<const std::vector<std::string>*, 3> Lists(const TrackedTask& task) {
  return {&task.task.lead, &task.task.participants, &task.task.responsible};
}

// GCC deletes a loop whose only statements are prefetches; the empty asm is a side
// effect that keeps it (and costs nothing).
inline void Prefetch(const void* address) {
  __builtin_prefetch(address);
  asm volatile("");
}

}  // namespace

uint64_t TouchTask(const TrackedTask& task) {
  uint64_t sum = 0;
  auto name = [&sum](const std::string& text) {
    if (!text.empty()) sum += static_cast<unsigned char>(text.front()) + static_cast<unsigned char>(text.back());
  };
  for (const auto* list : Lists(task)) {
    for (const std::string& agency : *list) name(agency);
  }
  for (const Feedback& report : task.feedback) {
    sum += static_cast<uint64_t>(report.at) + report.done;
    name(report.agency);
  }
  return sum;
}

void PrefetchTaskObject(const TrackedTask& task) {
  Prefetch(&task.task.ref);
  Prefetch(&task.task.lead);         // with participants
  Prefetch(&task.task.responsible);  // may be on the next line
  Prefetch(&task.feedback);
}

void PrefetchTaskRecords(const TrackedTask& task) {
  for (const auto* list : Lists(task)) {
    if (!list->empty()) Prefetch(list->data());
  }
  for (const Feedback& report : task.feedback) {
    Prefetch(&report.agency);  // with `at`
    Prefetch(&report.done);    // 80 bytes further: another line
  }
}

void PrefetchTaskNames(const TrackedTask& task) {
  Prefetch(task.task.ref.data());
  for (const auto* list : Lists(task)) {
    for (const std::string& agency : *list) Prefetch(agency.data());
  }
  for (const Feedback& report : task.feedback) Prefetch(report.agency.data());
}

}  // namespace duban
