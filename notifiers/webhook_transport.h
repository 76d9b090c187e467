// WebhookTransport: sends messages to ONE [[webhook]] target (a generic signed webhook or a
// DingTalk / WeCom / Feishu robot) over HTTPS with libcurl, one POST per message.
//
// The curl handle is kept across messages and batches, so the connection is reused
// (keep-alive). TLS verification is always on (the target's ca_file, else the system
// store); http:// is accepted only to a loopback host; redirects are not followed. Every
// outcome is classified by ClassifyHttp, and no error or log line carries the secret or
// the URL's query (a robot's access_token= / key= is a credential).
//
// Thread-safety: as Transport: one thread at a time per object; several objects (one per
// target, or several per target for concurrency) may run on different threads.
#ifndef DUBAN_NOTIFIERS_WEBHOOK_TRANSPORT_H_
#define DUBAN_NOTIFIERS_WEBHOOK_TRANSPORT_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "notifiers/transfer_abort.h"
#include "notifiers/transport.h"
#include "workflow/status.h"

namespace duban {

// At most this much of a response body is kept (the rest is read and dropped).
inline constexpr std::size_t kMaxWebhookResponseBytes = 64 * 1024;

// OK if `url` may be used for the target named `name`: https://, or http:// to a loopback
// host (localhost, 127.0.0.0/8, ::1). Else InvalidArgument naming the target (the message
// shows the URL without its query).
Status CheckWebhookUrl(std::string_view name, std::string_view url);

class WebhookTransport : public Transport {
 public:
  // `target.secret.value` must already hold the secret (the config loader reads it).
  explicit WebhookTransport(WebhookConfig target);
  ~WebhookTransport() override;
  WebhookTransport(const WebhookTransport&) = delete;
  WebhookTransport& operator=(const WebhookTransport&) = delete;

  // One POST per message, in order, signed with `now_ms`. A target whose URL fails
  // CheckWebhookUrl, or a message that cannot be built (see BuildWebhookRequest), is a
  // permanent outcome. Once the host cannot be reached (resolve, connect or timeout
  // error), the rest of the batch is not tried: each gets the same retryable outcome, so
  // a dead host costs one timeout per batch, not one per message.
  std::vector<DeliveryOutcome> Send(const std::vector<Message>& batch, int64_t now_ms) override;
  // The request in progress ends at libcurl's next progress check (about a second); the
  // rest of the batch is not tried.
  void Abort() override { abort_.Raise(); }

  const WebhookConfig& target() const { return target_; }

 private:
  class Connection;  // the curl easy handle and its buffers

  DeliveryOutcome SendOne(const Message& message, int64_t now_ms, bool* host_unreachable);
  // `text` with the secret and the URL's query replaced, for errors and the audit log.
  std::string Redact(std::string text) const;

  // Constant after construction.
  const WebhookConfig target_;
  const Status url_status_;
  TransferAbort abort_;  // declared before connection_: outlives the handle it watches
  // Mutable state, used by the one thread that calls Send.
  std::unique_ptr<Connection> connection_;
};

}  // namespace duban

#endif  // DUBAN_NOTIFIERS_WEBHOOK_TRANSPORT_H_
