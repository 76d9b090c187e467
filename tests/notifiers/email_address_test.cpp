#include "notifiers/email_address.h"

#include <catch2/catch.hpp>

namespace duban {
namespace {

constexpr std::string_view kField = "[mail] from";

EmailAddress Parsed(std::string_view text) {
  Result<EmailAddress> parsed = ParseEmailAddress(text, kField);
  INFO(parsed.status().message());
  REQUIRE(parsed.ok());
  return *parsed;
}

std::string ErrorOf(std::string_view text) {
  Result<EmailAddress> parsed = ParseEmailAddress(text, kField);
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.status().code() == Status::Code::kInvalidArgument);
  return parsed.status().message();
}

TEST_CASE("ParseEmailAddress: display name and address", "[email_address]") {
  EmailAddress a = Parsed("督办系统 <duban@example.gov.cn>");
  CHECK(a.display_name == "督办系统");
  CHECK(a.address == "duban@example.gov.cn");
  CHECK(a.domain() == "example.gov.cn");

  EmailAddress quoted = Parsed(R"(  "Office, \"Duban\"" <office@example.gov.cn>  )");
  CHECK(quoted.display_name == R"(Office, "Duban")");
  CHECK(quoted.address == "office@example.gov.cn");

  EmailAddress bare = Parsed("duban@localhost");
  CHECK(bare.display_name.empty());
  CHECK(bare.address == "duban@localhost");
  CHECK(bare.domain() == "localhost");

  EmailAddress angle = Parsed("<a.b+tag@[192.0.2.1]>");
  CHECK(angle.display_name.empty());
  CHECK(angle.address == "a.b+tag@[192.0.2.1]");
  CHECK(angle.domain() == "[192.0.2.1]");

  // The last '<' starts the address, so a name may mention one.
  CHECK(Parsed("\"A <b>\" <c@d.cn>").display_name == "A <b>");
}

TEST_CASE("ParseEmailAddress: control characters never pass", "[email_address]") {
  CHECK_THAT(ErrorOf("督办\r\nBcc: evil@x.cn <duban@example.gov.cn>"),
             Catch::Contains("[mail] from") && Catch::Contains("control character"));
  CHECK_THAT(ErrorOf("Name\x85 <a@b.cn>"), Catch::Contains("not valid UTF-8"));
  CHECK_THAT(ErrorOf("Name\xC2\x85 <a@b.cn>"), Catch::Contains("control character"));
  CHECK_THAT(ErrorOf("Tab\there <a@b.cn>"), Catch::Contains("control character"));
  CHECK_THAT(ErrorOf("a@b.cn\r\nRCPT TO:<evil@x.cn>"), Catch::Contains("control character"));
  CHECK_THAT(ErrorOf("a@b.cn\r\nRCPT TO:evil@x.cn"), Catch::Contains("control character"));
  CHECK_THAT(ErrorOf("a@b.cn RCPT TO:evil@x.cn"), Catch::Contains("space"));
  CHECK_THAT(ErrorOf("<a@b.cn\n>"), Catch::Contains("control character"));
  // The message shows the bad bytes escaped, never raw.
  const std::string message = ErrorOf("x <a\r@b.cn>");
  CHECK(message.find('\r') == std::string::npos);
  CHECK_THAT(message, Catch::Contains("\\x0D"));
}

TEST_CASE("ParseEmailAddress: malformed forms name the field", "[email_address]") {
  CHECK_THAT(ErrorOf(""), Catch::Contains("[mail] from") && Catch::Contains("no address"));
  CHECK_THAT(ErrorOf("Name <>"), Catch::Contains("no address"));
  CHECK_THAT(ErrorOf("a b@c.cn"), Catch::Contains("space"));
  CHECK_THAT(ErrorOf("a@b@c.cn"), Catch::Contains("local@domain"));
  CHECK_THAT(ErrorOf("nobody"), Catch::Contains("local@domain"));
  CHECK_THAT(ErrorOf("a@"), Catch::Contains("domain"));
  CHECK_THAT(ErrorOf("a@-b.cn"), Catch::Contains("domain"));
  CHECK_THAT(ErrorOf("a@b..cn"), Catch::Contains("domain"));
  CHECK_THAT(ErrorOf(".a@b.cn"), Catch::Contains("local part"));
  CHECK_THAT(ErrorOf("a..b@b.cn"), Catch::Contains("local part"));
  CHECK_THAT(ErrorOf("a,b@c.cn"), Catch::Contains("local part"));
  CHECK_THAT(ErrorOf("发改委@example.gov.cn"), Catch::Contains("non-ASCII"));
  CHECK_THAT(ErrorOf("Name a@b.cn>"), Catch::Contains("'>' with no '<'"));
  CHECK_THAT(ErrorOf("Na\"me <a@b.cn>"), Catch::Contains("unbalanced"));
  CHECK_THAT(ErrorOf(std::string(65, 'a') + "@b.cn"), Catch::Contains("64"));
  CHECK_THAT(ErrorOf("a@" + std::string(250, 'b') + ".cn"), Catch::Contains("254"));
}

TEST_CASE("ValidateAddress: what the SMTP envelope may carry", "[email_address]") {
  CHECK(ValidateAddress("fgw@example.gov.cn", "target").ok());
  CHECK(ValidateAddress("o'brien+x@mail.example.com", "target").ok());
  CHECK(ValidateAddress("a@[IPv6:2001:db8::1]", "target").ok());
  Status bad = ValidateAddress("<a@b.cn>", "email target");
  CHECK_FALSE(bad.ok());
  CHECK_THAT(bad.message(), Catch::StartsWith("email target: "));
  CHECK_FALSE(ValidateAddress("a@b.cn>", "t").ok());
  CHECK_FALSE(ValidateAddress(std::string_view("a@b.cn\0", 7), "t").ok());
  CHECK_FALSE(ValidateAddress("a@[1.2.3.4", "t").ok());
  CHECK_FALSE(ValidateAddress("a@b_c.cn", "t").ok());
}

}  // namespace
}  // namespace duban
