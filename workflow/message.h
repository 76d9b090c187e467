// Message: one notice to one recipient over one channel, as queued in the store's
// messages table and handed to a transport. A message carries one or more decided actions
// (outbox rows): a digest lists every action due for that recipient in one send slot, in
// per-task mode one task's. Its text is rendered once, when it is queued, and kept, so a
// resend after a crash is the same message (same Message-ID / webhook id, same body).
//
// Plain value; no I/O.
#ifndef DUBAN_WORKFLOW_MESSAGE_H_
#define DUBAN_WORKFLOW_MESSAGE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "workflow/rules.h"

namespace duban {

// The states of a message:
//   queued  committed, waiting to be sent (or resent after a crash)
//   failed  the last attempt failed with a retryable error; next_attempt_at says when again
//   sent    the transport accepted it
//   dead    a permanent error, or max attempts reached; only `outbox retry` revives it
inline constexpr std::string_view kMessageQueued = "queued";
inline constexpr std::string_view kMessageFailed = "failed";
inline constexpr std::string_view kMessageSent = "sent";
inline constexpr std::string_view kMessageDead = "dead";
bool IsMessageState(std::string_view state);

struct Message {
  int64_t id = 0;       // assigned by the store
  // Unique and deterministic: "<channel>|<target>|<slot at>|<lowest outbox id>" for planned
  // notices, "test|<channel>|<target>|<at>" for `notify test`. The email Message-ID and the
  // webhook id derive from it (MessageIdFor in notifiers/email_mime.h, WebhookIdFor in
  // notifiers/webhook_request.h), so a resend carries the same id.
  std::string key;
  Channel channel = Channel::kEmail;
  // Email: the bare address ("fgw@example.gov.cn"). Webhook: the [[webhook]] target's name.
  std::string target;
  // Who it is for, shown to people and used as the email display name: "省发改委",
  // "省发改委（领导）", "领导小组办公室".
  std::string recipient_name;
  Level level = Level::kRemind;  // the highest level among its actions
  std::string subject;           // email Subject / chat title
  std::string text;              // email text/plain body; chat text or markdown
  std::string html;              // email text/html alternative; "" = none
  std::string data_json;         // structured items (JSON array) for generic webhooks
  // What it threads with: "task:22" (per-task notices) or "agency:省发改委" (digests).
  // The email In-Reply-To/References derive from it.
  std::string thread;
  std::vector<int64_t> outbox_ids;  // the actions it carries

  std::string state{kMessageQueued};
  int attempts = 0;
  int64_t created_at = 0;       // when queued; also the email's Date
  int64_t next_attempt_at = 0;  // when it may be (re)sent
  int64_t sent_at = 0;          // 0 until sent
  std::string last_error;       // "" or what went wrong last, for people
  std::string last_response;    // the server's reply: "250 2.0.0 OK" / "HTTP 200 {...}"
};

// What the planner decided for a batch of due outbox rows (Store::QueueMessages writes it
// in one transaction).
struct MessagePlan {
  std::vector<Message> messages;  // new messages, each with its outbox_ids
  // Outbox rows no longer owed when their time came (feedback arrived, task completed or
  // suspended): state "cancelled" with the reason.
  std::vector<std::pair<int64_t, std::string>> cancelled;
  // Outbox rows with no recipient that can be reached (no address, no webhook configured):
  // state "dead" with the reason, so the office sees them (never silently dropped).
  std::vector<std::pair<int64_t, std::string>> undeliverable;
};

// The result of one attempt to send one message, as the dispatcher records it.
struct DeliveryRecord {
  int64_t message_id = 0;
  std::string state;            // kMessageSent, kMessageFailed, kMessageDead, or kMessageQueued
                                // for a deferral (rate limit) that is not an attempt
  bool attempted = true;        // false for a deferral: attempts unchanged
  int64_t next_attempt_at = 0;  // for failed / queued
  std::string error;            // "" when sent
  std::string response;         // the server's reply, kept for the audit log
};

struct MessageFilter {
  std::string state;   // "" = any
  std::string target;  // "" = any
  int64_t outbox_id = 0;  // 0 = any; else the messages carrying that action
  int limit = 1000;
};

}  // namespace duban

#endif  // DUBAN_WORKFLOW_MESSAGE_H_
