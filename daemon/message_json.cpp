#include "daemon/message_json.h"

#include <cstdint>
#include <optional>
#include <string>

#include "daemon/json_read.h"
#include "daemon/plan_json.h"

namespace duban {
namespace {

using nlohmann::json;
using json_read::Read;
using json_read::ReadEnum;

// "<key>": seconds, and "<key>_local" in `zone` when there is one ("" for 0).
void PutTime(json& j, const char* key, int64_t seconds, const TimeZone* zone) {
  j[key] = seconds;
  if (zone != nullptr) {
    j[std::string(key) + "_local"] = seconds == 0 ? std::string() : FormatLocalTime(seconds, *zone);
  }
}

}  // namespace

json MessageSummaryJson(const Message& message, const TimeZone* zone) {
  json j = {{"id", message.id},
            {"channel", ChannelName(message.channel)},
            {"target", message.target},
            {"recipient_name", message.recipient_name},
            {"level", LevelName(message.level)},
            {"level_zh", LevelNameZh(message.level)},
            {"subject", message.subject},
            {"state", message.state},
            {"attempts", message.attempts},
            {"last_error", message.last_error},
            {"outbox_ids", message.outbox_ids},
            {"outbox_count", message.outbox_ids.size()}};
  PutTime(j, "created_at", message.created_at, zone);
  PutTime(j, "next_attempt_at", message.next_attempt_at, zone);
  PutTime(j, "sent_at", message.sent_at, zone);
  return j;
}

json ToJson(const Message& message, const TimeZone* zone) {
  json j = MessageSummaryJson(message, zone);
  j["key"] = message.key;
  j["thread"] = message.thread;
  j["text"] = message.text;
  j["html"] = message.html;
  j["data_json"] = message.data_json;
  j["last_response"] = message.last_response;
  return j;
}

Message MessageFromJson(const json& j) {
  Message message;
  Read(j, "id", &message.id);
  Read(j, "key", &message.key);
  message.channel = ReadEnum(j, "channel", Channel::kEmail, ParseChannel);
  Read(j, "target", &message.target);
  Read(j, "recipient_name", &message.recipient_name);
  message.level = ReadEnum(j, "level", Level::kRemind, ParseLevel);
  Read(j, "subject", &message.subject);
  Read(j, "text", &message.text);
  Read(j, "html", &message.html);
  Read(j, "data_json", &message.data_json);
  Read(j, "thread", &message.thread);
  Read(j, "outbox_ids", &message.outbox_ids);
  Read(j, "state", &message.state);
  Read(j, "attempts", &message.attempts);
  Read(j, "created_at", &message.created_at);
  Read(j, "next_attempt_at", &message.next_attempt_at);
  Read(j, "sent_at", &message.sent_at);
  Read(j, "last_error", &message.last_error);
  Read(j, "last_response", &message.last_response);
  return message;
}

}  // namespace duban
