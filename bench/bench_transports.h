// Transports for bench_delivery: the production ones (MakeConfiguredTransports), or
// variants that take the network or the kept sessions out of the measurement:
//   NullTransport   accepts every message at once (--null);
//   FreshTransport  a new production transport for every Send, destroyed after it
//                   (--fresh-sessions: a new SMTP session / HTTP connection per batch).
// Thread-safety: as TransportFactory and Transport (the factory on the io thread; each
// transport on one worker thread at a time).
#ifndef DUBAN_BENCH_BENCH_TRANSPORTS_H_
#define DUBAN_BENCH_BENCH_TRANSPORTS_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "config/config.h"
#include "notifiers/smtp_transport.h"
#include "notifiers/transport_factory.h"
#include "notifiers/webhook_transport.h"

namespace duban {

// Accepts every message at once (--null).
class NullTransport : public Transport {
 public:
  std::vector<DeliveryOutcome> Send(const std::vector<Message>& batch, int64_t) override {
    return std::vector<DeliveryOutcome>(batch.size(), DeliveryOutcome::Sent("250 2.0.0 Ok"));
  }
};

// A transport made anew for every Send and destroyed after it (--fresh-sessions), so no
// session or connection outlives a batch. The makers only copy settings (no libcurl call
// until Send), so they may run on the worker thread.
class FreshTransport : public Transport {
 public:
  explicit FreshTransport(std::function<std::unique_ptr<Transport>()> make)
      : make_(std::move(make)) {}
  std::vector<DeliveryOutcome> Send(const std::vector<Message>& batch, int64_t now_ms) override {
    return make_()->Send(batch, now_ms);
  }

 private:
  std::function<std::unique_ptr<Transport>()> make_;
};

// The production factory, or the --null / --fresh-sessions variants of it.
class BenchTransports : public TransportFactory {
 public:
  BenchTransports(const Config& config, bool null_transport, bool fresh_sessions)
      : production_(MakeConfiguredTransports(config)),
        config_(config),
        null_(null_transport),
        fresh_(fresh_sessions) {}

  Result<std::unique_ptr<Transport>> Email() override {
    if (null_) return std::unique_ptr<Transport>(std::make_unique<NullTransport>());
    if (!fresh_) return production_->Email();
    const MailConfig mail = config_.mail;
    // Checked here, so the maker below (on a worker thread) cannot fail.
    if (auto checked = SmtpTransport::Create(mail); !checked.ok()) return checked.status();
    return std::unique_ptr<Transport>(std::make_unique<FreshTransport>([mail] {
      return std::unique_ptr<Transport>(SmtpTransport::Create(mail).value());
    }));
  }

  Result<std::unique_ptr<Transport>> Webhook(const std::string& name) override {
    if (null_) return std::unique_ptr<Transport>(std::make_unique<NullTransport>());
    if (!fresh_) return production_->Webhook(name);
    for (const WebhookConfig& webhook : config_.webhooks) {
      if (webhook.name != name) continue;
      return std::unique_ptr<Transport>(std::make_unique<FreshTransport>([webhook] {
        return std::unique_ptr<Transport>(std::make_unique<WebhookTransport>(webhook));
      }));
    }
    return Status::NotFound("no [[webhook]] named '" + name + "'");
  }

 private:
  std::unique_ptr<TransportFactory> production_;
  const Config config_;
  const bool null_;
  const bool fresh_;
};

}  // namespace duban

#endif  // DUBAN_BENCH_BENCH_TRANSPORTS_H_
