// Helpers shared by the delivery store tests: outbox rows to carry, messages to carry
// them, and read-backs that REQUIRE success (naming the Status) instead of returning it.
#ifndef DUBAN_TESTS_WORKFLOW_SQLITE_MESSAGES_TEST_UTIL_H_
#define DUBAN_TESTS_WORKFLOW_SQLITE_MESSAGES_TEST_UTIL_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "tests/workflow/sqlite_store_test_util.h"
#include "workflow/sqlite_store.h"

namespace duban::testing {

inline constexpr int64_t kDeliveryT0 = 1'780'000'000;

// A decided urge for task `ref` to 省发改委, due to go out at `at`.
inline Action UrgeAction(const std::string& ref, int64_t at) {
  Action action;
  action.task_ref = ref;
  action.agency = "省发改委";
  action.role = Role::kLead;
  action.occurrence = "2026-Q3";
  action.due = *ParseCivilDate("2026-10-12");
  action.level = Level::kUrge;
  action.step = "urge";
  action.recipients = {Recipient::kContact};
  action.channels = {Channel::kEmail};
  action.at = at;
  action.reason = "overdue since 2026-10-12";
  action.key = ref + "|省发改委|lead|2026-Q3|urge|0";
  return action;
}

// Records `count` pending outbox rows (tasks "t0", "t1" ... due at T0, T0+1 ...) and returns
// their ids in that order.
inline std::vector<int64_t> DecideRows(Store& store, int count, int64_t at = kDeliveryT0) {
  std::vector<Action> decided;
  for (int i = 0; i < count; ++i) decided.push_back(UrgeAction("t" + std::to_string(i), at + i));
  auto recorded = store.RecordDecisions(decided, {}, at + count, at + count);
  INFO(recorded.status().ToString());
  REQUIRE(recorded.ok());
  OutboxFilter all;
  all.limit = count + 1000;
  auto rows = store.ListOutbox(all);
  REQUIRE(rows.ok());
  std::map<std::string, int64_t> by_key;
  for (const OutboxRow& row : *rows) by_key[row.action.key] = row.id;
  std::vector<int64_t> ids;
  for (const Action& action : decided) ids.push_back(by_key.at(action.key));
  return ids;
}

inline Message MakeMessage(const std::string& key, std::vector<int64_t> outbox_ids,
                           const std::string& target = "fgw@example.gov.cn") {
  Message message;
  message.key = key;
  message.channel = Channel::kEmail;
  message.target = target;
  message.recipient_name = "省发改委";
  message.level = Level::kUrge;
  message.subject = "【催办】请报送工作进展";
  message.text = "省发改委:\n请于近日报送第22项任务进展。";
  message.html = "<p>省发改委:</p>";
  message.data_json = "[{\"task\":\"22\"}]";
  message.thread = "agency:省发改委";
  message.outbox_ids = std::move(outbox_ids);
  return message;
}

inline std::vector<int64_t> Queue(Store& store, const MessagePlan& plan, int64_t now) {
  auto queued = store.QueueMessages(plan, now);
  INFO(queued.status().ToString());
  REQUIRE(queued.ok());
  return *queued;
}

inline OutboxRow Row(Store& store, int64_t id) {
  OutboxFilter all;
  all.limit = 1'000'000;
  auto rows = store.ListOutbox(all);
  REQUIRE(rows.ok());
  for (const OutboxRow& row : *rows) {
    if (row.id == id) return row;
  }
  FAIL("no outbox row " << id);
  return {};
}

inline Message GetMessage(Store& store, int64_t id) {
  auto message = store.GetMessage(id);
  INFO(message.status().ToString());
  REQUIRE(message.ok());
  return *message;
}

inline std::vector<int64_t> Ids(const std::vector<Message>& messages) {
  std::vector<int64_t> ids;
  for (const Message& message : messages) ids.push_back(message.id);
  return ids;
}

inline DeliveryRecord Outcome(int64_t id, std::string_view state, int64_t next = 0,
                              std::string error = "") {
  DeliveryRecord record;
  record.message_id = id;
  record.state = std::string(state);
  record.attempted = state != kMessageQueued;
  record.next_attempt_at = next;
  record.error = std::move(error);
  record.response = state == kMessageSent ? "250 2.0.0 OK" : "451 4.3.0 try later";
  return record;
}

inline void Record(Store& store, const std::vector<DeliveryRecord>& records, int64_t now) {
  Status status = store.RecordDeliveries(records, now);
  INFO(status.ToString());
  REQUIRE(status.ok());
}

}  // namespace duban::testing

#endif  // DUBAN_TESTS_WORKFLOW_SQLITE_MESSAGES_TEST_UTIL_H_
