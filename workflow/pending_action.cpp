#include "workflow/pending_action.h"

#include <algorithm>
#include <cstring>

#include "workflow/action_text.h"

namespace duban {
namespace {

// What ordering compares first, in a small array: the time, then the key's first eight
// bytes as a big-endian number (zero-padded), which orders as the key does wherever it
// differs. Only keys alike in those bytes are compared in full.
struct OrderEntry {
  int64_t at;
  uint64_t prefix;
  uint32_t index;
};

uint64_t KeyPrefix(const std::string& key) {
  unsigned char bytes[8] = {};
  std::memcpy(bytes, key.data(), std::min(key.size(), sizeof bytes));
  uint64_t prefix = 0;
  for (unsigned char byte : bytes) prefix = (prefix << 8) | byte;
  return prefix;
}

std::vector<OrderEntry> Order(const std::vector<PendingAction>& pending) {
  std::vector<OrderEntry> order(pending.size());
  for (uint32_t i = 0; i < order.size(); ++i) {
    order[i] = OrderEntry{pending[i].at, KeyPrefix(pending[i].key), i};
  }
  std::sort(order.begin(), order.end(), [&pending](const OrderEntry& a, const OrderEntry& b) {
    if (a.at != b.at) return a.at < b.at;
    if (a.prefix != b.prefix) return a.prefix < b.prefix;
    return pending[a.index].key < pending[b.index].key;
  });
  return order;
}

void Build(PendingAction& pending, Action* action) {
  const RoleOccurrence& owed = pending.scheduled->role(pending.role);
  const DueOccurrence& occurrence = pending.scheduled->occurrence;
  action->key = std::move(pending.key);
  action->task_ref = std::move(pending.task_ref);
  action->agency = std::move(pending.agency);
  action->role = pending.role;
  action->occurrence = occurrence.id;
  action->due = owed.due;
  action->repeat = pending.repeat;
  action->at = pending.at;
  if (const MergedReminder* reminder = pending.reminder) {
    action->level = Level::kRemind;
    action->step = reminder->step;
    action->recipients = reminder->recipients;
    action->channels = reminder->channels;
    action->reason = ReminderReason(reminder->offset, occurrence, pending.role, owed.due);
  } else {
    const EscalationStep& step = *pending.step;
    action->level = step.level;
    action->step = step.name;
    action->recipients = step.recipients;
    action->channels = step.channels;
    action->reason =
        EscalationReason(step.name, pending.repeat, occurrence, pending.role, owed.due, pending.late);
  }
}

}  // namespace

std::vector<Action> BuildActions(std::vector<PendingAction>* pending) {
  const std::vector<OrderEntry> order = Order(*pending);
  std::vector<Action> actions;
  actions.reserve(order.size());
  // Each Action is made and filled in one go, while its memory is in cache.
  for (const OrderEntry& entry : order) Build((*pending)[entry.index], &actions.emplace_back());
  return actions;
}

}  // namespace duban
