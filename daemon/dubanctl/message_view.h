// How delivery messages read in dubanctl: the table of `outbox messages`, one message in
// full for `outbox show`, the outcome of `notify test`, and status's delivery counts. Each
// function takes the daemon's JSON forms (daemon/message_json.h) as they came: a field the
// daemon leaves out shows as "-"; a field of the wrong type throws nlohmann::json::exception
// (Context::Run turns it into exit code 4). Times are the daemon's "_local" forms (its
// configured zone), else this machine's local time.
//
// Pure except where times fall back to the local zone; thread-safe.
#ifndef DUBAN_DAEMON_DUBANCTL_MESSAGE_VIEW_H_
#define DUBAN_DAEMON_DUBANCTL_MESSAGE_VIEW_H_

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "daemon/dubanctl/output.h"

namespace duban::ctl {

// "省发改委 <fgw@example.gov.cn>" for email, "省发改委 (webhook office-robot)" for a webhook;
// the target alone when there is no name.
std::string MessageRecipient(const nlohmann::json& message);

// When it was sent (state sent), or when it is tried next (queued, failed); "-" otherwise.
std::string MessageWhen(const nlohmann::json& message);

// Messages as a table: id, state, channel, recipient, subject, attempts, next/sent time,
// error. The error is never cut: when the table does not fit in `width` it goes on its own
// line under its row ("    error: …"), and the subject is cut instead.
std::string RenderMessages(const nlohmann::json& messages, int width);

// Every field of one message (outbox.message) for RenderFields, without the bodies.
std::vector<Field> MessageFields(const nlohmann::json& message);

// The message's text body, as it was sent, ending in a newline; "" if it has none.
std::string MessageBody(const nlohmann::json& message);

// `notify test` as people read it: "queued test message #12 to 省发改委 <…> by email".
std::string QueuedLine(const nlohmann::json& message);
// The outcome once the message left "queued": "sent 2026-03-17 09:00 (attempt 1): 250 OK"
// or "not sent: dead after 1 attempt: 550 no such user".
std::string OutcomeLine(const nlohmann::json& message);
bool IsSent(const nlohmann::json& message);

// "2 queued, 1 failed, 40 sent, 0 dead" from status's delivery.messages, and
// "3 pending, 1 failed, 0 dead" from its delivery.outbox.
std::string MessageCounts(const nlohmann::json& counts);
std::string OutboxCounts(const nlohmann::json& counts);

}  // namespace duban::ctl

#endif  // DUBAN_DAEMON_DUBANCTL_MESSAGE_VIEW_H_
