// SmtpTransport: sends email messages to the configured SMTP server through libcurl.
//
// - One libcurl easy handle, kept across Send calls: libcurl keeps the SMTP session open
//   after a message and the next message on the same handle goes over it (MAIL FROM
//   straight away, no new TCP, TLS, EHLO or AUTH), so a batch costs one session. An idle
//   session is dropped by libcurl after 60 s (CURLOPT_MAXAGE_CONN), before most servers
//   time it out. After any failed transfer the handle is destroyed and the next message
//   opens a fresh session, so a session left in an unknown state is never reused. A kept
//   session that the server closed meanwhile (its idle timeout; over TLS libcurl cannot
//   tell before using it) fails on its first command: that message is sent again at once
//   over a new session instead of being reported as failed.
// - TLS: smtps:// is implicit TLS (port 465, common on Chinese government mail);
//   smtp:// with [mail] starttls = "required" (the default) demands STARTTLS
//   (CURLUSESSL_ALL: a server that does not offer it gets nothing, not even MAIL FROM);
//   "off" sends in clear and is meant for a relay on loopback. Peer and host name are
//   always verified, against [mail] ca_file when set, else the system's CA store.
// - AUTH with [mail] username and the password the config loader read (libcurl picks
//   the mechanism the server offers; over TLS only, by the rules above). The password is
//   never logged: the transport does not log, and CURLOPT_VERBOSE stays off.
// - One recipient per message (message.target); the bytes are BuildEmail's, so what is
//   sent is what the mail folder would write.
// - Outcomes through ClassifySmtp (delivery_outcome.h) with the last SMTP reply code and
//   line (or curl's error text): 4xx and network trouble retryable, 5xx, refused logins
//   and certificates that do not verify permanent. A message that cannot be built (a bad
//   target address) is permanent and never reaches the network.
//
// Thread-safety: see Transport; one thread at a time. Needs a live CurlGlobal.
#ifndef DUBAN_NOTIFIERS_SMTP_TRANSPORT_H_
#define DUBAN_NOTIFIERS_SMTP_TRANSPORT_H_

#include <memory>
#include <string>
#include <vector>

#include "config/config.h"
#include "notifiers/email_address.h"
#include "notifiers/email_mime.h"
#include "notifiers/transfer_abort.h"
#include "notifiers/transport.h"
#include "workflow/status.h"

namespace duban {

class SmtpTransport : public Transport {
 public:
  // Checks what libcurl would otherwise fail on for every message: the URL's scheme
  // (smtp:// or smtps://, no blanks or controls), starttls ("required" or "off"), the
  // from address, a password when a username is set, the timeout. InvalidArgument naming
  // the [mail] key otherwise. Connects to nothing yet.
  static Result<std::unique_ptr<SmtpTransport>> Create(const MailConfig& config);

  ~SmtpTransport() override;
  SmtpTransport(const SmtpTransport&) = delete;
  SmtpTransport& operator=(const SmtpTransport&) = delete;

  std::vector<DeliveryOutcome> Send(const std::vector<Message>& batch, int64_t now_ms) override;
  // The transfer in progress ends at libcurl's next progress check (about a second); the
  // rest of the batch is not tried.
  void Abort() override { abort_.Raise(); }

 private:
  struct Settings {
    std::string url;
    bool require_tls = true;
    std::string username;
    std::string password;
    std::string ca_file;
    long timeout_seconds = 30;
    EmailAddress from;
    EmailOptions options;
  };
  class Session;  // the easy handle and its options

  explicit SmtpTransport(Settings settings);
  DeliveryOutcome SendOne(const Message& message);

  // Constant after construction.
  const Settings settings_;
  TransferAbort abort_;  // declared before session_: outlives the handle it watches
  // The open session, or null after a failure / before the first message.
  std::unique_ptr<Session> session_;
};

}  // namespace duban

#endif  // DUBAN_NOTIFIERS_SMTP_TRANSPORT_H_
