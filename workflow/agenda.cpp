// Agenda (evaluator.h): the evaluator for the daemon's wake-ups. Every task's next action
// time sits in a min-heap; a wake pops the tasks whose time has come, asks each for its
// actions up to `until` and its next time after it, and pushes it back. So a wake costs
// O(actions + tasks touched · log n), whatever the size of the plan, and the per-task next
// time is found without enumerating a year: schedules precompute each occurrence's
// actions, and escalation repeats are found by working-day arithmetic
// (occurrence_actions.h).
//
// Tasks are evaluated on digests (task_digest.h) built on the spot: keeping 100,000 of
// them would cost more to write at start-up (fresh memory) than rebuilding the few
// thousand a wake touches. Their records are brought into cache a block of tasks at a
// time (task_prefetch.h).
//
// Heap entries are invalidated lazily: each task position carries a generation, bumped
// whenever its task is replaced or moved; an entry of an older generation is skipped. The
// heap's top is never stale between calls, so NextTime can be const.
#include <algorithm>
#include <optional>
#include <string>

#include "workflow/evaluator.h"
#include "workflow/occurrence_actions.h"
#include "workflow/ref_index.h"
#include "workflow/task_actions.h"
#include "workflow/task_prefetch.h"

namespace duban {
namespace {

// The schedules' working-day table covers this much ahead of the first cursor; later
// days are still answered, by the calendar.
constexpr int64_t kTableAheadSeconds = int64_t{6} * 366 * 86400;

struct Entry {
  int64_t at;
  uint32_t index;  // 16 bytes an entry: the heap of a large plan is fresh memory to fill
  uint32_t generation;
  // For std::push_heap: a max-heap on "later", so the earliest is on top.
  bool operator<(const Entry& other) const { return at > other.at; }
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

  int64_t NextTimeOf(size_t index, int64_t from) {
    return NextTaskActionTime(digester.Digest(tasks[index]), ScheduleOf(index), from);
  }

  // Recomputes the next time of task `index` after `from` and queues it.
  void Requeue(size_t index, int64_t from) { Push(index, NextTimeOf(index, from)); }

  void Push(size_t index, int64_t at) {
    if (at == kNever) return;
    heap.push_back(Entry{at, static_cast<uint32_t>(index), generation[index]});
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
  RefIndex& ByRef() {
    if (!by_ref) {
      by_ref.emplace([this](uint32_t position) -> std::string_view { return tasks[position].task.ref; });
      for (size_t i = 0; i < tasks.size(); ++i) by_ref->Insert(static_cast<uint32_t>(i));
    }
    return *by_ref;
  }

  size_t Append(TrackedTask task) {
    const size_t index = tasks.size();
    RefIndex& by_ref = ByRef();
    tasks.push_back(std::move(task));
    by_ref.Insert(static_cast<uint32_t>(index));
    if (generation.size() < tasks.size()) generation.push_back(0);
    return index;
  }

  CompiledRules compiled;
  ScheduleCache schedules;
  TaskDigester digester;
  int64_t cursor;
  std::vector<TrackedTask> tasks;
  std::vector<uint32_t> generation;   // by task index; never shrinks
  std::optional<RefIndex> by_ref;  // positions in `tasks` by ref
  std::vector<Entry> heap;
};

Agenda::Agenda(const EvaluationContext& context, std::vector<TrackedTask> tasks, int64_t after)
    : state_(std::make_unique<State>(context, after)) {
  State& s = *state_;
  s.tasks = std::move(tasks);
  s.generation.assign(s.tasks.size(), 0);
  s.heap.reserve(s.tasks.size());
  auto position = [](size_t i) { return i; };
  ForEachTaskInBlocks(s.tasks, s.tasks.size(), TaskOrder::kSequential, position, [&](size_t i) {
    const int64_t at = s.NextTimeOf(i, after);
    if (at != kNever) s.heap.push_back(Entry{at, static_cast<uint32_t>(i), 0});
  });
  std::make_heap(s.heap.begin(), s.heap.end());
}

Agenda::~Agenda() = default;

void Agenda::Update(TrackedTask task) {
  State& s = *state_;
  size_t index;
  if (std::optional<uint32_t> found = s.ByRef().Find(task.task.ref)) {
    index = *found;
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
  RefIndex& by_ref = s.ByRef();
  std::optional<uint32_t> found = by_ref.Find(ref);
  if (!found) return;
  const size_t index = *found;
  const size_t last = s.tasks.size() - 1;
  by_ref.Erase(ref);
  ++s.generation[index];
  if (index != last) {
    // The last task moves into the hole; its queued entry names the old position. The
    // index is told first, while the task still has its ref where the index reads it.
    by_ref.Move(s.tasks[last].task.ref, static_cast<uint32_t>(index));
    s.tasks[index] = std::move(s.tasks[last]);
    ++s.generation[last];
    // Its next time after the cursor is the one it was queued with: every time up to the
    // cursor has been taken, and none came since.
    s.Requeue(index, s.cursor);
  }
  s.tasks.pop_back();
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
  if (until <= s.cursor) return {};
  std::vector<size_t> touched;
  std::vector<PendingAction> pending;
  while (!s.heap.empty() && s.heap.front().at <= until) {
    const Entry entry = s.heap.front();
    std::pop_heap(s.heap.begin(), s.heap.end());
    s.heap.pop_back();
    if (!s.Stale(entry)) touched.push_back(entry.index);
  }
  // Every task popped has an action due: at least one each.
  pending.reserve(touched.size());
  auto position = [&touched](size_t k) { return touched[k]; };
  ForEachTaskInBlocks(s.tasks, touched.size(), TaskOrder::kScattered, position, [&](size_t index) {
    const TaskDigest digest = s.digester.Digest(s.tasks[index]);
    OccurrenceSchedule& schedule = s.ScheduleOf(index);
    AppendTaskActions(digest, schedule, s.cursor, until, &pending);
    s.Push(index, NextTaskActionTime(digest, schedule, until));
  });
  s.cursor = until;
  s.DropStaleTop();
  return BuildActions(&pending);
}

int64_t Agenda::cursor() const { return state_->cursor; }

const std::vector<TrackedTask>& Agenda::tasks() const { return state_->tasks; }

const TrackedTask* Agenda::FindTask(std::string_view ref) const {
  std::optional<uint32_t> found = state_->ByRef().Find(ref);
  return found ? &state_->tasks[*found] : nullptr;
}

}  // namespace duban
