// The dispatcher's stop within a bound: a transport that hangs until it is aborted (as a
// libcurl transfer to a server that never answers), a real SQLite store and a pinned
// clock. After the grace the hanging send is aborted, what was sent is recorded, the rest
// stays queued with no attempt counted; destroying the dispatcher never waits for a hang.
#include <utility>  // before Asio: Boost 1.74 awaitable needs it with g++ 12

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>

#include <boost/asio.hpp>
#include <catch2/catch.hpp>

#include "daemon/duband/dispatcher.h"
#include "workflow/sqlite_store.h"

namespace duban {
namespace {

constexpr int64_t kNow = 1796086800;  // 2026-12-01T01:00:00Z

// Sends the first message of a batch, then hangs on the second until Abort.
struct Hang {
  std::mutex mutex;
  std::condition_variable changed;
  bool aborted = false;
  bool hanging = false;
};

class HangingTransport : public Transport {
 public:
  explicit HangingTransport(std::shared_ptr<Hang> hang) : hang_(std::move(hang)) {}

  std::vector<DeliveryOutcome> Send(const std::vector<Message>& batch, int64_t) override {
    std::vector<DeliveryOutcome> outcomes;
    outcomes.push_back(DeliveryOutcome::Sent("250 OK"));
    std::unique_lock<std::mutex> lock(hang_->mutex);
    hang_->hanging = true;
    hang_->changed.notify_all();
    hang_->changed.wait(lock, [this] { return hang_->aborted; });
    while (outcomes.size() < batch.size()) {
      outcomes.push_back(DeliveryOutcome::Retryable("not sent: duband is stopping"));
    }
    return outcomes;
  }
  void Abort() override {
    std::lock_guard<std::mutex> lock(hang_->mutex);
    hang_->aborted = true;
    hang_->changed.notify_all();
  }

 private:
  std::shared_ptr<Hang> hang_;
};

class HangingFactory : public TransportFactory {
 public:
  explicit HangingFactory(std::shared_ptr<Hang> hang) : hang_(std::move(hang)) {}
  Result<std::unique_ptr<Transport>> Email() override {
    return std::unique_ptr<Transport>(std::make_unique<HangingTransport>(hang_));
  }
  Result<std::unique_ptr<Transport>> Webhook(const std::string&) override {
    return Status::NotFound("no webhooks here");
  }

 private:
  std::shared_ptr<Hang> hang_;
};

struct StopFixture {
  StopFixture() {
    auto opened = SqliteStore::Open(":memory:");
    REQUIRE(opened.ok());
    store = std::move(opened).value();
    for (int n = 1; n <= 3; ++n) {
      Message message;
      message.key = "stop-test|" + std::to_string(n);
      message.channel = Channel::kEmail;
      message.target = "fgw@example.gov.cn";
      message.recipient_name = "省发改委";
      message.subject = "提醒";
      message.text = "第" + std::to_string(n) + "项";
      message.data_json = "[]";
      message.thread = "test";
      REQUIRE(store->QueueTestMessage(message, "test", kNow).ok());
    }
    settings.email_sessions = 1;
    settings.email_batch = 3;
    settings.stop_grace_seconds = 0;
  }

  void Start() {
    dispatcher = std::make_unique<Dispatcher>(io, *store, std::make_unique<HangingFactory>(hang),
                                              settings, [] { return kNow; }, 1, 7);
    dispatcher->Start();
    std::unique_lock<std::mutex> lock(hang->mutex);
    REQUIRE(hang->changed.wait_for(lock, std::chrono::seconds(10), [this] { return hang->hanging; }));
  }

  std::vector<Message> InState(std::string_view state) {
    MessageFilter filter;
    filter.state = std::string(state);
    Result<std::vector<Message>> messages = store->ListMessages(filter);
    REQUIRE(messages.ok());
    return *messages;
  }

  boost::asio::io_context io;
  std::unique_ptr<SqliteStore> store;
  std::shared_ptr<Hang> hang = std::make_shared<Hang>();
  DispatchSettings settings;
  std::unique_ptr<Dispatcher> dispatcher;
};

TEST_CASE("Dispatcher abandons a hanging send when the stop grace runs out", "[dispatcher]") {
  StopFixture f;
  f.Start();
  CHECK(f.dispatcher->counters().email.in_flight == 3);
  f.dispatcher->Stop();
  // With only the dispatcher's own work left, run() returns once the abandoned batch has
  // reported (or the short wait after the abort is over): a bounded stop.
  const auto started = std::chrono::steady_clock::now();
  f.io.run();
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(5));
  {
    std::lock_guard<std::mutex> lock(f.hang->mutex);
    CHECK(f.hang->aborted);
  }
  // The message sent before the hang is recorded; the two others stay queued, untouched.
  const std::vector<Message> sent = f.InState(kMessageSent);
  REQUIRE(sent.size() == 1);
  CHECK(sent[0].attempts == 1);
  const std::vector<Message> queued = f.InState(kMessageQueued);
  REQUIRE(queued.size() == 2);
  for (const Message& message : queued) {
    CHECK(message.attempts == 0);
    CHECK(message.last_error.empty());
  }
  CHECK(f.InState(kMessageFailed).empty());
  const DispatchCounters& counters = f.dispatcher->counters();
  CHECK(counters.abandoned == 3);
  CHECK(counters.email.sent == 1);
  CHECK(counters.email.failed == 0);
  CHECK(counters.email.in_flight == 0);
  CHECK(counters.in_flight == 0);
}

TEST_CASE("Dispatcher's destructor aborts a hanging send instead of waiting for it",
          "[dispatcher]") {
  StopFixture f;
  f.Start();
  const auto started = std::chrono::steady_clock::now();
  f.dispatcher.reset();  // joins its workers: only possible because the send is aborted
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(5));
  std::lock_guard<std::mutex> lock(f.hang->mutex);
  CHECK(f.hang->aborted);
}

}  // namespace
}  // namespace duban
