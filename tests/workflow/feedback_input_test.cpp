// Feedback entry checks shared by the command line and sheets: received times (zone, forms,
// not in the future) and attachment references.
#include <catch2/catch.hpp>

#include "workflow/feedback_input.h"

namespace duban {
namespace {

constexpr int64_t kNow = 1773972000;  // 2026-03-20 10:00 +08:00
const FixedOffsetTimeZone kChina(480, "Asia/Shanghai");

TEST_CASE("Received: dates and times in the zone, never in the future", "[feedback_input]") {
  CHECK(*ParseReceived("2026-03-09", kChina, kNow) == 1772985600);        // 03-08 16:00 UTC
  CHECK(*ParseReceived(" 2026/3/9 ", kChina, kNow) == 1772985600);
  CHECK(*ParseReceived("2026-03-10 14:30", kChina, kNow) == 1773124200);  // 06:30 UTC
  CHECK(*ParseReceived("2026-03-10T14:30:15", kChina, kNow) == 1773124215);
  CHECK(*ParseReceived("2026-03-20", kChina, kNow) == 1773936000);  // today: allowed
  CHECK(*ParseReceived("2026-03-20 10:00", kChina, kNow) == kNow);  // now: allowed
  for (const char* bad : {"2026-03-21", "2026-03-20 10:01", "2027-01-01"}) {
    INFO(bad);
    Result<int64_t> at = ParseReceived(bad, kChina, kNow);
    CHECK(at.status().code() == Status::Code::kInvalidArgument);
    CHECK_THAT(at.status().message(), Catch::Contains("in the future"));
  }
  for (const char* bad : {"", "yesterday", "2026-02-30", "2026-13-01", "2026-03-09 24:00",
                          "2026-03-09 9", "26-03-09", "2026-03/09", "2026-03-09x"}) {
    INFO(bad);
    CHECK_THAT(ParseReceived(bad, kChina, kNow).status().message(), Catch::Contains("not a date"));
  }
}

TEST_CASE("Attachments: paths and http(s) URLs only", "[feedback_input]") {
  for (const char* good : {"/srv/反馈/2026-03/fgw.pdf", "反馈/fgw.pdf", "D:\\反馈\\a.docx",
                           "\\\\server\\share\\a.xlsx", "https://oa.example.gov.cn/d/1?x=2",
                           "HTTP://10.0.0.5:8080/a"}) {
    INFO(good);
    CHECK(CheckAttachment(good).ok());
  }
  for (const char* bad : {"", "ftp://files/a.pdf", "javascript://x", "file:///etc/passwd",
                          "https://", "https:///path", "https://user@host/a",
                          "https://host/a b.pdf", " /srv/a.pdf", "/srv/a\x01.pdf", "\xFF"}) {
    INFO(bad);
    CHECK(CheckAttachment(bad).code() == Status::Code::kInvalidArgument);
  }
  CHECK(CheckAttachment(std::string(kMaxAttachmentBytes + 1, 'a')).code() ==
        Status::Code::kInvalidArgument);
}

TEST_CASE("Attachments: one cell split on ; ； and line breaks", "[feedback_input]") {
  CHECK(SplitAttachments("a.pdf; b.pdf；c.pdf\r\nd.pdf\n\n ;") ==
        std::vector<std::string>{"a.pdf", "b.pdf", "c.pdf", "d.pdf"});
  CHECK(SplitAttachments("  ").empty());
}

TEST_CASE("Feedback input: text, percent and attachments checked together",
          "[feedback_input]") {
  Feedback feedback;
  feedback.text = "进展顺利";
  CHECK(CheckFeedbackInput(feedback).ok());
  feedback.percent = 101;
  CHECK_THAT(CheckFeedbackInput(feedback).message(), Catch::Contains("percent 101"));
  feedback.percent = 100;
  feedback.attachments = {"ftp://x/y"};
  CHECK_THAT(CheckFeedbackInput(feedback).message(), Catch::StartsWith("attachments: "));
  feedback.attachments.assign(kMaxAttachments + 1, "/a.pdf");
  CHECK_THAT(CheckFeedbackInput(feedback).message(), Catch::Contains("at most 20"));
  feedback.attachments.clear();
  feedback.text = " \t";
  CHECK(CheckFeedbackInput(feedback).message() == "text is empty");
}

}  // namespace
}  // namespace duban
