// The dispatcher against a real SQLite store, with transports that inject faults (scripted
// outcomes) and a pinned clock. The io_context is run by the test until the condition it
// waits for holds: the only waiting is for the worker threads, never for a schedule.
#include <utility>  // before Asio: Boost 1.74 awaitable needs it with g++ 12

#include <atomic>
#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>

#include <boost/asio.hpp>
#include <catch2/catch.hpp>

#include "daemon/duband/dispatcher.h"
#include "workflow/sqlite_store.h"

namespace duban {
namespace {

constexpr int64_t kNow = 1796086800;  // 2026-12-01T01:00:00Z

// What the scripted transports saw, shared with the test (they run on worker threads).
struct Script {
  std::mutex mutex;
  // Outcomes to hand out in order, per pool ("email" or the webhook target); when empty,
  // every message is sent.
  std::map<std::string, std::deque<OutcomeKind>> outcomes;
  std::vector<std::vector<int64_t>> batches;  // message ids per Send call
  std::vector<int64_t> now_ms;                // the time each Send was given
  int transports_made = 0;
};

class ScriptedTransport : public Transport {
 public:
  ScriptedTransport(std::shared_ptr<Script> script, std::string pool)
      : script_(std::move(script)), pool_(std::move(pool)) {}

  std::vector<DeliveryOutcome> Send(const std::vector<Message>& batch, int64_t now_ms) override {
    std::lock_guard<std::mutex> lock(script_->mutex);
    std::vector<int64_t> ids;
    std::vector<DeliveryOutcome> outcomes;
    for (const Message& message : batch) {
      ids.push_back(message.id);
      std::deque<OutcomeKind>& queue = script_->outcomes[pool_];
      const OutcomeKind kind = queue.empty() ? OutcomeKind::kSent : queue.front();
      if (!queue.empty()) queue.pop_front();
      switch (kind) {
        case OutcomeKind::kSent: outcomes.push_back(DeliveryOutcome::Sent("250 OK")); break;
        case OutcomeKind::kRetryable:
          outcomes.push_back(DeliveryOutcome::Retryable("SMTP 451: try later", "451"));
          break;
        case OutcomeKind::kPermanent:
          outcomes.push_back(DeliveryOutcome::Permanent("SMTP 550: user unknown", "550"));
          break;
      }
    }
    script_->batches.push_back(std::move(ids));
    script_->now_ms.push_back(now_ms);
    return outcomes;
  }

 private:
  std::shared_ptr<Script> script_;
  std::string pool_;
};

class ScriptedFactory : public TransportFactory {
 public:
  explicit ScriptedFactory(std::shared_ptr<Script> script) : script_(std::move(script)) {}
  Result<std::unique_ptr<Transport>> Email() override { return Make("email"); }
  Result<std::unique_ptr<Transport>> Webhook(const std::string& name) override {
    if (name == "missing") return Status::NotFound("no [[webhook]] named 'missing'");
    return Make(name);
  }

 private:
  Result<std::unique_ptr<Transport>> Make(const std::string& pool) {
    std::lock_guard<std::mutex> lock(script_->mutex);
    ++script_->transports_made;
    return std::unique_ptr<Transport>(std::make_unique<ScriptedTransport>(script_, pool));
  }
  std::shared_ptr<Script> script_;
};

Message TestMessage(Channel channel, const std::string& target, int n) {
  Message message;
  message.key = "test|" + std::string(ChannelName(channel)) + "|" + target + "|" + std::to_string(n);
  message.channel = channel;
  message.target = target;
  message.recipient_name = "省发改委";
  message.subject = "提醒";
  message.text = "第" + std::to_string(n) + "项";
  message.data_json = "[]";
  message.thread = "test";
  return message;
}

struct Fixture {
  Fixture() {
    auto opened = SqliteStore::Open(":memory:");
    REQUIRE(opened.ok());
    store = std::move(opened).value();
    settings.retry.backoff_initial_seconds = 60;
    settings.retry.backoff_max_seconds = 600;
    settings.retry.jitter = 0.0;
    settings.retry.max_attempts = 3;
  }

  void Queue(Channel channel, const std::string& target, int count) {
    for (int i = 0; i < count; ++i) {
      Result<int64_t> id =
          store->QueueTestMessage(TestMessage(channel, target, ++queued), "test", now);
      REQUIRE(id.ok());
    }
  }

  void StartDispatcher() {
    dispatcher = std::make_unique<Dispatcher>(io, *store, std::make_unique<ScriptedFactory>(script),
                                              settings, [this] { return now; }, 2, 42);
    dispatcher->Start();
  }

  // Runs the io_context until `done` holds (the workers report through it).
  void RunUntil(const std::function<bool()>& done) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!done() && std::chrono::steady_clock::now() < deadline) {
      io.run_one_for(std::chrono::milliseconds(10));
    }
    REQUIRE(done());
  }

  std::vector<Message> InState(std::string_view state) {
    MessageFilter filter;
    filter.state = std::string(state);
    Result<std::vector<Message>> messages = store->ListMessages(filter);
    REQUIRE(messages.ok());
    return *messages;
  }

  int64_t now = kNow;
  int queued = 0;
  boost::asio::io_context io;
  // As the daemon's signal set and acceptor do: the io_context must not run out of work
  // while a batch is on a worker thread, or its completion would never run.
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> busy{io.get_executor()};
  std::unique_ptr<SqliteStore> store;
  std::shared_ptr<Script> script = std::make_shared<Script>();
  DispatchSettings settings;
  std::unique_ptr<Dispatcher> dispatcher;
};

