// SqliteStore: targets (指标).
// PLACEHOLDER written by the lead so the interface compiles while the store engineer builds
// it (schema v5); replaced by the real implementation.
#include "workflow/sqlite_store.h"

namespace duban {

Result<std::vector<Target>> SqliteStore::ListTargets(std::string_view, std::string_view) {
  return Status::FailedPrecondition("targets are not implemented yet");
}
Result<Target> SqliteStore::GetTarget(int64_t) {
  return Status::FailedPrecondition("targets are not implemented yet");
}
Result<std::vector<Target>> SqliteStore::RecordTargetProposals(const std::vector<Target>&,
                                                               const std::string&, int64_t) {
  return Status::FailedPrecondition("targets are not implemented yet");
}
Result<Target> SqliteStore::AddTarget(const Target&, const std::string&, int64_t) {
  return Status::FailedPrecondition("targets are not implemented yet");
}
Result<Target> SqliteStore::UpdateTarget(const Target&, const std::string&, int64_t) {
  return Status::FailedPrecondition("targets are not implemented yet");
}
Result<Target> SqliteStore::SetTargetState(int64_t, TargetState, const std::string&,
                                           const std::string&, int64_t) {
  return Status::FailedPrecondition("targets are not implemented yet");
}

}  // namespace duban
