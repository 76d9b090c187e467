// MakeConfiguredTransports (transport_factory.h): the production factory.
#include <map>

#include "notifiers/mail_folder_sink.h"
#include "notifiers/smtp_transport.h"
#include "notifiers/transport_factory.h"
#include "notifiers/webhook_transport.h"

namespace duban {
namespace {

class ConfiguredTransports : public TransportFactory {
 public:
  explicit ConfiguredTransports(const Config& config) : mail_(config.mail) {
    for (const WebhookConfig& webhook : config.webhooks) webhooks_.emplace(webhook.name, webhook);
  }

  Result<std::unique_ptr<Transport>> Email() override {
    if (mail_.transport == "smtp") {
      Result<std::unique_ptr<SmtpTransport>> smtp = SmtpTransport::Create(mail_);
      if (!smtp.ok()) return smtp.status();
      return std::unique_ptr<Transport>(std::move(smtp).value());
    }
    Result<std::unique_ptr<MailFolderSink>> sink = MailFolderSink::Create(mail_);
    if (!sink.ok()) return sink.status();
    return std::unique_ptr<Transport>(std::move(sink).value());
  }

  Result<std::unique_ptr<Transport>> Webhook(const std::string& name) override {
    auto it = webhooks_.find(name);
    if (it == webhooks_.end()) {
      return Status::NotFound("no [[webhook]] named '" + name + "' in the configuration");
    }
    return std::unique_ptr<Transport>(std::make_unique<WebhookTransport>(it->second));
  }

 private:
  const MailConfig mail_;
  std::map<std::string, WebhookConfig> webhooks_;
};

}  // namespace

std::unique_ptr<TransportFactory> MakeConfiguredTransports(const Config& config) {
  return std::make_unique<ConfiguredTransports>(config);
}

}  // namespace duban
