// Tests of [delivery] (config/delivery_schema.h) and [templates]
// (config/templates_schema.h), and of what the delivery configuration adds to Config
// equality and DescribeConfig: a reload notices a changed webhook or password, and the
// description names where secrets come from but never shows one.
#include <catch2/catch.hpp>

#include "config/config_loader.h"
#include "tests/config/config_test_util.h"
#include "tests/config/fake_secret_source.h"

namespace duban {
namespace {

using testing::CheckError;
using testing::CheckRoundTrip;
using testing::Dump;
using testing::FakeSecretSource;
using testing::kConfigPath;
using testing::Load;
using testing::LoadOk;
using testing::OnlyError;
using testing::TempDir;

// --- [delivery] ---

TEST_CASE("[delivery] defaults and every key", "[config][delivery]") {
  const DeliveryConfig defaults = LoadOk("").delivery;
  CHECK(defaults.digest == "agency");
  CHECK(defaults.max_attempts == 12);
  CHECK(defaults.backoff_initial_seconds == 60);
  CHECK(defaults.backoff_max_seconds == 21600);
  CHECK(defaults.jitter == 0.2);
  CHECK(defaults.webhook_concurrency == 4);

  const DeliveryConfig set = LoadOk(R"([delivery]
digest = "task"
max_attempts = 100
backoff_initial_seconds = 86400
backoff_max_seconds = 86400
jitter = 0
webhook_concurrency = 64
)").delivery;
  CHECK(set.digest == "task");
  CHECK(set.max_attempts == 100);
  CHECK(set.backoff_initial_seconds == 86400);
  CHECK(set.backoff_max_seconds == 86400);
  CHECK(set.jitter == 0.0);
  CHECK(set.webhook_concurrency == 64);
  CHECK(LoadOk("[delivery]\njitter = 1\nmax_attempts = 1\n").delivery.jitter == 1.0);
}

TEST_CASE("[delivery] values are range-checked", "[config][delivery][errors]") {
  CheckError(OnlyError(Load("[delivery]\ndigest = \"daily\"\n")), 2, 10, "delivery.digest",
             "\"daily\" is not a digest mode; use agency or task");
  CheckError(OnlyError(Load("[delivery]\nmax_attempts = 0\n")), 2, 16, "delivery.max_attempts",
             "must be between 1 and 100, got 0");
  CheckError(OnlyError(Load("[delivery]\nmax_attempts = 101\n")), 2, 16, "delivery.max_attempts",
             "must be between 1 and 100, got 101");
  CheckError(OnlyError(Load("[delivery]\nbackoff_initial_seconds = 0\n")), 2, 27,
             "delivery.backoff_initial_seconds", "must be between 1 and 86400, got 0");
  CheckError(OnlyError(Load("[delivery]\njitter = 1.5\n")), 2, 10, "delivery.jitter", "must be between 0 and 1, got 1.5");
  CheckError(OnlyError(Load("[delivery]\njitter = -0.1\n")), 2, 10, "delivery.jitter", "must be between 0 and 1");
  CheckError(OnlyError(Load("[delivery]\nwebhook_concurrency = 65\n")), 2, 23, "delivery.webhook_concurrency",
             "must be between 1 and 64, got 65");
  CheckError(OnlyError(Load("[delivery]\nretries = 3\n")), 2, 1, "delivery.retries", "unknown key \"retries\" in [delivery]");
}

TEST_CASE("backoff_max_seconds may not be below backoff_initial_seconds", "[config][delivery][errors]") {
  CheckError(OnlyError(Load("[delivery]\nbackoff_initial_seconds = 600\nbackoff_max_seconds = 300\n")), 3, 23,
             "delivery.backoff_max_seconds", "backoff_max_seconds (300) is less than backoff_initial_seconds (600)");
  // Against the default maximum (21600), reported where the file writes the initial delay.
  CheckError(OnlyError(Load("[delivery]\nbackoff_initial_seconds = 86400\n")), 2, 27, "delivery.backoff_initial_seconds",
             "backoff_max_seconds (21600) is less than backoff_initial_seconds (86400)");
  CheckError(OnlyError(Load("[delivery]\nbackoff_max_seconds = 30\n")), 2, 23, "delivery.backoff_max_seconds",
             "backoff_max_seconds (30) is less than backoff_initial_seconds (60)");
}

// --- [templates] ---

TEST_CASE("[templates] keys are overrides named by their key, with their line", "[config][templates]") {
  const Config config = LoadOk(R"([templates]
"email.remind.subject" = "【提醒】{{task_ref}}"
[templates.webhook.urge]
markdown = "**催办** {{agency}}"
)");
  CHECK(config.templates.dir.empty());
  REQUIRE(config.templates.overrides.size() == 2);
  CHECK(config.templates.overrides[0].first == "email.remind.subject");
  CHECK(config.templates.overrides[0].second == TemplateOverride{"【提醒】{{task_ref}}", "/etc/duban/duban.toml:2"});
  CHECK(config.templates.overrides[1].first == "webhook.urge.markdown");
  CHECK(config.templates.overrides[1].second.origin == "/etc/duban/duban.toml:4");
  CHECK(LoadOk("").templates == TemplatesConfig{});

  CheckError(OnlyError(Load("[templates]\n\"email.remind.subject\" = 3\n")), 2, 26,
             "templates.\"email.remind.subject\"",
             "expected a string (the text of template \"email.remind.subject\"), got an integer");
}

TEST_CASE("[templates] dir: every NAME.mustache is an override of NAME", "[config][templates]") {
  TempDir dir;
  dir.Write("etc/tpl/email.urge.subject.mustache", "【催办】{{task_ref}}\n");
  dir.Write("etc/tpl/email.remind.body.mustache", "您好，{{agency}}：\n");
  dir.Write("etc/tpl/README.txt", "not a template");
  dir.Write("etc/tpl/sub/webhook.urge.text.mustache", "nested dirs are not read");
  const auto config_path = dir.path() / "etc/duban.toml";
  ConfigLoadResult result = LoadConfigString(
      "[templates]\ndir = \"tpl/\"\n\"email.remind.subject\" = \"x\"\n", config_path);
  INFO(Dump(result));
  REQUIRE(result.config);
  const TemplatesConfig& templates = result.config->templates;
  CHECK(templates.dir == dir.path() / "etc/tpl");
  REQUIRE(templates.overrides.size() == 3);
  // Keys first, then the files sorted by name.
  CHECK(templates.overrides[0].first == "email.remind.subject");
  CHECK(templates.overrides[0].second.origin == config_path.string() + ":3");
  CHECK(templates.overrides[1].first == "email.remind.body");
  CHECK(templates.overrides[1].second ==
        TemplateOverride{"您好，{{agency}}：\n", (dir.path() / "etc/tpl/email.remind.body.mustache").string()});
  CHECK(templates.overrides[2].first == "email.urge.subject");
  CHECK(templates.overrides[2].second.text == "【催办】{{task_ref}}\n");
}

TEST_CASE("[templates] dir must be a directory, and a name comes from one place", "[config][templates][errors]") {
  TempDir dir;
  dir.Write("tpl/email.urge.subject.mustache", "{{task_ref}}");
  const auto config_path = dir.path() / "duban.toml";
  ConfigError error = OnlyError(LoadConfigString("[templates]\ndir = \"missing\"\n", config_path));
  CHECK(error.line == 2);
  CHECK(error.column == 7);
  CHECK(error.field == "templates.dir");
  CHECK(error.message == "template directory " + (dir.path() / "missing").string() + " does not exist");

  error = OnlyError(LoadConfigString("[templates]\ndir = \"tpl/email.urge.subject.mustache\"\n", config_path));
  CHECK_THAT(error.message, Catch::EndsWith("email.urge.subject.mustache is not a directory"));

  error = OnlyError(LoadConfigString("[templates]\n\"email.urge.subject\" = \"x\"\ndir = \"tpl\"\n", config_path));
  CHECK(error.line == 3);
  CHECK(error.field == "templates.dir");
  CHECK(error.message == "template \"email.urge.subject\" is given both at " + config_path.string() + ":2 and by " +
                             (dir.path() / "tpl/email.urge.subject.mustache").string());
}

// --- equality and description ---

constexpr const char* kPassword = "pa55-WORD-61d0";
constexpr const char* kDingTalkSecret = "SEC-ding-7f3e";

const FakeSecretSource& Secrets() {
  static const FakeSecretSource source = FakeSecretSource()
                                             .File("/etc/duban/smtp-password", kPassword)
                                             .Env("DUBAN_DING", kDingTalkSecret);
  return source;
}

constexpr std::string_view kFull = R"([mail]
transport = "smtp"
url = "smtps://mail.example.gov.cn:465"
username = "duban@example.gov.cn"
password_file = "/etc/duban/smtp-password"
timeout_seconds = 20
connections = 3
batch_size = 7
html = false
[delivery]
digest = "task"
max_attempts = 5
backoff_initial_seconds = 30
backoff_max_seconds = 3600
jitter = 0.5
webhook_concurrency = 2
[[webhook]]
name = "office-dingtalk"
kind = "dingtalk"
url = "https://oapi.dingtalk.com/robot/send?access_token=abc"
secret_env = "DUBAN_DING"
format = "text"
[[webhook]]
name = "feishu"
kind = "feishu"
url = "https://open.feishu.cn/h/1"
rate_limit_per_minute = 7
timeout_seconds = 3
[office]
email = "office@example.gov.cn"
leading_group_email = "lg@example.gov.cn"
webhook = "office-dingtalk"
leading_group_webhook = "feishu"
[[agency]]
name = "省发改委"
webhook = "feishu"
)";

Config LoadFull() {
  ConfigLoadResult result = LoadConfigString(kFull, kConfigPath, LoadOptions{&Secrets()});
  INFO(Dump(result));
  REQUIRE(result.config);
  CHECK(result.warnings.empty());
  return *result.config;
}

TEST_CASE("configs differ when any delivery field differs", "[config][delivery]") {
  const Config a = LoadFull();
  Config b = a;
  CHECK(a == b);
  b.webhooks[0].url += "x";
  CHECK_FALSE(a == b);
  b = a;
  b.webhooks[1].rate_limit_per_minute = 8;
  CHECK_FALSE(a == b);
  b = a;
  b.webhooks.pop_back();
  CHECK_FALSE(a == b);
  b = a;
  // A rotated secret: same place, new value.
  b.webhooks[0].secret.value = "SEC-rotated";
  CHECK_FALSE(a == b);
  b = a;
  b.mail.password.value = "rotated";
  CHECK_FALSE(a == b);
  b = a;
  b.mail.connections = 4;
  CHECK_FALSE(a == b);
  b = a;
  b.delivery.jitter = 0.25;
  CHECK_FALSE(a == b);
  b = a;
  b.templates.overrides.push_back({"email.remind.subject", {"x", "here"}});
  CHECK_FALSE(a == b);
  b = a;
  b.agencies[0].webhook = "office-dingtalk";
  CHECK_FALSE(a == b);
  b = a;
  b.office.leading_group_webhook.clear();
  CHECK_FALSE(a == b);
}

TEST_CASE("a reload of a changed webhook or password is a different config", "[config][delivery]") {
  const Config before = LoadFull();
  std::string text(kFull);
  text.replace(text.find("access_token=abc"), 16, "access_token=new");
  ConfigLoadResult after = LoadConfigString(text, kConfigPath, LoadOptions{&Secrets()});
  REQUIRE(after.config);
  CHECK_FALSE(*after.config == before);

  FakeSecretSource rotated = FakeSecretSource().File("/etc/duban/smtp-password", "new-password").Env("DUBAN_DING", kDingTalkSecret);
  after = LoadConfigString(kFull, kConfigPath, LoadOptions{&rotated});
  REQUIRE(after.config);
  CHECK(after.config->mail.password.value == "new-password");
  CHECK_FALSE(*after.config == before);
}

TEST_CASE("DescribeConfig shows where secrets come from, never their values", "[config][describe]") {
  const Config config = LoadFull();
  const std::string text = DescribeConfig(config);
  INFO(text);
  CHECK_THAT(text, !Catch::Contains(kPassword));
  CHECK_THAT(text, !Catch::Contains(kDingTalkSecret));
  CHECK_THAT(text, Catch::Contains("password_file = \"/etc/duban/smtp-password\"  # (from file "
                                   "/etc/duban/smtp-password), value redacted\n"));
  CHECK_THAT(text, Catch::Contains("secret_env = \"DUBAN_DING\"  # (from env DUBAN_DING), value redacted\n"));
  for (const char* header : {"[mail]", "[delivery]", "[[webhook]]"}) CHECK_THAT(text, Catch::Contains(header));
  CHECK_THAT(text, Catch::Contains("rate_limit_per_minute = 20\n"));  // resolved from the kind
  CHECK_THAT(text, Catch::Contains("leading_group_webhook = \"feishu\"\n"));
  CheckRoundTrip(config, LoadOptions{&Secrets()});
}

TEST_CASE("DescribeConfig writes [templates] keys and dir, not the dir's files", "[config][describe]") {
  TempDir dir;
  dir.Write("tpl/email.urge.subject.mustache", "【催办】{{task_ref}}");
  const Config config = LoadOk("[templates]\ndir = \"tpl\"\n\"email.remind.subject\" = \"【提醒】\\n{{task_ref}}\"\n",
                               dir.path() / "duban.toml");
  const std::string text = DescribeConfig(config);
  INFO(text);
  CHECK_THAT(text, Catch::Contains("[templates]\ndir = \"" + (dir.path() / "tpl").string() +
                                   "\"\n\"email.remind.subject\" = \"【提醒】\\n{{task_ref}}\"\n"));
  CHECK_THAT(text, !Catch::Contains("【催办】"));
  // Read back: the same templates (their origins name the new text's lines).
  const Config again = LoadOk(text, config.source);
  REQUIRE(again.templates.overrides.size() == 2);
  for (std::size_t i = 0; i < 2; ++i) {
    CHECK(again.templates.overrides[i].first == config.templates.overrides[i].first);
    CHECK(again.templates.overrides[i].second.text == config.templates.overrides[i].second.text);
  }
  CHECK_THAT(DescribeConfig(LoadOk("")), !Catch::Contains("[templates]"));
}

}  // namespace
}  // namespace duban
