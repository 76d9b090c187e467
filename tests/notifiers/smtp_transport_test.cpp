// SmtpTransport against a real SMTP server on loopback (tests/servers/smtp_server.py,
// aiosmtpd): TLS, AUTH, replies, connection reuse, and what arrived, decoded by Python.
#include "notifiers/smtp_transport.h"

#include <catch2/catch.hpp>

#include "notifiers/curl_global.h"
#include "tests/notifiers/email_test_util.h"

namespace duban {
namespace {

using email_test::DecodeEmailFile;
using email_test::SampleMessage;
using email_test::ScratchDir;
using email_test::SmtpServer;
using email_test::TestCertificate;

constexpr const char* kUser = "duban";
constexpr const char* kPassword = "s3cret:督办";

std::vector<std::string> TlsFlags(const std::string& mode) {
  return {mode, "--tls-cert", TestCertificate().cert, "--tls-key", TestCertificate().key};
}

std::vector<std::string> AuthFlags() {
  return {"--auth-user", kUser, "--auth-password", kPassword};
}

std::vector<std::string> Flags(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

MailConfig Config(const std::string& url) {
  MailConfig config;
  config.transport = "smtp";
  config.url = url;
  config.from = "督办系统 <duban@example.gov.cn>";
  config.ca_file = TestCertificate().cert;
  config.timeout_seconds = 10;
  return config;
}

MailConfig AuthConfig(const std::string& url) {
  MailConfig config = Config(url);
  config.username = kUser;
  config.password.value = kPassword;
  return config;
}

std::unique_ptr<SmtpTransport> Transport(const MailConfig& config) {
  Result<std::unique_ptr<SmtpTransport>> transport = SmtpTransport::Create(config);
  INFO(transport.status().message());
  REQUIRE(transport.ok());
  return std::move(transport).value();
}

std::vector<Message> Batch(int n) {
  std::vector<Message> batch;
  for (int i = 1; i <= n; ++i) {
    Message message = SampleMessage(i);
    message.target = "agency" + std::to_string(i) + "@example.gov.cn";
    batch.push_back(message);
  }
  return batch;
}

TEST_CASE("SmtpTransport: STARTTLS and AUTH, and what arrived", "[smtp_transport][python]") {
  CurlGlobal curl;
  ScratchDir scratch;
  SmtpServer server(scratch, Flags(TlsFlags("--starttls"), AuthFlags()));
  auto transport = Transport(AuthConfig(server.Url()));
  Message message = SampleMessage();

  std::vector<DeliveryOutcome> outcomes = transport->Send({message}, 0);
  REQUIRE(outcomes.size() == 1);
  INFO(outcomes[0].error);
  CHECK(outcomes[0].kind == OutcomeKind::kSent);
  CHECK(outcomes[0].response == "250 2.0.0 Ok: queued as 000001");

  std::vector<std::filesystem::path> arrived = server.Messages();
  REQUIRE(arrived.size() == 1);
  nlohmann::json envelope = server.Envelope(arrived[0]);
  CHECK(envelope["tls"] == true);
  CHECK(envelope["auth_user"] == kUser);
  CHECK(envelope["mail_from"] == "duban@example.gov.cn");
  CHECK(envelope["rcpt_tos"] == nlohmann::json::array({"fgw@example.gov.cn"}));
  // Byte for byte what the mail folder would write.
  CHECK(email_test::ReadFile(arrived[0]) ==
        *BuildEmail(message, EmailAddress{"督办系统", "duban@example.gov.cn"}));

  nlohmann::json d = DecodeEmailFile(arrived[0]);
  INFO(d.dump());
  CHECK(d["defects"].empty());
  CHECK(d["subject"] == message.subject);
  CHECK(d["from_name"] == "督办系统");
  CHECK(d["to_name"] == "省发改委");
  CHECK(d["to_addr"] == "fgw@example.gov.cn");
  CHECK(d["message_id"] == MessageIdFor(message.key, "example.gov.cn"));
  CHECK(d["in_reply_to"] == ThreadIdFor(message.thread, "example.gov.cn"));
  CHECK(d["references"] == ThreadIdFor(message.thread, "example.gov.cn"));
  CHECK(d["date_epoch"] == message.created_at);
  CHECK(d["text"] == message.text);
  CHECK(d["html"] == message.html);
  // The login happened after STARTTLS, never in clear.
  std::vector<nlohmann::json> ehlos = server.Events("ehlo");
  REQUIRE(ehlos.size() == 2);
  CHECK(ehlos[0]["tls"] == false);
  CHECK(ehlos[1]["tls"] == true);
}

TEST_CASE("SmtpTransport: a wrong password is permanent and sends nothing", "[smtp_transport]") {
  CurlGlobal curl;
  ScratchDir scratch;
  SmtpServer server(scratch, Flags(TlsFlags("--starttls"), AuthFlags()));
  MailConfig config = AuthConfig(server.Url());
  config.password.value = "wrong";
  DeliveryOutcome outcome = Transport(config)->Send({SampleMessage()}, 0).at(0);
  CHECK(outcome.kind == OutcomeKind::kPermanent);
  CHECK(outcome.error.find("wrong") == std::string::npos);  // the password is not repeated
  CHECK(server.Messages().empty());
  std::vector<nlohmann::json> auths = server.Events("auth");
  REQUIRE_FALSE(auths.empty());
  CHECK(auths[0]["ok"] == false);
}

TEST_CASE("SmtpTransport: STARTTLS required but not offered sends nothing in clear",
          "[smtp_transport]") {
  CurlGlobal curl;
  ScratchDir scratch;
  SmtpServer server(scratch, {});  // plain SMTP, no STARTTLS
  DeliveryOutcome outcome = Transport(Config(server.Url()))->Send({SampleMessage()}, 0).at(0);
  INFO(outcome.error);
  CHECK(outcome.kind == OutcomeKind::kPermanent);
  CHECK_THAT(outcome.error, Catch::Contains("STARTTLS"));
  CHECK(server.Messages().empty());
  CHECK(server.Events("rcpt").empty());  // not even the envelope went out
  CHECK(server.Events("ehlo").size() == 1);
}

TEST_CASE("SmtpTransport: starttls = off talks plain SMTP", "[smtp_transport]") {
  CurlGlobal curl;
  ScratchDir scratch;
  SmtpServer server(scratch, {});
  MailConfig config = Config(server.Url());
  config.starttls = "off";
  DeliveryOutcome outcome = Transport(config)->Send({SampleMessage()}, 0).at(0);
  INFO(outcome.error);
  CHECK(outcome.kind == OutcomeKind::kSent);
  REQUIRE(server.Messages().size() == 1);
  CHECK(server.Envelope(server.Messages()[0])["tls"] == false);
}

TEST_CASE("SmtpTransport: a certificate that does not verify is permanent", "[smtp_transport]") {
  CurlGlobal curl;
  ScratchDir scratch;
  SmtpServer server(scratch, TlsFlags("--starttls"));
  MailConfig config = Config(server.Url());
  config.ca_file.clear();  // the system's CA store does not know the test certificate
  DeliveryOutcome outcome = Transport(config)->Send({SampleMessage()}, 0).at(0);
  INFO(outcome.error);
  CHECK(outcome.kind == OutcomeKind::kPermanent);
  CHECK_THAT(outcome.error, Catch::Contains("certificate"));
  CHECK(server.Messages().empty());
}

TEST_CASE("SmtpTransport: 550 is permanent, 451 retryable, the batch goes on",
          "[smtp_transport]") {
  CurlGlobal curl;
  ScratchDir scratch;
  std::vector<Message> batch = Batch(5);
  SmtpServer server(scratch, Flags(TlsFlags("--starttls"),
                                   {"--reject", batch[1].target + "=550", "--reject",
                                    batch[3].target + "=451"}));
  std::vector<DeliveryOutcome> outcomes = Transport(Config(server.Url()))->Send(batch, 0);
  REQUIRE(outcomes.size() == 5);
  CHECK(outcomes[0].kind == OutcomeKind::kSent);
  CHECK(outcomes[1].kind == OutcomeKind::kPermanent);
  CHECK_THAT(outcomes[1].error, Catch::StartsWith("SMTP 550") && Catch::Contains("user unknown"));
  CHECK(outcomes[2].kind == OutcomeKind::kSent);
  CHECK(outcomes[3].kind == OutcomeKind::kRetryable);
  CHECK_THAT(outcomes[3].error, Catch::StartsWith("SMTP 451"));
  CHECK(outcomes[4].kind == OutcomeKind::kSent);

  std::vector<std::filesystem::path> arrived = server.Messages();
  REQUIRE(arrived.size() == 3);
  CHECK(server.Envelope(arrived[0])["rcpt_tos"][0] == batch[0].target);
  CHECK(server.Envelope(arrived[1])["rcpt_tos"][0] == batch[2].target);
  CHECK(server.Envelope(arrived[2])["rcpt_tos"][0] == batch[4].target);
  // A refused transfer drops its session: the next message opens a fresh one.
  CHECK(server.Events("connect").size() == 3);
}

TEST_CASE("SmtpTransport: nothing listening is retryable", "[smtp_transport]") {
  CurlGlobal curl;
  email_test::DeadPort dead;
  MailConfig config = Config("smtp://127.0.0.1:" + std::to_string(dead.port()));
  std::vector<DeliveryOutcome> outcomes = Transport(config)->Send(Batch(2), 0);
  REQUIRE(outcomes.size() == 2);
  for (const DeliveryOutcome& outcome : outcomes) {
    CHECK(outcome.kind == OutcomeKind::kRetryable);
    CHECK_THAT(outcome.error, Catch::Contains("connect"));
  }
}

TEST_CASE("SmtpTransport: an outage that mends, each message once", "[smtp_transport]") {
  CurlGlobal curl;
  ScratchDir scratch;
  SmtpServer server(scratch, Flags(TlsFlags("--starttls"), {"--fail-first", "2"}));
  auto transport = Transport(Config(server.Url()));
  std::vector<Message> batch = Batch(3);
  std::vector<DeliveryOutcome> first = transport->Send(batch, 0);
  REQUIRE(first.size() == 3);
  CHECK(first[0].kind == OutcomeKind::kRetryable);
  CHECK(first[1].kind == OutcomeKind::kRetryable);
  CHECK(first[2].kind == OutcomeKind::kSent);
  std::vector<DeliveryOutcome> second = transport->Send({batch[0], batch[1]}, 60000);
  CHECK(second.at(0).kind == OutcomeKind::kSent);
  CHECK(second.at(1).kind == OutcomeKind::kSent);
  std::vector<std::string> ids;
  for (const std::filesystem::path& file : server.Messages()) {
    ids.push_back(DecodeEmailFile(file)["message_id"]);
  }
  std::sort(ids.begin(), ids.end());
  std::vector<std::string> expected;
  for (const Message& m : batch) expected.push_back(MessageIdFor(m.key, "example.gov.cn"));
  std::sort(expected.begin(), expected.end());
  CHECK(ids == expected);
}

TEST_CASE("SmtpTransport: a batch goes over one connection, kept for the next batch",
          "[smtp_transport]") {
  CurlGlobal curl;
  ScratchDir scratch;
  SmtpServer server(scratch, Flags(TlsFlags("--starttls"), AuthFlags()));
  auto transport = Transport(AuthConfig(server.Url()));
  std::vector<DeliveryOutcome> outcomes = transport->Send(Batch(20), 0);
  REQUIRE(outcomes.size() == 20);
  for (const DeliveryOutcome& outcome : outcomes) CHECK(outcome.kind == OutcomeKind::kSent);
  std::vector<DeliveryOutcome> more = transport->Send(Batch(3), 1000);
  for (const DeliveryOutcome& outcome : more) CHECK(outcome.kind == OutcomeKind::kSent);

  CHECK(server.Messages().size() == 23);
  CHECK(server.Events("connect").size() == 1);
  CHECK(server.Events("auth").size() == 1);
  CHECK(server.Events("ehlo").size() == 2);  // before and after STARTTLS, once
  for (const nlohmann::json& message : server.Events("message")) CHECK(message["session"] == 1);
}

TEST_CASE("SmtpTransport: a session the server closed while idle is replaced",
          "[smtp_transport]") {
  CurlGlobal curl;
  ScratchDir scratch;
  SmtpServer server(scratch, Flags(TlsFlags("--starttls"), {"--idle-timeout", "0.3"}));
  auto transport = Transport(Config(server.Url()));
  REQUIRE(transport->Send({SampleMessage(1)}, 0).at(0).kind == OutcomeKind::kSent);
  // Over TLS the server's close is a close_notify the idle client has not read: the
  // socket still looks alive to libcurl, and the next message finds it closed.
  REQUIRE(server.AwaitEvents("idle-timeout", 1));
  DeliveryOutcome outcome = transport->Send({SampleMessage(2)}, 5000).at(0);
  INFO(outcome.error);
  CHECK(outcome.kind == OutcomeKind::kSent);
  CHECK(server.Messages().size() == 2);
  CHECK(server.Events("connect").size() == 2);
}

TEST_CASE("SmtpTransport: smtps:// is TLS from the first byte", "[smtp_transport]") {
  CurlGlobal curl;
  ScratchDir scratch;
  SmtpServer server(scratch, Flags(TlsFlags("--implicit-tls"), AuthFlags()));
  auto transport = Transport(AuthConfig(server.Url("smtps")));
  std::vector<DeliveryOutcome> outcomes = transport->Send(Batch(2), 0);
  for (const DeliveryOutcome& outcome : outcomes) {
    INFO(outcome.error);
    CHECK(outcome.kind == OutcomeKind::kSent);
  }
  REQUIRE(server.Messages().size() == 2);
  CHECK(server.Envelope(server.Messages()[0])["tls"] == true);
  CHECK(server.Envelope(server.Messages()[0])["auth_user"] == kUser);
  CHECK(server.Events("connect").size() == 1);

  // The same server spoken to in clear gets nothing.
  MailConfig plain = AuthConfig(server.Url("smtp"));
  plain.timeout_seconds = 1;
  CHECK(Transport(plain)->Send({SampleMessage()}, 0).at(0).kind != OutcomeKind::kSent);
  CHECK(server.Messages().size() == 2);
}

TEST_CASE("SmtpTransport: a message with a bad target never reaches the network",
          "[smtp_transport]") {
  CurlGlobal curl;
  ScratchDir scratch;
  SmtpServer server(scratch, TlsFlags("--starttls"));
  Message message = SampleMessage();
  message.target = "fgw@example.gov.cn>\r\nRCPT TO:<evil@x.cn";
  DeliveryOutcome outcome = Transport(Config(server.Url()))->Send({message}, 0).at(0);
  CHECK(outcome.kind == OutcomeKind::kPermanent);
  CHECK_THAT(outcome.error, Catch::StartsWith("email target: "));
  CHECK(server.Events("connect").empty());
}

TEST_CASE("SmtpTransport::Create: the [mail] keys it needs", "[smtp_transport]") {
  auto error = [](const MailConfig& config) {
    Result<std::unique_ptr<SmtpTransport>> made = SmtpTransport::Create(config);
    REQUIRE_FALSE(made.ok());
    return made.status().message();
  };
  MailConfig config = Config("smtp://mail.example.gov.cn:587");
  CHECK(SmtpTransport::Create(config).ok());
  CHECK(SmtpTransport::Create(Config("SMTPS://mail.example.gov.cn")).ok());
  CHECK_THAT(error(Config("https://mail.example.gov.cn")), Catch::StartsWith("[mail] url: "));
  CHECK_THAT(error(Config("mail.example.gov.cn")), Catch::StartsWith("[mail] url: "));
  CHECK_THAT(error(Config("smtp://mail.example.gov.cn\r\n")), Catch::StartsWith("[mail] url: "));
  MailConfig starttls = config;
  starttls.starttls = "maybe";
  CHECK_THAT(error(starttls), Catch::StartsWith("[mail] starttls: "));
  MailConfig from = config;
  from.from = "duban@example.gov.cn\r\nBcc: x@y.cn";
  CHECK_THAT(error(from), Catch::StartsWith("[mail] from: "));
  MailConfig user = config;
  user.username = "duban";
  CHECK_THAT(error(user), Catch::StartsWith("[mail] username: ") && Catch::Contains("password"));
}

}  // namespace
}  // namespace duban
