// Agenda (evaluator.h): the evaluator for the daemon's wake-ups. Every task's next action
// time sits in a min-heap; a wake pops the tasks whose time has come, asks each for its
// actions up to `until` and its next time after it, and pushes it back. So a wake costs
// O(actions + tasks touched · log n), whatever the size of the plan, and the per-task next
// time is found without enumerating a year: schedules precompute each occurrence's
// actions, and escalation repeats are found by working-day arithmetic
// (occurrence_actions.h).
//
// Heap entries are invalidated lazily: each task position carries a generation, bumped
// whenever its task is replaced or moved; an entry of an older generation is skipped. The
// heap's top is never stale between calls, so NextTime can be const.
#include <algorithm>
#include <optional>
#include <string>
#include <unordered_map>

#include "workflow/evaluator.h"
#include "workflow/occurrence_actions.h"
#include "workflow/task_actions.h"

namespace duban {
namespace {

// The schedules' working-day table covers this much ahead of the first cursor; later
// days are still answered, by the calendar.
constexpr int64_t kTableAheadSeconds = int64_t{6} * 366 * 86400;

struct Entry {
  int64_t at;
  size_t index;
  uint32_t generation;
  // For std::push_heap: a max-heap on "later", so the earliest is on top.
  bool operator<(const Entry& other) const { return at > other.at; }
};

// Start-up evaluation is bound by memory latency: each task's agencies and feedback
// records are scattered heap objects that are read once. Asking for the ones of a task a
// few positions ahead lets those reads overlap with the work on the current task.
constexpr size_t kPrefetchRecordsAhead = 16;
constexpr size_t kPrefetchNamesAhead = 8;

// GCC deletes a loop whose only statements are prefetches; the empty asm is a side
// effect that keeps it (and costs nothing).
inline void Prefetch(const void* address) {
  __builtin_prefetch(address);
  asm volatile("");
}

void PrefetchRecords(const TrackedTask& task) {
  for (const Feedback& report : task.feedback) {
    Prefetch(&report.agency);  // with `at`
    Prefetch(&report.done);    // 80 bytes further: another line
  }
  for (const auto* list : {&task.task.lead, &task.task.participants, &task.task.responsible}) {
    Prefetch(list->data());
  }
}

// REQUIRES: PrefetchRecords(task) earlier, so reading the string headers is cheap.
void PrefetchNames(const TrackedTask& task) {
  for (const Feedback& report : task.feedback) Prefetch(report.agency.data());
  for (const auto* list : {&task.task.lead, &task.task.participants, &task.task.responsible}) {
    for (const std::string& agency : *list) Prefetch(agency.data());
  }
}

// Before working on the `i`-th of `count` tasks (task index `index_of(i)`), prefetches
// the records of a later one and the names of a nearer one, whose records are in cache.
template <typename IndexOf>
void PrefetchAhead(const std::vector<TrackedTask>& tasks, size_t i, IndexOf&& index_of, size_t count) {
  if (i + kPrefetchRecordsAhead < count) PrefetchRecords(tasks[index_of(i + kPrefetchRecordsAhead)]);
  if (i + kPrefetchNamesAhead < count) PrefetchNames(tasks[index_of(i + kPrefetchNamesAhead)]);
}

struct RefHash {
  using is_transparent = void;
  size_t operator()(std::string_view ref) const { return std::hash<std::string_view>{}(ref); }
};

}  // namespace

struct Agenda::State {
  State(const EvaluationContext& context, int64_t after)
      : compiled(context, CompiledRules::TableFirst(context.zone, after),
                 CompiledRules::TableLast(context.zone, after, after + kTableAheadSeconds)),
        schedules(compiled),
        cursor(after) {}

  OccurrenceSchedule& ScheduleOf(size_t index) {
    return schedules.Get(tasks[index].deadline, tasks[index].tracking_start);
  }

  // Recomputes the next time of task `index` after the cursor and queues it.
  void Requeue(size_t index, int64_t from) {
    next_at[index] = NextTaskActionTime(tasks[index], ScheduleOf(index), from);
    Push(index);
  }

  void Push(size_t index) {
    if (next_at[index] == kNever) return;
    heap.push_back(Entry{next_at[index], index, generation[index]});
    std::push_heap(heap.begin(), heap.end());
  }

  bool Stale(const Entry& entry) const {
    return entry.index >= tasks.size() || entry.generation != generation[entry.index];
  }

  void DropStaleTop() {
    while (!heap.empty() && Stale(heap.front())) {
      std::pop_heap(heap.begin(), heap.end());
      heap.pop_back();
    }
  }

