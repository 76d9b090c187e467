// The dispatcher when the store cannot record outcomes: a real SQLite file whose write lock
// is held by a second real connection (BEGIN EXCLUSIVE), as another program or a backup
// tool would. The sends succeed, the record fails with "database is locked" after the
// store's busy timeout; the messages must not be sent again while their outcome waits in
// memory, and the outcome is written once the lock is gone. The clock is pinned, so the
// record retry happens only when the test moves it (kRecordRetrySeconds, 5 s).
#include <utility>  // before Asio: Boost 1.74 awaitable needs it with g++ 12

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <vector>

#include <SQLiteCpp/Database.h>
#include <boost/asio.hpp>
#include <catch2/catch.hpp>

#include "daemon/duband/dispatcher.h"
#include "tests/daemon/duband_test_util.h"
#include "workflow/sqlite_store.h"

namespace duban {
namespace {

constexpr int64_t kNow = 1796086800;  // 2026-12-01T01:00:00Z

// Accepts every message and counts the Send calls (worker threads).
struct Sends {
  std::mutex mutex;
  std::vector<std::vector<int64_t>> batches;
  size_t count() {
    std::lock_guard<std::mutex> lock(mutex);
    return batches.size();
  }
};

class AcceptingTransport : public Transport {
 public:
  explicit AcceptingTransport(std::shared_ptr<Sends> sends) : sends_(std::move(sends)) {}
  std::vector<DeliveryOutcome> Send(const std::vector<Message>& batch, int64_t) override {
    std::vector<int64_t> ids;
    for (const Message& message : batch) ids.push_back(message.id);
    std::lock_guard<std::mutex> lock(sends_->mutex);
    sends_->batches.push_back(std::move(ids));
    return std::vector<DeliveryOutcome>(batch.size(), DeliveryOutcome::Sent("250 OK"));
  }

 private:
  std::shared_ptr<Sends> sends_;
};

class AcceptingFactory : public TransportFactory {
 public:
  explicit AcceptingFactory(std::shared_ptr<Sends> sends) : sends_(std::move(sends)) {}
  Result<std::unique_ptr<Transport>> Email() override {
    return std::unique_ptr<Transport>(std::make_unique<AcceptingTransport>(sends_));
  }
  Result<std::unique_ptr<Transport>> Webhook(const std::string&) override {
    return Status::NotFound("no webhooks here");
  }

 private:
  std::shared_ptr<Sends> sends_;
};

std::vector<Message> InState(SqliteStore& store, std::string_view state) {
  MessageFilter filter;
  filter.state = std::string(state);
  Result<std::vector<Message>> messages = store.ListMessages(filter);
  REQUIRE(messages.ok());
  return *messages;
}

TEST_CASE("Dispatcher keeps outcomes the locked store refused and does not send them again",
          "[dispatcher]") {
  testing::TempDir dir;
  const std::string path = (dir.path() / "duban.db").string();
  auto opened = SqliteStore::Open(path);
  REQUIRE(opened.ok());
  std::unique_ptr<SqliteStore> store = std::move(opened).value();
  for (int n = 1; n <= 3; ++n) {
    Message message;
    message.key = "locked-test|" + std::to_string(n);
    message.channel = Channel::kEmail;
    message.target = "fgw@example.gov.cn";
    message.recipient_name = "省发改委";
    message.subject = "提醒";
    message.text = "第" + std::to_string(n) + "项";
    message.data_json = "[]";
    REQUIRE(store->QueueTestMessage(message, "test", kNow).ok());
  }

  SQLite::Database lock(path, SQLite::OPEN_READWRITE);
  lock.exec("BEGIN EXCLUSIVE");

  boost::asio::io_context io;
  auto busy = boost::asio::make_work_guard(io);
  auto sends = std::make_shared<Sends>();
  std::atomic<int64_t> now{kNow};
  DispatchSettings settings;
  settings.email_sessions = 1;
  settings.email_batch = 3;
  Dispatcher dispatcher(io, *store, std::make_unique<AcceptingFactory>(sends), settings,
                        [&now] { return now.load(); }, 1, 7);
  dispatcher.Start();
  // The batch is sent; its outcomes cannot be written (the busy timeout passes first).
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (dispatcher.counters().sent < 3 && std::chrono::steady_clock::now() < deadline) {
    io.run_one_for(std::chrono::milliseconds(10));
  }
  REQUIRE(dispatcher.counters().sent == 3);
  // Rounds go on (the messages still look due in the store), but nothing is sent again.
  io.run_for(std::chrono::milliseconds(2500));
  CHECK(sends->count() == 1);
  CHECK(InState(*store, kMessageQueued).size() == 3);

  // The lock is gone and the retry is due: the kept outcomes are written, once.
  lock.exec("ROLLBACK");
  now += 5;
  while (InState(*store, kMessageSent).size() < 3 && std::chrono::steady_clock::now() < deadline) {
    io.run_one_for(std::chrono::milliseconds(10));
  }
  const std::vector<Message> sent = InState(*store, kMessageSent);
  REQUIRE(sent.size() == 3);
  for (const Message& message : sent) CHECK(message.attempts == 1);
  io.run_for(std::chrono::milliseconds(1500));
  CHECK(sends->count() == 1);
  dispatcher.Stop();
}

}  // namespace
}  // namespace duban
