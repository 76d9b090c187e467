// Bringing tasks' records into cache ahead of evaluating them. Evaluating many tasks is
// bound by memory latency: each task's agency names and feedback records are scattered
// heap objects, two or three pointers away from the task. Evaluation branches on them,
// and a load that a branch waits for stalls everything behind it. So tasks are taken in
// blocks: first the block's records are read by loops that decide nothing, which lets
// the processor overlap all those cache misses, then the block is evaluated from cache
// (a block's records fit well within the L2 cache).
//
// How a block is read depends on the order of the tasks, as measured (docs/PERFORMANCE.md):
//  - tasks in storage order (the Agenda's start-up): plain loads, task by task; the
//    hardware prefetcher already streams the task objects themselves;
//  - scattered tasks (a wake's): prefetches, one level of pointers at a time over the
//    whole block (task objects, then record arrays, then names), so that no level waits
//    for the one before it task by task.
// (Software prefetches a fixed number of tasks ahead, the earlier way, stalled on loading
// the pointers to prefetch.)
//
// Pure functions; they read the tasks and nothing else.
#ifndef DUBAN_WORKFLOW_TASK_PREFETCH_H_
#define DUBAN_WORKFLOW_TASK_PREFETCH_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "workflow/tracking.h"

namespace duban {

inline constexpr size_t kPrefetchBlockTasks = 128;

enum class TaskOrder {
  kSequential,  // increasing positions in the task vector
  kScattered,
};

// Reads a byte of each cache line of `task` that digesting it reads, and returns a value
// made from them (so that the reads are kept).
uint64_t TouchTask(const TrackedTask& task);

// One level each of what a wake reads of `task`: the task object's fields (its ref and
// the pointers to its records), then the record arrays, then the names.
void PrefetchTaskObject(const TrackedTask& task);
void PrefetchTaskRecords(const TrackedTask& task);
void PrefetchTaskNames(const TrackedTask& task);

// Calls work(index_of(k)) for k in [0, count), a block at a time, each block's records
// brought into cache first. index_of(k) is a position in `tasks`, in `order`.
template <typename IndexOf, typename Work>
void ForEachTaskInBlocks(const std::vector<TrackedTask>& tasks, size_t count, TaskOrder order,
                         IndexOf&& index_of, Work&& work) {
  for (size_t first = 0; first < count; first += kPrefetchBlockTasks) {
    const size_t end = std::min(count, first + kPrefetchBlockTasks);
    if (order == TaskOrder::kSequential) {
      uint64_t sum = 0;
      for (size_t k = first; k < end; ++k) sum += TouchTask(tasks[index_of(k)]);
      asm volatile("" : : "r"(sum));  // the reads are the point; keep them
    } else {
      for (size_t k = first; k < end; ++k) PrefetchTaskObject(tasks[index_of(k)]);
      for (size_t k = first; k < end; ++k) PrefetchTaskRecords(tasks[index_of(k)]);
      for (size_t k = first; k < end; ++k) PrefetchTaskNames(tasks[index_of(k)]);
    }
    for (size_t k = first; k < end; ++k) work(index_of(k));
  }
}

}  // namespace duban

#endif  // DUBAN_WORKFLOW_TASK_PREFETCH_H_
