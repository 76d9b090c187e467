// How dubanctl shows delivery messages (daemon/dubanctl/message_view.h): the messages
// table with Chinese text, errors never cut, recipients and outcomes.
#include "daemon/dubanctl/message_view.h"

#include <catch2/catch.hpp>

#include "daemon/dubanctl/display_width.h"

namespace duban::ctl {
namespace {

using nlohmann::json;
using Catch::Contains;

json Message(int64_t id, const std::string& state, const std::string& error = "") {
  return {{"id", id},
          {"channel", "email"},
          {"target", "fgw@example.gov.cn"},
          {"recipient_name", "省发改委"},
          {"subject", "【催办】关于报送重点工作推进情况的通知"},
          {"state", state},
          {"attempts", 3},
          {"next_attempt_at_local", "2026-03-18 10:30"},
          {"sent_at_local", state == "sent" ? "2026-03-18 09:31" : ""},
          {"last_error", error}};
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (std::size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1) {
    lines.push_back(text.substr(start, end - start));
  }
  return lines;
}

TEST_CASE("the messages table lines up Chinese text and shows when", "[message-view]") {
  json messages = {Message(12, "sent"), Message(9, "failed", "connection refused")};
  std::string table = RenderMessages(messages, 0);
  std::vector<std::string> lines = Lines(table);
  REQUIRE(lines.size() == 3);
  for (const std::string& line : lines) CHECK(DisplayWidth(line) == DisplayWidth(lines[0]));
  CHECK_THAT(lines[1], Contains("2026-03-18 09:31"));  // sent: when it was sent
  CHECK_THAT(lines[2], Contains("2026-03-18 10:30") && Contains("connection refused"));
}

TEST_CASE("a narrow messages table cuts the subject, never the error", "[message-view]") {
  const std::string error = "550 5.1.1 <fgw@example.gov.cn>: Recipient address rejected: 用户不存在";
  std::string table = RenderMessages(json{Message(9, "dead", error)}, 100);
  CHECK_THAT(table, Contains("    error: " + error + "\n"));
  CHECK_THAT(table, Contains("…"));
  for (const std::string& line : Lines(table)) {
    if (line.rfind("    error:", 0) != 0) CHECK(DisplayWidth(line) <= 100);
  }
}

TEST_CASE("recipients, outcomes and counts", "[message-view]") {
  json webhook = Message(4, "queued");
  webhook["channel"] = "webhook";
  webhook["target"] = "office-robot";
  CHECK(MessageRecipient(webhook) == "省发改委 (webhook office-robot)");
  CHECK(MessageRecipient(Message(4, "queued")) == "省发改委 <fgw@example.gov.cn>");
  CHECK(MessageWhen(Message(4, "dead")) == "-");

  json sent = Message(4, "sent");
  sent["last_response"] = "250 2.0.0 OK";
  CHECK(IsSent(sent));
  CHECK(OutcomeLine(sent) == "sent 2026-03-18 09:31 (3 attempts): 250 2.0.0 OK");
  CHECK(OutcomeLine(Message(4, "failed", "timeout")) ==
        "not sent: attempt 3 failed: timeout; duband tries again at 2026-03-18 10:30");
  CHECK(OutcomeLine(Message(4, "dead", "550 no such user")) ==
        "not sent: dead after 3 attempts: 550 no such user");

  CHECK(MessageCounts(json{{"queued", 1}, {"sent", 40}}) == "1 queued, 0 failed, 40 sent, 0 dead");
  CHECK(OutboxCounts(json{{"pending", 3}, {"dead", 1}}) == "3 pending, 0 failed, 1 dead");
}

TEST_CASE("outbox show fields: the actions it carries, the html size", "[message-view]") {
  json message = Message(4, "sent");
  message["outbox_ids"] = {3, 5};
  message["html"] = "<p>x</p>";
  std::vector<Field> fields = MessageFields(message);
  auto value = [&](const std::string& label) {
    for (const Field& field : fields) {
      if (field.label == label) return field.value;
    }
    return std::string("(missing)");
  };
  CHECK(value("actions") == "#3, #5");
  CHECK(value("html") == "8 bytes (not shown; --json has it)");
  CHECK(value("to") == "省发改委 <fgw@example.gov.cn>");
  message["outbox_ids"] = json::array();
  CHECK(MessageFields(message)[10].value == "none (a test message)");
}

}  // namespace
}  // namespace duban::ctl
