#include "workflow/ref_index.h"

#include <utility>

namespace duban {

size_t RefIndex::SlotOf(std::string_view ref) const {
  return std::hash<std::string_view>{}(ref) & (slots_.size() - 1);
}

size_t RefIndex::Probe(std::string_view ref) const {
  const size_t mask = slots_.size() - 1;
  for (size_t slot = SlotOf(ref);; slot = (slot + 1) & mask) {
    if (slots_[slot] == kEmpty || ref_of_(slots_[slot]) == ref) return slot;
  }
}

std::optional<uint32_t> RefIndex::Find(std::string_view ref) const {
  if (slots_.empty()) return std::nullopt;
  const uint32_t position = slots_[Probe(ref)];
  if (position == kEmpty) return std::nullopt;
  return position;
}

void RefIndex::Insert(uint32_t position) {
  // At most half full, so that probes stay short and always end at an empty slot.
  if ((size_ + 1) * 2 > slots_.size()) Grow();
  slots_[Probe(ref_of_(position))] = position;
  ++size_;
}

void RefIndex::Grow() {
  std::vector<uint32_t> old = std::move(slots_);
  slots_.assign(old.empty() ? 16 : old.size() * 2, kEmpty);
  for (uint32_t position : old) {
    if (position != kEmpty) slots_[Probe(ref_of_(position))] = position;
  }
}

void RefIndex::Erase(std::string_view ref) {
  if (slots_.empty()) return;
  size_t hole = Probe(ref);
  if (slots_[hole] == kEmpty) return;
  slots_[hole] = kEmpty;
  --size_;
  // Backward shift: move up each later entry of the run whose probe would now stop at the
  // hole before reaching it.
  const size_t mask = slots_.size() - 1;
  for (size_t slot = (hole + 1) & mask; slots_[slot] != kEmpty; slot = (slot + 1) & mask) {
    const size_t home = SlotOf(ref_of_(slots_[slot]));
    // The entry may stay if its home lies cyclically in (hole, slot].
    const bool stays = hole <= slot ? (hole < home && home <= slot) : (hole < home || home <= slot);
    if (stays) continue;
    slots_[hole] = slots_[slot];
    slots_[slot] = kEmpty;
    hole = slot;
  }
}

void RefIndex::Move(std::string_view ref, uint32_t position) {
  if (slots_.empty()) return;
  const size_t slot = Probe(ref);
  if (slots_[slot] != kEmpty) slots_[slot] = position;
}

}  // namespace duban
