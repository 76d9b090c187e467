// Tests of the single-value checks, the typo suggester and the describe mechanism
// (config/config_values.h, config/config_errors.h, config/config_schema.h).
#include "config/config_values.h"

#include <catch2/catch.hpp>

#include "config/config_errors.h"
#include "config/config_schema.h"
#include "tests/config/config_test_util.h"

namespace duban::config_internal {
namespace {

TEST_CASE("CheckAddress accepts plain addresses", "[config][values]") {
  for (const char* address : {"duban@localhost", "fgw-duban@example.gov.cn", "a.b+tag@x-y.example.cn",
                              "o'neil@example.com", "UPPER@EXAMPLE.CN"}) {
    INFO(address);
    CHECK_FALSE(CheckAddress(address).has_value());
  }
}

TEST_CASE("CheckAddress rejects what is not an address", "[config][values]") {
  struct Case {
    const char* address;
    const char* problem;
  };
  const Case cases[] = {
      {"", "is empty"},
      {"fgw", "has no '@'"},
      {"@example.cn", "has nothing before '@'"},
      {"fgw@", "has no domain after '@'"},
      {".fgw@example.cn", "has a misplaced '.' before '@'"},
      {"f..gw@example.cn", "has a misplaced '.' before '@'"},
      {"f gw@example.cn", "contains ' ' before '@'"},
      {"a@b@example.cn", "contains '@' before '@'"},
      {"fgw@exa mple.cn", "contains ' ' in its domain"},
      {"fgw@example..cn", "has an empty label in its domain"},
      {"fgw@example.cn.", "has an empty label in its domain"},
      {"fgw@-example.cn", "has a domain label that starts or ends with '-'"},
      {"fgw@发改委.cn", "in its domain"},
      {"Office <fgw@example.cn>", "before '@'"},
      {"fgw@example.cn\r\nBcc: x@evil.cn", "contains a carriage return (U+000D) at byte 14"},
      {"fgw@example.cn\n", "contains a line feed (U+000A) at byte 14"},
  };
  for (const Case& c : cases) {
    INFO(c.address);
    auto problem = CheckAddress(c.address);
    REQUIRE(problem.has_value());
    CHECK_THAT(*problem, Catch::Contains(c.problem));
  }
}

TEST_CASE("CheckMailbox allows a display name", "[config][values]") {
  CHECK_FALSE(CheckMailbox("督办系统 <duban@localhost>").has_value());
  CHECK_FALSE(CheckMailbox("duban@localhost").has_value());
  CHECK_FALSE(CheckMailbox("<duban@localhost>").has_value());
  CHECK(CheckMailbox("督办系统 <duban>").has_value());
  CHECK(CheckMailbox("督办系统 duban@localhost>").has_value());
  CHECK(CheckMailbox("\"a\" <x@y.cn>").has_value());
  CHECK(CheckMailbox("督办\r\n系统 <duban@localhost>").has_value());
}

TEST_CASE("FindControlCharacter finds C0, DEL and C1 controls", "[config][values]") {
  CHECK_FALSE(FindControlCharacter("省发改委 abc").has_value());
  CHECK(*FindControlCharacter("ab\tc") == "a tab (U+0009) at byte 2");
  CHECK(*FindControlCharacter(std::string("a\0b", 3)) == "a control character (U+0000) at byte 1");
  CHECK(*FindControlCharacter("a\x7F") == "a control character (U+007F) at byte 1");
  CHECK(*FindControlCharacter("a\xC2\x85") == "a control character (U+0085) at byte 1");
  CHECK_FALSE(FindControlCharacter("\xC2\xA0").has_value());  // no-break space is not a control
}

TEST_CASE("CheckDisplayName", "[config][values]") {
  CHECK_FALSE(CheckDisplayName("省发改委").has_value());
  CHECK_FALSE(CheckDisplayName("杭州市、宁波市政府").has_value());
  CHECK(*CheckDisplayName("") == "must not be empty");
  CHECK(*CheckDisplayName("  ") == "must not be blank");
  CHECK(*CheckDisplayName(" 省发改委") == "has leading or trailing spaces");
  CHECK(*CheckDisplayName("省发改委\xE3\x80\x80") == "has leading or trailing spaces");
  CHECK_THAT(*CheckDisplayName("省发\n改委"), Catch::Contains("line feed"));
}

TEST_CASE("CheckTimeZone checks the syntax of zone names", "[config][values]") {
  CHECK_FALSE(CheckTimeZone("UTC").has_value());
  CHECK_FALSE(CheckTimeZone("Asia/Shanghai").has_value());
  CHECK_FALSE(CheckTimeZone("America/Argentina/Buenos_Aires").has_value());
  CHECK_FALSE(CheckTimeZone("Etc/GMT-8").has_value());
  // Existence is LoadTimeZone's business (tzdb_time_zone_test).
  CHECK_FALSE(CheckTimeZone("Asia/Atlantis").has_value());
  CHECK(CheckTimeZone("Shanghai").has_value());
  CHECK(CheckTimeZone("Asia/Shanghai ").has_value());
  CHECK(CheckTimeZone("Asia/..").has_value());
}

TEST_CASE("CheckLogLevel suggests the closest level", "[config][values]") {
  CHECK_FALSE(CheckLogLevel("warn").has_value());
  CHECK_THAT(*CheckLogLevel("warning"), Catch::EndsWith("(did you mean \"warn\"?)"));
  CHECK_THAT(*CheckLogLevel("eror"), Catch::EndsWith("(did you mean \"error\"?)"));
  CHECK_THAT(*CheckLogLevel("verbose"), !Catch::Contains("did you mean"));
}

TEST_CASE("EditDistance and ClosestMatch", "[config][values]") {
  CHECK(EditDistance("", "") == 0);
  CHECK(EditDistance("sockt", "socket") == 1);
  CHECK(EditDistance("kitten", "sitting") == 3);
  CHECK(EditDistance("abc", "") == 3);

  const std::vector<std::string_view> keys = {"state_dir", "socket", "log_level", "time_zone"};
  CHECK(ClosestMatch("sockt", keys) == std::optional<std::string_view>("socket"));
  CHECK(ClosestMatch("timezone", keys) == std::optional<std::string_view>("time_zone"));
  CHECK(ClosestMatch("log-level", keys) == std::optional<std::string_view>("log_level"));
  CHECK(ClosestMatch("statedirectory", keys) == std::nullopt);
  CHECK(ClosestMatch("colour", keys) == std::nullopt);
}

TEST_CASE("JoinField quotes keys that are not bare", "[config][values]") {
  CHECK(JoinField("", "daemon") == "daemon");
  CHECK(JoinField("daemon", "socket") == "daemon.socket");
  CHECK(JoinField("daemon", "a b") == "daemon.\"a b\"");
  CHECK(JoinField("agency[0]", "名称") == "agency[0].\"名称\"");
  CHECK(IndexField("agency", 3) == "agency[3]");
}

TEST_CASE("ErrorSink sorts by position, stably, unpositioned first", "[config][values]") {
  ErrorSink sink("f.toml");
  sink.Add({5, 2}, "b", "second at 5:2");
  sink.Add({3, 9}, "a", "at 3:9");
  sink.Add({5, 2}, "c", "third at 5:2");
  sink.Add({5, 1}, "d", "at 5:1");
  sink.Add({}, "", "whole file");
  auto errors = sink.TakeSorted();
  REQUIRE(errors.size() == 5);
  CHECK(errors[0].message == "whole file");
  CHECK(errors[1].message == "at 3:9");
  CHECK(errors[2].message == "at 5:1");
  CHECK(errors[3].message == "second at 5:2");
  CHECK(errors[4].message == "third at 5:2");
  CHECK(sink.empty());
}

TEST_CASE("TomlString escapes what TOML requires and keeps UTF-8", "[config][values]") {
  CHECK(TomlString("省发改委") == "\"省发改委\"");
  CHECK(TomlString("a\"b\\c") == "\"a\\\"b\\\\c\"");
  CHECK(TomlString("a\nb\tc\x01") == "\"a\\nb\\tc\\u0001\"");
  CHECK(TomlStringArray({"x", "y"}) == "[\"x\", \"y\"]");
  CHECK(TomlStringArray({}) == "[]");
}

// A stand-in for a future section with a secret ([smtp] password, [[webhook]] secret).
struct FakeSmtp {
  std::string host;
  std::string password;
};

const FieldSpec<FakeSmtp> kFakeSmtpFields[] = {
    {"host", nullptr, [](const FakeSmtp& s) { return TomlString(s.host); }},
    {"password", nullptr, [](const FakeSmtp& s) { return TomlString(s.password); }, false,
     /*secret=*/true},
};

TEST_CASE("DescribeFields redacts fields marked secret", "[config][describe]") {
  std::string out;
  DescribeFields<FakeSmtp>(kFakeSmtpFields, FakeSmtp{"mail.example.gov.cn", "hunter2"}, out);
  CHECK(out == "host = \"mail.example.gov.cn\"\npassword = \"(redacted)\"\n");
  CHECK_THAT(out, !Catch::Contains("hunter2"));
}

TEST_CASE("no field of the real schema is read-less or describe-less", "[config][values]") {
  for (const SectionSpec& section : Sections()) {
    INFO(section.name);
    CHECK_FALSE(section.keys.empty());
    CHECK(section.read != nullptr);
    CHECK(section.describe != nullptr);
  }
}

}  // namespace
}  // namespace duban::config_internal
