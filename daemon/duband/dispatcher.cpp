#include "daemon/duband/dispatcher.h"

#include <algorithm>
#include <chrono>

#include <spdlog/spdlog.h>

#include "notifiers/retry_policy.h"

namespace duban {
namespace {

constexpr const char* kEmailPool = "email";

// A rate-limited target gets one message per batch, its slot taken just before the send;
// the limiter's window is a little longer than the robots' minute, so a send that lags
// its slot (a slow connect) still never puts N + 1 in any 60 s at the robot.
constexpr int64_t kRateWindowMs = 65'000;

// After the stop grace, how long aborted transfers get to report what they did send
// (libcurl checks the abort about once a second).
constexpr std::chrono::seconds kAbandonWait{2};

// How often outcomes the store refused are written again. Each try may hold the io
// thread for the store's busy timeout (a lock held elsewhere), so not much more often.
constexpr int64_t kRecordRetrySeconds = 5;

std::string WebhookPool(const std::string& target) { return "webhook:" + target; }

// A message as logs name it: never its text, which is the office's, not the log's.
std::string Describe(const Message& message) {
  return "message " + std::to_string(message.id) + " (" + std::string(ChannelName(message.channel)) +
         " to " + message.recipient_name + ")";
}

}  // namespace

// A batch in flight: its messages, the transport sending them (owned by the batch while
// the worker uses it) and, once sent, one outcome per message.
struct Dispatcher::Batch {
  std::string pool;
  std::string target;  // webhook target; "" for email
  int generation = 0;
  std::vector<Message> messages;
  std::unique_ptr<Transport> transport;
  std::vector<DeliveryOutcome> outcomes;
};

DispatchSettings DispatchSettingsFrom(const Config& config) {
  DispatchSettings settings;
  settings.email_sessions = config.mail.connections;
  settings.email_batch = config.mail.batch_size;
  settings.webhook_concurrency = config.delivery.webhook_concurrency;
  for (const WebhookConfig& webhook : config.webhooks) {
    settings.webhook_rate_limits[webhook.name] = std::max(0, webhook.rate_limit_per_minute);
  }
  settings.retry = config.delivery;
  settings.max_sleep_seconds = config.daemon.max_sleep_seconds;
  settings.stop_grace_seconds = config.delivery.stop_grace_seconds;
  return settings;
}

Dispatcher::Dispatcher(boost::asio::io_context& io, Store& store,
                       std::unique_ptr<TransportFactory> factory, DispatchSettings settings,
                       Clock clock, int threads, uint64_t seed)
    : io_(io),
      store_(store),
      clock_(std::move(clock)),
      workers_(static_cast<std::size_t>(std::max(1, threads))),
      timer_(io),
      grace_timer_(io),
      factory_(std::move(factory)),
      settings_(std::move(settings)),
      limiter_(kRateWindowMs),
      random_(seed) {
  for (const auto& [target, limit] : settings_.webhook_rate_limits) limiter_.SetLimit(target, limit);
}

Dispatcher::~Dispatcher() {
  timer_.cancel();
  grace_timer_.cancel();
  // Whatever is still in flight is abandoned: joining must not wait for a server's timeout.
  for (const std::shared_ptr<Batch>& batch : batches_) batch->transport->Abort();
  workers_.join();
}

void Dispatcher::Start() { Dispatch(); }

void Dispatcher::Kick() {
  if (!stopping_) Dispatch();
}

void Dispatcher::Reconfigure(std::unique_ptr<TransportFactory> factory,
                             DispatchSettings settings) {
  factory_ = std::move(factory);
  settings_ = std::move(settings);
  ++generation_;
  idle_.clear();  // closes the old configuration's idle connections
  for (const auto& [target, limit] : settings_.webhook_rate_limits) limiter_.SetLimit(target, limit);
  Kick();
}

void Dispatcher::Stop() {
  stopping_ = true;
  timer_.cancel();
  if (!unrecorded_.empty()) Record({}, clock_());  // a last try; else resent at next start
  if (counters_.in_flight == 0) return;
  spdlog::info("delivery: waiting up to {} s for {} message(s) in flight",
               settings_.stop_grace_seconds, counters_.in_flight);
  stop_guard_.emplace(io_.get_executor());
  grace_timer_.expires_after(std::chrono::seconds(settings_.stop_grace_seconds));
  grace_timer_.async_wait([this](const boost::system::error_code& ec) {
    if (!ec) Abandon();
  });
}

void Dispatcher::Abandon() {
  abandoned_ = true;
  counters_.abandoned += counters_.in_flight;
  spdlog::warn("delivery: stop grace of {} s is over: abandoning {} message(s) in flight; "
               "unsent ones stay queued and go at the next start (same Message-ID)",
               settings_.stop_grace_seconds, counters_.in_flight);
  for (const std::shared_ptr<Batch>& batch : batches_) batch->transport->Abort();
  grace_timer_.expires_after(kAbandonWait);
  grace_timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec) return;
    spdlog::warn("delivery: {} aborted message(s) did not report; they stay queued",
                 counters_.in_flight);
    stop_guard_.reset();
  });
}

