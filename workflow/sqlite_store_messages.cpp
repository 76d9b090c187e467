// SqliteStore's delivery methods: queueing planned messages, handing due ones to the
// dispatcher, recording outcomes and reviving failed ones.
// First cut: the messages table arrives with schema version 3; until then these fail.
#include "workflow/sqlite_store.h"

namespace duban {
namespace {

Status NotYet(const char* what) {
  return Status::Internal(std::string(what) + ": delivery is not implemented in the store yet");
}

}  // namespace

Result<std::vector<int64_t>> SqliteStore::QueueMessages(const MessagePlan&, int64_t) {
  return NotYet("queueing messages");
}

Result<std::vector<Message>> SqliteStore::DueMessages(int64_t, int) {
  return NotYet("listing due messages");
}

Result<std::optional<int64_t>> SqliteStore::NextMessageAttempt() {
  return std::optional<int64_t>();
}

Status SqliteStore::RecordDeliveries(const std::vector<DeliveryRecord>&, int64_t) {
  return NotYet("recording deliveries");
}

Result<std::vector<Message>> SqliteStore::ListMessages(const MessageFilter&) {
  return std::vector<Message>();
}

Result<Message> SqliteStore::GetMessage(int64_t id) {
  return Status::NotFound("no message " + std::to_string(id));
}

Result<std::vector<int64_t>> SqliteStore::RetryMessages(const std::vector<int64_t>&,
                                                        const std::string&, int64_t) {
  return NotYet("retrying messages");
}

Result<int64_t> SqliteStore::QueueTestMessage(const Message&, const std::string&, int64_t) {
  return NotYet("queueing a test message");
}

}  // namespace duban
