// SqliteStore's messages: QueueMessages (links, which outbox rows change, keys queued
// once, cancelled and undeliverable rows), DueMessages and NextMessageAttempt, ListMessages
// and GetMessage, QueueTestMessage, ListOutbox's due_by and CountOutbox.
#include <catch2/catch.hpp>

#include "tests/workflow/sqlite_messages_test_util.h"
#include "workflow/sqlite_store.h"

namespace duban {
namespace {

using testing::DecideRows;
using testing::GetMessage;
using testing::Ids;
using testing::MakeMessage;
using testing::OpenStore;
using testing::Outcome;
using testing::Queue;
using testing::Record;
using testing::Row;
using Ids64 = std::vector<int64_t>;

constexpr int64_t kT0 = testing::kDeliveryT0;

TEST_CASE("Messages: queueing links rows, which become queued, and round-trips every field",
          "[sqlite_messages]") {
  auto store = OpenStore();
  Ids64 rows = DecideRows(*store, 4);
  MessagePlan plan;
  plan.messages = {MakeMessage("email|fgw|1", {rows[1], rows[0]}),
                   MakeMessage("webhook|bot|1", {rows[0]}, "dingtalk-office")};
  plan.messages[1].channel = Channel::kWebhook;
  plan.messages[1].level = Level::kSupervise;
  plan.cancelled = {{rows[2], "feedback #3 arrived"}};
  plan.undeliverable = {{rows[3], "省发改委 has no email address"}};
  Ids64 queued = Queue(*store, plan, kT0 + 100);
  REQUIRE(queued.size() == 2);
  CHECK(queued[0] < queued[1]);

  Message email = GetMessage(*store, queued[0]);
  const Message& sent = plan.messages[0];
  CHECK(email.key == sent.key);
  CHECK(email.channel == Channel::kEmail);
  CHECK(email.target == sent.target);
  CHECK(email.recipient_name == sent.recipient_name);
  CHECK(email.level == Level::kUrge);
  CHECK(email.subject == sent.subject);
  CHECK(email.text == sent.text);
  CHECK(email.html == sent.html);
  CHECK(email.data_json == sent.data_json);
  CHECK(email.thread == sent.thread);
  CHECK(email.outbox_ids == Ids64{rows[0], rows[1]});  // ascending
  CHECK(email.state == "queued");
  CHECK(email.attempts == 0);
  CHECK(email.created_at == kT0 + 100);
  CHECK(email.next_attempt_at == kT0 + 100);
  CHECK(email.sent_at == 0);
  CHECK(email.last_error.empty());
  Message hook = GetMessage(*store, queued[1]);
  CHECK(hook.channel == Channel::kWebhook);
  CHECK(hook.level == Level::kSupervise);
  CHECK(hook.target == "dingtalk-office");
  CHECK(hook.outbox_ids == Ids64{rows[0]});

  CHECK(Row(*store, rows[0]).state == "queued");
  CHECK(Row(*store, rows[0]).updated_at == kT0 + 100);
  CHECK(Row(*store, rows[1]).state == "queued");
  OutboxRow cancelled = Row(*store, rows[2]);
  CHECK(cancelled.state == "cancelled");
  CHECK(cancelled.last_error == "feedback #3 arrived");
  OutboxRow dead = Row(*store, rows[3]);
  CHECK(dead.state == "dead");
  CHECK(dead.last_error == "省发改委 has no email address");
}

TEST_CASE("Messages: a key queued twice leaves the first alone, and only pending rows change",
          "[sqlite_messages]") {
  auto store = OpenStore();
  Ids64 rows = DecideRows(*store, 4);
  MessagePlan first;
  first.messages = {MakeMessage("k1", {rows[0]})};
  Ids64 queued = Queue(*store, first, kT0 + 10);
  REQUIRE(queued.size() == 1);

  MessagePlan again;
  again.messages = {MakeMessage("k1", {rows[1]}), MakeMessage("k2", {rows[2]})};
  again.messages[0].subject = "changed";
  again.cancelled = {{rows[0], "too late"}};           // queued: not pending, stays
  again.undeliverable = {{rows[0], "no address"}};     // likewise
  Ids64 second = Queue(*store, again, kT0 + 20);
  REQUIRE(second.size() == 1);
  CHECK(second[0] != queued[0]);
  Message kept = GetMessage(*store, queued[0]);
  CHECK(kept.subject == first.messages[0].subject);
  CHECK(kept.outbox_ids == Ids64{rows[0]});
  CHECK(kept.created_at == kT0 + 10);
  CHECK(Row(*store, rows[0]).state == "queued");
  CHECK(Row(*store, rows[0]).last_error.empty());
  CHECK(Row(*store, rows[1]).state == "pending");  // its message was not inserted
  CHECK(Row(*store, rows[2]).state == "queued");

  SECTION("skipped rows are not cancelled") {
    auto skipped = store->RecordDecisions({}, {testing::UrgeAction("s", kT0)}, kT0, kT0);
    REQUIRE(skipped.ok());
    OutboxFilter filter;
    filter.state = "skipped";
    int64_t skipped_id = store->ListOutbox(filter)->at(0).id;
    MessagePlan cancel;
    cancel.cancelled = {{skipped_id, "feedback"}, {rows[3], "feedback"}};
    CHECK(Queue(*store, cancel, kT0 + 30).empty());
    CHECK(Row(*store, skipped_id).state == "skipped");
    CHECK(Row(*store, rows[3]).state == "cancelled");
  }
}

TEST_CASE("Messages: a bad plan changes nothing", "[sqlite_messages]") {
  auto store = OpenStore();
  Ids64 rows = DecideRows(*store, 2);
  MessagePlan plan;
  plan.messages = {MakeMessage("ok", {rows[0]})};
  SECTION("an unknown outbox row") {
    plan.messages.push_back(MakeMessage("bad", {rows[1] + 100}));
    auto queued = store->QueueMessages(plan, kT0);
    REQUIRE_FALSE(queued.ok());
    CHECK(queued.status().code() == Status::Code::kNotFound);
    CHECK(queued.status().message().find(std::to_string(rows[1] + 100)) != std::string::npos);
  }
  SECTION("an unknown cancelled row") {
    plan.cancelled = {{rows[1] + 7, "x"}};
    auto queued = store->QueueMessages(plan, kT0);
    REQUIRE_FALSE(queued.ok());
    CHECK(queued.status().code() == Status::Code::kNotFound);
  }
  SECTION("a message without a key") {
    plan.messages.push_back(MakeMessage("", {rows[1]}));
    auto queued = store->QueueMessages(plan, kT0);
    REQUIRE_FALSE(queued.ok());
    CHECK(queued.status().code() == Status::Code::kInvalidArgument);
  }
  CHECK(store->ListMessages({})->empty());
  CHECK(Row(*store, rows[0]).state == "pending");
}

TEST_CASE("Messages: due ones come earliest first, then by id, up to now", "[sqlite_messages]") {
  auto store = OpenStore();
  CHECK_FALSE(store->NextMessageAttempt()->has_value());
  Ids64 rows = DecideRows(*store, 5);
  MessagePlan plan;
  for (int i = 0; i < 5; ++i) {
    plan.messages.push_back(MakeMessage("m" + std::to_string(i), {rows[static_cast<size_t>(i)]}));
  }
  Ids64 m = Queue(*store, plan, kT0);
  // m0 deferred to T0+50, m1 failed until T0+30, m2 sent, m3 dead, m4 due at T0.
  Record(*store,
         {Outcome(m[0], kMessageQueued, kT0 + 50), Outcome(m[1], kMessageFailed, kT0 + 30, "451"),
          Outcome(m[2], kMessageSent), Outcome(m[3], kMessageDead, 0, "550 unknown user")},
         kT0 + 1);
  CHECK(store->NextMessageAttempt()->value() == kT0);
  CHECK(Ids(*store->DueMessages(kT0, 10)) == Ids64{m[4]});
  CHECK(Ids(*store->DueMessages(kT0 + 29, 10)) == Ids64{m[4]});
  CHECK(Ids(*store->DueMessages(kT0 + 30, 10)) == Ids64{m[4], m[1]});
  CHECK(Ids(*store->DueMessages(kT0 + 1000, 10)) == Ids64{m[4], m[1], m[0]});
  CHECK(Ids(*store->DueMessages(kT0 + 1000, 2)) == Ids64{m[4], m[1]});
  CHECK(store->DueMessages(kT0, 10)->at(0).outbox_ids == Ids64{rows[4]});
  CHECK(store->DueMessages(kT0, 0).status().code() == Status::Code::kInvalidArgument);

  // Same time: by id.
  Record(*store, {Outcome(m[4], kMessageQueued, kT0 + 50)}, kT0 + 2);
  CHECK(Ids(*store->DueMessages(kT0 + 50, 10)) == Ids64{m[1], m[0], m[4]});
  CHECK(store->NextMessageAttempt()->value() == kT0 + 30);
  Record(*store, {Outcome(m[1], kMessageSent), Outcome(m[0], kMessageSent),
                  Outcome(m[4], kMessageSent)},
         kT0 + 60);
  CHECK_FALSE(store->NextMessageAttempt()->has_value());
  CHECK(store->DueMessages(kT0 + 100'000, 10)->empty());
}

TEST_CASE("Messages: ListMessages filters, newest first", "[sqlite_messages]") {
  auto store = OpenStore();
  Ids64 rows = DecideRows(*store, 3);
  MessagePlan plan;
  plan.messages = {MakeMessage("a", {rows[0], rows[1]}), MakeMessage("b", {rows[1]}, "kjt@x.cn"),
                   MakeMessage("c", {rows[2]})};
  Ids64 m = Queue(*store, plan, kT0);
  Record(*store, {Outcome(m[2], kMessageFailed, kT0 + 60, "timeout")}, kT0 + 1);

  auto list = [&](MessageFilter filter) {
    auto listed = store->ListMessages(filter);
    INFO(listed.status().ToString());
    REQUIRE(listed.ok());
    return Ids(*listed);
  };
  CHECK(list({}) == Ids64{m[2], m[1], m[0]});
  CHECK(list({"queued", "", 0, 1000}) == Ids64{m[1], m[0]});
  CHECK(list({"failed", "", 0, 1000}) == Ids64{m[2]});
  CHECK(list({"", "kjt@x.cn", 0, 1000}) == Ids64{m[1]});
  CHECK(list({"", "", rows[1], 1000}) == Ids64{m[1], m[0]});
  CHECK(list({"", "", rows[1], 1}) == Ids64{m[1]});
  CHECK(list({"sent", "", 0, 1000}).empty());
  CHECK(store->ListMessages({"lost", "", 0, 10}).status().code() ==
        Status::Code::kInvalidArgument);
  CHECK(store->ListMessages({"", "", 0, 0}).status().code() == Status::Code::kInvalidArgument);
  CHECK(store->GetMessage(m[2] + 1).status().code() == Status::Code::kNotFound);
}

TEST_CASE("Messages: a test message carries no rows, is due now and audited",
          "[sqlite_messages]") {
  auto store = OpenStore();
  Message test = MakeMessage("test|email|fgw@example.gov.cn|1780000000", {});
  test.subject = "测试消息";
  auto id = store->QueueTestMessage(test, "uid 0 (root)", kT0);
  INFO(id.status().ToString());
  REQUIRE(id.ok());
  Message got = GetMessage(*store, *id);
  CHECK(got.subject == "测试消息");
  CHECK(got.outbox_ids.empty());
  CHECK(got.state == "queued");
  CHECK(Ids(*store->DueMessages(kT0, 10)) == Ids64{*id});
  const std::vector<AuditEntry> audit = testing::Audit(*store);
  const AuditEntry* entry =
      testing::FindAction(audit, "message.test", "message " + std::to_string(*id));
  REQUIRE(entry != nullptr);
  CHECK(entry->actor == "uid 0 (root)");
  CHECK(entry->detail.find("fgw@example.gov.cn") != std::string::npos);

  auto twice = store->QueueTestMessage(test, "uid 0 (root)", kT0);
  CHECK(twice.status().code() == Status::Code::kConflict);
  Message carrying = MakeMessage("test|2", {1});
  CHECK(store->QueueTestMessage(carrying, "me", kT0).status().code() ==
        Status::Code::kInvalidArgument);
  CHECK(store->ListMessages({})->size() == 1);
  CHECK(testing::CountActions(testing::Audit(*store), "message.test") == 1);
}

TEST_CASE("Messages: ListOutbox's due_by keeps rows due by then", "[sqlite_messages]") {
  auto store = OpenStore();
  Ids64 rows = DecideRows(*store, 5);  // at T0 .. T0+4
  auto due = [&](int64_t by, const std::string& state) {
    OutboxFilter filter;
    filter.due_by = by;
    filter.state = state;
    auto listed = store->ListOutbox(filter);
    REQUIRE(listed.ok());
    Ids64 ids;
    for (const OutboxRow& row : *listed) ids.push_back(row.id);
    return ids;
  };
  CHECK(due(kT0 + 2, "") == Ids64{rows[0], rows[1], rows[2]});
  CHECK(due(kT0 - 1, "").empty());
  CHECK(due(0, "").size() == 5);  // 0 = any
  MessagePlan plan;
  plan.messages = {MakeMessage("k", {rows[1]})};
  Queue(*store, plan, kT0);
  CHECK(due(kT0 + 2, "pending") == Ids64{rows[0], rows[2]});
  CHECK(due(kT0 + 2, "queued") == Ids64{rows[1]});
}

TEST_CASE("Messages: CountOutbox counts what ListOutbox would list, whatever the limit",
          "[sqlite_messages]") {
  auto store = OpenStore();
  Ids64 rows = DecideRows(*store, 6);  // at T0 .. T0+5
  MessagePlan plan;
  plan.messages = {MakeMessage("k", {rows[0], rows[4]})};
  plan.cancelled = {{rows[1], "feedback"}};
  Queue(*store, plan, kT0);
  auto count = [&](const std::string& state, int64_t due_by, int limit) {
    OutboxFilter filter;
    filter.state = state;
    filter.due_by = due_by;
    filter.limit = limit;
    auto counted = store->CountOutbox(filter);
    INFO(counted.status().ToString());
    REQUIRE(counted.ok());
    return *counted;
  };
  CHECK(count("", 0, 1) == 6);
  CHECK(count("pending", 0, 1) == 3);
  CHECK(count("pending", kT0 + 3, 1000) == 2);
  CHECK(count("queued", 0, 1000) == 2);
  CHECK(count("cancelled", 0, 1000) == 1);
  CHECK(count("sent", 0, 1000) == 0);
  OutboxFilter bad;
  bad.state = "lost";
  CHECK(store->CountOutbox(bad).status().code() == Status::Code::kInvalidArgument);
}

}  // namespace
}  // namespace duban
