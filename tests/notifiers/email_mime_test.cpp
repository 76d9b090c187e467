#include "notifiers/email_mime.h"

#include <catch2/catch.hpp>

#include "tests/notifiers/email_test_util.h"

namespace duban {
namespace {

using email_test::DecodeEmailBytes;
using email_test::SampleMessage;

const EmailAddress kFrom{"督办系统", "duban@example.gov.cn"};

std::string Built(const Message& message, const EmailOptions& options = {}) {
  Result<std::string> bytes = BuildEmail(message, kFrom, options);
  INFO(bytes.status().message());
  REQUIRE(bytes.ok());
  return *bytes;
}

std::vector<std::string> Lines(const std::string& bytes) {
  std::vector<std::string> lines;
  size_t start = 0;
  for (size_t end; (end = bytes.find("\r\n", start)) != std::string::npos; start = end + 2) {
    lines.push_back(bytes.substr(start, end - start));
  }
  CHECK(start == bytes.size());
  return lines;
}

// The value of the first header field `name` (unfolded lines are not needed here).
std::string HeaderValue(const std::string& bytes, const std::string& name) {
  for (const std::string& line : Lines(bytes)) {
    if (line.empty()) break;
    if (line.rfind(name + ": ", 0) == 0) return line.substr(name.size() + 2);
  }
  return "";
}

// The folded line that carries the multipart boundary.
std::string BoundaryParameter(const std::string& bytes) {
  for (const std::string& line : Lines(bytes)) {
    if (line.rfind(" boundary=", 0) == 0) return line;
  }
  FAIL("no boundary parameter");
  return "";
}

TEST_CASE("MessageIdFor and ThreadIdFor: SHA-256 of the key, 32 hex digits", "[email_mime]") {
  // SHA-256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad (FIPS 180-2).
  CHECK(MessageIdFor("abc", "example.gov.cn") ==
        "<duban.ba7816bf8f01cfea414140de5dae2223@example.gov.cn>");
  CHECK(ThreadIdFor("abc", "example.gov.cn") ==
        "<duban.thread.ba7816bf8f01cfea414140de5dae2223@example.gov.cn>");
  CHECK(MessageIdFor("abd", "x.cn") != MessageIdFor("abc", "x.cn"));
}

TEST_CASE("FormatEmailDate: RFC 5322 date-time", "[email_mime]") {
  CHECK(FormatEmailDate(0) == "Thu, 01 Jan 1970 00:00:00 +0000");
  CHECK(FormatEmailDate(1751356800) == "Tue, 01 Jul 2025 08:00:00 +0000");
  CHECK(FormatEmailDate(1735689599) == "Tue, 31 Dec 2024 23:59:59 +0000");
  CHECK(FormatEmailDate(1735689599, 480) == "Wed, 01 Jan 2025 07:59:59 +0800");
  CHECK(FormatEmailDate(1751356800, -330) == "Tue, 01 Jul 2025 02:30:00 -0530");
}

TEST_CASE("BuildEmail: the same message gives the same bytes", "[email_mime]") {
  const Message message = SampleMessage();
  const std::string first = Built(message);
  CHECK(Built(message) == first);
  Message resent = message;
  resent.attempts = 3;  // what changes between attempts does not change the bytes
  resent.state = kMessageFailed;
  resent.last_error = "SMTP 451";
  resent.next_attempt_at = 1751360000;
  CHECK(Built(resent) == first);

  Message other = message;
  other.key += "x";
  const std::string other_bytes = Built(other);
  CHECK(HeaderValue(other_bytes, "Message-ID") != HeaderValue(first, "Message-ID"));
  CHECK(BoundaryParameter(other_bytes) != BoundaryParameter(first));
}

TEST_CASE("BuildEmail: headers as a client reads them", "[email_mime][python]") {
  const Message message = SampleMessage();
  const std::string bytes = Built(message);
  CHECK(HeaderValue(bytes, "Message-ID") == MessageIdFor(message.key, "example.gov.cn"));
  CHECK(HeaderValue(bytes, "Date") == "Tue, 01 Jul 2025 08:00:00 +0000");

  nlohmann::json d = DecodeEmailBytes(bytes);
  INFO(d.dump());
  CHECK(d["defects"].empty());
  CHECK(d["subject"] == message.subject);
  CHECK(d["from_name"] == "督办系统");
  CHECK(d["from_addr"] == "duban@example.gov.cn");
  CHECK(d["to_name"] == "省发改委");
  CHECK(d["to_addr"] == "fgw@example.gov.cn");
  CHECK(d["date_epoch"] == message.created_at);
  CHECK(d["message_id"] == MessageIdFor(message.key, "example.gov.cn"));
  CHECK(d["auto_submitted"] == "auto-generated");
  CHECK(d["content_type"] == "multipart/alternative");
  CHECK(d["text"] == message.text);
  CHECK(d["html"] == message.html);
  CHECK(d["header_names"] == nlohmann::json::array({"Date", "From", "To", "Subject",
                                                    "Message-ID", "In-Reply-To", "References",
                                                    "Auto-Submitted", "MIME-Version",
                                                    "Content-Type"}));
}

TEST_CASE("BuildEmail: notices of one thread name the same parent", "[email_mime][python]") {
  Message first = SampleMessage(1);
  Message second = SampleMessage(2);
  Message task = SampleMessage(3);
  task.thread = "task:22";
  nlohmann::json a = DecodeEmailBytes(Built(first));
  nlohmann::json b = DecodeEmailBytes(Built(second));
  nlohmann::json t = DecodeEmailBytes(Built(task));
  const std::string parent = ThreadIdFor("agency:省发改委", "example.gov.cn");
  CHECK(a["in_reply_to"] == parent);
  CHECK(a["references"] == parent);
  CHECK(b["in_reply_to"] == parent);
  CHECK(a["message_id"] != b["message_id"]);
  CHECK(t["in_reply_to"] == ThreadIdFor("task:22", "example.gov.cn"));
  CHECK(t["in_reply_to"] != parent);

  Message alone = SampleMessage(4);
  alone.thread.clear();
  nlohmann::json n = DecodeEmailBytes(Built(alone));
  CHECK(n["in_reply_to"].is_null());
  CHECK(n["references"].is_null());
}

TEST_CASE("BuildEmail: every line short, CRLF only, whatever the text", "[email_mime][python]") {
  Message message = SampleMessage();
  std::string paragraph;
  for (int i = 0; i < 400; ++i) paragraph += "督办工作";  // 4,800 bytes, no line break
  message.text = paragraph + "\nsecond line\r\nthird\rfourth\n";
  message.html = "<p>" + paragraph + "</p>";
  message.subject = paragraph.substr(0, 600);
  message.recipient_name = paragraph.substr(0, 300);
  const std::string bytes = Built(message);
  for (const std::string& line : Lines(bytes)) {
    INFO(line);
    CHECK(line.size() <= 76);
    CHECK(line.find_first_of("\r\n") == std::string::npos);
  }
  nlohmann::json d = DecodeEmailBytes(bytes);
  CHECK(d["defects"].empty());
  CHECK(d["bare_lf"] == false);
  CHECK(d["max_line"] <= 76);
  CHECK(d["subject"] == message.subject);
  // A name this long takes several encoded-words: see decode_email.py for why the legacy
  // decoder reads it.
  CHECK(d["to_name_2047"] == message.recipient_name);
  // Line endings made canonical (CRLF on the wire, "\n" as decoded).
  CHECK(d["text"] == paragraph + "\nsecond line\nthird\nfourth\n");
}

TEST_CASE("BuildEmail: text alone when there is no HTML or it is off", "[email_mime][python]") {
  Message message = SampleMessage();
  EmailOptions no_html;
  no_html.html = false;
  nlohmann::json off = DecodeEmailBytes(Built(message, no_html));
  CHECK(off["content_type"] == "text/plain");
  CHECK(off["text"] == message.text);
  CHECK(off["html"].is_null());

  message.html.clear();
  const std::string bytes = Built(message);
  CHECK(HeaderValue(bytes, "Content-Type") == "text/plain; charset=UTF-8");
  CHECK(HeaderValue(bytes, "Content-Transfer-Encoding") == "base64");
  nlohmann::json plain = DecodeEmailBytes(bytes);
  CHECK(plain["defects"].empty());
  CHECK(plain["text"] == message.text);
}

TEST_CASE("BuildEmail: injection through any message field stays out of the headers",
          "[email_mime][python]") {
  Message message = SampleMessage();
  message.subject = "催办\r\nBcc: evil@x.cn\r\n\r\nforged body";
  message.recipient_name = "省发改委\nCc: evil@x.cn";
  message.thread = "task:1\r\nX-Evil: 1";
  message.key = "k\r\nX-Evil: 2";
  const std::string bytes = Built(message);
  nlohmann::json d = DecodeEmailBytes(bytes);
  INFO(d.dump());
  CHECK(d["defects"].empty());
  CHECK(d["header_names"] == nlohmann::json::array({"Date", "From", "To", "Subject",
                                                    "Message-ID", "In-Reply-To", "References",
                                                    "Auto-Submitted", "MIME-Version",
                                                    "Content-Type"}));
  CHECK(d["subject"] == "催办 Bcc: evil@x.cn forged body");
  CHECK(d["to_name"] == "省发改委 Cc: evil@x.cn");
  CHECK(d["to_count"] == 1);
  CHECK(d["text"] == message.text);
  CHECK(bytes.find("X-Evil") == std::string::npos);
}

TEST_CASE("BuildEmail: an address that is not one is refused", "[email_mime]") {
  Message message = SampleMessage();
  message.target = "fgw@example.gov.cn\r\nBcc: evil@x.cn";
  Result<std::string> bad = BuildEmail(message, kFrom);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().code() == Status::Code::kInvalidArgument);
  CHECK_THAT(bad.status().message(), Catch::StartsWith("email target: "));

  message.target = "省发改委 <fgw@example.gov.cn>";
  CHECK_FALSE(BuildEmail(message, kFrom).ok());
  message.target = "fgw@example.gov.cn";
  CHECK_FALSE(BuildEmail(message, EmailAddress{"x", "not an address"}).ok());
}

}  // namespace
}  // namespace duban
