// BuildReportMessages and FitChatText: keys per recipient, the office's addresses
// resolved, and chat text cut honestly at a line boundary within the bot's byte limit.
#include "daemon/duband/report_messages.h"

#include <catch2/catch.hpp>

#include "notifiers/webhook_request.h"

namespace duban {
namespace {

TEST_CASE("chat text that fits is kept whole", "[report_messages]") {
  CHECK(FitChatText("标题\n第一行\n", 100, "hint") == "标题\n第一行\n");
}

TEST_CASE("chat text too long is cut after a whole line, with a note naming the full report",
          "[report_messages]") {
  std::string text = "考核情况通报\n";
  for (int i = 1; i <= 200; ++i) text += std::to_string(i) + ". 某某单位：按时率50.0%\n";
  const std::string fitted = FitChatText(text, kWeComContentLimit, "dubanctl report assessment");
  CHECK(fitted.size() <= kWeComContentLimit);
  CHECK(fitted.rfind("考核情况通报\n1. ", 0) == 0);
  const std::size_t note = fitted.find("……（限于群机器人消息长度，以下从略");
  REQUIRE(note != std::string::npos);
  CHECK(fitted[note - 1] == '\n');  // the last line kept is whole
  CHECK(fitted.find("dubanctl report assessment") != std::string::npos);
  CHECK(text.rfind(fitted.substr(0, note), 0) == 0);  // a prefix of the original
}

TEST_CASE("one message per recipient, keyed by channel and target", "[report_messages]") {
  Assessment assessment;
  assessment.from = *ParseCivilDate("2026-11-01");
  assessment.to = *ParseCivilDate("2026-11-30");
  assessment.as_of_local = "2026-11-30 24:00";
  Config config;
  config.office.name = "领导小组办公室";
  config.office.email = "office@example.gov.cn";
  config.report.email = {"office", "leading_group", "a@example.org"};
  WebhookConfig wecom;
  wecom.name = "group";
  wecom.kind = "wecom";
  config.webhooks = {wecom};
  config.report.webhooks = {"group", "missing"};
  ReportMessages built = BuildReportMessages(assessment, "report|monthly|2026-11", config, 100);
  REQUIRE(built.messages.size() == 3);
  CHECK(built.messages[0].key == "report|monthly|2026-11|email|office@example.gov.cn");
  CHECK(built.messages[0].recipient_name == "领导小组办公室");
  CHECK_FALSE(built.messages[0].html.empty());
  CHECK(built.messages[1].key == "report|monthly|2026-11|email|a@example.org");
  CHECK(built.messages[2].key == "report|monthly|2026-11|webhook|group");
  CHECK(built.messages[2].channel == Channel::kWebhook);
  CHECK(built.messages[2].text.rfind("## 考核情况通报", 0) == 0);
  CHECK(built.messages[2].html.empty());
  REQUIRE(built.misses.size() == 2);  // leading_group has no address; "missing" no [[webhook]]
  CHECK(built.misses[0].find("leading_group") != std::string::npos);
  CHECK(built.misses[1].find("missing") != std::string::npos);
}

}  // namespace
}  // namespace duban
