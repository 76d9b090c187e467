// The JSON forms of delivery messages (daemon/message_json.h): what the daemon writes and
// what dubanctl reads back.
#include "daemon/message_json.h"

#include <catch2/catch.hpp>

#include "workflow/time_zone.h"

namespace duban {
namespace {

using nlohmann::json;

Message SampleMessage() {
  Message message;
  message.id = 7;
  message.key = "webhook|office-robot|1773795600|3";
  message.channel = Channel::kWebhook;
  message.target = "office-robot";
  message.recipient_name = "省发改委";
  message.level = Level::kSupervise;
  message.subject = "【督办】重点工作";
  message.text = "请于3月20日前报送。";
  message.html = "<p>请于3月20日前报送。</p>";
  message.data_json = R"([{"task":"1"}])";
  message.thread = "agency:省发改委";
  message.outbox_ids = {3, 5};
  message.state = std::string(kMessageFailed);
  message.attempts = 2;
  message.created_at = 1773795600;       // 2026-03-18 09:00 at UTC+8
  message.next_attempt_at = 1773797400;  // 09:30
  message.last_error = "HTTP 503";
  message.last_response = "HTTP 503 {\"errcode\":1}";
  return message;
}

TEST_CASE("a message's full JSON form reads back as the same message", "[message-json]") {
  FixedOffsetTimeZone china(8 * 60);
  const Message original = SampleMessage();
  json j = ToJson(original, &china);
  CHECK(j["channel"] == "webhook");
  CHECK(j["level"] == "supervise");
  CHECK(j["level_zh"] == "督办");
  CHECK(j["outbox_count"] == 2);
  CHECK(j["created_at_local"] == "2026-03-18 09:00");
  CHECK(j["next_attempt_at_local"] == "2026-03-18 09:30");
  CHECK(j["sent_at_local"] == "");  // never sent

  Message back = MessageFromJson(j);
  CHECK(back.id == original.id);
  CHECK(back.key == original.key);
  CHECK(back.channel == original.channel);
  CHECK(back.level == original.level);
  CHECK(back.text == original.text);
  CHECK(back.html == original.html);
  CHECK(back.data_json == original.data_json);
  CHECK(back.thread == original.thread);
  CHECK(back.outbox_ids == original.outbox_ids);
  CHECK(back.state == original.state);
  CHECK(back.attempts == 2);
  CHECK(back.next_attempt_at == original.next_attempt_at);
  CHECK(back.last_response == original.last_response);
}

TEST_CASE("the summary form carries no bodies, and no local times without a zone",
          "[message-json]") {
  json j = MessageSummaryJson(SampleMessage(), nullptr);
  for (const char* body : {"text", "html", "data_json", "last_response", "key"}) {
    CHECK_FALSE(j.contains(body));
  }
  CHECK_FALSE(j.contains("created_at_local"));
  CHECK(j["subject"] == "【督办】重点工作");
  CHECK(j["last_error"] == "HTTP 503");
}

TEST_CASE("MessageFromJson refuses an unknown channel", "[message-json]") {
  json j = ToJson(SampleMessage(), nullptr);
  j["channel"] = "fax";
  CHECK_THROWS_AS(MessageFromJson(j), json::exception);
}

}  // namespace
}  // namespace duban
