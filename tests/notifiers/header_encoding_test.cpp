#include "notifiers/header_encoding.h"

#include <catch2/catch.hpp>

#include "tests/notifiers/email_test_util.h"
#include "workflow/text_normalize.h"

namespace duban {
namespace {

// Base64 decoding written here, apart from the code under test.
std::string Unbase64(std::string_view text) {
  static const std::string kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : text) {
    if (c == '=') break;
    const size_t value = kAlphabet.find(c);
    REQUIRE(value != std::string::npos);
    buffer = (buffer << 6) | static_cast<unsigned>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

// The payload of one "=?UTF-8?B?...?=" word.
std::string DecodeWord(const std::string& word) {
  REQUIRE(word.rfind("=?UTF-8?B?", 0) == 0);
  REQUIRE(word.size() >= 12);
  REQUIRE(word.substr(word.size() - 2) == "?=");
  return Unbase64(word.substr(10, word.size() - 12));
}

std::vector<std::string> Lines(const std::string& field) {
  std::vector<std::string> lines;
  size_t start = 0;
  for (size_t end; (end = field.find("\r\n", start)) != std::string::npos; start = end + 2) {
    lines.push_back(field.substr(start, end - start));
  }
  CHECK(start == field.size());  // ends with CRLF, nothing after it
  return lines;
}

// One logical header line: continuation lines start with a space, none is blank, none is
// longer than `max`, and no CR or LF other than the folds.
void CheckFolded(const std::string& field, size_t max = kFoldedLineLength) {
  INFO(field);
  std::vector<std::string> lines = Lines(field);
  REQUIRE_FALSE(lines.empty());
  for (size_t i = 0; i < lines.size(); ++i) {
    CHECK(lines[i].find_first_of("\r\n") == std::string::npos);
    CHECK(lines[i].size() <= max);
    if (i > 0) {
      CHECK(lines[i].front() == ' ');
      CHECK(lines[i].find_first_not_of(" \t") != std::string::npos);
    }
  }
}

const std::string kLongChinese =
    "关于进一步做好全省重点工作分工方案落实情况督查督办的通知：请省发改委、省经信委牵头，"
    "省财政厅、省商务厅等部门和相关设区市政府参加，于本月底前报送办理情况😀";

TEST_CASE("HeaderSafeText: controls become one space, bad UTF-8 U+FFFD", "[header_encoding]") {
  CHECK(HeaderSafeText("plain") == "plain");
  CHECK(HeaderSafeText("a\r\nBcc: evil@x.cn") == "a Bcc: evil@x.cn");
  CHECK(HeaderSafeText("a\r\n\tb\x01\x7F" "c") == "a b c");
  CHECK(HeaderSafeText("\r\n  lead and trail \n") == "lead and trail");
  CHECK(HeaderSafeText("x\xC2\x85y") == "x y");            // NEL
  CHECK(HeaderSafeText("x\xE2\x80\xA8y") == "x y");        // U+2028
  CHECK(HeaderSafeText("x\xE2\x80\xA9y") == "x y");        // U+2029
  CHECK(HeaderSafeText(std::string_view("x\0z", 3)) == "x z");
  CHECK(HeaderSafeText("bad\xFF" "byte") == "bad\xEF\xBF\xBD" "byte");
  CHECK(HeaderSafeText("省发改委\r\n") == "省发改委");
  CHECK(HeaderSafeText("\r\n\x01") == "");
  CHECK(HeaderSafeText("two  spaces stay") == "two  spaces stay");
}

TEST_CASE("EncodeWords: at most 75 characters, whole UTF-8 characters only",
          "[header_encoding]") {
  std::vector<std::string> words = EncodeWords(kLongChinese, 67);
  REQUIRE(words.size() > 3);
  std::string joined;
  for (size_t i = 0; i < words.size(); ++i) {
    INFO(words[i]);
    CHECK(words[i].size() <= (i == 0 ? 67u : kMaxEncodedWord));
    const std::string payload = DecodeWord(words[i]);
    CHECK(FindInvalidUtf8(payload) == std::string_view::npos);  // cut at a character boundary
    joined += payload;
  }
  CHECK(joined == kLongChinese);
  // Full words are not wasted: a 3-byte character more would not have fitted.
  CHECK(DecodeWord(words[1]).size() == 45);

  CHECK(EncodeWords("").empty());
  CHECK(EncodeWords("督办") == std::vector<std::string>{"=?UTF-8?B?552j5Yqe?="});
  // A 4-byte character in the smallest first word still fits whole.
  std::vector<std::string> emoji = EncodeWords("😀😀", 20);
  REQUIRE(emoji.size() == 2);
  CHECK(DecodeWord(emoji[0]) == "😀");
}

TEST_CASE("UnstructuredField: ASCII as is, folded at spaces", "[header_encoding]") {
  CHECK(UnstructuredField("Subject", "Weekly report") == "Subject: Weekly report\r\n");
  CHECK(UnstructuredField("Subject", "") == "Subject:\r\n");
  std::string long_ascii;
  for (int i = 0; i < 30; ++i) long_ascii += "word" + std::to_string(i) + " ";
  long_ascii.pop_back();
  const std::string field = UnstructuredField("Subject", long_ascii);
  CheckFolded(field);
  CHECK(Lines(field).size() > 2);
  std::string unfolded = field.substr(9, field.size() - 11);
  for (size_t pos; (pos = unfolded.find("\r\n")) != std::string::npos;) unfolded.erase(pos, 2);
  CHECK(unfolded == long_ascii);
}

TEST_CASE("UnstructuredField: encoded-words when plain would be misread", "[header_encoding]") {
  // Chinese, a lookalike encoded-word, double spaces, a word too long for a line.
  for (const std::string& text :
       {std::string("【催办】省发改委"), std::string("=?UTF-8?B?5L2g?= fake"),
        std::string("a  b"), std::string(100, 'x')}) {
    const std::string field = UnstructuredField("Subject", text);
    INFO(field);
    CHECK_THAT(field, Catch::StartsWith("Subject: =?UTF-8?B?"));
    CheckFolded(field);
  }
}

TEST_CASE("UnstructuredField: CR/LF injection stays inside the one field", "[header_encoding]") {
  for (const std::string& attack :
       {std::string("Hello\r\nBcc: evil@x.cn"), std::string("Hello\nBcc: evil@x.cn"),
        std::string("Hello\rBcc: evil@x.cn"), std::string("你好\r\nBcc: evil@x.cn\r\n\r\nbody"),
        std::string("x\r\n\r\n<html>")}) {
    const std::string field = UnstructuredField("Subject", attack);
    INFO(field);
    CheckFolded(field);
    CHECK(field.find("\r\nBcc") == std::string::npos);
    CHECK(field.find("\r\n\r\n") == std::string::npos);
  }
}

TEST_CASE("MailboxField: the display name encoded apart from the address", "[header_encoding]") {
  CHECK(MailboxField("To", "督办", "a@b.cn") == "To: =?UTF-8?B?552j5Yqe?= <a@b.cn>\r\n");
  CHECK(MailboxField("To", "", "a@b.cn") == "To: a@b.cn\r\n");
  CHECK(MailboxField("To", "\r\n", "a@b.cn") == "To: a@b.cn\r\n");
  CHECK(MailboxField("From", "Duban Office", "a@b.cn") == "From: Duban Office <a@b.cn>\r\n");
  CHECK(MailboxField("From", "Office, Duban", "a@b.cn") == "From: \"Office, Duban\" <a@b.cn>\r\n");
  CHECK(MailboxField("From", R"(Say "hi" \o/)", "a@b.cn") ==
        "From: \"Say \\\"hi\\\" \\\\o/\" <a@b.cn>\r\n");
  const std::string long_name = MailboxField("To", kLongChinese, "fgw@example.gov.cn");
  CheckFolded(long_name);
  CHECK_THAT(long_name, Catch::EndsWith(" <fgw@example.gov.cn>\r\n"));
  // The address is never inside an encoded-word.
  CHECK(long_name.find("<fgw@example.gov.cn>") != std::string::npos);
  const std::string injected = MailboxField("To", "省发改委\r\nBcc: evil@x.cn", "a@b.cn");
  CheckFolded(injected);
  CHECK(injected.find("\r\nBcc") == std::string::npos);
}

TEST_CASE("Header fields decode back with Python's email package", "[header_encoding][python]") {
  const std::string subject = kLongChinese + " \r\nBcc: evil@x.cn";
  const std::string name = "省发改委（领导）\r\nCc: evil@x.cn";
  std::string message = MailboxField("From", "督办系统, \"office\"", "duban@example.gov.cn") +
                        MailboxField("To", name, "fgw@example.gov.cn") +
                        UnstructuredField("Subject", subject) + "\r\nbody\r\n";
  nlohmann::json decoded = email_test::DecodeEmailBytes(message);
  INFO(decoded.dump());
  CHECK(decoded["subject"] == HeaderSafeText(subject));
  CHECK(decoded["from_name"] == "督办系统, \"office\"");
  CHECK(decoded["from_addr"] == "duban@example.gov.cn");
  CHECK(decoded["to_name"] == "省发改委（领导） Cc: evil@x.cn");
  CHECK(decoded["to_addr"] == "fgw@example.gov.cn");
  CHECK(decoded["to_count"] == 1);
  // Several encoded-words in one display name (see decode_email.py for the legacy decoder).
  const std::string long_name = kLongChinese + "\r\nCc: evil@x.cn";
  nlohmann::json long_decoded = email_test::DecodeEmailBytes(
      MailboxField("To", long_name, "fgw@example.gov.cn") + "\r\nbody\r\n");
  CHECK(long_decoded["to_name_2047"] == HeaderSafeText(long_name));
  CHECK(long_decoded["to_addr"] == "fgw@example.gov.cn");
  CHECK(long_decoded["to_count"] == 1);
  CHECK(long_decoded["defects"].empty());
  CHECK(decoded["header_names"] == nlohmann::json::array({"From", "To", "Subject"}));
  CHECK(decoded["defects"].empty());
  CHECK(decoded["bare_lf"] == false);
}

}  // namespace
}  // namespace duban
