// RefIndex: finds a task's position in a vector of tasks by its ref. An open-addressing
// table of positions (linear probing, deletion by backward shift) whose keys are read from
// the tasks themselves, so it holds 4 bytes per slot instead of a copy of every ref.
//
// Why: the Agenda's std::unordered_map<std::string, size_t> took ≈ 7 MiB at 100,000
// tasks (a node with the ref's copy per task), an eighth of the daemon's memory.
//
// The caller keeps the index in step with the vector: Insert after appending, Erase
// before a task leaves, Move when a task changes position. `ref_of(i)` must give the ref
// of the task at position i for every position the index holds.
#ifndef DUBAN_WORKFLOW_REF_INDEX_H_
#define DUBAN_WORKFLOW_REF_INDEX_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace duban {

class RefIndex {
 public:
  using RefOf = std::function<std::string_view(uint32_t position)>;

  explicit RefIndex(RefOf ref_of) : ref_of_(std::move(ref_of)) {}

  // The position of the task with `ref`, if indexed.
  std::optional<uint32_t> Find(std::string_view ref) const;
  // Indexes the task at `position` (its ref must not be indexed yet).
  void Insert(uint32_t position);
  // Stops indexing the task with `ref`; nothing if it is not indexed.
  void Erase(std::string_view ref);
  // The task with `ref` now sits at `position`.
  void Move(std::string_view ref, uint32_t position);
  size_t size() const { return size_; }

 private:
  static constexpr uint32_t kEmpty = UINT32_MAX;

  size_t SlotOf(std::string_view ref) const;  // where a probe for `ref` starts
  // The slot holding `ref`'s position, or the empty slot where its probe ended.
  size_t Probe(std::string_view ref) const;
  void Grow();

  RefOf ref_of_;
  std::vector<uint32_t> slots_;  // a position or kEmpty; size a power of two, or 0
  size_t size_ = 0;
};

}  // namespace duban

#endif  // DUBAN_WORKFLOW_REF_INDEX_H_