void Dispatcher::Dispatch() {
  if (stopping_) return;
  const int64_t now = clock_();
  if (!unrecorded_.empty() && now >= record_retry_at_) Record({}, now);
  const int free_email = std::max(0, settings_.email_sessions - email_batches_);
  // With no [[webhook]] configured there is nothing to fetch for webhook slots (a stray
  // webhook message still comes with the email rows and is refused as unknown).
  const int free_webhook =
      settings_.webhook_rate_limits.empty()
          ? 0
          : std::max(0, settings_.webhook_concurrency - static_cast<int>(busy_targets_.size()));
  // Enough rows to fill every free slot, plus the ones in flight or with an outcome not
  // yet recorded (still queued or failed in the store; skipped).
  const int busy = static_cast<int>(in_flight_ids_.size() + unrecorded_ids_.size());
  const int limit =
      free_email * settings_.email_batch + free_webhook * settings_.webhook_batch + busy;
  if (limit > busy) {
    Result<std::vector<Message>> due = store_.DueMessages(now, limit);
    if (!due.ok()) {
      spdlog::error("delivery: cannot read due messages: {}", due.status().message());
    } else {
      std::vector<Message> messages = std::move(*due);
      std::erase_if(messages, [this](const Message& m) {
        return in_flight_ids_.contains(m.id) || unrecorded_ids_.contains(m.id);
      });
      std::vector<DeliveryRecord> deferrals;
      StartEmail(messages, now);
      StartWebhooks(messages, now, &deferrals);
      if (!deferrals.empty()) {
        counters_.deferred += static_cast<int64_t>(deferrals.size());
        counters_.webhook.deferred += static_cast<int64_t>(deferrals.size());
        Record(deferrals, now);
      }
    }
  }
  ArmTimer(now);
}

void Dispatcher::StartEmail(std::vector<Message>& due, int64_t now) {
  std::vector<Message> email;
  for (Message& message : due) {
    if (message.channel == Channel::kEmail) email.push_back(std::move(message));
  }
  std::size_t next = 0;
  while (next < email.size() && email_batches_ < settings_.email_sessions) {
    auto batch = std::make_shared<Batch>();
    batch->pool = kEmailPool;
    const std::size_t end =
        std::min(email.size(), next + static_cast<std::size_t>(settings_.email_batch));
    for (; next < end; ++next) batch->messages.push_back(std::move(email[next]));
    batch->transport = TakeIdle(kEmailPool);
    if (!batch->transport) {
      Result<std::unique_ptr<Transport>> made = factory_->Email();
      if (!made.ok()) {
        FailWithoutSending(batch->messages, made.status(), now);
        continue;
      }
      batch->transport = std::move(*made);
    }
    ++email_batches_;
    Launch(std::move(batch), now);
  }
}

