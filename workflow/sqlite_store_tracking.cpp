// SqliteStore's tracking methods: feedback, lifecycle, run-time deadlines and the outbox.
// TEMPORARY: these return kInternal until schema v2 lands (in progress); nothing calls
// them yet.
#include "workflow/sqlite_store.h"

namespace duban {
namespace {
Status NotYet() { return Status::Internal("tracking storage is not implemented yet"); }
}  // namespace

Result<Feedback> SqliteStore::AddFeedback(const Feedback&, const std::string&, int64_t) {
  return NotYet();
}
Result<std::vector<Feedback>> SqliteStore::ListFeedback(std::string_view, std::string_view) {
  return NotYet();
}
Status SqliteStore::SetTaskState(std::string_view, TaskState, const std::string&,
                                 const std::string&, int64_t) {
  return NotYet();
}
Status SqliteStore::SetDeadlinePatch(std::string_view, const DeadlinePatch&, const std::string&,
                                     int64_t) {
  return NotYet();
}
Result<std::vector<TrackingRecord>> SqliteStore::LoadTracking() { return NotYet(); }
Result<int> SqliteStore::RecordDecisions(const std::vector<Action>&, const std::vector<Action>&,
                                         int64_t, int64_t) {
  return NotYet();
}
Result<std::optional<int64_t>> SqliteStore::EvaluatedUntil() { return NotYet(); }
Result<std::vector<OutboxRow>> SqliteStore::ListOutbox(const OutboxFilter&) { return NotYet(); }

}  // namespace duban
