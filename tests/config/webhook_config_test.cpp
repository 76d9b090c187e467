// Tests of [[webhook]] (config/webhook_schema.h) and of the checks across sections that
// involve webhooks (config/delivery_checks.h): kinds, URLs, secrets per kind, rate-limit
// defaults, names used by [[agency]] and [office], and the warnings for rules that send
// by webhook to someone without one. Every error names file:line:column and the field.
#include <catch2/catch.hpp>

#include "config/config_loader.h"
#include "config/webhook_schema.h"
#include "tests/config/config_test_util.h"
#include "tests/config/fake_secret_source.h"

namespace duban {
namespace {

using config_internal::IsStandardWebhookSecret;
using testing::CheckError;
using testing::Dump;
using testing::FakeSecretSource;
using testing::kConfigPath;
using testing::OnlyError;

constexpr const char* kWhsec = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
constexpr const char* kDingTalkSecret = "SEC0123456789abcdef-DING";
constexpr const char* kWecomKey = "693a91f6-7aaa-4bc4-97a0-0ec2sifa5aaa";

const FakeSecretSource& Secrets() {
  static const FakeSecretSource source = FakeSecretSource()
                                             .File("/etc/duban/dingtalk.secret", kDingTalkSecret)
                                             .File("/etc/duban/archive.whsec", kWhsec)
                                             .File("/etc/duban/not-whsec", "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
                                             .File("/etc/duban/bad-base64", "whsec_MfKQ9r8G*YqrTwjU")
                                             .File("/etc/duban/bad-key", "693a91f6 7aaa&x=1")
                                             .Env("DUBAN_WECOM_KEY", kWecomKey);
  return source;
}

// Addresses for the office, so that the default ladder adds no warnings of its own.
constexpr std::string_view kOffice =
    "[office]\nemail = \"office@example.gov.cn\"\nleading_group_email = \"lg@example.gov.cn\"\n";

ConfigLoadResult LoadHooks(std::string_view toml) {
  return LoadConfigString(toml, kConfigPath, LoadOptions{&Secrets()});
}

Config LoadHooksOk(std::string_view toml) {
  ConfigLoadResult result = LoadHooks(toml);
  INFO(Dump(result));
  REQUIRE(result.errors.empty());
  REQUIRE(result.config.has_value());
  return *result.config;
}

ConfigError OnlyHookError(std::string_view toml) { return OnlyError(LoadHooks(toml)); }

// No message of `result` contains any of the test secrets.
void CheckNoSecret(const ConfigLoadResult& result) {
  for (const auto* list : {&result.errors, &result.warnings}) {
    for (const ConfigError& error : *list) {
      for (const char* secret : {kWhsec, kDingTalkSecret, kWecomKey, "MfKQ9r8G", "693a91f6"}) {
        CHECK_THAT(error.ToString(), !Catch::Contains(secret));
      }
    }
  }
}

TEST_CASE("[[webhook]] reads every key, with defaults by kind", "[config][webhook]") {
  const Config config = LoadHooksOk(R"(
[[webhook]]
name = "office-dingtalk"
kind = "dingtalk"
url = "https://oapi.dingtalk.com/robot/send?access_token=abc"
secret_file = "/etc/duban/dingtalk.secret"

[[webhook]]
name = "fgw_wecom"
kind = "wecom"
url = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send"
secret_env = "DUBAN_WECOM_KEY"
format = "text"
rate_limit_per_minute = 5
timeout_seconds = 600

[[webhook]]
name = "feishu-1"
kind = "feishu"
url = "https://open.feishu.cn/open-apis/bot/v2/hook/xyz"

[[webhook]]
name = "archive"
kind = "standard"
url = "http://127.0.0.1:8080/hooks"
secret_file = "/etc/duban/archive.whsec"

[[webhook]]
name = "quiet"
kind = "dingtalk"
url = "https://oapi.dingtalk.com/robot/send?access_token=def"
rate_limit_per_minute = 0
)");
  REQUIRE(config.webhooks.size() == 5);
  const WebhookConfig& ding = config.webhooks[0];
  CHECK(ding.name == "office-dingtalk");
  CHECK(ding.kind == "dingtalk");
  CHECK(ding.url == "https://oapi.dingtalk.com/robot/send?access_token=abc");
  CHECK(ding.secret == Secret{"/etc/duban/dingtalk.secret", "", kDingTalkSecret});
  CHECK(ding.format == "markdown");
  CHECK(ding.rate_limit_per_minute == 20);
  CHECK(ding.ca_file.empty());
  CHECK(ding.timeout_seconds == 10);

  const WebhookConfig& wecom = config.webhooks[1];
  CHECK(wecom.secret == Secret{"", "DUBAN_WECOM_KEY", kWecomKey});
  CHECK(wecom.format == "text");
  CHECK(wecom.rate_limit_per_minute == 5);
  CHECK(wecom.timeout_seconds == 600);

  CHECK(config.webhooks[2].secret == Secret{});
  CHECK(config.webhooks[2].rate_limit_per_minute == 100);
  CHECK(config.webhooks[3].secret.value == kWhsec);
  CHECK(config.webhooks[3].rate_limit_per_minute == 0);
  // An explicit 0 is "no limit", not "the kind's default".
  CHECK(config.webhooks[4].rate_limit_per_minute == 0);
}

TEST_CASE("rate limit defaults by kind", "[config][webhook]") {
  CHECK(config_internal::DefaultRateLimit("dingtalk") == 20);
  CHECK(config_internal::DefaultRateLimit("wecom") == 20);
  CHECK(config_internal::DefaultRateLimit("feishu") == 100);
  CHECK(config_internal::DefaultRateLimit("standard") == 0);
}

TEST_CASE("webhook names are [a-z0-9_-]+, required and unique", "[config][webhook][errors]") {
  const std::string rest = "kind = \"feishu\"\nurl = \"https://open.feishu.cn/h\"\n";
  CheckError(OnlyHookError("[[webhook]]\nname = \"Office Group\"\n" + rest), 2, 8, "webhook[0].name",
             "webhook name \"Office Group\" may contain only a-z, 0-9, '_' and '-'");
  CheckError(OnlyHookError("[[webhook]]\nname = \"\"\n" + rest), 2, 8, "webhook[0].name", "must not be empty");
  CheckError(OnlyHookError("[[webhook]]\n" + rest), 1, 1, "webhook[0].name",
             "missing required key \"name\" in [[webhook]]");
  CheckError(OnlyHookError("[[webhook]]\nname = \"a\"\n" + rest + "[[webhook]]\nname = \"a\"\n" + rest), 6, 8,
             "webhook[1].name", "webhook name \"a\" is used twice (first at webhook[0])");
}

TEST_CASE("kind, format and limits are checked", "[config][webhook][errors]") {
  const std::string head = "[[webhook]]\nname = \"a\"\nurl = \"https://example.gov.cn/h\"\n";
  CheckError(OnlyHookError(head + "kind = \"dingtlk\"\n"), 4, 8, "webhook[0].kind",
             "\"dingtlk\" is not a webhook kind; use standard, dingtalk, wecom or feishu (did you mean \"dingtalk\"?)");
  CheckError(OnlyHookError("[[webhook]]\nname = \"a\"\nurl = \"https://example.gov.cn/h\"\n"), 1, 1, "webhook[0].kind",
             "missing required key \"kind\" in [[webhook]]");
  const std::string feishu = head + "kind = \"feishu\"\n";
  CheckError(OnlyHookError(feishu + "format = \"html\"\n"), 5, 10, "webhook[0].format",
             "\"html\" is not a message format; use text or markdown");
  CheckError(OnlyHookError(feishu + "rate_limit_per_minute = -1\n"), 5, 25, "webhook[0].rate_limit_per_minute",
             "must be between 0 and 10000, got -1");
  CheckError(OnlyHookError(feishu + "timeout_seconds = 0\n"), 5, 19, "webhook[0].timeout_seconds",
             "must be between 1 and 600, got 0");
  CheckError(OnlyHookError(feishu + "ca_file = \"/nonexistent/ca.pem\"\n"), 5, 11, "webhook[0].ca_file",
             "CA file /nonexistent/ca.pem does not exist");
  CheckError(OnlyHookError(feishu + "token = \"x\"\n"), 5, 1, "webhook[0].token",
             "unknown key \"token\" in [[webhook]]");
}

TEST_CASE("webhook URLs are https, or http only to loopback, without credentials", "[config][webhook][errors]") {
  const std::string head = "[[webhook]]\nname = \"a\"\nkind = \"feishu\"\n";
  for (const char* url : {"http://127.0.0.1:9000/h", "http://[::1]/h", "http://localhost/h", "https://x.example/h"}) {
    INFO(url);
    CHECK(LoadHooksOk(head + "url = \"" + url + "\"\n").webhooks.at(0).url == url);
  }
  CheckError(OnlyHookError(head + "url = \"http://hooks.example.gov.cn/h\"\n"), 4, 7, "webhook[0].url",
             "webhook URL must use https:// (http:// is allowed only to loopback: 127.0.0.1, ::1, localhost), not "
             "http:// to hooks.example.gov.cn");
  CheckError(OnlyHookError(head + "url = \"ftp://example.gov.cn/h\"\n"), 4, 7, "webhook[0].url",
             "webhook URL must start with https://");
  CheckError(OnlyHookError(head + "url = \"https://user:pw@example.gov.cn/h\"\n"), 4, 7, "webhook[0].url",
             "webhook URL must not carry a user name or password");
  CheckError(OnlyHookError(head + "url = \"example.gov.cn/h\"\n"), 4, 7, "webhook[0].url",
             "webhook URL is not a URL");
  CheckError(OnlyHookError(head), 1, 1, "webhook[0].url", "missing required key \"url\" in [[webhook]]");
}

TEST_CASE("secrets by kind: required for standard and wecom, checked, never echoed", "[config][webhook][errors]") {
  const std::string standard = "[[webhook]]\nname = \"a\"\nkind = \"standard\"\nurl = \"https://example.gov.cn/h\"\n";
  const std::string wecom = "[[webhook]]\nname = \"a\"\nkind = \"wecom\"\nurl = \"https://qyapi.weixin.qq.com/s\"\n";

  CheckError(OnlyHookError(standard), 1, 1, "webhook[0].secret_file",
             "a standard webhook needs a signing secret (\"whsec_\" + base64): set secret_file or secret_env");
  CheckError(OnlyHookError(wecom), 1, 1, "webhook[0].secret_file",
             "a wecom webhook needs the robot's key: set secret_file or secret_env");

  ConfigLoadResult result = LoadHooks(standard + "secret_file = \"/etc/duban/not-whsec\"\n");
  CheckError(OnlyError(result), 5, 15, "webhook[0].secret_file",
             "the secret (from file /etc/duban/not-whsec) is not a Standard Webhooks secret: it must be \"whsec_\" "
             "followed by base64");
  CheckNoSecret(result);
  result = LoadHooks(standard + "secret_file = \"/etc/duban/bad-base64\"\n");
  CheckError(OnlyError(result), 5, 15, "webhook[0].secret_file", "is not a Standard Webhooks secret");
  CheckNoSecret(result);
  result = LoadHooks(wecom + "secret_file = \"/etc/duban/bad-key\"\n");
  CheckError(OnlyError(result), 5, 15, "webhook[0].secret_file",
             "the secret (from file /etc/duban/bad-key) is not a WeCom robot key (letters, digits and '-')");
  CheckNoSecret(result);

  // The key goes into the URL from the secret; a URL carrying one is a secret in the config.
  CheckError(OnlyHookError("[[webhook]]\nname = \"a\"\nkind = \"wecom\"\n"
                           "url = \"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a\"\n"
                           "secret_env = \"DUBAN_WECOM_KEY\"\n"),
             4, 7, "webhook[0].url", "a wecom URL must not carry key=");

  result = LoadHooks(standard + "secret = \"" + kWhsec + "\"\n");
  CheckError(OnlyError(result), 5, 10, "webhook[0].secret",
             "secrets are never written in the config file; put the secret in a file readable only by duband and "
             "write secret_file");
  CheckNoSecret(result);

  CheckError(OnlyHookError(standard + "secret_env = \"DUBAN_ARCHIVE\"\nsecret_file = \"/etc/duban/archive.whsec\"\n"), 6,
             15, "webhook[0].secret_file", "give either secret_file or secret_env, not both");
  CheckError(OnlyHookError(standard + "secret_env = \"DUBAN_UNSET_WHSEC\"\n"), 5, 14, "webhook[0].secret_env",
             "environment variable DUBAN_UNSET_WHSEC is not set");
  CheckError(OnlyHookError(standard + "secret_file = \"/etc/duban/missing\"\n"), 5, 15, "webhook[0].secret_file",
             "secret file /etc/duban/missing does not exist");
}

TEST_CASE("IsStandardWebhookSecret wants whsec_ and padded standard base64", "[config][webhook]") {
  CHECK(IsStandardWebhookSecret(kWhsec));
  CHECK(IsStandardWebhookSecret("whsec_ab+/"));
  CHECK(IsStandardWebhookSecret("whsec_ab=="));
  CHECK(IsStandardWebhookSecret("whsec_abc="));
  CHECK_FALSE(IsStandardWebhookSecret("whsec_"));
  CHECK_FALSE(IsStandardWebhookSecret("whsec_abc"));
  CHECK_FALSE(IsStandardWebhookSecret("whsec_a==="));
  CHECK_FALSE(IsStandardWebhookSecret("whsec_ab=c"));
  CHECK_FALSE(IsStandardWebhookSecret("whsec_ab-_"));
  CHECK_FALSE(IsStandardWebhookSecret("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
  CHECK_FALSE(IsStandardWebhookSecret("WHSEC_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
}

// --- names used by agencies and the office ---

constexpr std::string_view kTwoHooks = R"([[webhook]]
name = "office-group"
kind = "feishu"
url = "https://open.feishu.cn/h/1"
[[webhook]]
name = "fgw-group"
kind = "feishu"
url = "https://open.feishu.cn/h/2"
)";

TEST_CASE("agencies and the office name defined webhooks", "[config][webhook]") {
  const Config config = LoadHooksOk(std::string(kTwoHooks) + R"([office]
webhook = "office-group"
leading_group_webhook = "office-group"
[[agency]]
name = "省发改委"
webhook = "fgw-group"
[[agency]]
name = "省科技厅"
webhook = ""
)");
  CHECK(config.office.webhook == "office-group");
  CHECK(config.office.leading_group_webhook == "office-group");
  CHECK(config.agencies.at(0).webhook == "fgw-group");
  CHECK(config.agencies.at(1).webhook.empty());
}

TEST_CASE("a webhook name that no [[webhook]] defines is an error at its use", "[config][webhook][errors]") {
  ConfigLoadResult result = LoadHooks(std::string(kTwoHooks) + R"([office]
webhook = "office-grp"
leading_group_webhook = "leaders"
[[agency]]
name = "省发改委"
webhook = "fgw_group"
)");
  INFO(Dump(result));
  REQUIRE(result.errors.size() == 3);
  CheckError(result.errors[0], 10, 11, "office.webhook",
             "no [[webhook]] is named \"office-grp\" (did you mean \"office-group\"?)");
  CheckError(result.errors[1], 11, 25, "office.leading_group_webhook", "no [[webhook]] is named \"leaders\"");
  CheckError(result.errors[2], 14, 11, "agency[0].webhook",
             "no [[webhook]] is named \"fgw_group\" (did you mean \"fgw-group\"?)");

  CheckError(OnlyHookError("[[agency]]\nname = \"省发改委\"\nwebhook = \"fgw\"\n"), 3, 11, "agency[0].webhook",
             "no [[webhook]] is named \"fgw\" (the file defines no [[webhook]])");
  CheckError(OnlyHookError("[[agency]]\nname = \"省发改委\"\nwebhook = \"FGW Group\"\n"), 3, 11, "agency[0].webhook",
             "may contain only a-z, 0-9, '_' and '-'");
}

// --- rules that send by webhook ---

TEST_CASE("a rule sending by webhook warns for each agency without one", "[config][webhook]") {
  ConfigLoadResult result = LoadHooks(std::string(kTwoHooks) + std::string(kOffice) + R"(webhook = "office-group"
[[rules.reminder]]
offsets = [3]
channels = ["email", "webhook"]
[[rules.escalation]]
name = "urge"
level = "urge"
after_working_days = 1
recipients = ["leadership", "office"]
channels = ["webhook"]
[[agency]]
name = "省发改委"
webhook = "fgw-group"
[[agency]]
name = "省科技厅"
)");
  INFO(Dump(result));
  REQUIRE(result.config);
  REQUIRE(result.warnings.size() == 1);
  CheckError(result.warnings[0], 25, 1, "agency[1].webhook",
             "agency 省科技厅 has no webhook, but reminder[0] and escalation step urge send to it by webhook");
}

TEST_CASE("a rule sending by webhook to the office or leading group warns without [office] webhooks",
          "[config][webhook]") {
  ConfigLoadResult result = LoadHooks(std::string(kOffice) + R"([[rules.reminder]]
offsets = [3]
recipients = ["office"]
channels = ["email", "webhook"]
[[rules.escalation]]
name = "circulate"
level = "circulate"
after_working_days = 1
recipients = ["leading_group"]
channels = ["webhook"]
)");
  INFO(Dump(result));
  REQUIRE(result.config);
  REQUIRE(result.warnings.size() == 2);
  CheckError(result.warnings[0], 7, 22, "rules.reminder[0].channels[1]",
             "reminder[0] sends to the office by webhook, but [office] webhook is not set");
  CheckError(result.warnings[1], 13, 13, "rules.escalation[0].channels[0]",
             "escalation step circulate sends to the leading group by webhook, but [office] leading_group_webhook "
             "is not set");
}

TEST_CASE("the office reached by webhook only needs no e-mail address", "[config][webhook]") {
  ConfigLoadResult result = LoadHooks(std::string(kTwoHooks) + R"([office]
webhook = "office-group"
[rules]
reminder = []
[[rules.escalation]]
name = "circulate"
level = "circulate"
after_working_days = 1
recipients = ["office"]
channels = ["webhook"]
)");
  INFO(Dump(result));
  REQUIRE(result.config);
  CHECK(result.warnings.empty());
  // By e-mail as well: then the address is missing.
  std::string text = std::string(kTwoHooks) + "[office]\nwebhook = \"office-group\"\n[rules]\nreminder = []\n"
                     "[[rules.escalation]]\nname = \"c\"\nlevel = \"circulate\"\nafter_working_days = 1\n"
                     "recipients = [\"office\"]\nchannels = [\"webhook\", \"email\"]\n";
  result = LoadHooks(text);
  REQUIRE(result.warnings.size() == 1);
  CHECK_THAT(result.warnings[0].message, Catch::EndsWith("recipient office can never be reached: [office] email is not set"));
}

TEST_CASE("a rule sending to agencies by webhook with no [[agency]] warns once", "[config][webhook]") {
  ConfigLoadResult result = LoadHooks(std::string(kOffice) + "[[rules.reminder]]\nchannels = [\"webhook\"]\n");
  INFO(Dump(result));
  REQUIRE(result.config);
  REQUIRE(result.warnings.size() == 1);
  CheckError(result.warnings[0], 5, 13, "rules.reminder[0].channels[0]",
             "reminder[0] sends to agencies by webhook, but no [[agency]] names a webhook");
}

}  // namespace
}  // namespace duban