void Dispatcher::StartWebhooks(std::vector<Message>& due, int64_t now,
                               std::vector<DeliveryRecord>* deferrals) {
  std::map<std::string, std::vector<Message>> by_target;
  for (Message& message : due) {
    if (message.channel == Channel::kWebhook && !message.target.empty() &&
        !busy_targets_.contains(message.target)) {
      by_target[message.target].push_back(std::move(message));
    }
  }
  const int64_t now_ms = now * 1000;
  for (auto& [target, messages] : by_target) {
    if (static_cast<int>(busy_targets_.size()) >= settings_.webhook_concurrency) break;
    auto batch = std::make_shared<Batch>();
    batch->pool = WebhookPool(target);
    batch->target = target;
    const int batch_size = limiter_.Limit(target) > 0 ? 1 : settings_.webhook_batch;
    for (Message& message : messages) {
      if (static_cast<int>(batch->messages.size()) < batch_size &&
          limiter_.TryAcquire(target, now_ms)) {
        batch->messages.push_back(std::move(message));
      } else if (static_cast<int>(batch->messages.size()) < batch_size) {
        DeliveryRecord deferral;
        deferral.message_id = message.id;
        deferral.state = std::string(kMessageQueued);
        deferral.attempted = false;
        deferral.next_attempt_at = (limiter_.NextFree(target, now_ms) + 999) / 1000;
        deferral.error = "rate limit of webhook " + target;
        deferrals->push_back(std::move(deferral));
      }
    }
    if (batch->messages.empty()) continue;
    batch->transport = TakeIdle(batch->pool);
    if (!batch->transport) {
      Result<std::unique_ptr<Transport>> made = factory_->Webhook(target);
      if (!made.ok()) {
        FailWithoutSending(batch->messages, made.status(), now);
        continue;
      }
      batch->transport = std::move(*made);
    }
    busy_targets_.insert(target);
    Launch(std::move(batch), now);
  }
}

void Dispatcher::Launch(std::shared_ptr<Batch> batch, int64_t now) {
  batch->generation = generation_;
  for (const Message& message : batch->messages) {
    in_flight_ids_.insert(message.id);
    ++counters_.of(message.channel).in_flight;
  }
  counters_.in_flight += static_cast<int>(batch->messages.size());
  batches_.insert(batch);
  boost::asio::post(workers_, [this, batch, now_ms = now * 1000] {
    batch->outcomes = batch->transport->Send(batch->messages, now_ms);
    boost::asio::post(io_, [this, batch] { Complete(batch); });
  });
}

void Dispatcher::Complete(std::shared_ptr<Batch> batch) {
  const int64_t now = clock_();
  if (batch->outcomes.size() != batch->messages.size()) {
    // A transport broke its contract; count every message as a retryable failure.
    batch->outcomes.assign(batch->messages.size(),
                           DeliveryOutcome::Retryable("internal: transport returned no outcome"));
  }
  batches_.erase(batch);
  std::vector<DeliveryRecord> records;
  records.reserve(batch->messages.size());
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  int sent = 0;
  for (std::size_t i = 0; i < batch->messages.size(); ++i) {
    const Message& message = batch->messages[i];
    const DeliveryOutcome& outcome = batch->outcomes[i];
    ChannelCounters& channel = counters_.of(message.channel);
    --channel.in_flight;
    in_flight_ids_.erase(message.id);
    if (abandoned_ && outcome.kind != OutcomeKind::kSent) {
      // Abandoned at stop: it stays queued as it was, no attempt counted.
      spdlog::info("delivery: {} stays queued for the next start", Describe(message));
      continue;
    }
    DeliveryRecord record = DecideDelivery(message.id, outcome, message.attempts + 1,
                                           settings_.retry, now, unit(random_));
    if (record.state == kMessageSent) {
      ++counters_.sent;
      ++channel.sent;
      ++sent;
      spdlog::debug("delivery: sent {}: {}", Describe(message), outcome.response);
    } else if (record.state == kMessageDead) {
      ++counters_.dead;
      ++channel.dead;
      spdlog::error("delivery: {} is dead after {} attempt(s): {}", Describe(message),
                    message.attempts + 1, outcome.error);
    } else {
      ++counters_.failed;
      ++channel.failed;
      spdlog::warn("delivery: {} failed (attempt {}), retrying in {} s: {}", Describe(message),
                   message.attempts + 1, record.next_attempt_at - now, outcome.error);
    }
    records.push_back(std::move(record));
  }
  counters_.in_flight -= static_cast<int>(batch->messages.size());
  if (batch->target.empty()) {
    --email_batches_;
  } else {
    busy_targets_.erase(batch->target);
  }
  spdlog::info("delivery: {} batch: {} of {} sent", batch->target.empty() ? "email" : batch->target,
               sent, batch->messages.size());
  if (!records.empty()) Record(records, now);
  if (batch->generation == generation_ && !stopping_) {
    idle_[batch->pool].push_back(std::move(batch->transport));
  }
  if (stopping_) {
    FinishStopIfIdle();
    return;
  }
  Dispatch();
}