TEST_CASE("Dispatcher sends due email in batches over a bounded number of sessions",
          "[dispatcher]") {
  Fixture f;
  f.settings.email_sessions = 1;
  f.settings.email_batch = 2;
  f.Queue(Channel::kEmail, "fgw@example.gov.cn", 5);
  f.StartDispatcher();
  f.RunUntil([&] { return f.InState(kMessageSent).size() == 5; });
  std::lock_guard<std::mutex> lock(f.script->mutex);
  REQUIRE(f.script->batches.size() == 3);  // 2 + 2 + 1
  CHECK(f.script->batches[0].size() == 2);
  CHECK(f.script->batches[2].size() == 1);
  // One session at a time, reused: one transport made for all three batches.
  CHECK(f.script->transports_made == 1);
  CHECK(f.script->now_ms.front() == kNow * 1000);
  CHECK(f.dispatcher->counters().sent == 5);
}

TEST_CASE("Dispatcher backs off a retryable failure and sends on the next attempt",
          "[dispatcher]") {
  Fixture f;
  f.script->outcomes["email"] = {OutcomeKind::kRetryable};
  f.Queue(Channel::kEmail, "fgw@example.gov.cn", 1);
  f.StartDispatcher();
  f.RunUntil([&] { return f.InState(kMessageFailed).size() == 1; });
  Message failed = f.InState(kMessageFailed).front();
  CHECK(failed.attempts == 1);
  CHECK(failed.next_attempt_at == kNow + 60);  // initial backoff, no jitter
  CHECK(failed.last_error.find("451") != std::string::npos);

  // Not due yet: a kick sends nothing.
  f.dispatcher->Kick();
  f.io.poll();
  CHECK(f.InState(kMessageFailed).size() == 1);

  f.now = kNow + 60;
  f.dispatcher->Kick();
  f.RunUntil([&] { return f.InState(kMessageSent).size() == 1; });
  CHECK(f.InState(kMessageSent).front().attempts == 2);
}

TEST_CASE("Dispatcher marks a permanent failure dead at once and a retryable one at max",
          "[dispatcher]") {
  Fixture f;
  f.settings.email_sessions = 1;
  f.settings.email_batch = 1;
  f.script->outcomes["email"] = {OutcomeKind::kPermanent, OutcomeKind::kRetryable,
                                 OutcomeKind::kRetryable, OutcomeKind::kRetryable};
  f.Queue(Channel::kEmail, "a@example.gov.cn", 2);
  f.StartDispatcher();
  f.RunUntil([&] { return f.InState(kMessageDead).size() == 1 && f.InState(kMessageFailed).size() == 1; });
  CHECK(f.InState(kMessageDead).front().attempts == 1);
  for (int attempt = 2; attempt <= 3; ++attempt) {
    f.now += 600;
    f.dispatcher->Kick();
    f.RunUntil([&] {
      auto failed = f.InState(kMessageFailed);
      return failed.empty() || failed.front().attempts == attempt;
    });
  }
  REQUIRE(f.InState(kMessageDead).size() == 2);  // max_attempts = 3
}

TEST_CASE("Dispatcher holds webhook messages beyond the target's rate limit", "[dispatcher]") {
  // A limited target's messages go one per batch; the window is 65 s (dispatcher.h).
  Fixture f;
  f.settings.webhook_rate_limits["robot"] = 2;
  f.Queue(Channel::kWebhook, "robot", 5);
  f.StartDispatcher();
  f.RunUntil([&] { return f.InState(kMessageSent).size() == 2; });
  f.io.poll();
  std::vector<Message> held = f.InState(kMessageQueued);
  REQUIRE(held.size() == 3);
  for (const Message& message : held) {
    CHECK(message.attempts == 0);  // a deferral is not an attempt
    CHECK(message.next_attempt_at == kNow + 65);  // the 65 s window
  }
  f.now = kNow + 65;
  f.dispatcher->Kick();
  f.RunUntil([&] { return f.InState(kMessageSent).size() == 4; });
  f.io.poll();
  REQUIRE(f.InState(kMessageQueued).size() == 1);
  CHECK(f.InState(kMessageQueued).front().next_attempt_at == kNow + 130);
}

TEST_CASE("Dispatcher makes messages to an unknown webhook target dead with the reason",
          "[dispatcher]") {
  Fixture f;
  f.Queue(Channel::kWebhook, "missing", 1);
  f.StartDispatcher();
  f.RunUntil([&] { return f.InState(kMessageDead).size() == 1; });
  CHECK(f.InState(kMessageDead).front().last_error.find("missing") != std::string::npos);
}

TEST_CASE("Dispatcher leaves messages queued when stopped before they report", "[dispatcher]") {
  Fixture f;
  f.Queue(Channel::kEmail, "fgw@example.gov.cn", 3);
  f.StartDispatcher();
  f.dispatcher->Stop();
  f.RunUntil([&] { return f.dispatcher->counters().in_flight == 0; });
  // Whatever was in flight at the stop was recorded; nothing new was started after it.
  const auto sent = f.InState(kMessageSent).size();
  const auto queued = f.InState(kMessageQueued).size();
  CHECK(sent + queued == 3);
  f.dispatcher->Kick();  // stopped: no new batch
  f.io.poll();
  CHECK(f.InState(kMessageSent).size() == sent);
}

}  // namespace
}  // namespace duban
