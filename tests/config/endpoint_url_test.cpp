// Tests of config/endpoint_url.h: the parts of SMTP and webhook URLs the config checks
// use, and what counts as loopback.
#include "config/endpoint_url.h"

#include <catch2/catch.hpp>

namespace duban::config_internal {
namespace {

TEST_CASE("ParseEndpointUrl finds scheme, host, port and credentials", "[config][url]") {
  auto url = ParseEndpointUrl("smtps://mail.example.gov.cn:465");
  REQUIRE(url.ok());
  CHECK(url->scheme == "smtps");
  CHECK(url->host == "mail.example.gov.cn");
  CHECK(url->port == 465);
  CHECK_FALSE(url->has_userinfo);

  url = ParseEndpointUrl("HTTPS://open.feishu.cn/open-apis/bot/v2/hook/x?y=1#z");
  REQUIRE(url.ok());
  CHECK(url->scheme == "https");
  CHECK(url->host == "open.feishu.cn");
  CHECK(url->port == 0);

  url = ParseEndpointUrl("http://[::1]:8080/h");
  REQUIRE(url.ok());
  CHECK(url->host == "::1");
  CHECK(url->port == 8080);

  url = ParseEndpointUrl("smtp://user:p@ss@127.0.0.1");
  REQUIRE(url.ok());
  CHECK(url->has_userinfo);
  CHECK(url->host == "127.0.0.1");
}

TEST_CASE("ParseEndpointUrl refuses what is not a usable URL", "[config][url]") {
  auto message = [](std::string_view text) {
    auto url = ParseEndpointUrl(text);
    REQUIRE_FALSE(url.ok());
    return url.status().message();
  };
  CHECK(message("mail.example.gov.cn") == "is not a URL (scheme://host...)");
  CHECK(message("://mail") == "is not a URL (scheme://host...)");
  CHECK(message("sm tp://mail") == "must not contain blanks or control characters");
  CHECK(message("https://a.example/\n") == "must not contain blanks or control characters");
  CHECK(message("https:///path") == "has no host");
  CHECK(message("https://a.example:0") == "has an invalid port (1..65535)");
  CHECK(message("https://a.example:65536") == "has an invalid port (1..65535)");
  CHECK(message("https://a.example:") == "has an invalid port (1..65535)");
  CHECK(message("https://a.example:8o") == "has an invalid port (1..65535)");
  CHECK(message("http://[::1") == "has an unclosed '[' around its host");
  CHECK(message("http://[::1]x") == "has text after the ']' of its host");
  CHECK(ParseEndpointUrl("https://a.example:65535").ok());
}

TEST_CASE("loopback is 127.0.0.1, ::1 and localhost only", "[config][url]") {
  for (const char* host : {"127.0.0.1", "::1", "localhost", "LocalHost", "localhost."}) {
    INFO(host);
    CHECK(IsLoopbackHost(host));
  }
  for (const char* host : {"127.0.0.2", "0.0.0.0", "localhost.example.gov.cn", "::", "example.gov.cn", ""}) {
    INFO(host);
    CHECK_FALSE(IsLoopbackHost(host));
  }
}

}  // namespace
}  // namespace duban::config_internal