void Dispatcher::FailWithoutSending(const std::vector<Message>& messages, const Status& why,
                                    int64_t now) {
  std::vector<DeliveryRecord> records;
  for (const Message& message : messages) {
    DeliveryOutcome outcome = DeliveryOutcome::Permanent(why.message());
    records.push_back(DecideDelivery(message.id, outcome, message.attempts + 1, settings_.retry,
                                     now, 0.5));
    ++counters_.dead;
    ++counters_.of(message.channel).dead;
    spdlog::error("delivery: {} cannot be sent: {}", Describe(message), why.message());
  }
  Record(records, now);
}

void Dispatcher::Record(std::vector<DeliveryRecord> records, int64_t now) {
  const std::size_t fresh = records.size();
  records.insert(records.end(), std::make_move_iterator(unrecorded_.begin()),
                 std::make_move_iterator(unrecorded_.end()));
  unrecorded_.clear();
  unrecorded_ids_.clear();
  if (records.empty()) return;
  Status status = store_.RecordDeliveries(records, now);
  if (status.ok()) {
    if (records.size() > fresh) {
      spdlog::info("delivery: recorded {} outcome(s) kept since the store refused them",
                   records.size() - fresh);
    }
    return;
  }
  if (status.code() != Status::Code::kIOError) {
    // Not a passing condition (a message vanished?): the messages stay as they were in the
    // store (queued or failed) and are sent again, at least once, with the same ids.
    spdlog::error("delivery: cannot record {} outcome(s): {}", records.size(), status.message());
    return;
  }
  spdlog::error("delivery: cannot record {} outcome(s), keeping them and trying again in {} s "
                "(their messages are not sent again meanwhile): {}",
                records.size(), kRecordRetrySeconds, status.message());
  for (const DeliveryRecord& record : records) unrecorded_ids_.insert(record.message_id);
  unrecorded_ = std::move(records);
  record_retry_at_ = now + kRecordRetrySeconds;
}

std::unique_ptr<Transport> Dispatcher::TakeIdle(const std::string& pool) {
  auto it = idle_.find(pool);
  if (it == idle_.end() || it->second.empty()) return nullptr;
  std::unique_ptr<Transport> transport = std::move(it->second.back());
  it->second.pop_back();
  return transport;
}

void Dispatcher::ArmTimer(int64_t now) {
  if (stopping_ || counters_.in_flight > 0) return;  // a completion dispatches again
  int64_t wake = now + settings_.max_sleep_seconds;
  if (!unrecorded_.empty()) wake = std::min(wake, now + kRecordRetrySeconds);
  Result<std::optional<int64_t>> next = store_.NextMessageAttempt();
  if (!next.ok()) {
    spdlog::error("delivery: cannot read the next attempt: {}", next.status().message());
  } else if (next->has_value()) {
    wake = std::min(wake, std::max(now + 1, **next));
  }
  timer_.expires_after(std::chrono::seconds(wake - now));
  timer_.async_wait([this](const boost::system::error_code& ec) {
    if (!ec) Dispatch();
  });
}

void Dispatcher::FinishStopIfIdle() {
  if (counters_.in_flight > 0) return;
  grace_timer_.cancel();
  stop_guard_.reset();
}

}  // namespace duban
