// The soak's transport (bench_soak.cpp): a fake at the transport boundary that records
// what it was handed instead of talking SMTP. Everything before it — the scheduler, the
// outbox, the planner, the store's messages, the real Dispatcher with its worker threads,
// batches, retries and outcome records — is the daemon's own code.
//
// It answers a retryable failure ("451") to the first attempt of every 50th message (by
// store id), so the year also exercises backoff and retries, and accepts everything else.
// It counts, per message id, the attempts and the acceptances, one byte each (a year of
// 100,000 tasks is a few hundred thousand messages): the soak checks that every message
// was accepted exactly once. Memory grows by one byte per message, which the soak's RSS
// bound allows for explicitly.
//
// Thread-safe: Send runs on the dispatcher's worker threads; the counts are behind a mutex
// and read by the soak on the io thread when nothing is in flight.
#ifndef DUBAN_BENCH_SOAK_TRANSPORT_H_
#define DUBAN_BENCH_SOAK_TRANSPORT_H_

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "notifiers/transport_factory.h"

namespace duban::soak {

struct SendLog {
  std::mutex mutex;
  std::vector<uint8_t> attempts;   // by message id
  std::vector<uint8_t> accepted;   // by message id
  int64_t failures_given = 0;
  int64_t accepted_total = 0;

  uint8_t& At(std::vector<uint8_t>& counts, int64_t id) {
    if (counts.size() <= static_cast<size_t>(id)) counts.resize(static_cast<size_t>(id) * 2 + 1024);
    return counts[static_cast<size_t>(id)];
  }
};

class RecordingTransport : public Transport {
 public:
  explicit RecordingTransport(std::shared_ptr<SendLog> log) : log_(std::move(log)) {}

  std::vector<DeliveryOutcome> Send(const std::vector<Message>& batch, int64_t) override {
    std::vector<DeliveryOutcome> outcomes;
    outcomes.reserve(batch.size());
    std::lock_guard<std::mutex> lock(log_->mutex);
    for (const Message& message : batch) {
      const int attempt = ++log_->At(log_->attempts, message.id);
      if (message.id % 50 == 0 && attempt == 1) {
        ++log_->failures_given;
        outcomes.push_back(DeliveryOutcome::Retryable("SMTP 451: try again later", "451"));
      } else {
        ++log_->At(log_->accepted, message.id);
        ++log_->accepted_total;
        outcomes.push_back(DeliveryOutcome::Sent("250 2.0.0 Ok: queued"));
      }
    }
    return outcomes;
  }

 private:
  std::shared_ptr<SendLog> log_;
};

class RecordingFactory : public TransportFactory {
 public:
  explicit RecordingFactory(std::shared_ptr<SendLog> log) : log_(std::move(log)) {}
  Result<std::unique_ptr<Transport>> Email() override { return Make(); }
  Result<std::unique_ptr<Transport>> Webhook(const std::string&) override { return Make(); }

 private:
  Result<std::unique_ptr<Transport>> Make() {
    return std::unique_ptr<Transport>(std::make_unique<RecordingTransport>(log_));
  }
  std::shared_ptr<SendLog> log_;
};

}  // namespace duban::soak

#endif  // DUBAN_BENCH_SOAK_TRANSPORT_H_
