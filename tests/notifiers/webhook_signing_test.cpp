// Signatures against vectors computed by other implementations: the openssl command line
// (HMAC, base64) and Python's hmac / urllib, run from the test on fixed inputs.
#include "notifiers/webhook_signing.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "tests/notifiers/webhook_test_util.h"

namespace duban {
namespace {

using webhook_test::Run;
using webhook_test::ScratchDir;

const char* const kOpenssl = "/usr/bin/openssl";

std::string HexOf(const std::string& bytes) {
  static const char* digits = "0123456789abcdef";
  std::string hex;
  for (unsigned char c : bytes) {
    hex += digits[c >> 4];
    hex += digits[c & 15];
  }
  return hex;
}

// base64(HMAC-SHA256(key, message)) by the openssl command line.
std::string OpensslHmacBase64(const ScratchDir& dir, const std::string& key,
                              const std::string& message) {
  const std::string input = dir.Write("message.bin", message);
  const std::string mac = dir.File("mac.bin");
  Run({kOpenssl, "dgst", "-sha256", "-mac", "HMAC", "-macopt", "hexkey:" + HexOf(key),
       "-binary", "-out", mac, input});
  return Run({kOpenssl, "base64", "-A", "-in", mac});
}

// DingTalk's sign as its documentation's Python sample computes it.
std::string PythonDingTalkSign(const std::string& secret, int64_t timestamp_ms) {
  return Run({DUBAN_PYTHON3, "-c",
              "import base64, hashlib, hmac, sys, urllib.parse\n"
              "secret, stamp = sys.argv[1], sys.argv[2]\n"
              "digest = hmac.new(secret.encode(), f'{stamp}\\n{secret}'.encode(),"
              " hashlib.sha256).digest()\n"
              "print(urllib.parse.quote_plus(base64.b64encode(digest)))\n",
              secret, std::to_string(timestamp_ms)});
}

TEST_CASE("Standard Webhooks signature matches openssl and the published vector") {
  ScratchDir dir;
  // The example secret, id, time and payload of the Standard Webhooks reference libraries.
  const std::string secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  const std::string id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  const std::string body = R"({"test": 2432232314})";
  const int64_t stamp = 1614265330;

  Run({kOpenssl, "base64", "-d", "-A", "-in",
       dir.Write("secret.b64", "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), "-out", dir.File("key.bin")});
  const std::string key = webhook_test::ReadFile(dir.File("key.bin"));
  REQUIRE(key.size() == 24);
  const std::string expected =
      "v1," + OpensslHmacBase64(dir, key, id + "." + std::to_string(stamp) + "." + body);
  Result<std::string> signature = SignStandardWebhook(secret, id, stamp, body);
  REQUIRE(signature.ok());
  CHECK(*signature == expected);
  CHECK(*signature == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");

  // Another body with Chinese text and another time: still openssl's answer.
  const std::string chinese = R"({"text":"请于3月31日前报送进展"})";
  Result<std::string> other = SignStandardWebhook(secret, id, 1700000000, chinese);
  REQUIRE(other.ok());
  CHECK(*other == "v1," + OpensslHmacBase64(dir, key, id + ".1700000000." + chinese));
}

TEST_CASE("Standard Webhooks secrets without whsec_ or with bad base64 are refused clearly") {
  Result<std::string> no_prefix = SignStandardWebhook("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "i", 1, "");
  REQUIRE_FALSE(no_prefix.ok());
  CHECK_THAT(no_prefix.status().message(), Catch::Contains("whsec_"));
  CHECK_THAT(no_prefix.status().message(), !Catch::Contains("MfKQ9r8G"));

  Result<std::string> bad = StandardWebhookKey("whsec_not*base64!");
  REQUIRE_FALSE(bad.ok());
  CHECK_THAT(bad.status().message(), Catch::Contains("base64"));
  CHECK_THAT(bad.status().message(), !Catch::Contains("not*base64"));

  CHECK_FALSE(StandardWebhookKey("whsec_").ok());
  CHECK_FALSE(StandardWebhookKey("whsec_abc").ok());     // length not a multiple of 4
  CHECK_FALSE(StandardWebhookKey("whsec_ab=c").ok());    // '=' inside
  CHECK_FALSE(StandardWebhookKey("whsec_a===").ok());    // three '='
  Result<std::string> good = StandardWebhookKey("whsec_AAEC/w==");
  REQUIRE(good.ok());
  CHECK(*good == std::string("\x00\x01\x02\xff", 4));
}

TEST_CASE("DingTalk sign matches Python's hmac and quote_plus, + / = percent-encoded") {
  const std::string secret = "SEC4d5f0b0c3a8e9d7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3";
  bool saw_plus = false;
  bool saw_slash = false;
  for (int64_t stamp = 1710000000000; stamp < 1710000000012; ++stamp) {
    const std::string expected = PythonDingTalkSign(secret, stamp);
    const std::string sign = SignDingTalk(secret, stamp);
    CHECK(sign == expected);
    CHECK(sign.substr(sign.size() - 3) == "%3D");  // 32 bytes always end in one '='
    CHECK(sign.find_first_of("+/=") == std::string::npos);
    saw_plus = saw_plus || expected.find("%2B") != std::string::npos;
    saw_slash = saw_slash || expected.find("%2F") != std::string::npos;
  }
  // The inputs were chosen so the encoding of both characters is exercised.
  CHECK(saw_plus);
  CHECK(saw_slash);
}

TEST_CASE("Feishu sign matches openssl with key = timestamp newline secret and empty message") {
  ScratchDir dir;
  const std::string secret = "qnCqTSPmGmYdL8v0aQYVcc";
  for (int64_t stamp : {int64_t{1599360473}, int64_t{1710000000}, int64_t{1710000001}}) {
    CHECK(SignFeishu(secret, stamp) ==
          OpensslHmacBase64(dir, std::to_string(stamp) + "\n" + secret, ""));
  }
  CHECK(SignFeishu(secret, 1710000000) != SignFeishu(secret, 1710000001));
}

TEST_CASE("Base64 and percent-encoding helpers agree with openssl and RFC 3986") {
  ScratchDir dir;
  const std::string bytes("\x00\xfb\xff\x10 督办", 9);
  const std::string encoded = signing::Base64Encode(bytes);
  CHECK(encoded == Run({kOpenssl, "base64", "-A", "-in", dir.Write("bytes.bin", bytes)}));
  Result<std::string> decoded = signing::Base64Decode(encoded);
  REQUIRE(decoded.ok());
  CHECK(*decoded == bytes);
  CHECK(signing::Base64Encode("") == "");
  CHECK(signing::Base64Decode("")->empty());
  CHECK(*signing::Base64Decode("YQ==") == "a");
  CHECK(*signing::Base64Decode("YWI=") == "ab");

  CHECK(signing::PercentEncode("a+b/c=d e~f-g.h_i") == "a%2Bb%2Fc%3Dd%20e~f-g.h_i");
  CHECK(signing::PercentEncode("督") == "%E7%9D%A3");
  CHECK(signing::Hex(signing::Sha256("abc")) ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace duban