  // The index by ref is built on first use: a start-up that only wakes never pays for it.
  std::unordered_map<std::string, size_t, RefHash, std::equal_to<>>& ByRef() {
    if (!by_ref) {
      by_ref.emplace();
      by_ref->reserve(tasks.size());
      for (size_t i = 0; i < tasks.size(); ++i) by_ref->emplace(tasks[i].task.ref, i);
    }
    return *by_ref;
  }

  size_t Append(TrackedTask task) {
    const size_t index = tasks.size();
    ByRef().emplace(task.task.ref, index);
    tasks.push_back(std::move(task));
    next_at.push_back(kNever);
    if (generation.size() < tasks.size()) generation.push_back(0);
    return index;
  }

  CompiledRules compiled;
  ScheduleCache schedules;
  int64_t cursor;
  std::vector<TrackedTask> tasks;
  std::vector<int64_t> next_at;       // by task index; kNever if none
  std::vector<uint32_t> generation;   // by task index; never shrinks
  std::optional<std::unordered_map<std::string, size_t, RefHash, std::equal_to<>>> by_ref;
  std::vector<Entry> heap;
};

Agenda::Agenda(const EvaluationContext& context, std::vector<TrackedTask> tasks, int64_t after)
    : state_(std::make_unique<State>(context, after)) {
  State& s = *state_;
  s.tasks = std::move(tasks);
  s.next_at.assign(s.tasks.size(), kNever);
  s.generation.assign(s.tasks.size(), 0);
  s.heap.reserve(s.tasks.size());
  for (size_t i = 0; i < s.tasks.size(); ++i) {
    PrefetchAhead(s.tasks, i, [](size_t k) { return k; }, s.tasks.size());
    s.next_at[i] = NextTaskActionTime(s.tasks[i], s.ScheduleOf(i), after);
    if (s.next_at[i] != kNever) s.heap.push_back(Entry{s.next_at[i], i, 0});
  }
  std::make_heap(s.heap.begin(), s.heap.end());
}

Agenda::~Agenda() = default;

void Agenda::Update(TrackedTask task) {
  State& s = *state_;
  size_t index;
  auto& by_ref = s.ByRef();
  if (auto found = by_ref.find(std::string_view(task.task.ref)); found != by_ref.end()) {
    index = found->second;
    s.tasks[index] = std::move(task);
    ++s.generation[index];
  } else {
    index = s.Append(std::move(task));
  }
  s.Requeue(index, s.cursor);
  s.DropStaleTop();
}

void Agenda::Remove(std::string_view ref) {
  State& s = *state_;
  auto& by_ref = s.ByRef();
  auto found = by_ref.find(ref);
  if (found == by_ref.end()) return;
  const size_t index = found->second;
  const size_t last = s.tasks.size() - 1;
  by_ref.erase(found);
  ++s.generation[index];
  if (index != last) {
    // The last task moves into the hole; its queued entry names the old position.
    s.tasks[index] = std::move(s.tasks[last]);
    s.next_at[index] = s.next_at[last];
    by_ref[s.tasks[index].task.ref] = index;
    ++s.generation[last];
    s.Push(index);
  }
  s.tasks.pop_back();
  s.next_at.pop_back();
  s.DropStaleTop();
}

std::optional<int64_t> Agenda::NextTime(int64_t horizon_seconds) const {
  const State& s = *state_;
  if (s.heap.empty()) return std::nullopt;
  const int64_t next = s.heap.front().at;
  if (next - s.cursor > horizon_seconds) return std::nullopt;
  return next;
}

std::vector<Action> Agenda::TakeDue(int64_t until) {
  State& s = *state_;
  std::vector<Action> actions;
  if (until <= s.cursor) return actions;
  std::vector<size_t> touched;
  while (!s.heap.empty() && s.heap.front().at <= until) {
    const Entry entry = s.heap.front();
    std::pop_heap(s.heap.begin(), s.heap.end());
    s.heap.pop_back();
    if (!s.Stale(entry)) touched.push_back(entry.index);
  }
  for (size_t k = 0; k < touched.size(); ++k) {
    PrefetchAhead(s.tasks, k, [&touched](size_t j) { return touched[j]; }, touched.size());
    const size_t index = touched[k];
    AppendTaskActions(s.tasks[index], s.ScheduleOf(index), s.cursor, until, &actions);
    s.Requeue(index, until);
  }
  s.cursor = until;
  s.DropStaleTop();
  SortActions(&actions);
  return actions;
}

int64_t Agenda::cursor() const { return state_->cursor; }

const std::vector<TrackedTask>& Agenda::tasks() const { return state_->tasks; }

const TrackedTask* Agenda::FindTask(std::string_view ref) const {
  auto& by_ref = state_->ByRef();
  auto found = by_ref.find(ref);
  return found == by_ref.end() ? nullptr : &state_->tasks[found->second];
}

}  // namespace duban
