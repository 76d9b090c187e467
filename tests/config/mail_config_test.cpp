// Tests of [mail] (config/mail_schema.h): transports, the SMTP URL and STARTTLS rules,
// AUTH with a password read from a file or the environment (never written in the
// config), limits, and the warning for an SMTP server used without logging in. Every
// error names file:line:column and the field.
#include <sys/stat.h>

#include <cstdlib>

#include <catch2/catch.hpp>

#include "config/config_loader.h"
#include "tests/config/config_test_util.h"
#include "tests/config/fake_secret_source.h"

namespace duban {
namespace {

using testing::CheckError;
using testing::Dump;
using testing::FakeSecretSource;
using testing::kConfigPath;
using testing::OnlyError;
using testing::TempDir;

constexpr const char* kPassword = "pa55-WORD-61d0";

// Addresses for the office, so that the default ladder adds no warnings of its own.
constexpr std::string_view kOffice =
    "[office]\nemail = \"office@example.gov.cn\"\nleading_group_email = \"lg@example.gov.cn\"\n";

ConfigLoadResult LoadWith(std::string_view toml, const SecretSource& secrets) {
  return LoadConfigString(toml, kConfigPath, LoadOptions{&secrets});
}

const FakeSecretSource& Secrets() {
  static const FakeSecretSource source =
      FakeSecretSource().File("/etc/duban/smtp-password", kPassword).Env("DUBAN_SMTP_PASSWORD", kPassword);
  return source;
}

Config LoadOkWith(std::string_view toml, const SecretSource& secrets = Secrets()) {
  ConfigLoadResult result = LoadWith(toml, secrets);
  INFO(Dump(result));
  REQUIRE(result.errors.empty());
  REQUIRE(result.config.has_value());
  return *result.config;
}

ConfigError OnlyMailError(std::string_view toml) { return OnlyError(LoadWith(toml, Secrets())); }

// No error or warning message of `result` contains the password.
void CheckNoPassword(const ConfigLoadResult& result) {
  for (const auto* list : {&result.errors, &result.warnings}) {
    for (const ConfigError& error : *list) CHECK_THAT(error.ToString(), !Catch::Contains(kPassword));
  }
}

TEST_CASE("[mail] defaults: file transport, STARTTLS required, no AUTH", "[config][mail]") {
  const MailConfig mail = LoadOkWith("").mail;
  CHECK(mail.transport == "file");
  CHECK(mail.url.empty());
  CHECK(mail.starttls == "required");
  CHECK(mail.username.empty());
  CHECK(mail.password == Secret{});
  CHECK(mail.ca_file.empty());
  CHECK(mail.timeout_seconds == 30);
  CHECK(mail.connections == 2);
  CHECK(mail.batch_size == 50);
  CHECK(mail.html);
}

TEST_CASE("[mail] reads every SMTP key", "[config][mail]") {
  TempDir dir;
  const auto ca = dir.Write("ca.pem", "-----BEGIN CERTIFICATE-----\n");
  FakeSecretSource secrets;
  secrets.File(dir.path() / "secrets/smtp", kPassword);
  ConfigLoadResult result = LoadConfigString(R"(
[mail]
transport = "smtp"
url = "smtp://relay.example.gov.cn:587"
username = "duban@example.gov.cn"
password_file = "secrets/smtp"
ca_file = "ca.pem"
timeout_seconds = 600
connections = 32
batch_size = 1000
html = false
)" + std::string(kOffice),
                                             dir.path() / "duban.toml", LoadOptions{&secrets});
  INFO(Dump(result));
  REQUIRE(result.config);
  const MailConfig& mail = result.config->mail;
  CHECK(mail.transport == "smtp");
  CHECK(mail.url == "smtp://relay.example.gov.cn:587");
  CHECK(mail.username == "duban@example.gov.cn");
  // Relative paths resolve against the config file's directory.
  CHECK(mail.password.file == dir.path() / "secrets/smtp");
  CHECK(mail.password.env.empty());
  CHECK(mail.password.value == kPassword);
  CHECK(mail.ca_file == ca);
  CHECK(mail.timeout_seconds == 600);
  CHECK(mail.connections == 32);
  CHECK(mail.batch_size == 1000);
  CHECK_FALSE(mail.html);
  CHECK(result.warnings.empty());
}

TEST_CASE("[mail] password_env reads duband's environment", "[config][mail]") {
  ::setenv("DUBAN_TEST_SMTP_PASSWORD", kPassword, 1);
  ConfigLoadResult result = LoadConfigString(
      "[mail]\ntransport = \"smtp\"\nurl = \"smtps://mail.example.gov.cn:465\"\nusername = \"duban\"\n"
      "password_env = \"DUBAN_TEST_SMTP_PASSWORD\"\n",
      kConfigPath);
  ::unsetenv("DUBAN_TEST_SMTP_PASSWORD");
  INFO(Dump(result));
  REQUIRE(result.config);
  CHECK(result.config->mail.password.env == "DUBAN_TEST_SMTP_PASSWORD");
  CHECK(result.config->mail.password.value == kPassword);

  ConfigLoadResult missing = LoadConfigString(
      "[mail]\nusername = \"duban\"\npassword_env = \"DUBAN_TEST_SMTP_UNSET\"\n", kConfigPath);
  CheckError(OnlyError(missing), 3, 16, "mail.password_env",
             "environment variable DUBAN_TEST_SMTP_UNSET is not set");
}

TEST_CASE("transport must be file or smtp, and smtp needs a url", "[config][mail][errors]") {
  CheckError(OnlyMailError("[mail]\ntransport = \"sendmail\"\n"), 2, 13, "mail.transport",
             "\"sendmail\" is not a mail transport; use file or smtp");
  CheckError(OnlyMailError("[mail]\ntransport = \"smtp\"\n"), 2, 13, "mail.url",
             "missing required key \"url\" in [mail]: transport = \"smtp\" needs it");
  CheckError(OnlyMailError("[mail]\ntransport = \"smtp\"\nurl = \"\"\n"), 3, 7, "mail.url",
             "transport = \"smtp\" needs a url");
  // The file transport needs none.
  CHECK(LoadOkWith("[mail]\ntransport = \"file\"\n").mail.url.empty());
}

TEST_CASE("the SMTP url is smtp:// or smtps:// with a host, no credentials", "[config][mail][errors]") {
  CHECK(LoadOkWith("[mail]\ntransport = \"smtp\"\nurl = \"smtps://mail.example.gov.cn:465\"\n").mail.url ==
        "smtps://mail.example.gov.cn:465");
  CheckError(OnlyMailError("[mail]\nurl = \"https://mail.example.gov.cn\"\n"), 2, 7, "mail.url",
             "SMTP URL must start with smtp:// (STARTTLS, port 587) or smtps:// (TLS, port 465)");
  CheckError(OnlyMailError("[mail]\nurl = \"mail.example.gov.cn:25\"\n"), 2, 7, "mail.url",
             "SMTP URL is not a URL (scheme://host...)");
  CheckError(OnlyMailError("[mail]\nurl = \"smtps://:465\"\n"), 2, 7, "mail.url", "SMTP URL has no host");
  CheckError(OnlyMailError("[mail]\nurl = \"smtps://mail.example.gov.cn:99999\"\n"), 2, 7, "mail.url",
             "has an invalid port (1..65535)");
  CheckError(OnlyMailError("[mail]\nurl = \"smtps://mail.example.gov.cn\\r\\n:465\"\n"), 2, 7, "mail.url",
             "must not contain blanks or control characters");
  const ConfigError error = OnlyMailError("[mail]\nurl = \"smtps://duban:" + std::string(kPassword) +
                                          "@mail.example.gov.cn:465\"\n");
  CheckError(error, 2, 7, "mail.url", "must not carry a user name or password; use username and password_file");
  CHECK_THAT(error.ToString(), !Catch::Contains(kPassword));
}

TEST_CASE("starttls off is only for a relay on loopback", "[config][mail][errors]") {
  for (const char* url : {"smtp://127.0.0.1:25", "smtp://[::1]:25", "smtp://localhost", "smtp://LOCALHOST:2525"}) {
    INFO(url);
    const Config config = LoadOkWith(std::string("[mail]\ntransport = \"smtp\"\nurl = \"") + url +
                                     "\"\nstarttls = \"off\"\n");
    CHECK(config.mail.starttls == "off");
  }
  CheckError(OnlyMailError("[mail]\nurl = \"smtp://mail.example.gov.cn:25\"\nstarttls = \"off\"\n"), 3, 12,
             "mail.starttls",
             "starttls = \"off\" would send mail and the password in clear to mail.example.gov.cn; it is allowed "
             "only for a relay on loopback (127.0.0.1, ::1, localhost)");
  CheckError(OnlyMailError("[mail]\nurl = \"smtp://127.0.0.2\"\nstarttls = \"off\"\n"), 3, 12, "mail.starttls",
             "in clear to 127.0.0.2");
  CheckError(OnlyMailError("[mail]\nurl = \"smtps://127.0.0.1:465\"\nstarttls = \"off\"\n"), 3, 12,
             "mail.starttls", "starttls applies to smtp:// URLs only");
  CheckError(OnlyMailError("[mail]\nstarttls = \"optional\"\n"), 2, 12, "mail.starttls",
             "\"optional\" is not a starttls mode; use required or off");
}

TEST_CASE("a password written in the config is refused without echoing it", "[config][mail][errors]") {
  ConfigLoadResult result = LoadWith(std::string("[mail]\nusername = \"duban\"\npassword = \"") + kPassword + "\"\n",
                                     Secrets());
  INFO(Dump(result));
  REQUIRE_FALSE(result.config);
  // Only the refusal: not also "the username needs a password".
  REQUIRE(result.errors.size() == 1);
  CheckError(result.errors[0], 3, 12, "mail.password",
             "secrets are never written in the config file; put the password in a file readable only by duband "
             "and write password_file = \"/etc/duban/...\", or pass it in an environment variable and write "
             "password_env = \"NAME\"");
  CheckNoPassword(result);
}

TEST_CASE("username and password come together, from a file or the environment, not both",
          "[config][mail][errors]") {
  CheckError(OnlyMailError("[mail]\npassword_file = \"/etc/duban/smtp-password\"\n"), 2, 17, "mail.password_file",
             "a password needs a username to log in with; set username");
  CheckError(OnlyMailError("[mail]\npassword_env = \"DUBAN_SMTP_PASSWORD\"\nusername = \"\"\n"), 2, 16,
             "mail.password_env", "a password needs a username");
  CheckError(OnlyMailError("[mail]\nusername = \"duban\"\n"), 2, 12, "mail.username",
             "username \"duban\" needs a password: set password_file or password_env");
  CheckError(OnlyMailError("[mail]\nusername = \"duban\"\npassword_file = \"/etc/duban/smtp-password\"\n"
                           "password_env = \"DUBAN_SMTP_PASSWORD\"\n"),
             4, 16, "mail.password_env", "give either password_file or password_env, not both");
  CheckError(OnlyMailError("[mail]\nusername = \"duban\"\npassword_env = \"pa55 word\"\n"), 3, 16,
             "mail.password_env", "is not an environment variable name");
  CheckError(OnlyMailError("[mail]\nusername = \"du\\nban\"\n"), 2, 12, "mail.username",
             "username contains a line feed");
  const Config config = LoadOkWith("[mail]\nusername = \"duban\"\npassword_env = \"DUBAN_SMTP_PASSWORD\"\n");
  CHECK(config.mail.password == Secret{"", "DUBAN_SMTP_PASSWORD", kPassword});
}

TEST_CASE("an unreadable password file is an error at password_file naming the file", "[config][mail][errors]") {
  TempDir dir;
  const auto config_path = dir.path() / "duban.toml";
  const std::string toml = "[mail]\nusername = \"duban\"\npassword_file = \"smtp-password\"\n";
  const auto secret = dir.path() / "smtp-password";

  ConfigError error = OnlyError(LoadConfigString(toml, config_path));
  CHECK(error.line == 3);
  CHECK(error.column == 17);
  CHECK(error.field == "mail.password_file");
  CHECK(error.message == "secret file " + secret.string() + " does not exist");

  dir.Write("smtp-password", std::string(kPassword) + "\n");
  REQUIRE(::chmod(secret.c_str(), 0644) == 0);
  ConfigLoadResult result = LoadConfigString(toml, config_path);
  error = OnlyError(result);
  CHECK(error.field == "mail.password_file");
  CHECK(error.message == "secret file " + secret.string() + " is readable by others (mode 0644); run chmod o-r " +
                             secret.string());
  CheckNoPassword(result);

  REQUIRE(::chmod(secret.c_str(), 0640) == 0);
  result = LoadConfigString(toml, config_path);
  INFO(Dump(result));
  REQUIRE(result.config);
  CHECK(result.config->mail.password.value == kPassword);
}

TEST_CASE("[mail] limits and ca_file are checked", "[config][mail][errors]") {
  CheckError(OnlyMailError("[mail]\ntimeout_seconds = 0\n"), 2, 19, "mail.timeout_seconds",
             "must be between 1 and 600, got 0");
  CheckError(OnlyMailError("[mail]\ntimeout_seconds = 601\n"), 2, 19, "mail.timeout_seconds",
             "must be between 1 and 600, got 601");
  CheckError(OnlyMailError("[mail]\nconnections = 33\n"), 2, 15, "mail.connections", "must be between 1 and 32, got 33");
  CheckError(OnlyMailError("[mail]\nconnections = 0\n"), 2, 15, "mail.connections", "must be between 1 and 32");
  CheckError(OnlyMailError("[mail]\nbatch_size = 1001\n"), 2, 14, "mail.batch_size",
             "must be between 1 and 1000, got 1001");
  CheckError(OnlyMailError("[mail]\nhtml = \"yes\"\n"), 2, 8, "mail.html", "expected a boolean");
  CheckError(OnlyMailError("[mail]\nca_file = \"/nonexistent/ca.pem\"\n"), 2, 11, "mail.ca_file",
             "CA file /nonexistent/ca.pem does not exist");
  CheckError(OnlyMailError("[mail]\nca_file = \"/etc\"\n"), 2, 11, "mail.ca_file", "CA file /etc is not a regular file");
  CheckError(OnlyMailError("[mail]\nbatch = 5\n"), 2, 1, "mail.batch", "unknown key \"batch\" in [mail]");
  CheckError(OnlyMailError("[mail]\npasword_file = \"x\"\n"), 2, 1, "mail.pasword_file",
             "did you mean \"password_file\"?");
}

TEST_CASE("from is an address or Name <address>, with no control characters", "[config][mail][errors]") {
  CHECK(LoadOkWith("[mail]\nfrom = \"督办 <d@example.gov.cn>\"\n").mail.from == "督办 <d@example.gov.cn>");
  CHECK(LoadOkWith("[mail]\nfrom = \"d@example.gov.cn\"\n").mail.from == "d@example.gov.cn");
  CheckError(OnlyMailError("[mail]\nfrom = \"督办\\r\\nBcc: x@evil.example <d@example.gov.cn>\"\n"), 2, 8, "mail.from",
             "contains a carriage return (U+000D)");
  CheckError(OnlyMailError("[mail]\nfrom = \"督办\\u0085 <d@example.gov.cn>\"\n"), 2, 8, "mail.from",
             "contains a control character (U+0085)");
}

TEST_CASE("SMTP without a username warns unless the server is on loopback", "[config][mail]") {
  ConfigLoadResult result =
      LoadWith("[mail]\ntransport = \"smtp\"\nurl = \"smtp://mail.example.gov.cn:587\"\n" + std::string(kOffice), Secrets());
  INFO(Dump(result));
  REQUIRE(result.config);
  REQUIRE(result.warnings.size() == 1);
  CheckError(result.warnings[0], 3, 7, "mail.url",
             "mail goes to mail.example.gov.cn without logging in (username is not set)");

  result = LoadWith("[mail]\ntransport = \"smtp\"\nurl = \"smtp://127.0.0.1:2525\"\nstarttls = \"off\"\n" +
                        std::string(kOffice),
                    Secrets());
  REQUIRE(result.config);
  CHECK(result.warnings.empty());
  // The file transport never logs in anywhere.
  result = LoadWith("[mail]\nurl = \"smtp://mail.example.gov.cn:587\"\n" + std::string(kOffice), Secrets());
  REQUIRE(result.config);
  CHECK(result.warnings.empty());
}

}  // namespace
}  // namespace duban
