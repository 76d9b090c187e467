// Transport: sends queued messages over one channel (SMTP, the mail folder, one webhook
// target). Implementations: SmtpTransport (smtp_transport.h), MailFolderSink
// (mail_folder_sink.h), WebhookTransport (webhook_transport.h).
//
// Contract: Send is blocking and runs on a dispatcher worker thread; it touches nothing
// but its own state and the network or file system (never the store, never a clock:
// `now_ms`, the wall clock in UTC milliseconds read by the dispatcher, is what signatures
// and timestamps use). It returns exactly one outcome per message, in order, and never
// throws. One Transport object is used by one thread at a time; a transport may keep a
// connection open across the batch (and across calls) to reuse it.
//
// Abort is the exception: any thread may call it while Send runs (a stopping daemon whose
// grace ran out). Send then returns soon; the messages it did not send get a retryable
// outcome. An aborted transport is not used again.
#ifndef DUBAN_NOTIFIERS_TRANSPORT_H_
#define DUBAN_NOTIFIERS_TRANSPORT_H_

#include <cstdint>
#include <vector>

#include "notifiers/delivery_outcome.h"
#include "workflow/message.h"

namespace duban {

class Transport {
 public:
  virtual ~Transport() = default;
  virtual std::vector<DeliveryOutcome> Send(const std::vector<Message>& batch,
                                            int64_t now_ms) = 0;
  // Makes a Send in progress (or the next) give up soon. Thread-safe. The default does
  // nothing: a transport whose sends are quick (the mail folder) needs no abort.
  virtual void Abort() {}
};

}  // namespace duban

#endif  // DUBAN_NOTIFIERS_TRANSPORT_H_
