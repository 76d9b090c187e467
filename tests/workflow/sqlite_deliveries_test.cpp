// SqliteStore's delivery outcomes: RecordDeliveries (message fields, the carried outbox
// rows' aggregate state, audit entries, all or nothing, 10,000 records in one call) and
// RetryMessages.
#include <chrono>
#include <ctime>

#include <catch2/catch.hpp>

#include "tests/workflow/sqlite_messages_test_util.h"
#include "tests/workflow/sqlite_test_util.h"
#include "workflow/sqlite_store.h"

namespace duban {
namespace {

using testing::Audit;
using testing::CountActions;
using testing::DecideRows;
using testing::FindAction;
using testing::GetMessage;
using testing::MakeMessage;
using testing::OpenStore;
using testing::Outcome;
using testing::Queue;
using testing::Record;
using testing::Row;
using Ids64 = std::vector<int64_t>;

constexpr int64_t kT0 = testing::kDeliveryT0;

// One action (row) carried by two messages (email and webhook), plus a second row in the
// email only.
struct TwoChannels {
  std::unique_ptr<SqliteStore> store = OpenStore();
  Ids64 rows = DecideRows(*store, 2);
  Ids64 m;
  TwoChannels() {
    MessagePlan plan;
    plan.messages = {MakeMessage("email", {rows[0], rows[1]}),
                     MakeMessage("hook", {rows[0]}, "dingtalk-office")};
    m = Queue(*store, plan, kT0);
    REQUIRE(m.size() == 2);
  }
};

TEST_CASE("Deliveries: outcomes set the message's fields", "[sqlite_deliveries]") {
  TwoChannels t;
  Record(*t.store, {Outcome(t.m[0], kMessageFailed, kT0 + 120, "SMTP 451: try later")}, kT0 + 5);
  Message failed = GetMessage(*t.store, t.m[0]);
  CHECK(failed.state == "failed");
  CHECK(failed.attempts == 1);
  CHECK(failed.next_attempt_at == kT0 + 120);
  CHECK(failed.last_error == "SMTP 451: try later");
  CHECK(failed.last_response == "451 4.3.0 try later");
  CHECK(failed.sent_at == 0);

  // A deferral: not an attempt, error and response kept.
  Record(*t.store, {Outcome(t.m[0], kMessageQueued, kT0 + 180)}, kT0 + 6);
  Message deferred = GetMessage(*t.store, t.m[0]);
  CHECK(deferred.state == "queued");
  CHECK(deferred.attempts == 1);
  CHECK(deferred.next_attempt_at == kT0 + 180);
  CHECK(deferred.last_error == "SMTP 451: try later");
  CHECK(deferred.last_response == "451 4.3.0 try later");

  Record(*t.store, {Outcome(t.m[0], kMessageSent)}, kT0 + 200);
  Message sent = GetMessage(*t.store, t.m[0]);
  CHECK(sent.state == "sent");
  CHECK(sent.attempts == 2);
  CHECK(sent.sent_at == kT0 + 200);
  CHECK(sent.last_error.empty());
  CHECK(sent.last_response == "250 2.0.0 OK");
  CHECK(GetMessage(*t.store, t.m[1]).attempts == 0);  // untouched
}

TEST_CASE("Deliveries: a row's state follows all the messages carrying it",
          "[sqlite_deliveries]") {
  TwoChannels t;
  const int64_t shared = t.rows[0];
  const int64_t email_only = t.rows[1];
  Record(*t.store,
         {Outcome(t.m[0], kMessageSent), Outcome(t.m[1], kMessageFailed, kT0 + 60, "HTTP 503")},
         kT0 + 1);
  OutboxRow row = Row(*t.store, shared);
  CHECK(row.state == "failed");
  CHECK(row.attempts == 1);
  CHECK(row.last_error == "HTTP 503");
  CHECK(row.updated_at == kT0 + 1);
  CHECK(Row(*t.store, email_only).state == "sent");

  SECTION("both sent: sent") {
    Record(*t.store, {Outcome(t.m[1], kMessageSent)}, kT0 + 61);
    CHECK(Row(*t.store, shared).state == "sent");
    CHECK(Row(*t.store, shared).attempts == 2);
    CHECK(Row(*t.store, shared).last_error.empty());
  }
  SECTION("one still queued: queued") {
    Record(*t.store, {Outcome(t.m[1], kMessageQueued, kT0 + 90)}, kT0 + 61);
    CHECK(Row(*t.store, shared).state == "queued");
  }
  SECTION("dead wins over sent and failed") {
    Record(*t.store, {Outcome(t.m[1], kMessageDead, 0, "HTTP 404")}, kT0 + 61);
    CHECK(Row(*t.store, shared).state == "dead");
    CHECK(Row(*t.store, shared).last_error == "HTTP 404");
    CHECK(Row(*t.store, email_only).state == "sent");
  }
  SECTION("dead wins over failed in the same batch") {
    Record(*t.store, {Outcome(t.m[0], kMessageDead, 0, "550"),
                      Outcome(t.m[1], kMessageFailed, kT0 + 99, "503")},
           kT0 + 61);
    CHECK(Row(*t.store, shared).state == "dead");
    CHECK(Row(*t.store, shared).last_error == "550");
    CHECK(Row(*t.store, email_only).state == "dead");
  }
}

TEST_CASE("Deliveries: each attempt is audited, deferrals are not", "[sqlite_deliveries]") {
  TwoChannels t;
  Record(*t.store, {Outcome(t.m[0], kMessageSent), Outcome(t.m[1], kMessageQueued, kT0 + 60)},
         kT0 + 1);
  Record(*t.store, {Outcome(t.m[1], kMessageFailed, kT0 + 90, "HTTP 503")}, kT0 + 61);
  Record(*t.store, {Outcome(t.m[1], kMessageDead, 0, "HTTP 404")}, kT0 + 91);
  std::vector<AuditEntry> audit = Audit(*t.store);
  CHECK(CountActions(audit, "message.sent") == 1);
  CHECK(CountActions(audit, "message.failed") == 1);
  CHECK(CountActions(audit, "message.dead") == 1);
  CHECK(CountActions(audit, "message.queued") == 0);
  const AuditEntry* sent = FindAction(audit, "message.sent", "message " + std::to_string(t.m[0]));
  REQUIRE(sent != nullptr);
  CHECK(sent->actor == "duband");
  CHECK(sent->at == kT0 + 1);
  CHECK(sent->detail.find("250 2.0.0 OK") != std::string::npos);
  CHECK(sent->detail.find("\"key\":\"email\"") != std::string::npos);
  const AuditEntry* failed =
      FindAction(audit, "message.failed", "message " + std::to_string(t.m[1]));
  REQUIRE(failed != nullptr);
  CHECK(failed->detail.find("HTTP 503") != std::string::npos);
  CHECK(failed->detail.find(std::to_string(kT0 + 90)) != std::string::npos);
}

TEST_CASE("Deliveries: a bad batch changes nothing", "[sqlite_deliveries]") {
  TwoChannels t;
  const int audit_before = static_cast<int>(Audit(*t.store).size());
  std::vector<DeliveryRecord> batch = {Outcome(t.m[0], kMessageSent)};
  Status::Code expected = Status::Code::kOk;
  SECTION("an unknown message") {
    batch.push_back(Outcome(t.m[1] + 10, kMessageSent));
    expected = Status::Code::kNotFound;
  }
  SECTION("an unknown state") {
    batch.push_back(Outcome(t.m[1], "delivered"));
    expected = Status::Code::kInvalidArgument;
  }
  SECTION("an attempt that leaves it queued") {
    DeliveryRecord record = Outcome(t.m[1], kMessageQueued, kT0 + 5);
    record.attempted = true;
    batch.push_back(record);
    expected = Status::Code::kInvalidArgument;
  }
  SECTION("a deferral that is not queued") {
    DeliveryRecord record = Outcome(t.m[1], kMessageSent);
    record.attempted = false;
    batch.push_back(record);
    expected = Status::Code::kInvalidArgument;
  }
  Status status = t.store->RecordDeliveries(batch, kT0 + 1);
  CHECK(status.code() == expected);
  CHECK(GetMessage(*t.store, t.m[0]).state == "queued");
  CHECK(GetMessage(*t.store, t.m[0]).attempts == 0);
  CHECK(Row(*t.store, t.rows[0]).state == "queued");
  CHECK(static_cast<int>(Audit(*t.store).size()) == audit_before);
}

TEST_CASE("Deliveries: retry revives failed and dead messages", "[sqlite_deliveries]") {
  auto store = OpenStore();
  Ids64 rows = DecideRows(*store, 4);
  MessagePlan plan;
  for (size_t i = 0; i < rows.size(); ++i) {
    plan.messages.push_back(MakeMessage("m" + std::to_string(i), {rows[i]}));
  }
  Ids64 m = Queue(*store, plan, kT0);
  // m0 failed twice, m1 dead, m2 sent, m3 queued.
  Record(*store, {Outcome(m[0], kMessageFailed, kT0 + 60, "timeout")}, kT0 + 1);
  Record(*store, {Outcome(m[0], kMessageFailed, kT0 + 180, "timeout"),
                  Outcome(m[1], kMessageDead, 0, "550 user unknown"), Outcome(m[2], kMessageSent)},
         kT0 + 61);
  REQUIRE(Row(*store, rows[1]).state == "dead");

  SECTION("by id") {
    auto revived = store->RetryMessages({m[1], m[1]}, "uid 0 (root)", kT0 + 500);
    INFO(revived.status().ToString());
    REQUIRE(revived.ok());
    CHECK(*revived == Ids64{m[1]});
    Message message = GetMessage(*store, m[1]);
    CHECK(message.state == "queued");
    CHECK(message.attempts == 0);
    CHECK(message.next_attempt_at == kT0 + 500);
    CHECK(Row(*store, rows[1]).state == "queued");
    CHECK(Row(*store, rows[1]).attempts == 0);
    CHECK(GetMessage(*store, m[0]).state == "failed");
    const std::vector<AuditEntry> audit = Audit(*store);
    const AuditEntry* entry =
        FindAction(audit, "message.retry", "message " + std::to_string(m[1]));
    REQUIRE(entry != nullptr);
    CHECK(entry->actor == "uid 0 (root)");
    CHECK(entry->detail.find("dead") != std::string::npos);
  }
  SECTION("all failed and dead") {
    auto revived = store->RetryMessages({}, "me", kT0 + 500);
    REQUIRE(revived.ok());
    CHECK(*revived == Ids64{m[0], m[1]});
    CHECK(testing::Ids(*store->DueMessages(kT0 + 500, 10)) == Ids64{m[3], m[0], m[1]});
    CHECK(Row(*store, rows[0]).state == "queued");
    CHECK(Row(*store, rows[2]).state == "sent");
    CHECK(CountActions(Audit(*store), "message.retry") == 2);
    // Nothing left to retry: no error, nothing audited.
    CHECK(store->RetryMessages({}, "me", kT0 + 600)->empty());
    CHECK(CountActions(Audit(*store), "message.retry") == 2);
  }
  SECTION("unknown, queued and sent ones are refused, changing nothing") {
    CHECK(store->RetryMessages({m[1], m[3] + 50}, "me", kT0 + 500).status().code() ==
          Status::Code::kNotFound);
    CHECK(store->RetryMessages({m[1], m[2]}, "me", kT0 + 500).status().code() ==
          Status::Code::kFailedPrecondition);
    CHECK(store->RetryMessages({m[3], m[0]}, "me", kT0 + 500).status().code() ==
          Status::Code::kFailedPrecondition);
    CHECK(GetMessage(*store, m[1]).state == "dead");
    CHECK(GetMessage(*store, m[0]).state == "failed");
    CHECK(CountActions(Audit(*store), "message.retry") == 0);
  }
}

TEST_CASE("Deliveries: 10,000 outcomes are recorded in one transaction, quickly",
          "[sqlite_deliveries]") {
  testing::TempDir dir;
  auto store = OpenStore(dir.File("duban.db"));
  constexpr int kCount = 10'000;
  Ids64 rows = DecideRows(*store, kCount);
  MessagePlan plan;
  for (int i = 0; i < kCount; ++i) {
    plan.messages.push_back(MakeMessage("m" + std::to_string(i), {rows[static_cast<size_t>(i)]}));
  }
  Ids64 m = Queue(*store, plan, kT0);
  REQUIRE(m.size() == kCount);

  std::vector<DeliveryRecord> batch;
  for (int i = 0; i < kCount; ++i) {
    const int64_t id = m[static_cast<size_t>(i)];
    batch.push_back(i % 10 == 0 ? Outcome(id, kMessageFailed, kT0 + 60, "timeout")
                                : Outcome(id, kMessageSent));
  }
  SECTION("one unknown id at the end undoes the whole batch") {
    batch.push_back(Outcome(m.back() + 1, kMessageSent));
    CHECK(store->RecordDeliveries(batch, kT0 + 1).code() == Status::Code::kNotFound);
    CHECK(store->DueMessages(kT0, kCount + 1)->size() == kCount);
    CHECK(CountActions(Audit(*store), "message.sent") == 0);
  }
  SECTION("all recorded") {
    // CPU time as well as wall time: the wall clock also counts whatever else the machine runs.
    const std::clock_t cpu_start = std::clock();
    const auto started = std::chrono::steady_clock::now();
    Record(*store, batch, kT0 + 1);
    const double wall_ms = std::chrono::duration<double, std::milli>(
                               std::chrono::steady_clock::now() - started).count();
    const double cpu_ms = 1000.0 * static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
    WARN("RecordDeliveries of " << kCount << " records: " << wall_ms << " ms (cpu " << cpu_ms
                                << " ms)");
#ifdef NDEBUG  // the bound is for optimised builds; -O0 JSON and containers cost ~4x
    CHECK(cpu_ms < 500 * testing::kCpuBoundScale);
#endif
    OutboxFilter failed;
    failed.state = "failed";
    failed.limit = kCount;
    CHECK(store->ListOutbox(failed)->size() == kCount / 10);
    failed.state = "sent";
    CHECK(store->ListOutbox(failed)->size() == kCount - kCount / 10);
    CHECK(store->ListMessages({"sent", "", 0, kCount})->size() == kCount - kCount / 10);
    std::vector<AuditEntry> audit = Audit(*store);
    CHECK(CountActions(audit, "message.sent") == kCount - kCount / 10);
    CHECK(CountActions(audit, "message.failed") == kCount / 10);
  }
}

}  // namespace
}  // namespace duban
